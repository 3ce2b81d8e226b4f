import Foundation

/// Places subjects relative to each other after framing: a counted group side by side without overlap, and the
/// relations the prompt states ("on", "under", "next to", "in front of", "behind", "holding").
///
/// The primary subject keeps the place the camera was framed on; where it is the one related, the other subject
/// moves instead ("a phone on a table": the table comes under the phone).
enum SubjectArrangement {
    /// Height of the surface something rests on when it is "on" a subject of this kind, in metres.
    static func topSurface(_ kind: SubjectKind, scale: Double) -> Double {
        switch kind {
        case .sofa, .armchair: return 0.52
        case .chair: return 0.47
        case .bed: return 0.68
        case .table: return kind.size.height * scale
        case .car: return 0.98 * kind.size.height * scale
        // A boat's height is its mast's; its deck is the hull's top.
        case .boat: return 0.14 * kind.size.height * scale
        default: return kind.size.height * scale
        }
    }

    /// Space a subject takes along the line of sight, in metres (vehicles are seen side on, so their width).
    static func depth(_ s: LaidOutSubject) -> Double {
        switch s.kind {
        case .table, .sofa, .armchair: return 0.9 * s.scale
        case .chair: return 0.45
        case .bed: return s.kind.size.length * s.scale
        default: break
        }
        switch s.kind.category {
        case .vehicle: return 2.0 * s.scale
        case .human: return 0.4
        case .structure: return s.kind.size.length * 0.8 * s.scale
        default: return min(s.kind.size.length * s.scale, 1.2)
        }
    }

    /// Width a subject takes across the screen, with the arms and legs a figure swings.
    static func width(_ s: LaidOutSubject) -> Double {
        switch s.kind.category {
        case .human: return 0.75 * s.kind.size.height / 1.78 * s.scale
        default: return s.kind.size.length * s.scale
        }
    }

    /// Most figures laid out in one row; a crowd beyond it masses in a second row behind.
    static let rowLength = 5

    /// Consecutive subjects one noun phrase named ("three horses") stand in a row at the first one's depth, spaced by
    /// their width so their silhouettes do not overlap; rows of more than `rowLength` mass behind, staggered.
    static func arrangeGroups(_ subjects: inout [LaidOutSubject], scene: ResolvedScene, seated: [Int: SubjectAction]) {
        var start = 0
        while start < scene.subjects.count {
            let first = scene.subjects[start]
            var end = start + 1
            // One noun phrase: the same noun and count, and the same kind unless a group noun named them ("family").
            while end < scene.subjects.count, end - start < first.count, scene.subjects[end].noun == first.noun,
                  scene.subjects[end].count == first.count,
                  scene.subjects[end].kind == first.kind || first.noun != nil { end += 1 }
            let n = end - start
            if n > 1 && first.relation == nil && first.placement.side == nil && seated[start] == nil {
                let spacing = width(subjects[start]) * 1.35 + 0.15
                let front = min(n, rowLength)
                // A row framed on a third line would run off the frame's edge: it leans towards the middle.
                let centre = subjects[start].x * (n > 2 ? 0.4 : 0.8)
                for k in 0..<n {
                    let row = k / rowLength
                    let inRow = row == 0 ? front : n - front
                    let slot = Double(k % rowLength) - Double(inRow - 1) / 2 + (row == 0 ? 0 : 0.5)
                    subjects[start + k].x = centre + slot * spacing
                    subjects[start + k].z = subjects[start].z + Double(row) * depth(subjects[start]) * 2.5 + 0.001 * Double(k)
                    subjects[start + k].elevation = subjects[start].elevation
                    subjects[start + k].facing = subjects[start].facing
                    if subjects[start + k].kind == subjects[start].kind { subjects[start + k].scale = subjects[start].scale }
                }
            }
            start = end
        }
    }

    /// Moves each related subject (or, for the primary, the other one) so the relation is what the frame shows.
    static func relate(_ subjects: inout [LaidOutSubject], scene: ResolvedScene, seated: [Int: SubjectAction]) {
        var onCount: [Int: Int] = [:]
        for (j, subject) in scene.subjects.enumerated() {
            guard let relation = subject.relation, relation.target != j, relation.target < subjects.count, j < subjects.count else { continue }
            let t = relation.target
            if seated[j] != nil { continue }  // people on seats are already seated on them
            let a = subjects[j], b = subjects[t]
            let side: Double = a.x >= b.x ? 1 : -1
            switch relation.kind {
            case .on:
                // Several things on one table share its top.
                let k = onCount[t, default: 0]
                onCount[t] = k + 1
                let spread = (k == 0 ? 0 : (k % 2 == 1 ? 1.0 : -1.0) * Double((k + 1) / 2)) * 0.3 * b.kind.size.length * b.scale
                // It rests just behind the front edge, where the camera sees the top it stands on; the support is
                // drawn first (it is farther).
                let inset = min(depth(b) / 2, depth(a) / 2 + 0.08)
                if j == 0 {
                    subjects[t].x = a.x - spread
                    subjects[t].z = a.z + depth(b) / 2 - inset
                } else {
                    subjects[j].x = b.x + spread
                    subjects[j].z = b.z - depth(b) / 2 + inset
                }
                if j == 0 {
                    // The camera was framed on the primary where it rests: a support whose top scales with it is
                    // sized to meet it (seats have fixed heights, which framing already used).
                    let unscaled = topSurface(b.kind, scale: 1), wanted = a.elevation - subjects[t].elevation
                    if topSurface(b.kind, scale: 2) != unscaled && unscaled > 0 && wanted > 0 { subjects[t].scale = wanted / unscaled }
                } else {
                    subjects[j].elevation = subjects[t].elevation + topSurface(b.kind, scale: b.scale)
                }
            case .under:
                if j == 0 {
                    subjects[t].x = a.x
                    subjects[t].z = a.z - 0.02
                } else {
                    subjects[j].x = b.x
                    subjects[j].z = b.z + 0.02
                    subjects[j].elevation = subjects[t].elevation
                }
            case .nextTo:
                let gap = (width(a) + width(b)) / 2 + 0.15
                if j == 0 {
                    subjects[t].x = a.x - side * gap
                    subjects[t].z = a.z + 0.01
                    subjects[t].elevation = a.elevation
                } else {
                    subjects[j].x = b.x + side * gap
                    subjects[j].z = b.z - 0.01
                    subjects[j].elevation = b.elevation
                }
            case .inFrontOf, .behind:
                let gap = (depth(a) + depth(b)) / 2 + 0.6
                let nearer = relation.kind == .inFrontOf
                // The farther one stands a little aside, so the nearer one does not hide it.
                let aside = 0.3 * width(b)
                if j == 0 {
                    subjects[t].z = max(0.6, a.z + (nearer ? gap : -gap))
                    subjects[t].x = a.x - side * aside
                } else {
                    subjects[j].z = max(0.6, b.z + (nearer ? -gap : gap))
                    subjects[j].x = b.x + side * aside
                }
            case .holding:
                guard t != 0 else { continue }
                let holderHeight = a.kind.size.height * a.scale
                let forward: Double = a.facing < 0 ? -1 : 1
                subjects[t].x = a.x + forward * 0.25 * holderHeight / 1.78
                subjects[t].z = a.z - 0.08
                if b.kind == .umbrella {
                    // A held umbrella: the shaft from the hand to a canopy just over the head.
                    subjects[t].elevation = a.elevation + 0.5 * holderHeight
                    subjects[t].scale = (0.5 * holderHeight + 0.35) / b.kind.size.height
                    subjects[t].x = a.x + forward * 0.12 * holderHeight / 1.78
                } else {
                    subjects[t].elevation = a.elevation + 0.45 * holderHeight
                }
            }
        }
    }
}
