import Project

/// The sketch model's vocabulary: phrases (one to six words) and what they mean.
///
/// Kept as data in one place so the words the model knows can be read, counted and extended at a glance.
enum Lexicon {
    /// Longest phrase length in words.
    static let longestPhrase = 6

    /// Phrase (space-separated, lower case) → meaning.
    static var phrases: [String: Meaning] { tables.phrases }
    /// A plural subject noun → its singular ("horses" → "horse"), for the noun an explanation reports.
    static var singulars: [String: String] { tables.singulars }

    /// Whether `word` alone is a subject noun of the lexicon.
    static func isSubjectNoun(_ word: String) -> Bool {
        if case .subject? = phrases[word] { return true }
        return false
    }

    /// Most figures a crowd draws: massed figures beyond this read the same on a board.
    static let crowdSize = 8

    private static let tables: (phrases: [String: Meaning], singulars: [String: String]) = {
        var singulars: [String: String] = [:]
        var table: [String: Meaning] = [:]
        func add(_ words: [String], _ meaning: Meaning) { for w in words { table[w] = meaning } }

        add(["extreme wide shot", "extreme wide", "extreme long shot", "establishing shot", "ews", "els", "vista"], .shotSize(.extremeWide))
        add(["wide shot", "long shot", "wide angle", "wide view", "ws", "ls"], .shotSize(.wide))
        add(["full shot", "full body", "full length", "fs"], .shotSize(.full))
        add(["medium shot", "mid shot", "waist shot", "medium wide shot", "ms"], .shotSize(.medium))
        add(["medium close up", "medium closeup", "mcu", "chest shot"], .shotSize(.mediumCloseUp))
        add(["close up", "closeup", "close shot", "cu", "tight shot"], .shotSize(.closeUp))
        add(["extreme close up", "extreme closeup", "detail shot", "insert shot", "macro shot", "ecu", "macro"], .shotSize(.extremeCloseUp))

        add(["eye level", "eyelevel", "eye line"], .angle(.eyeLevel))
        add(["low angle", "worms eye", "worms eye view", "from below", "looking up"], .angle(.low))
        add(["high angle", "from above", "looking down", "drone shot"], .angle(.high))
        add(["overhead", "top down", "topdown", "birds eye", "birds eye view", "bird eye view", "aerial", "aerial view", "flat lay"], .angle(.overhead))
        add(["over the shoulder", "over shoulder", "ots"], .angle(.overTheShoulder))
        add(["dutch angle", "dutch tilt", "canted", "canted angle"], .angle(.dutch))

        add(["dawn", "sunrise", "daybreak", "early morning", "first light"], .time(.dawn))
        add(["day", "daytime", "midday", "noon", "afternoon", "daylight", "morning", "sunny", "broad daylight"], .time(.day))
        add(["golden hour", "magic hour", "late afternoon", "golden light"], .time(.goldenHour))
        add(["sunset", "sundown"], .time(.sunset))
        add(["dusk", "twilight", "blue hour", "evening", "nightfall"], .time(.dusk))
        add(["night", "nighttime", "night time", "midnight", "moonlight", "moonlit", "at night"], .time(.night))

        add(["beach", "seaside", "shore", "shoreline", "coast", "coastline", "sea", "ocean", "surf"], .setting(.beach))
        add(["city street", "street", "city", "downtown", "sidewalk", "pavement", "avenue", "alley", "crosswalk", "main street", "town"], .setting(.cityStreet))
        add(["living room", "lounge", "sitting room", "family room", "living area", "apartment", "flat"], .setting(.livingRoom))
        add(["kitchen"], .setting(.kitchen))
        add(["office", "workspace", "boardroom", "meeting room", "cubicle", "coworking space"], .setting(.office))
        add(["bedroom", "hotel room"], .setting(.bedroom))
        add(["cafe", "coffee shop", "restaurant", "bar", "diner", "bistro"], .setting(.cafe))
        add(["shop", "store", "boutique", "showroom", "supermarket", "mall", "retail store"], .setting(.shop))
        add(["studio", "photo studio", "white background", "seamless backdrop", "backdrop", "infinity cove", "cyclorama"], .setting(.studio))
        add(["warehouse", "factory", "garage", "workshop", "loading dock"], .setting(.warehouse))
        add(["forest", "woods", "woodland", "jungle", "rainforest"], .setting(.forest))
        add(["park", "garden", "backyard", "yard", "playground"], .setting(.park))
        add(["field", "meadow", "farm", "countryside", "grassland", "prairie", "pasture", "paddock"], .setting(.field))
        add(["desert", "dunes", "sand dunes", "canyon"], .setting(.desert))
        add(["mountain", "mountains", "hills", "hillside", "cliff", "valley", "peak", "summit", "alps"], .setting(.mountains))
        add(["lake", "river", "pond", "riverbank", "lakeside", "lake shore"], .setting(.lake))
        add(["road", "highway", "freeway", "motorway", "country road", "driveway", "open road", "parking lot"], .setting(.road))
        add(["rooftop", "roof", "terrace", "balcony", "roof terrace"], .setting(.rooftop))

        for kind in SubjectKind.allCases where kind != .placeholder {
            add([kind.rawValue], .subject(kind, plural: false))
        }
        let nouns: [(SubjectKind, [String])] = [
            (.person, ["figure", "someone", "somebody", "customer", "shopper", "worker", "athlete", "dancer", "rider",
                       "surfer", "traveller", "traveler", "tourist", "actor", "presenter", "host", "chef", "doctor",
                       "student", "friend", "stranger", "character", "hero", "protagonist", "runner", "jogger", "cyclist",
                       "model", "owner", "guest", "player", "human", "adult"]),
            (.man, ["guy", "gentleman", "father", "dad", "husband", "boyfriend", "businessman", "male", "grandfather", "grandpa"]),
            (.woman, ["lady", "mother", "mom", "mum", "wife", "girlfriend", "businesswoman", "female", "grandmother", "grandma"]),
            (.child, ["kid", "boy", "girl", "toddler", "baby", "son", "daughter", "teenager", "teen"]),
            (.horse, ["pony", "stallion", "mare", "foal"]),
            (.dog, ["puppy", "pup", "hound", "retriever", "labrador"]),
            (.cat, ["kitten"]),
            (.bird, ["seagull", "gull", "pigeon", "crow", "eagle", "parrot"]),
            (.car, ["sedan", "suv", "hatchback", "taxi", "cab", "convertible", "jeep", "vehicle"]),
            (.bicycle, ["bike"]),
            (.motorcycle, ["motorbike", "scooter", "moped"]),
            (.truck, ["lorry", "van", "pickup", "bus"]),
            (.boat, ["ship", "sailboat", "yacht", "ferry", "canoe", "kayak"]),
            (.sofa, ["couch", "settee", "sectional", "loveseat"]),
            (.armchair, ["recliner"]),
            (.chair, ["stool", "bench", "seat"]),
            (.table, ["desk", "counter", "workbench", "coffee table", "dining table", "side table"]),
            (.lamp, ["floor lamp", "table lamp"]),
            (.television, ["tv", "screen", "monitor"]),
            (.bottle, ["wine bottle", "perfume bottle"]),
            (.cup, ["mug", "coffee", "teacup", "tea", "espresso", "latte", "cappuccino"]),
            (.glass, ["wine glass", "tumbler", "drink", "cocktail"]),
            (.phone, ["smartphone", "cellphone", "mobile phone", "mobile", "iphone"]),
            (.laptop, ["computer", "macbook"]),
            (.book, ["magazine", "notebook", "novel", "newspaper"]),
            (.bag, ["handbag", "backpack", "suitcase", "purse", "luggage", "briefcase", "shopping bag"]),
            (.plant, ["flower", "vase", "bouquet", "bush", "shrub", "cactus", "houseplant", "potted plant"]),
            (.tree, ["palm", "palm tree", "pine", "oak"]),
            (.rock, ["boulder", "stone"]),
            (.umbrella, ["parasol"]),
            (.box, ["package", "parcel", "gift", "present", "crate", "carton", "delivery box"]),
            (.building, ["skyscraper", "office block", "apartment block", "church", "hotel", "school", "hospital"]),
            (.tower, ["spire", "minaret"]),
            (.plane, ["airplane", "aeroplane", "jet", "airliner", "aircraft"]),
            (.helicopter, ["chopper"]),
            (.house, ["home", "cottage", "villa", "cabin", "barn"]),
        ]
        for (kind, words) in nouns {
            add(words, .subject(kind, plural: false))
        }
        // Regular plurals of every single-word subject noun, then the irregular ones.
        for (phrase, meaning) in table {
            guard case .subject(let kind, false) = meaning, !phrase.contains(" ") else { continue }
            let plural: String
            if phrase.hasSuffix("y") && !"aeiou".contains(phrase.dropLast().last ?? "a") {
                plural = phrase.dropLast() + "ies"
            } else if ["s", "x", "sh", "ch"].contains(where: { phrase.hasSuffix($0) }) {
                plural = phrase + "es"
            } else {
                plural = phrase + "s"
            }
            if table[plural] == nil {
                table[plural] = .subject(kind, plural: true)
                singulars[plural] = phrase
            }
        }
        for (plural, singular) in [("men", "man"), ("gentlemen", "gentleman"), ("women", "woman"), ("ladies", "lady"),
                                   ("children", "child"), ("kids", "kid"), ("persons", "person")] {
            singulars[plural] = singular
        }
        add(["crowd", "throng", "crowds"], .group(Array(repeating: .person, count: crowdSize)))
        add(["people", "persons", "team", "friends", "folks", "pedestrians", "passersby"], .subject(.person, plural: true))
        add(["men", "gentlemen"], .subject(.man, plural: true))
        add(["women", "ladies"], .subject(.woman, plural: true))
        add(["children", "kids"], .subject(.child, plural: true))
        add(["couple", "pair of lovers"], .group([.man, .woman]))
        add(["family"], .group([.man, .woman, .child]))

        for colour in NamedColour.allCases { add([colour.rawValue], .colour(colour)) }
        add(["gray"], .colour(.grey))
        add(["golden"], .colour(.gold))
        add(["crimson", "scarlet", "maroon", "burgundy"], .colour(.red))
        add(["turquoise", "cyan"], .colour(.teal))
        add(["violet", "lilac", "lavender"], .colour(.purple))
        add(["tan", "camel", "sand coloured", "sandy"], .colour(.beige))
        add(["charcoal", "slate"], .colour(.grey))
        add(["ivory", "off white"], .colour(.cream))

        add(["standing", "stands", "stand", "stood", "posing", "poses", "waiting", "waits", "idle", "parked"], .action(.standing))
        add(["walking", "walks", "walk", "strolling", "strolls", "stroll", "wandering", "wanders", "stepping"], .action(.walking))
        add(["running", "runs", "run", "jogging", "jogs", "sprinting", "sprints", "racing", "races", "driving",
             "drives", "speeding", "speeds", "rushing", "chasing"], .action(.running))
        add(["sitting", "sits", "sit", "seated", "sat", "lounging", "lounges", "relaxing", "relaxes", "perched"], .action(.sitting))
        add(["galloping", "gallops", "gallop", "cantering", "canters"], .action(.galloping))
        add(["trotting", "trots", "trot"], .action(.trotting))
        add(["flying", "flies", "fly", "soaring", "soars", "gliding", "glides", "flapping", "in flight"], .action(.flying))
        add(["turning to look", "turns to look", "turning around", "turns around", "turning", "turns", "turn",
             "looking back", "looks back", "glancing back", "glances back"], .action(.turning))
        add(["from left to right", "left to right", "from the left to the right", "from screen left to screen right",
             "from frame left to frame right", "from left of frame to right"], .direction(.leftToRight))
        add(["from right to left", "right to left", "from the right to the left", "from screen right to screen left",
             "from frame right to frame left", "from right of frame to left"], .direction(.rightToLeft))
        add(["towards the camera", "toward the camera", "towards camera", "toward camera", "at the camera",
             "towards us", "toward us", "towards the viewer", "toward the viewer", "approaching", "approaches",
             "approaching the camera", "coming towards the camera", "coming toward the camera", "coming towards us"],
            .direction(.towardsCamera))
        add(["away from the camera", "away from camera", "away from us", "into the distance", "off into the distance",
             "away from the viewer", "receding"], .direction(.awayFromCamera))
        add(["pointing", "points", "point", "gesturing", "gestures"], .action(.pointing))
        add(["lying", "lies", "lying down", "sleeping", "sleeps", "asleep", "resting", "rests", "reclining", "napping"], .action(.lying))
        add(["jumping", "jumps", "jump", "leaping", "leaps", "bouncing"], .action(.jumping))
        add(["waving", "waves hello", "wave", "waving goodbye"], .action(.waving))
        add(["looking", "looks", "gazing", "gazes", "watching", "watches", "staring", "stares", "reading", "reads", "admiring"], .action(.looking))

        add(["left", "frame left", "screen left", "on the left", "to the left", "left side"], .side(-1))
        add(["right", "frame right", "screen right", "on the right", "to the right", "right side"], .side(1))
        add(["centre", "center", "middle", "centred", "centered", "in the middle"], .side(0))
        add(["foreground", "in front", "up front", "nearby", "close to camera"], .depth(-1))
        add(["background", "distance", "in the distance", "distant", "far away", "far off", "afar", "behind them"], .depth(1))

        add(["push in", "pushes in", "pushing in", "dolly in", "dollies in", "zoom in", "zooms in", "zooming in",
             "slow push", "creep in", "push"], .cameraMove(.pushIn))
        add(["pull out", "pulls out", "pulling out", "pull back", "pulls back", "dolly out", "zoom out", "zooms out",
             "zooming out", "pullback"], .cameraMove(.pullOut))
        add(["pan left", "pans left", "panning left", "whip pan left"], .cameraMove(.panLeft))
        add(["pan right", "pans right", "panning right", "whip pan right", "pan"], .cameraMove(.panRight))
        add(["tilt up", "tilts up", "tilting up", "crane up"], .cameraMove(.tiltUp))
        add(["tilt down", "tilts down", "tilting down", "crane down"], .cameraMove(.tiltDown))
        add(["static", "locked off", "lock off", "static shot", "still"], .cameraMove(.static))

        add(["a", "an", "the", "one", "single", "lone", "this", "that", "his", "her", "their", "its", "our", "your", "my"], .article)
        add(["two", "pair", "pair of", "both", "twin"], .count(2))
        add(["three"], .count(3))
        add(["four"], .count(4))
        add(["five"], .count(5))
        add(["several", "few", "a few", "some", "many", "group", "group of", "herd", "herd of", "flock", "flock of",
             "lots of", "bunch of"], .count(3))
        add(["crowd of", "a crowd of", "crowds of", "throng of", "hundreds of", "dozens of"], .count(crowdSize))
        add(["six"], .count(6))
        add(["seven"], .count(7))
        add(["eight"], .count(8))

        add(["on", "on top of", "onto", "upon", "atop"], .relation(.on))
        add(["under", "underneath", "beneath", "below"], .relation(.under))
        add(["next to", "beside", "alongside", "by the side of", "near", "close to"], .relation(.nextTo))
        add(["in front of"], .relation(.inFrontOf))
        add(["behind", "in back of"], .relation(.behind))
        add(["holding", "holds", "hold", "carrying", "carries", "holding up", "clutching"], .relation(.holding))
        add(["grazing", "grazes", "browsing", "feeding"], .action(.standing))
        for n in 2...9 { add([String(n)], .count(n)) }

        for word in fillerWords where table[word] == nil { table[word] = .filler }
        return (table, singulars)
    }()

    /// Words understood as making no difference to a sketch: grammar, style and mood words, and scene elements
    /// every frame has anyway (sky, ground, walls).
    static let fillerWords: [String] = [
        "of", "on", "in", "at", "with", "and", "or", "to", "by", "from", "into", "onto", "is", "are", "was", "were", "be",
        "being", "been", "has", "have", "he", "she", "it", "they", "them", "these", "those", "for", "as", "while", "under",
        "over", "near", "next", "beside", "besides", "across", "along", "through", "against", "toward", "towards",
        "around", "up", "down", "out", "off", "about", "above", "below", "between", "behind", "beyond", "past", "then",
        "very", "slow", "slowly", "fast", "quickly", "gently", "softly", "just", "still", "again", "who", "which", "where",
        "shot", "view", "frame", "scene", "camera", "angle", "lens", "light", "lit", "lighting", "soft", "bright", "dark",
        "warm", "cool", "cold", "hot", "cinematic", "moody", "empty", "modern", "cozy", "cosy", "new", "old", "big",
        "small", "large", "little", "tall", "short", "young", "elderly", "happy", "beautiful", "alone", "together", "each",
        "other", "another", "wooden", "sunlit", "pale", "deep", "vibrant", "muted", "clean", "minimal", "minimalist",
        "stylish", "elegant", "luxury", "luxurious", "premium", "comfortable", "plush", "sleek", "shiny", "quiet", "busy",
        "crowded", "calm", "peaceful", "dramatic", "epic", "stunning", "gorgeous", "lovely", "sky", "sun", "moon",
        "clouds", "cloud", "ground", "floor", "wall", "walls", "window", "windows", "sunlight", "shadow", "shadows",
        "water", "sand", "grass", "horizon", "scenery", "landscape", "interior", "exterior", "outside", "inside",
        "outdoors", "indoors", "background", "storyboard", "sketch", "photo", "photograph", "image", "picture",
        "realistic", "detailed", "style", "mood", "atmosphere", "vintage", "retro", "classic", "natural", "beautifully",
        "holding", "holds", "carrying", "carries", "wearing", "wears", "using", "uses", "riding", "rides", "towards",
        "across", "its", "own", "same", "front", "side", "top", "bottom", "corner", "edge", "end", "start", "first",
        "last", "next", "her", "him", "hers", "his", "faces", "facing", "smiles", "smiling",
        "laughing", "talking", "talks", "opens", "opening", "closes", "enters", "entering", "leaves", "leaving",
        "arrives", "arriving", "camera", "slightly", "almost", "only", "so", "too", "all", "every", "golden",
    ]
}
