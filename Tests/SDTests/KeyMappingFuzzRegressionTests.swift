import Foundation
@testable import SD
import Testing
import TestSupport

/// What the single-file and lora fuzz harnesses found, replayed without the fuzz build: each tensor list in
/// Fuzz/Regressions/{single-file,lora} (`KEY<TAB>SHAPE<TAB>DTYPE` a line, `#NAME=VALUE` metadata) made into a file of
/// zeros and read, against the outcome stated here.
@Suite struct KeyMappingFuzzRegressionTests {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions").path

    /// The list in `file` as a safetensors file in `folder`; returns its path. Written here, not with the harness's
    /// builder, so the replay does not rest on the fuzz code.
    static func file(_ name: String, in folder: TestFolder) throws -> String {
        let text = String(decoding: try #require(FileManager.default.contents(atPath: regressions + "/" + name)), as: UTF8.self)
        var members: [String] = [], metadata: [String] = [], seen: Set<String> = [], offset = 0
        func quote(_ s: String) -> String {
            "\"" + s.unicodeScalars.map { c -> String in
                c == "\"" || c == "\\" ? "\\" + String(c) : c.value < 0x20 ? String(format: "\\u%04x", c.value) : String(c)
            }.joined() + "\""
        }
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") {
                let pair = line.dropFirst().split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                metadata.append(quote(String(pair[0])) + ":" + quote(pair.count > 1 ? String(pair[1]) : ""))
                continue
            }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard seen.insert(fields[0]).inserted else { continue }
            var shape = fields.count > 1 ? fields[1].split(separator: ",").compactMap { Int($0) } : [1]
            let dtype = fields.count > 2 && ["F32", "F16", "BF16", "I64"].contains(fields[2]) ? fields[2] : "F32"
            let width = ["F32": 4, "F16": 2, "BF16": 2, "I64": 8][dtype]!
            // The harness's budget: 16 MiB of data in all, a tensor past it shape [1].
            let elements = shape.reduce(1) { min($0 * min($1, 1 << 20), 1 << 40) }
            if elements * width > (16 << 20) - offset { shape = [1] }
            let size = shape.reduce(1, *) * width
            members.append("\(quote(fields[0])):{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        if !metadata.isEmpty { members.insert("\"__metadata__\":{" + metadata.joined(separator: ",") + "}", at: 0) }
        let path = folder.path + "/" + (name as NSString).lastPathComponent + ".safetensors"
        try Data(SafeTensorsTests.safetensors("{" + members.joined(separator: ",") + "}", data: SafeTensorsTests.zeros(offset)))
            .write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aUNetKeyWithoutABlockNumberIsNotABlock() throws {
        // Was: an index past the end of "input_blocks".split(".") while counting blocks, a crash.
        let folder = TestFolder()
        let checkpoint = try LDMCheckpoint(SafeTensorsFile(path: try Self.file("single-file/unet-key-without-block-number.keys", in: folder)))
        #expect(checkpoint.family == .sd1)
        #expect(checkpoint.unet.config.blockOutChannels == [32, 64] && checkpoint.unet.config.layersPerBlock == 1)
        #expect(checkpoint.text.config.hiddenSize == 32 && checkpoint.text.config.layers == 2)
    }

    @Test func aShapeTooShortToReadTheArchitectureFromIsAnError() throws {
        // Was: the context width read as the second size of a scalar, a crash.
        let folder = TestFolder()
        let path = try Self.file("single-file/scalar-shape-read-for-context.keys", in: folder)
        let error = try #require(throws: SDError.self) { try LDMCheckpoint(SafeTensorsFile(path: path)) }
        #expect(error.message.contains("attn2.to_k.weight") && error.message.contains("has shape []"), "\(error.message)")
    }

    @Test func anOutputBlockThatIsNoNumberIsSkippedWhenTellingVFromEpsilon() throws {
        // Was: Int("x")! on output_blocks.x.1.transformer_blocks.0.norm1.bias, a crash (SD 2.x without metadata).
        let folder = TestFolder()
        let checkpoint = try LDMCheckpoint(SafeTensorsFile(path: try Self.file("single-file/sd2-output-block-not-a-number.keys", in: folder)))
        #expect(checkpoint.family == .sd2)
        // Block 5 is the last one; its norm1 biases are zeros, deviation 0, under ComfyUI's 0.09: epsilon.
        #expect(checkpoint.prediction == .epsilon)
    }

    @Test func everyFoundSingleFileListReadsOrFailsCleanly() throws {
        let folder = TestFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.regressions + "/single-file").sorted()
        #expect(names.count >= 4)
        for name in names {
            let path = try Self.file("single-file/" + name, in: folder)
            do {
                _ = try LDMCheckpoint(SafeTensorsFile(path: path))
            } catch {
                #expect(error is SDError, "\(name): \(error)")
            }
        }
    }

    @Test func anUpWeightWithNoOutputsMakesNoUpdate() throws {
        // Was: 0 / 0 while sizing the update for a layer of no outputs, a crash.
        let folder = TestFolder()
        let lora = try LoRAFile(path: try Self.file("lora/up-weight-with-no-outputs.keys", in: folder))
        let module = try #require(lora.modules["unet|x"])
        #expect(throws: SDError.self) { try lora.delta(module, outputs: 0, count: 0) }
        // modules(in:) is what LoRAFile(path:) reads, without the digest.
        #expect(Set(try LoRAFile.modules(in: lora.file).keys) == Set(lora.modules.keys))
    }
}
