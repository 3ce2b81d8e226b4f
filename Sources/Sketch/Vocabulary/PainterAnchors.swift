/// WordNet synsets that a painter class or a backdrop draws, named by their first word (which in WordNet 3.0 is
/// the synset's most common name, e.g. "timepiece" for "timepiece, timekeeper, horologe").
///
/// A hypernym walk stops at the nearest synset named here, so specific entries ("lighthouse") win over the general
/// ones above them ("structure"). Matching only a synset's first word keeps homonyms out: the furniture synset is
/// named "seat", the anatomical one "buttocks". Where two synsets share a first word, the entry names its first two
/// ("vessel, watercraft" is a boat, "vessel" alone is also a container).
enum PainterAnchors {
    /// What draws `synset`, if it is an anchor: its first two words are tried before its first word.
    static func target(of synset: Synset) -> NounReading.Target? {
        guard let first = synset.words.first else { return nil }
        var names = [first]
        if synset.words.count > 1 { names.insert(first + ", " + synset.words[1], at: 0) }
        for name in names {
            if let kind = subjects[name] { return .subject(kind) }
            if let setting = settings[name] { return .setting(setting) }
        }
        return nil
    }

    static let subjects: [String: SubjectKind] = [
        // People.
        "person": .person, "man": .man, "woman": .woman, "child": .child, "juvenile": .child, "girl": .child,
        "boy": .child, "male child": .child, "female child": .child, "people": .person, "worker": .person,
        // Animals: quadrupeds by build, birds.
        "horse": .horse, "equine": .horse, "ungulate": .horse, "even-toed ungulate": .horse, "bovid": .horse,
        "dog": .dog, "canine": .dog, "carnivore": .dog, "mammal": .dog,
        "cat": .cat, "feline": .cat, "rodent": .cat, "lagomorph": .cat,
        "bird": .bird,
        // Vehicles.
        "car": .car, "motor vehicle": .car, "wheeled vehicle": .car, "truck": .truck, "van": .truck, "bus": .truck,
        "bicycle": .bicycle, "motorcycle": .motorcycle, "motor scooter": .motorcycle,
        "boat": .boat, "ship": .boat, "vessel, watercraft": .boat,
        "aircraft": .plane, "airplane": .plane, "heavier-than-air craft": .plane, "helicopter": .helicopter,
        // Furniture.
        "sofa": .sofa, "armchair": .armchair, "chair": .chair, "seat": .chair, "table": .table, "desk": .table,
        "counter": .table, "lamp": .lamp, "bed": .bed,
        // Screens and signs.
        "television receiver": .television, "screen": .television, "display": .television, "monitor": .television,
        "sign": .sign, "signboard": .sign, "street sign": .sign, "poster": .sign, "billboard": .sign,
        // Things in hands.
        "bottle": .bottle, "cup": .cup, "mug": .cup, "glass, drinking glass": .glass, "drinking vessel": .glass, "beverage": .glass,
        "telephone": .phone, "computer": .laptop, "book": .book, "publication": .book,
        "bag": .bag, "handbag": .bag, "baggage": .bag, "footwear": .shoe, "shoe": .shoe, "boot": .shoe,
        "timepiece": .watch, "watch": .watch, "camera": .camera, "photographic equipment": .camera,
        // Food.
        "edible fruit": .fruit, "fruit": .fruit, "vegetable": .fruit, "produce": .fruit,
        "food": .food, "dish": .food, "baked goods": .food, "nutriment": .food, "foodstuff": .food,
        // Nature.
        "tree": .tree, "plant": .plant, "flower": .plant, "shrub": .plant, "rock": .rock, "stone": .rock,
        // Buildings by type.
        "house": .house, "dwelling": .house, "housing": .house, "building": .building, "skyscraper": .building,
        "tower": .tower, "lighthouse": .lighthouse, "beacon": .lighthouse, "stadium": .stadium, "structure": .building,
        // Water.
        "body of water": .water, "pool": .water, "swimming pool": .water, "fountain": .water,
        // Props.
        "umbrella": .umbrella, "box": .box, "package": .box, "crate": .box,
    ]

    static let settings: [String: Setting] = [
        "room": .livingRoom, "kitchen": .kitchen, "bedroom": .bedroom, "office": .office,
        "restaurant": .cafe, "bar": .cafe, "cafe": .cafe,
        "shop": .shop, "mercantile establishment": .shop, "marketplace": .shop,
        "factory": .warehouse, "storehouse": .warehouse, "garage": .warehouse,
        "forest": .forest, "park": .park, "garden": .park, "field": .field, "grassland": .field, "farm": .field,
        "desert": .desert, "mountain": .mountains, "hill": .mountains, "range": .mountains,
        "beach": .beach, "shore": .beach, "seashore": .beach, "port": .beach, "coast": .beach,
        "lake": .lake, "stream": .lake, "road": .road, "street": .cityStreet, "city": .cityStreet,
        "town": .cityStreet, "municipality": .cityStreet, "roof": .rooftop, "studio": .studio,
    ]
}
