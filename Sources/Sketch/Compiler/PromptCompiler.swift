import Project

/// Turns prompt text into a `Scene`: finds framing, light, place and subjects, and what it did not understand.
///
/// Words are matched longest phrase first. Colours, counts and actions written before a noun attach to it
/// ("two red cars"); actions and placements written after a noun attach to the noun before them ("a horse galloping
/// on the left"). Commas and full stops end a clause. An unknown word that ends a noun phrase ("a surfboard")
/// is looked up in WordNet (`OpenVocabulary`): a noun that reaches a painter class is drawn as that class with its own
/// noun kept, one that reaches a setting sets the place, and the rest become labelled placeholder props, as a
/// storyboard artist would draw them. Spatial words between two nouns ("on", "behind", "holding") relate them.
public enum PromptCompiler {
    /// Most subjects drawn for one prompt; crowds beyond this read the same on a board.
    static let maximumSubjects = 10
    static let maximumPlaceholders = 3

    /// The scene for `prompt`, without the subject kinds the `negative` prompt names. Nouns outside the lexicon are
    /// read through `vocabulary` (WordNet); with it absent the lexicon works alone.
    public static func compile(_ prompt: String, negative: String = "", vocabulary: OpenVocabulary = .shared) -> Scene {
        var scene = parse(prompt, vocabulary: vocabulary)
        if !negative.isEmpty {
            let unwanted = Set(parse(negative, vocabulary: vocabulary).subjects.map(\.kind))
            var kept: [Int: Int] = [:]
            var subjects: [SceneSubject] = []
            for (i, s) in scene.subjects.enumerated()
            where !(unwanted.contains(s.kind) || (unwanted.contains(.person) && s.kind.category == .human)) {
                kept[i] = subjects.count
                subjects.append(s)
            }
            // Relations follow their targets to their new places, and go with them when they are removed.
            for j in subjects.indices {
                if let r = subjects[j].relation { subjects[j].relation = kept[r.target].map { SubjectRelation(r.kind, target: $0) } }
            }
            scene.subjects = subjects
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
        /// The subjects an "of" followed ("a glass of …"): the next noun says what they hold or are.
        var contentsOf: Range<Int>?
        /// The subjects an "in" followed: in a boat they stand on its deck ("a fisherman in a small boat").
        var inside: Range<Int>?

        /// Only an article so far ("the"), no colour, count or action.
        var isBareArticle: Bool { inNounPhrase && colour == nil && count == nil && action == nil }

        mutating func closeNounPhrase() {
            colour = nil
            count = nil
            contentsOf = nil
            inside = nil
            inNounPhrase = false
        }
    }

    static func parse(_ prompt: String, vocabulary: OpenVocabulary = .shared) -> Scene {
        var scene = Scene()
        var pending = Pending()
        var lastGroup: Range<Int>? = nil  // indices in scene.subjects of the last noun's subjects
        // A spatial word after a noun waits for the next noun: "the cat (on) the armchair".
        var pendingRelation: (kind: SubjectRelation.Kind, from: Range<Int>)? = nil
        var unknownRun: [String] = []
        var unknownSeen = Set<String>()
        var placeholders = 0

        func noteUnknown(_ word: String) {
            if unknownSeen.insert(word).inserted { scene.unknown.append(word) }
        }
        func understood(_ word: String) {
            scene.unknown.removeAll { $0 == word }
        }
        func addSubjects(_ kinds: [SubjectKind], label: String? = nil, noun: String? = nil) {
            if let container = pending.contentsOf, container.upperBound == scene.subjects.count, !container.isEmpty, let kind = kinds.first {
                let holder = scene.subjects[container.lowerBound].kind
                if [.glass, .cup, .bottle].contains(holder) {
                    // "a glass of red wine": one glass, the wine's colour.
                    for j in container where scene.subjects[j].colour == nil { scene.subjects[j].colour = pending.colour }
                    lastGroup = container
                    pending = Pending()
                    return
                }
                if [.fruit, .food].contains(kind), [.placeholder, .food, .box].contains(holder) {
                    // "a plate of sushi", "a bowl of strawberries": the food is what is drawn.
                    if holder == .placeholder { placeholders -= 1 }
                    scene.subjects.removeSubrange(container)
                }
            }
            let start = scene.subjects.count
            for kind in kinds where scene.subjects.count < maximumSubjects {
                scene.subjects.append(SceneSubject(kind: kind, label: label, colour: pending.colour,
                                                   action: pending.action, direction: pending.direction,
                                                   placement: pending.placement, noun: noun == kind.rawValue ? nil : noun))
            }
            let group = start..<scene.subjects.count
            for j in group { scene.subjects[j].count = group.count }
            if let people = pending.inside, kinds.first == .boat, !group.isEmpty, pendingRelation == nil {
                pendingRelation = (.on, people)
            }
            if let relation = pendingRelation, !group.isEmpty {
                for j in relation.from where j < start { scene.subjects[j].relation = SubjectRelation(relation.kind, target: start) }
            }
            pendingRelation = nil
            lastGroup = group
            pending = Pending()
        }
        /// A noun that names `n` subjects by default: the count said, else a few for a plural.
        func defaultCount(_ kind: SubjectKind, plural: Bool) -> Int {
            pending.count ?? (plural ? (kind.category == .human ? 3 : 2) : 1)
        }
        /// An unknown run ends at its last word, which heads the noun phrase: WordNet says what it draws as (a
        /// painter class or a setting); a word it cannot place that ended a noun phrase becomes a placeholder prop.
        func flushUnknownRun(endsNounPhrase: Bool) {
            defer { unknownRun.removeAll() }
            guard let word = unknownRun.last else { return }
            let reading = vocabulary.reading(of: word)
            switch reading?.target {
            case .subject(let kind)?:
                understood(word)
                addSubjects(Array(repeating: kind, count: defaultCount(kind, plural: reading?.plural ?? false)), noun: reading?.lemma)
            case .setting(let setting)?:
                understood(word)
                if scene.setting == nil {
                    scene.setting = setting
                    scene.settingNoun = reading?.lemma == setting.rawValue ? nil : reading?.lemma
                }
                pendingRelation = nil
                pending.closeNounPhrase()
            case nil:
                guard endsNounPhrase, placeholders < maximumPlaceholders else { return }
                // With WordNet at hand, an adjective that is no noun in any form ("a coastal road") named nothing.
                if let wordnet = vocabulary.wordnet, wordnet.isAdjective(word), !wordnet.isNoun(word),
                   NounMorphology.bases(of: word, in: wordnet).isEmpty { return }
                placeholders += 1
                addSubjects([.placeholder], label: word)
            }
        }
        func endClause() {
            flushUnknownRun(endsNounPhrase: pending.inNounPhrase)
            pending = Pending()
            pendingRelation = nil
            lastGroup = nil
        }

        let clauses = tokenize(prompt)
        for clause in clauses {
            var i = 0
            while i < clause.count {
                var matched: (Meaning, Int, String)? = nil
                for length in stride(from: min(Lexicon.longestPhrase, clause.count - i), through: 1, by: -1) {
                    let phrase = clause[i..<(i + length)].joined(separator: " ")
                    if let meaning = Lexicon.phrases[phrase] {
                        matched = (meaning, length, phrase)
                        break
                    }
                }
                // Two unknown words WordNet knows as one noun ("swimming pool") are one word of the run.
                if matched == nil, i + 1 < clause.count, !Lexicon.isSubjectNoun(clause[i + 1]),
                   vocabulary.reading(of: clause[i] + " " + clause[i + 1]) != nil {
                    noteUnknown(clause[i] + " " + clause[i + 1])
                    unknownRun.append(clause[i] + " " + clause[i + 1])
                    i += 2
                    continue
                }
                guard let (meaning, length, phrase) = matched else {
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
                case .shotSize(let size):
                    scene.shotSize = size
                    pending.closeNounPhrase()
                case .angle(let angle):
                    scene.angle = angle
                    pending.closeNounPhrase()
                case .time(let time):
                    scene.timeOfDay = time
                    pending.closeNounPhrase()
                case .setting(let setting):
                    if scene.setting == nil {
                        scene.setting = setting
                        if phrase != setting.rawValue.replacingOccurrences(of: "_", with: " ") { scene.settingNoun = phrase }
                    }
                    // "on a shop counter": a place word before a noun only says where the noun is; the relation waits
                    // for that noun. Otherwise ("galloping on the beach") the place ends it.
                    if !(i + length < clause.count && Lexicon.isSubjectNoun(clause[i + length])) { pendingRelation = nil }
                    pending.closeNounPhrase()
                case .cameraMove(let move):
                    scene.cameraMove = move
                    pending.closeNounPhrase()
                case .article:
                    pending.inNounPhrase = true
                case .count(let n):
                    pending.count = n
                    pending.inNounPhrase = true
                case .colour(let colour):
                    pending.colour = colour
                    pending.inNounPhrase = true
                case .subject(let kind, let plural):
                    addSubjects(Array(repeating: kind, count: defaultCount(kind, plural: plural)),
                                noun: plural ? Lexicon.singulars[phrase] ?? phrase : phrase)
                case .group(let kinds):
                    addSubjects(kinds, noun: phrase)
                case .relation(let kind):
                    // Only between two nouns: "on" before any noun ("on the beach, a horse") relates nothing.
                    if let group = lastGroup, !pending.inNounPhrase || pending.isBareArticle {
                        pendingRelation = (kind, group)
                        pending = Pending()
                    }
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
                    if phrase == "of", let group = lastGroup, !pending.inNounPhrase {
                        pending.contentsOf = group
                    }
                    if phrase == "in", let group = lastGroup, !pending.inNounPhrase {
                        pending.inside = group
                    }
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
