import Project

/// Turns prompt text into a `Scene`: finds framing, light, place and subjects, and what it did not understand.
///
/// Words are matched longest phrase first. Colours, counts and actions written before a noun attach to it
/// ("two red cars"); actions and placements written after a noun attach to the noun before them ("a horse galloping
/// on the left"). Commas and full stops end a clause. An unknown word that ends a noun phrase ("a surfboard")
/// becomes a labelled placeholder prop, as a storyboard artist would draw it.
public enum PromptCompiler {
    /// Most subjects drawn for one prompt; crowds beyond this read the same on a board.
    static let maximumSubjects = 8
    static let maximumPlaceholders = 3

    /// The scene for `prompt`, without the subject kinds the `negative` prompt names.
    public static func compile(_ prompt: String, negative: String = "") -> Scene {
        var scene = parse(prompt)
        if !negative.isEmpty {
            let unwanted = Set(parse(negative).subjects.map(\.kind))
            scene.subjects.removeAll { unwanted.contains($0.kind) || (unwanted.contains(.person) && $0.kind.category == .human) }
        }
        return scene
    }

    private struct Pending {
        var colour: NamedColour?
        var count: Int?
        var action: SubjectAction?
        var direction: MotionDirection?
        var placement = Placement()
        var inNounPhrase = false

        /// Only an article so far ("the"), no colour, count or action.
        var isBareArticle: Bool { inNounPhrase && colour == nil && count == nil && action == nil }

        mutating func closeNounPhrase() {
            colour = nil
            count = nil
            inNounPhrase = false
        }
    }

    static func parse(_ prompt: String) -> Scene {
        var scene = Scene()
        var pending = Pending()
        var lastGroup: Range<Int>? = nil  // indices in scene.subjects of the last noun's subjects
        var unknownRun: [String] = []
        var unknownSeen = Set<String>()
        var placeholders = 0

        func noteUnknown(_ word: String) {
            if unknownSeen.insert(word).inserted { scene.unknown.append(word) }
        }
        func addSubjects(_ kinds: [SubjectKind], label: String? = nil) {
            let start = scene.subjects.count
            for kind in kinds where scene.subjects.count < maximumSubjects {
                scene.subjects.append(SceneSubject(kind: kind, label: label, colour: pending.colour,
                                                   action: pending.action, direction: pending.direction,
                                                   placement: pending.placement))
            }
            lastGroup = start..<scene.subjects.count
            pending = Pending()
        }
        /// An unknown run that ended a noun phrase becomes a placeholder prop named by its last word.
        func flushUnknownRun(endsNounPhrase: Bool) {
            defer { unknownRun.removeAll() }
            guard let noun = unknownRun.last, endsNounPhrase, placeholders < maximumPlaceholders else { return }
            placeholders += 1
            addSubjects([.placeholder], label: noun)
        }
        func endClause() {
            flushUnknownRun(endsNounPhrase: pending.inNounPhrase)
            pending = Pending()
            lastGroup = nil
        }

        let clauses = tokenize(prompt)
        for clause in clauses {
            var i = 0
            while i < clause.count {
                var matched: (Meaning, Int)? = nil
                for length in stride(from: min(Lexicon.longestPhrase, clause.count - i), through: 1, by: -1) {
                    let phrase = clause[i..<(i + length)].joined(separator: " ")
                    if let meaning = Lexicon.phrases[phrase] {
                        matched = (meaning, length)
                        break
                    }
                }
                guard let (meaning, length) = matched else {
                    let word = clause[i]
                    noteUnknown(word)
                    if looksLikeVerbOrAdverb(word) {
                        // "a surfboard leaning …": the noun phrase ended before the verb.
                        flushUnknownRun(endsNounPhrase: pending.inNounPhrase)
                    } else {
                        unknownRun.append(word)
                    }
                    i += 1
                    continue
                }
                // A known word ends a run of unknown ones; if the run followed an article, count or colour,
                // it named a thing.
                if !unknownRun.isEmpty {
                    let isNounContinuation: Bool
                    switch meaning {
                    case .subject, .group: isNounContinuation = true
                    default: isNounContinuation = false
                    }
                    if isNounContinuation {
                        unknownRun.removeAll()  // "a vintage car": the unknown words were adjectives
                    } else {
                        flushUnknownRun(endsNounPhrase: pending.inNounPhrase)
                    }
                }
                switch meaning {
                // Framing, light, place and camera words close a noun phrase ("the beach", "a close-up").
                case .shotSize(let size): scene.shotSize = size; pending.closeNounPhrase()
                case .angle(let angle): scene.angle = angle; pending.closeNounPhrase()
                case .time(let time): scene.timeOfDay = time; pending.closeNounPhrase()
                case .setting(let setting):
                    if scene.setting == nil { scene.setting = setting }
                    pending.closeNounPhrase()
                case .cameraMove(let move): scene.cameraMove = move; pending.closeNounPhrase()
                case .article:
                    pending.inNounPhrase = true
                case .count(let n):
                    pending.count = n
                    pending.inNounPhrase = true
                case .colour(let colour):
                    pending.colour = colour
                    pending.inNounPhrase = true
                case .subject(let kind, let plural):
                    let n = pending.count ?? (plural ? (kind.category == .human ? 3 : 2) : 1)
                    addSubjects(Array(repeating: kind, count: n))
                case .group(let kinds):
                    addSubjects(kinds)
                case .action(let action):
                    if let group = lastGroup, !pending.inNounPhrase {
                        for j in group { scene.subjects[j].action = action }
                    } else {
                        pending.action = action
                    }
                case .direction(let direction):
                    // "a horse galloping from left to right": the way the noun before it travels.
                    if let group = lastGroup, !pending.inNounPhrase || pending.isBareArticle {
                        pending.inNounPhrase = false
                        for j in group { scene.subjects[j].direction = direction }
                    } else {
                        pending.direction = direction
                    }
                case .side(let side):
                    // "on the left" after a noun places that noun; "the" here is no noun phrase of its own.
                    if let group = lastGroup, !pending.inNounPhrase || pending.isBareArticle {
                        pending.inNounPhrase = false
                        for j in group { scene.subjects[j].placement.side = side }
                    } else {
                        pending.placement.side = side
                    }
                case .depth(let depth):
                    // "on the left" after a noun places that noun; "the" here is no noun phrase of its own.
                    if let group = lastGroup, !pending.inNounPhrase || pending.isBareArticle {
                        pending.inNounPhrase = false
                        for j in group { scene.subjects[j].placement.depth = depth }
                    } else {
                        pending.placement.depth = depth
                    }
                case .filler:
                    break
                }
                i += length
            }
            endClause()
        }
        return scene
    }

    /// Unknown words that cannot head a noun phrase: -ing and -ed forms and -ly adverbs.
    static func looksLikeVerbOrAdverb(_ word: String) -> Bool {
        word.count > 4 && (word.hasSuffix("ing") || word.hasSuffix("ed") || word.hasSuffix("ly"))
    }

    /// Lower-cased words grouped in clauses. Hyphens split words ("close-up"), possessive 's is dropped
    /// ("bird's eye"), accents on Latin letters are folded ("café"), other punctuation ends a clause.
    static func tokenize(_ text: String) -> [[String]] {
        var clauses: [[String]] = [[]]
        var word = ""
        func endWord() {
            if !word.isEmpty {
                if word.hasSuffix("'s") { word.removeLast(2) }
                word = word.trimmingApostrophes()
                if !word.isEmpty { clauses[clauses.count - 1].append(word) }
                word = ""
            }
        }
        for scalar in text.lowercased().unicodeScalars {
            let folded = fold(scalar)
            if let folded, folded.properties.isAlphabetic || ("0"..."9").contains(folded) {
                word.unicodeScalars.append(folded)
            } else if scalar == "'" || scalar == "\u{2019}" {
                word.append("'")
            } else if scalar == " " || scalar == "-" || scalar == "\t" || scalar == "/" || scalar == "\n" || scalar == "&" {
                endWord()
            } else {
                endWord()
                if !clauses[clauses.count - 1].isEmpty { clauses.append([]) }
            }
        }
        endWord()
        return clauses.filter { !$0.isEmpty }
    }

    /// Folds common accented Latin letters to ASCII so "café" matches "cafe".
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "à", "á", "â", "ä", "ã", "å": return "a"
        case "è", "é", "ê", "ë": return "e"
        case "ì", "í", "î", "ï": return "i"
        case "ò", "ó", "ô", "ö", "õ": return "o"
        case "ù", "ú", "û", "ü": return "u"
        case "ç": return "c"
        case "ñ": return "n"
        default: return scalar
        }
    }
}

extension String {
    fileprivate func trimmingApostrophes() -> String {
        var s = Substring(self)
        while s.first == "'" { s.removeFirst() }
        while s.last == "'" { s.removeLast() }
        return String(s)
    }
}
