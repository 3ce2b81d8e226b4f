import Foundation

/// Reads kitty graphics commands and iTerm2 inline images out of terminal output, written from the protocols'
/// documentation and independent of the encoders under test: the tests then decode the PNG and compare pixels.
public enum PixelProtocolReader {
    /// One kitty command (`ESC _ G keys ; payload ESC \`): its keys and its payload.
    public struct KittyCommand: Sendable {
        public var keys: [String: String]
        public var payload: [UInt8]
    }

    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Every kitty command in `bytes`, in order; other bytes between them are skipped, and returned as `between`.
    public static func kittyCommands(_ bytes: [UInt8]) throws -> (commands: [KittyCommand], between: [UInt8]) {
        var commands: [KittyCommand] = [], between: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes.count - i >= 3, bytes[i] == 0x1B, bytes[i + 1] == 0x5F, bytes[i + 2] == 0x47 else {
                between.append(bytes[i])
                i += 1
                continue
            }
            guard let end = (i + 3..<max(i + 3, bytes.count - 1)).first(where: { bytes[$0] == 0x1B && bytes[$0 + 1] == 0x5C }) else {
                throw ReadError("an APC G command without its ESC \\")
            }
            let body = bytes[(i + 3)..<end]
            let semicolon = body.firstIndex(of: 0x3B) ?? end
            var keys: [String: String] = [:]
            for pair in String(decoding: body[body.startIndex..<semicolon], as: UTF8.self).split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { throw ReadError("a key without a value: \(pair)") }
                keys[String(parts[0])] = String(parts[1])
            }
            commands.append(KittyCommand(keys: keys, payload: semicolon < end ? Array(body[(semicolon + 1)...]) : []))
            i = end + 2
        }
        return (commands, between)
    }

    /// The file a kitty transmission carries: the base64 payloads of its chunks (from the one with `a=` to the
    /// one with `m=0`) joined and decoded.
    public static func kittyFile(_ commands: [KittyCommand]) throws -> [UInt8] {
        guard let start = commands.firstIndex(where: { $0.keys["a"] == "t" || $0.keys["a"] == "T" }),
              let end = commands[start...].firstIndex(where: { ($0.keys["m"] ?? "0") == "0" }) else {
            throw ReadError("no complete transmission")
        }
        guard let data = Data(base64Encoded: Data(commands[start...end].flatMap(\.payload))) else { throw ReadError("bad base64") }
        return Array(data)
    }

    /// The arguments and file of the iTerm2 inline image (`ESC ] 1337 ; File = args : base64 BEL`) in `bytes`.
    public static func iTermImage(_ bytes: [UInt8]) throws -> (arguments: [String: String], file: [UInt8]) {
        let prefix = Array("\u{1B}]1337;File=".utf8)
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: prefix) }),
              let bell = bytes[start...].firstIndex(of: 0x07),
              let colon = bytes[start..<bell].firstIndex(of: 0x3A) else { throw ReadError("no OSC 1337 File") }
        var arguments: [String: String] = [:]
        for pair in String(decoding: bytes[(start + prefix.count)..<colon], as: UTF8.self).split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            arguments[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        guard let data = Data(base64Encoded: Data(bytes[(colon + 1)..<bell])) else { throw ReadError("bad base64") }
        return (arguments, Array(data))
    }
}
