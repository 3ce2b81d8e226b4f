import Foundation

/// Chooses each subject's track for a clip from its action, its direction and the shot's seed: the seed draws a
/// take (cadence within the action's range, path curvature, when a turn starts), as a video model's seed would.
enum MotionPlanner {
    static func tracks(for layout: SketchLayout, scene: ResolvedScene, seed: UInt32, drawingsPerSecond: Int) -> [SubjectTrack] {
        var tracks = layout.subjects.enumerated().map { j, subject in
            // One stream per subject, so adding a subject leaves the others' takes as they were.
            var rng = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(j + 1) &* 0xD1B5_4A32_D192_ED03 ^ 0x6D6F_7469_6F6E)
            let direction = j < scene.subjects.count ? scene.subjects[j].direction : nil
            return track(subject, direction: direction, rng: &rng, rate: Double(drawingsPerSecond))
        }
        // A held thing goes where its holder goes: the holder's travel, without its gait or turn.
        for (j, subject) in scene.subjects.enumerated() where j < tracks.count {
            guard let relation = subject.relation, relation.kind == .holding, relation.target < tracks.count, relation.target != j else { continue }
            var carried = SubjectTrack()
            let holder = tracks[j]
            (carried.speed, carried.heading, carried.bend, carried.stopAt) = (holder.speed, holder.heading, holder.bend, holder.stopAt)
            (carried.bob, carried.bobDrawings) = (holder.bob, holder.bobDrawings)
            tracks[relation.target] = carried
        }
        return tracks
    }

    static func track(_ s: LaidOutSubject, direction: MotionDirection?, rng: inout SplitMix64, rate: Double) -> SubjectTrack {
        var track = SubjectTrack()
        guard let action = s.action else { return track }
        /// A whole number of drawings per cycle (at least two), so cycles repeat exactly.
        func cycle(_ seconds: ClosedRange<Double>) -> Double {
            max(2, (rng.uniform(seconds.lowerBound, seconds.upperBound) * rate).rounded())
        }
        let height = s.kind.size.height * s.scale
        switch s.kind.category {
        case .human:
            if let gait = Gait.human(action, height: height) {
                track.cycleDrawings = cycle(gait.cycleSeconds)
                travel(&track, s, direction, lateralSpeed: gait.stride / (track.cycleDrawings / rate), rng: &rng, rate: rate)
            } else if action == .waving {
                track.cycleDrawings = cycle(0.5...0.7)
            } else if action == .jumping {
                track.cycleDrawings = cycle(1.0...1.3)
            } else if action == .turning {
                turn(&track, rng: &rng)
            }
        case .animal:
            if s.kind == .bird {
                guard action == .flying || action == .running || action == .walking else { break }
                // Slow, soaring flight as boards show it: the bird stays in frame for a beat.
                track.cycleDrawings = cycle(0.38...0.5)
                track.bob = 0.08 * height / 0.25
                track.bobDrawings = track.cycleDrawings * 4
                travel(&track, s, direction, lateralSpeed: rng.uniform(1.6, 2.4), rng: &rng, rate: rate)
            } else if let gait = Gait.quadruped(s.kind, action, leg: AnimalPainter.legLength(s)) {
                track.cycleDrawings = cycle(gait.cycleSeconds)
                travel(&track, s, direction, lateralSpeed: gait.stride / (track.cycleDrawings / rate), rng: &rng, rate: rate)
            } else if action == .turning {
                turn(&track, rng: &rng)
            }
        case .vehicle:
            guard [.running, .walking, .trotting, .galloping].contains(action) || (s.kind.isAircraft && action == .flying) else { break }
            let speed: Double
            switch s.kind {
            case .plane: speed = rng.uniform(40, 60)
            case .helicopter: speed = rng.uniform(15, 25)
            case .bicycle: speed = rng.uniform(4, 7)
            case .boat: speed = rng.uniform(3, 6)
            case .truck: speed = rng.uniform(6, 10)
            case .motorcycle: speed = rng.uniform(10, 16)
            default: speed = rng.uniform(8, 14)
            }
            travel(&track, s, direction, lateralSpeed: speed, rng: &rng, rate: rate)
            // Wheels roll without slipping: one turn per circumference travelled.
            let radius = VehiclePainter.wheelRadius(s)
            if radius > 0 { track.cycleDrawings = 2 * .pi * radius / (track.speed / rate) }
        default:
            break
        }
        return track
    }

    /// Sets speed and heading: across the frame the way the subject faces, or diagonally in depth (three-quarter on,
    /// so the feet still travel with the ground across the screen), stopping short of the camera when approaching.
    static func travel(_ track: inout SubjectTrack, _ s: LaidOutSubject, _ direction: MotionDirection?, lateralSpeed: Double,
                       rng: inout SplitMix64, rate: Double) {
        let side: Double = s.facing < 0 ? -1 : 1
        switch direction {
        case .towardsCamera?, .awayFromCamera?:
            let angle = Framing.approachAngle
            let towards = direction == .towardsCamera
            track.heading = side > 0 ? (towards ? -angle : angle) : (towards ? .pi + angle : .pi - angle)
            track.speed = lateralSpeed / cos(angle)
            if towards {
                let nearest = max(0.3, s.z / Framing.approachStart)
                let approach = -track.speed * sin(track.heading)
                if approach > 0 { track.stopAt = max(1, ((s.z - nearest) / approach * rate).rounded(.down)) }
            }
        default:
            track.heading = side > 0 ? 0 : .pi
            track.speed = lateralSpeed
            track.bend = rng.uniform(-0.05, 0.05)
        }
    }

    /// A turn to the camera: starts a moment into the shot and eases over about half a second.
    static func turn(_ track: inout SubjectTrack, rng: inout SplitMix64) {
        track.turnStart = rng.uniform(0.25, 0.6)
        track.turnSeconds = rng.uniform(0.45, 0.7)
        track.turnTo = 0
    }
}
