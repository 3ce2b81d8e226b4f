import SafeText

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

    /// The id made safe to print (see `TerminalText`), at most 80 characters of it.
    public static func printable(_ id: String) -> String {
        TerminalText.sanitised(String(id.unicodeScalars.prefix(80)))
    }
}
