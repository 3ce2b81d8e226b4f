import Foundation
import Testing
import TestSupport

/// The tiny SD model's UNet weights truncated at moments spread over a render: every run ends by itself, with
/// success (the weights were already read), or status 1 and one message naming the file; never a signal.
@Suite struct ModelChangedTests {
    @Test func truncatingTheModelDuringRendersNeverKillsTheProcess() throws {
        let folder = TestFolder()
        let model = folder.path + "/model"
        try FileManager.default.copyItem(atPath: StableDiffusionCLITests.fixtures + "/tiny-sd1", toPath: model)
        let weights = model + "/unet/diffusion_pytorch_model.safetensors"
        let original = try Data(contentsOf: URL(fileURLWithPath: weights))
        let dir = folder.path + "/spot"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            title = "Changing model"
            width = 128
            height = 128
            fps = 24
            model = "sd:\(model)"

            [defaults]
            sampler = "euler"
            steps = 2

            [[shot]]
            id = "s01"
            prompt = "a horse on the beach"
            seed = 7
            duration = 1.0
            """.write(toFile: dir + "/storyboard.toml", atomically: true, encoding: .utf8)
        var outcomes: [String: Int] = [:]
        for round in 0..<16 {
            try original.write(to: URL(fileURLWithPath: weights))
            try? FileManager.default.removeItem(atPath: dir + "/.storyreel")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLITests.binary)
            p.arguments = ["render", dir]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(round * 15_000))
            #expect(truncate(weights, original.count / 3) == 0)
            let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationReason == .exit, "round \(round): killed by signal \(p.terminationStatus)")
            let kind: String
            if p.terminationStatus == 0 {
                kind = "finished first"
            } else if said.contains("model file changed while in use: \(weights)") {
                kind = "changed while in use"
            } else if said.contains(weights) && said.contains("truncated") {
                kind = "truncated before it was opened"
            } else {
                kind = "other: \(said)"
            }
            #expect(p.terminationStatus == 0 || (p.terminationStatus == 1 && !kind.hasPrefix("other")), "round \(round): status \(p.terminationStatus): \(said)")
            outcomes[kind, default: 0] += 1
        }
        print("model changed: 16 renders with the UNet weights truncated 0–225 ms after start: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))")
    }
}
