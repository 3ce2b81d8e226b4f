import Storage

/// A temporary file name that storyreel's writers use beside a target, parsed: which file it was meant to become
/// and which process wrote it.
///
/// The forms are `.NAME.tmp-PID@HOST-XXXXXX` (atomic writes; HOST is `HostTag`), `.NAME.tmp-PID-XXXXXX` (before
/// the host was in the name), `.NAME.tmp-XXXXXX` (atomic writes before the pid was in
/// the name), `.NAME.partial-PID` and `.NAME.partial-PID.EXT` (PDFs and animatics), `.NAME.ffmpeg-PID.log`.
public struct LeftoverName: Sendable, Equatable {
    /// The file the temporary was going to replace, e.g. `board.pdf`.
    public let target: String
    /// The writer's process id; nil for the older pid-less atomic-write form.
    public let pid: Int32?
    /// The writer's host tag (`HostTag`); nil for names from before it was written.
    public let host: String?

    /// Parses `name`, or returns nil when it is not one of the forms above.
    public init?(_ name: String) {
        guard name.hasPrefix(".") else { return nil }
        let body = Substring(name.dropFirst())
        if let marker = body.range(of: ".tmp-", options: .backwards) {
            let tail = body[marker.upperBound...]
            let parts = tail.split(separator: "-", omittingEmptySubsequences: false)
            let owner = parts.first?.split(separator: "@", omittingEmptySubsequences: false) ?? []
            if parts.count == 2, owner.count == 2, let pid = LeftoverName.pid(owner[0]), LeftoverName.isHostTag(owner[1]),
               LeftoverName.isMkstempSuffix(parts[1]) {
                self.init(target: body[..<marker.lowerBound], pid: pid, host: String(owner[1]))
            } else if parts.count == 2, let pid = LeftoverName.pid(parts[0]), LeftoverName.isMkstempSuffix(parts[1]) {
                self.init(target: body[..<marker.lowerBound], pid: pid)
            } else if parts.count == 1, LeftoverName.isMkstempSuffix(parts[0]) {
                self.init(target: body[..<marker.lowerBound], pid: nil)
            } else {
                return nil
            }
        } else if let marker = body.range(of: ".partial-", options: .backwards) {
            let tail = body[marker.upperBound...]
            let digits = tail.prefix(while: { $0.isASCII && $0.isNumber })
            let rest = tail[digits.endIndex...]
            guard let pid = LeftoverName.pid(digits), rest.isEmpty || (rest.hasPrefix(".") && rest.count > 1 && !rest.dropFirst().contains(".")) else { return nil }
            self.init(target: body[..<marker.lowerBound], pid: pid)
        } else if let marker = body.range(of: ".ffmpeg-", options: .backwards), body.hasSuffix(".log") {
            let digits = body[marker.upperBound..<body.index(body.endIndex, offsetBy: -4)]
            guard let pid = LeftoverName.pid(digits) else { return nil }
            self.init(target: body[..<marker.lowerBound], pid: pid)
        } else {
            return nil
        }
        if target.isEmpty { return nil }
    }

    private init(target: Substring, pid: Int32?, host: String? = nil) {
        self.target = String(target)
        self.pid = pid
        self.host = host
    }

    /// Whether the writer was a process on this machine (names without a host tag were written here: before the
    /// tag, projects were not shared between machines).
    public var isFromThisHost: Bool { host == nil || host == HostTag.current }

    private static func isHostTag(_ text: Substring) -> Bool {
        text.count == 8 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private static func pid(_ text: Substring) -> Int32? {
        guard !text.isEmpty, text.count <= 10, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int32(text), value > 0 else { return nil }
        return value
    }

    /// mkstemp replaces `XXXXXX` with six letters and digits.
    private static func isMkstempSuffix(_ text: Substring) -> Bool {
        text.count == 6 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
