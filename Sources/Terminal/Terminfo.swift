import Storage

/// Reads the one thing the studio's pictures need from a compiled terminfo entry: whether it declares direct
/// (24-bit) colour with the `RGB` extended capability, as ncurses' `*-direct` entries do.
///
/// The file is parsed as bytes with every offset checked, so a damaged or hostile entry means "no", not a crash.
public enum Terminfo {
    /// Whether the entry for `TERM` (looked up where ncurses looks) has the `RGB` capability.
    public static func hasRGB(environment: [String: String]) -> Bool {
        guard let term = environment["TERM"], !term.isEmpty, !term.contains("/"), term != ".", term != "..",
              let bytes = entry(named: term, environment: environment) else { return false }
        return extendedNames(bytes).contains("RGB")
    }

    /// The compiled entry for `name`: $TERMINFO, ~/.terminfo, $TERMINFO_DIRS, then the system folders.
    static func entry(named name: String, environment: [String: String]) -> [UInt8]? {
        var folders: [String] = []
        if let dir = environment["TERMINFO"], !dir.isEmpty { folders.append(dir) }
        if let home = environment["HOME"], !home.isEmpty { folders.append(home + "/.terminfo") }
        let system = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"]
        if let dirs = environment["TERMINFO_DIRS"] {
            // An empty element stands for the system folders.
            for dir in dirs.split(separator: ":", omittingEmptySubsequences: false) {
                if dir.isEmpty { folders += system } else { folders.append(String(dir)) }
            }
        }
        folders += system
        let first = name.unicodeScalars.first!
        let hex = String(first.value, radix: 16)
        for folder in folders {
            for sub in [String(first), hex] {
                if let bytes = try? FileReader.read("\(folder)/\(sub)/\(name)", limit: 1 << 16) { return bytes }
            }
        }
        return nil
    }

    /// Names of the extended capabilities that the entry gives a value (booleans set, numbers and strings
    /// present); empty when the entry has no extended part or does not parse.
    static func extendedNames(_ bytes: [UInt8]) -> Set<String> {
        var r = Reader(bytes: bytes)
        guard let magic = r.short() else { return [] }
        let numberSize: Int
        switch magic {
        case 0o432: numberSize = 2
        case 0o1036: numberSize = 4
        default: return []
        }
        guard let namesSize = r.count(), let bools = r.count(), let numbers = r.count(), let strings = r.count(),
              let table = r.count() else { return [] }
        // Standard part: names, booleans, a pad to an even offset, numbers, string offsets, string table.
        guard r.skip(namesSize + bools), r.align(), r.skip(numbers * numberSize + strings * 2 + table), r.align() else { return [] }
        guard let extBools = r.count(), let extNumbers = r.count(), let extStrings = r.count(), r.count() != nil,
              let extTable = r.count() else { return [] }
        guard let boolSlice = r.take(extBools), r.align() else { return [] }
        let boolValues = Array(boolSlice)
        var numberPresent: [Bool] = []
        for _ in 0..<extNumbers {
            guard let chunk = r.take(numberSize) else { return [] }
            // Negative (-1 absent, -2 cancelled): the sign bit of the little-endian value's last byte.
            numberPresent.append(chunk.last! & 0x80 == 0)
        }
        var stringOffsets: [Int] = []
        for _ in 0..<extStrings {
            guard let v = r.signedShort() else { return [] }
            stringOffsets.append(v)
        }
        let nameCount = extBools + extNumbers + extStrings
        var nameOffsets: [Int] = []
        for _ in 0..<nameCount {
            guard let v = r.signedShort() else { return [] }
            nameOffsets.append(v)
        }
        guard let tableSlice = r.take(extTable) else { return [] }
        let tableBytes = Array(tableSlice)
        // The table holds the string values first, then the names; names count from the end of the last value.
        var base = 0
        for offset in stringOffsets.reversed() where offset >= 0 && offset < tableBytes.count {
            guard let end = tableBytes[offset...].firstIndex(of: 0) else { return [] }
            base = end + 1
            break
        }
        var present: Set<String> = []
        for (i, offset) in nameOffsets.enumerated() {
            let start = base + offset
            guard offset >= 0, start < tableBytes.count, let end = tableBytes[start...].firstIndex(of: 0) else { continue }
            let has: Bool
            if i < extBools { has = boolValues[i] == 1 }
            else if i < extBools + extNumbers { has = numberPresent[i - extBools] }
            else { has = stringOffsets[i - extBools - extNumbers] >= 0 }
            if has { present.insert(String(decoding: tableBytes[start..<end], as: UTF8.self)) }
        }
        return present
    }

    /// Little-endian reads over the entry with bounds checks.
    struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func short() -> Int? {
            guard at + 2 <= bytes.count else { return nil }
            defer { at += 2 }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }

        mutating func signedShort() -> Int? { short().map { $0 >= 0x8000 ? $0 - 0x10000 : $0 } }

        /// A non-negative count (sizes and counts are below 32 768 in valid entries).
        mutating func count() -> Int? {
            guard let v = signedShort(), v >= 0 else { return nil }
            return v
        }

        mutating func skip(_ n: Int) -> Bool {
            guard n >= 0, at + n <= bytes.count else { return false }
            at += n
            return true
        }

        mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, at + n <= bytes.count else { return nil }
            defer { at += n }
            return bytes[at..<(at + n)]
        }

        mutating func align() -> Bool { at % 2 == 0 ? true : skip(1) }
    }
}
