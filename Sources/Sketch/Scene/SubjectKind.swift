/// A thing the sketch model knows how to draw. Unknown nouns become `placeholder` props with a label.
public enum SubjectKind: String, CaseIterable, Sendable, Codable {
    case person, man, woman, child
    case horse, dog, cat, bird
    case car, bicycle, motorcycle, truck, boat, plane, helicopter
    case sofa, armchair, chair, table, lamp, bed
    case bottle, cup, glass, phone, laptop, television, book, bag, shoe, watch, camera, fruit, food
    case plant, tree, rock, umbrella, box, sign, water
    case building, house, tower, lighthouse, stadium
    case placeholder

    /// Aircraft: drawn in the sky when flying, their motion the flight's.
    public var isAircraft: Bool { self == .plane || self == .helicopter }

    public var category: SubjectCategory {
        switch self {
        case .person, .man, .woman, .child: return .human
        case .horse, .dog, .cat, .bird: return .animal
        case .car, .bicycle, .motorcycle, .truck, .boat, .plane, .helicopter: return .vehicle
        case .sofa, .armchair, .chair, .table, .lamp, .bed, .television: return .furniture
        case .bottle, .cup, .glass, .phone, .laptop, .book, .bag, .shoe, .watch, .camera, .fruit, .food: return .handheld
        case .plant, .tree, .rock, .water: return .nature
        case .building, .house, .tower, .lighthouse, .stadium: return .structure
        case .umbrella, .box, .sign, .placeholder: return .prop
        }
    }

    /// Real-world size in metres (height, length seen side-on), used for perspective scale and framing.
    public var size: (height: Double, length: Double) {
        switch self {
        case .person, .man: return (1.78, 0.5)
        case .woman: return (1.68, 0.45)
        case .child: return (1.15, 0.35)
        case .horse: return (2.3, 2.4)
        case .dog: return (0.6, 0.9)
        case .cat: return (0.3, 0.5)
        case .bird: return (0.25, 0.3)
        case .car: return (1.45, 4.5)
        case .bicycle: return (1.05, 1.75)
        case .motorcycle: return (1.15, 2.1)
        case .truck: return (3.2, 7.5)
        case .boat: return (5.5, 6.0)
        case .plane: return (6.0, 30.0)
        case .helicopter: return (3.6, 12.0)
        case .sofa: return (0.85, 2.2)
        case .armchair: return (0.95, 0.9)
        case .chair: return (0.95, 0.5)
        case .table: return (0.75, 1.6)
        case .lamp: return (1.6, 0.45)
        case .bed: return (1.2, 2.1)
        case .television: return (0.75, 1.25)
        case .bottle: return (0.32, 0.08)
        case .cup: return (0.1, 0.09)
        case .glass: return (0.16, 0.08)
        case .shoe: return (0.12, 0.3)
        case .watch: return (0.05, 0.045)
        case .camera: return (0.1, 0.14)
        case .fruit: return (0.09, 0.09)
        case .food: return (0.08, 0.28)
        case .phone: return (0.15, 0.075)
        case .laptop: return (0.23, 0.33)
        case .book: return (0.24, 0.17)
        case .bag: return (0.35, 0.4)
        case .plant: return (0.9, 0.5)
        case .tree: return (8.0, 5.0)
        case .rock: return (0.8, 1.4)
        case .umbrella: return (2.2, 2.0)
        case .box: return (0.5, 0.6)
        case .sign: return (2.4, 1.2)
        case .water: return (1.0, 8.0)
        case .building: return (24.0, 16.0)
        case .house: return (7.5, 10.0)
        case .tower: return (40.0, 10.0)
        case .lighthouse: return (22.0, 6.0)
        case .stadium: return (25.0, 120.0)
        case .placeholder: return (0.8, 0.8)
        }
    }
}
