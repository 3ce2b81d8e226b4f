/// RFC 4180 CSV: records of fields, CRLF between records, fields quoted when they hold a comma, quote or line break.
public enum CSVTable {
    /// The records as CSV text, each ended by CRLF.
    public static func write(_ records: [[String]]) -> String {
        var out = ""
        for record in records {
            out += record.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A field as written: quoted when it holds a comma, quote or line break, or starts or ends with a space.
    /// Decided scalar by scalar, as `parse` reads: Swift's characters are grapheme clusters, so "\r\n" is one
    /// character equal to neither "\r" nor "\n", and a quote or comma followed by a combining mark is one
    /// character equal to neither; a check by character left such fields bare, and they read back split.
    static func field(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard scalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || scalars.first == " "
                || scalars.last == " " else { return value }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in scalars {
            out.append(scalar)
            if scalar == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }

    /// A parse failure, at a 1-based line of the text.
    public struct Failure: Error, Equatable {
        public let line: Int
        public let message: String
    }

    /// The records of CSV `text`, with the line each starts on. Accepts CRLF or LF line ends, a UTF-8 byte-order mark,
    /// and a last record without a line end; quoted fields may hold commas, quotes (doubled) and line breaks.
    public static func parse(_ text: String) throws(Failure) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var line = 1, recordLine = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endRecord() {
            fields.append(field)
            // A blank line is no record.
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { records.append((recordLine, fields)) }
            fields = []
            field = ""
            wasQuoted = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 2
                        continue
                    }
                    quoted = false
                    // After the closing quote only a separator or a line end may follow.
                    if i + 1 < scalars.count, !["," as Unicode.Scalar, "\r", "\n"].contains(scalars[i + 1]) {
                        throw Failure(line: line, message: "text after a closing quote; a quote inside a quoted field is written twice (\"\")")
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty else {
                    throw Failure(line: line, message: "a quote inside an unquoted field; quote the whole field and write the quote twice")
                }
                quoted = true
                wasQuoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if quoted { throw Failure(line: recordLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
