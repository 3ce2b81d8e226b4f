import Foundation

/// Turns a latent into a `SketchLayout`: places the camera so the primary subject fills the frame as the shot size
/// asks (a full shot shows a whole figure, a close-up a face), aims it by the angle, and sets the rest in the world.
struct Framing {
    let scene: ResolvedScene
    let schema: LatentSchema

    func layout(latent: [Float], width: Int, height: Int) -> SketchLayout {
        func g(_ dim: LatentSchema.Global) -> Double { Double(latent[schema.index(dim)]) }
        func p(_ dim: LatentSchema.PerSubject, _ j: Int) -> Double { Double(latent[schema.index(dim, subject: j)]) }
        let aspect = Double(width) / Double(height)
        let primary = scene.subjects.first
        let primaryScale = primary == nil ? 1 : 1 + 0.08 * clamp(p(.scale, 0), -1.5, 1.5)
        let seated = Framing.seatedHumans(scene)
        let primaryPosture = primary.flatMap { seated[0] ?? $0.action }
        var primaryHeight = (primary.map { Framing.framedHeight($0.kind) } ?? 1.7) * primaryScale
        if scene.angle == .overhead, let primary {
            // From above, what must fit is the footprint.
            primaryHeight = max(primaryHeight, primary.kind.size.length * primaryScale)
        }
        let isFigure = primary.map { [.human, .animal].contains($0.kind.category) } ?? true
        let isLarge = primary.map { [.structure, .nature].contains($0.kind.category) } ?? false

        let fov = (Framing.fieldOfView(scene.shotSize) + 3 * clamp(g(.lens), -1, 1)) * .pi / 180
        var fill = Framing.fill(scene.shotSize, figure: isFigure, large: isLarge)
        if primary?.kind.category == .animal {
            // An animal's close-up is its head, which is a smaller part of it than a face is of a person.
            fill = min(fill, scene.shotSize == .extremeCloseUp ? 4.5 : 2.5)
        }
        let distance = primaryHeight / (fill * 2 * tan(fov / 2))
        let focal = (Double(height) / 2) / tan(fov / 2)
        var primaryElevation = Framing.elevation(of: 0, in: scene)
        // On the furniture: lying on the seat, or jumping on it.
        if primaryPosture == .lying && seated[0] != nil { primaryElevation += 0.45 }
        if primaryPosture == .jumping && seated[0] != nil { primaryElevation += 0.45 + 0.22 * primaryHeight }
        var focusFraction = isFigure ? 0.93 : 0.5
        if primary?.kind.category == .human, primaryPosture == .sitting { focusFraction = 0.68 }
        if primary?.kind.category == .human, primaryPosture == .lying { focusFraction = 0.35 }
        if primary?.kind.category == .animal { focusFraction = 0.85 }
        let focusY = primaryElevation + focusFraction * primaryHeight

        // Primary subject on a third line (or centred), in world metres at its distance.
        let composition = clamp(g(.composition), -1.2, 1.2)
        var pose = CameraPose(height: 1.6, pitch: 0, fieldOfView: fov)
        let isClose = [.medium, .mediumCloseUp, .closeUp, .extremeCloseUp].contains(scene.shotSize)
        switch scene.angle {
        case .eyeLevel, .overTheShoulder, .dutch:
            pose.height = isClose || primaryHeight < 1.2 ? max(0.15, focusY) : max(1.5, focusY * 0.8)
        case .low:
            pose.height = max(0.12, focusY * 0.25)
        case .high:
            pose.height = focusY + distance * tan(35 * .pi / 180)
        case .overhead:
            pose.height = primaryElevation + primaryHeight + distance
            pose.pitch = -.pi / 2
        }
        if scene.angle != .overhead {
            // Close shots aim the eyes (or the object's centre) at the upper third; a full shot centres the whole
            // subject; wider shots compose on the horizon.
            let aimY = scene.shotSize == .full ? primaryElevation + 0.5 * primaryHeight : focusY
            let angleToFocus = atan((aimY - pose.height) / distance)
            let target: Double
            if isClose && !isFigure && scene.shotSize != .extremeCloseUp {
                // A thing in close-up is shown whole, a little above centre, with the surface it stands on below it.
                target = Double(height) * 0.42
            } else if isClose {
                target = Double(height) / 3
            } else if scene.shotSize == .full {
                target = Double(height) * 0.5
            } else if scene.setting.isInterior {
                // Rooms read from a little above: floor and back wall both in frame.
                target = Double(height) * (0.42 + 0.04 * clamp(g(.horizon), -1, 1))
            } else {
                target = Double(height) * (0.5 + 0.12 * clamp(g(.horizon), -1, 1))
            }
            pose.pitch = angleToFocus - atan((Double(height) / 2 - target) / focal)
            if (scene.shotSize == .wide || scene.shotSize == .extremeWide) && !scene.setting.isInterior {
                // Wide frames compose on the horizon: sky-heavy or ground-heavy per variant.
                pose.pitch += 0.06 * clamp(g(.horizon), -1, 1)
            }
            if scene.angle == .low { pose.pitch = max(pose.pitch, 0.12) }
            if scene.angle == .dutch { pose.roll = (g(.sideChoice) < 0 ? -1 : 1) * 12 * .pi / 180 }
        }

        var subjects: [LaidOutSubject] = []
        let halfWidthAt = { (z: Double) in z * tan(fov / 2) * aspect }
        for (j, subject) in scene.subjects.enumerated() {
            let scale = 1 + 0.08 * clamp(p(.scale, j), -1.5, 1.5)
            var x: Double, z: Double
            if scene.angle == .overhead {
                let span = (pose.height - primaryElevation) * tan(fov / 2)
                z = j == 0 ? 0 : clamp(p(.depth, j), -1.2, 1.2) * span * 0.7
                x = (j == 0 ? composition / 3 : clamp(p(.x, j), -1.2, 1.2) * 0.75) * span * aspect
            } else if j == 0 {
                z = distance
                x = composition * (Double(width) / 6) / focal * z
                if subject.direction == .towardsCamera {
                    // Coming towards the camera, it starts farther off, on the side it comes from, so that it
                    // arrives at the shot's framing.
                    z = distance * Framing.approachStart
                    x -= (p(.facing, 0) < 0 ? -1 : 1) * (z - distance) / tan(Framing.approachAngle)
                }
                if subject.kind.category == .animal && isClose {
                    // Close on an animal means close on its head, which sits ahead of its body.
                    let facing: Double = p(.facing, 0) < 0 ? -1 : 1
                    x -= facing * 0.52 * primaryHeight
                }
            } else {
                z = distance * pow(2, 1.4 * clamp(p(.depth, j), -1.2, 1.2))
                if isClose { z = max(z, distance * 0.7) }
                if subject.direction == .towardsCamera { z *= Framing.approachStart }
                x = clamp(p(.x, j), -1.2, 1.2) * halfWidthAt(z) * 0.8
            }
            var elevation = Framing.elevation(of: j, in: scene)
            if elevation > 0, subject.relation == nil, let tableIndex = scene.subjects.firstIndex(where: { $0.kind == .table }), tableIndex < subjects.count {
                // Small things stand on the table drawn before them.
                let table = subjects[tableIndex]
                x = table.x + 0.3 * clamp(p(.x, j), -1, 1)
                z = table.z - 0.05
                elevation = SubjectKind.table.size.height * table.scale
            }
            var phase = (clamp(p(.phase, j), -1, 1) + 1) / 2 * 0.999
            // A board shows a jump in the air: the key drawing's phase is in the flight part of the cycle.
            if subject.action == .jumping && seated[j] == nil { phase = 0.32 + 0.36 * phase }
            subjects.append(LaidOutSubject(
                kind: subject.kind, label: subject.label ?? subject.noun, colour: subject.colour, action: subject.action,
                x: x, z: z, elevation: elevation, facing: clamp(p(.facing, j), -1, 1),
                phase: phase, scale: scale, isPrimary: j == 0))
        }

        Framing.seat(&subjects, scene: scene, seated: seated)
        SubjectArrangement.arrangeGroups(&subjects, scene: scene, seated: seated)
        SubjectArrangement.relate(&subjects, scene: scene, seated: seated)

        return SketchLayout(
            setting: scene.setting, timeOfDay: scene.timeOfDay, shotSize: scene.shotSize, angle: scene.angle,
            camera: pose, sunX: clamp(g(.sunX), -1, 1), sunElevation: (clamp(g(.sunElevation), -1, 1) + 1) / 2,
            backdrop: [g(.backdrop0), g(.backdrop1), g(.backdrop2), g(.backdrop3)].map { clamp($0, -1, 1) },
            subjects: subjects,
            overShoulderSide: scene.angle == .overTheShoulder ? (g(.sideChoice) < 0 ? -1 : 1) : nil,
            lightFromLeft: g(.lightSide) < 0)
    }

    /// People who sit, lie or jump on a piece of seating furniture in the scene, by subject index, with their posture.
    /// A person with no action in a scene with a sofa, armchair, chair or bed is taken to be sitting on it.
    static func seatedHumans(_ scene: ResolvedScene) -> [Int: SubjectAction] {
        guard scene.subjects.contains(where: { [.sofa, .armchair, .chair, .bed].contains($0.kind) }) else { return [:] }
        var out: [Int: SubjectAction] = [:]
        for (i, s) in scene.subjects.enumerated() where s.kind.category == .human {
            switch s.action {
            case nil: out[i] = scene.subjects.contains { $0.kind == .bed } ? .lying : .sitting
            case .sitting?, .lying?, .jumping?: out[i] = s.action
            default: break
            }
        }
        return out
    }

    /// Brings seating furniture to the people on it (the framing follows the people), spreading them along it.
    static func seat(_ subjects: inout [LaidOutSubject], scene: ResolvedScene, seated: [Int: SubjectAction]) {
        guard !seated.isEmpty, let seatIndex = scene.subjects.firstIndex(where: { [.sofa, .armchair, .chair, .bed].contains($0.kind) }) else { return }
        let people = seated.keys.sorted()
        guard let anchor = people.first else { return }
        let seat = subjects[seatIndex]
        let length = seat.kind.size.length * seat.scale
        subjects[seatIndex].x = subjects[anchor].x
        subjects[seatIndex].z = subjects[anchor].z + 0.1
        for (k, i) in people.enumerated() {
            let posture = seated[i] ?? .sitting
            let spread = people.count > 1 ? (Double(k) / Double(people.count - 1) - 0.5) * length * 0.6 : 0
            subjects[i].x = subjects[seatIndex].x + spread
            subjects[i].z = subjects[seatIndex].z - 0.12
            subjects[i].action = posture
            subjects[i].elevation = posture == .sitting ? 0 : 0.45
            if posture == .sitting && abs(subjects[i].facing) > 0.33 { subjects[i].facing = 0 }
        }
    }

    /// Small handheld things rest on a table when the scene has one; a subject "on" another rests on its top.
    static func elevation(of index: Int, in scene: ResolvedScene, hops: Int = 0) -> Double {
        guard index < scene.subjects.count else { return 0 }
        let subject = scene.subjects[index]
        // Something flying is in the air, a little above head height; aircraft well above the ground.
        if subject.action == .flying && subject.kind.category == .animal { return flightHeight }
        if subject.action == .flying && subject.kind.isAircraft { return aircraftFlightHeight }
        if let relation = subject.relation, relation.kind == .on, relation.target != index, relation.target < scene.subjects.count,
           hops < 4, !(subject.kind.category == .human && seatedHumans(scene)[index] != nil) {
            let target = scene.subjects[relation.target]
            return elevation(of: relation.target, in: scene, hops: hops + 1) + SubjectArrangement.topSurface(target.kind, scale: 1)
        }
        if subject.relation != nil { return 0 }
        guard subject.kind.category == .handheld,
              let table = scene.subjects.firstIndex(where: { $0.kind == .table }), table < index else { return 0 }
        return SubjectKind.table.size.height
    }

    /// How much farther than its framing distance a subject coming towards the camera starts.
    static let approachStart = 2.5
    /// Angle from the screen's horizontal of a path in depth: three-quarter on, so a walker's feet still travel
    /// across the screen with the ground.
    static let approachAngle = 1.15

    /// Height above the ground of a flying subject, in metres.
    static let flightHeight = 2.2
    /// Height above the ground of a flying plane or helicopter, in metres.
    static let aircraftFlightHeight = 40.0

    /// The height a shot frames for a kind: its own, or for long low things (a shoe, a plane, a stadium) enough that
    /// their length fits the frame's width too; for water, which lies flat, its span.
    static func framedHeight(_ kind: SubjectKind) -> Double {
        let (height, length) = kind.size
        switch kind.category {
        case .handheld, .structure: return max(height, 0.45 * length)
        case .vehicle where kind.isAircraft: return max(height, 0.45 * length)
        default: return kind == .water ? 0.5 * length : height
        }
    }

    /// Vertical field of view in degrees: wider lenses for wide shots, longer for close-ups.
    static func fieldOfView(_ size: ShotSize) -> Double {
        switch size {
        case .extremeWide: return 55
        case .wide: return 45
        case .full: return 40
        case .medium: return 35
        case .mediumCloseUp: return 32
        case .closeUp: return 30
        case .extremeCloseUp: return 25
        }
    }

    /// Fraction of the frame height the primary subject's full height spans (above 1: only part of it shows).
    static func fill(_ size: ShotSize, figure: Bool, large: Bool) -> Double {
        switch (size, figure, large) {
        case (.extremeWide, true, _): return 0.07
        case (.wide, true, _): return 0.28
        case (.full, true, _): return 0.8
        case (.medium, true, _): return 1.7
        case (.mediumCloseUp, true, _): return 2.6
        case (.closeUp, true, _): return 4.0
        case (.extremeCloseUp, true, _): return 9.0
        case (.extremeWide, false, true): return 0.15
        case (.wide, false, true): return 0.45
        case (_, false, true): return 0.85
        case (.extremeWide, false, false): return 0.06
        case (.wide, false, false): return 0.22
        case (.full, false, false): return 0.55
        case (.medium, false, false): return 0.72
        case (.mediumCloseUp, false, false): return 0.62
        case (.closeUp, false, false): return 0.72
        case (.extremeCloseUp, false, false): return 2.2
        }
    }
}

@inline(__always) func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { min(hi, max(lo, v)) }
