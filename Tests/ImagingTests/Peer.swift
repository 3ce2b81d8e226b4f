import Foundation

/// Runs scripts/png_peer.py, the standard-library-only PNG reader/writer the tests compare against.
enum Peer {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What the peer read from a file.
    struct Image {
        let status: Int32
        let width: Int
        let height: Int
        let colorType: Int
        let bitDepth: Int
        let chunkTypes: [String]
        /// (type, keyword, text) of each tEXt, zTXt and iTXt chunk, in file order.
        let texts: [(type: String, keyword: String, text: String)]
        let pixels: [UInt8]
        let errors: [String]
    }

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/png_peer.py").path

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("storyreel-imaging-\(UUID().uuidString)-\(name).png").path
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Writes `bytes` to a temporary file and reads it with the peer.
    static func read(_ bytes: [UInt8]) throws -> Image {
        let path = temporaryPath("read")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (status, output) = try run(["read", path])
        guard let json = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw Failure(description: "peer printed no JSON object (status \(status))")
        }
        let chunks = json["chunks"] as? [[String: Any]] ?? []
        let texts = chunks.compactMap { chunk -> (String, String, String)? in
            guard let type = chunk["type"] as? String, let keyword = chunk["keyword"] as? String,
                  let text = chunk["text"] as? String else { return nil }
            return (type, keyword, text)
        }
        return Image(
            status: status,
            width: json["width"] as? Int ?? -1,
            height: json["height"] as? Int ?? -1,
            colorType: json["color_type"] as? Int ?? -1,
            bitDepth: json["bit_depth"] as? Int ?? -1,
            chunkTypes: chunks.compactMap { $0["type"] as? String },
            texts: texts,
            pixels: try decodeHex( json["pixels"] as? String ?? ""),
            errors: json["errors"] as? [String] ?? ["no errors field"])
    }

    /// Has the peer write a test PNG of the given kind and returns its bytes.
    static func write(kind: String, width: Int, height: Int) throws -> [UInt8] {
        let path = temporaryPath(kind)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, _) = try run(["write", kind, path, String(width), String(height)])
        guard status == 0 else { throw Failure(description: "peer failed to write \(kind) (status \(status))") }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private static func decodeHex(_ hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { throw Failure(description: "odd-length hex from peer") }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        func nibble(_ c: UInt8) throws -> UInt8 {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            default: throw Failure(description: "bad hex digit from peer")
            }
        }
        var index = 0
        while index < digits.count {
            result.append(try nibble(digits[index]) << 4 | nibble(digits[index + 1]))
            index += 2
        }
        return result
    }
}
