/// Rules for shot ids, which name frame files: they must never leave the project folder or confuse a shell.
public enum ShotID {
    /// Why `id` is not a valid shot id, or nil when it is.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "is empty; expected letters, digits, '-', '_' or '.'" }
        if id.utf8.count > 64 { return "is longer than 64 characters" }
        if id.hasPrefix(".") { return "starts with '.'; ids name files, so they may not be hidden or '..'" }
        for scalar in id.unicodeScalars {
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
            if !ok { return "contains '\(printable(String(scalar)))'; expected only letters, digits, '-', '_' or '.'" }
        }
        return nil
    }

    /// The id with control characters escaped, safe to print.
    public static func printable(_ id: String) -> String {
        var out = ""
        for scalar in id.unicodeScalars.prefix(80) {
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
