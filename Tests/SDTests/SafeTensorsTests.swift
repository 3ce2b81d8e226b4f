import Foundation
import Testing
import SD
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The safetensors reader against files Python's safetensors wrote, hand-built files with known bit patterns,
/// and hostile files that must each give one SDError naming the problem, never a crash or a hang.
@Suite struct SafeTensorsTests {
    // MARK: Files Python wrote

    @Test func referenceFixtureListsItsTensorsWithShapes() throws {
        let file = try SafeTensorsFile(path: Fixture.path("tiny-sd1/reference.safetensors"))
        #expect(file.entries.count == 15)
        #expect(file.entries["text.embeddings"]?.shape == [2, 77, 32])
        #expect(file.entries["unet.output"]?.shape == [2, 4, 16, 16])
        #expect(file.entries["pipeline.image"]?.shape == [128, 128, 3])
        #expect(file.entries["pipeline.image"]?.dtype == .f32)
        #expect(file.entries["pipeline.image"]?.elementCount == 128 * 128 * 3)
        #expect(try file.floats("text.embeddings", shape: [2, 77, 32]).count == 2 * 77 * 32)
        #expect(try file.floats("unet.output", shape: [2, 4, 16, 16]).count == 2 * 4 * 16 * 16)
        #expect(try file.floats("pipeline.image", shape: [128, 128, 3]).count == 128 * 128 * 3)
        #expect(file.contains("unet.output"))
        #expect(!file.contains("unet.missing"))
    }

    /// Two "leading" steps of a 1000-step schedule with steps_offset 1 are timesteps 501 and 1, and the
    /// Euler sigmas end at zero: values known without running anything.
    @Test func referenceFixtureF32ValuesAreTheKnownSchedule() throws {
        let file = try SafeTensorsFile(path: Fixture.path("tiny-sd1/reference.safetensors"))
        #expect(try file.floats("pipeline.timesteps", shape: [2]) == [501, 1])
        let sigmas = try file.floats("pipeline.sigmas", shape: [3])
        #expect(sigmas.last == 0)
        #expect(sigmas[0] > sigmas[1] && sigmas[1] > 0)
    }

    @Test func int32TensorParsesButIsNotReadAsFloats() throws {
        let path = Fixture.path("tiny-sd1/reference.safetensors")
        let file = try SafeTensorsFile(path: path)
        let ids = try #require(file.entries["text.ids"])
        #expect(ids.dtypeName == "I32")
        #expect(ids.dtype == nil)
        #expect(ids.shape == [2, 77])
        #expect(ids.byteRange.count == 2 * 77 * 4)
        let message = failure { _ = try file.floats("text.ids") }
        #expect(message?.contains("I32") == true, "\(message ?? "no error")")
        #expect(message?.contains("text.ids") == true)
        #expect(message?.contains(path) == true)
    }

    /// Values numpy read from the same f16 file, written here as numbers.
    @Test func unetFixtureF16ValuesMatchNumpy() throws {
        let file = try SafeTensorsFile(path: Fixture.path("tiny-sd1/unet/diffusion_pytorch_model.safetensors"))
        #expect(file.entries.count == 494)
        let bias = try file.floats("conv_in.bias", shape: [32])
        #expect(Array(bias.prefix(4)) == [0.032867431640625, 0.06524658203125, -0.056854248046875, 0.0125274658203125])
        let weight = try file.floats("conv_in.weight", shape: [32, 4, 3, 3])
        #expect(weight.last == -0.2042236328125)
        #expect(abs(weight.reduce(0.0) { $0 + Double($1) } - -9.713633060455322) < 1e-9)
        for entry in file.entries.values {
            #expect(entry.dtype == .f16, "\(entry.name)")
            #expect(try file.floats(entry.name).count == entry.elementCount, "\(entry.name)")
        }
    }

    @Test func shapeMismatchNamesFileTensorAndBothShapes() throws {
        let path = Fixture.path("tiny-sd1/reference.safetensors")
        let file = try SafeTensorsFile(path: path)
        let message = try #require(failure { _ = try file.floats("unet.output", shape: [2, 4, 8, 8]) })
        #expect(message.contains(path))
        #expect(message.contains("unet.output"))
        #expect(message.contains("[2, 4, 16, 16]"))
        #expect(message.contains("[2, 4, 8, 8]"))
    }

    @Test func missingTensorIsAnError() throws {
        let file = try SafeTensorsFile(path: Fixture.path("tiny-sd1/reference.safetensors"))
        let message = failure { _ = try file.floats("no.such.tensor") }
        #expect(message?.contains("no.such.tensor") == true, "\(message ?? "no error")")
    }

    // MARK: Known bit patterns

    @Test func f16KnownBitPatterns() throws {
        let patterns: [UInt16] = [0x3C00, 0xC000, 0x0001, 0x7C00, 0x7BFF, 0xFC00, 0x8000, 0x0000, 0x03FF, 0x0400, 0x8001, 0x3555]
        let expected: [Float] = [1, -2, 0x1p-24, .infinity, 65504, -.infinity, -0.0, 0, 1023 * 0x1p-24, 0x1p-14, -0x1p-24,
                                 0x1.554p-2]
        let values = try readBack(dtype: "F16", shape: [patterns.count], data: littleEndianBytes(patterns))
        #expect(values.map(\.bitPattern) == expected.map(\.bitPattern))
        let nan = try readBack(dtype: "F16", shape: [2], data: littleEndianBytes([0x7E00, 0xFC01] as [UInt16]))
        #expect(nan.allSatisfy { $0.isNaN })
    }

    /// Every one of the 65,536 f16 values converts to the same f32 bits as Swift's own Float16 conversion.
    @Test func f16EveryBitPatternMatchesFloat16() throws {
        let patterns = (0...UInt16.max).map { $0 }
        let values = try readBack(dtype: "F16", shape: [256, 256], data: littleEndianBytes(patterns))
        #expect(values.count == 65536)
        var mismatches = 0
        for (pattern, value) in zip(patterns, values) where value.bitPattern != Float(Float16(bitPattern: pattern)).bitPattern {
            mismatches += 1
        }
        #expect(mismatches == 0)
    }

    @Test func bf16KnownBitPatterns() throws {
        let patterns: [UInt16] = [0x3F80, 0xC000, 0x7F80, 0xFF80, 0x7F7F, 0x0001, 0x8000, 0x4049]
        let expected: [Float] = [1, -2, .infinity, -.infinity, Float(bitPattern: 0x7F7F_0000), Float(bitPattern: 0x0001_0000), -0.0,
                                 3.140625]
        let values = try readBack(dtype: "BF16", shape: [patterns.count], data: littleEndianBytes(patterns))
        #expect(values.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(try readBack(dtype: "BF16", shape: [1], data: littleEndianBytes([0x7FC0] as [UInt16]))[0].isNaN)
    }

    @Test func f32IsReadLittleEndian() throws {
        let data: [UInt8] = [0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x80, 0xBE]  // 1.5, -0.25
        #expect(try readBack(dtype: "F32", shape: [2], data: data) == [1.5, -0.25])
    }

    @Test func metadataScalarsEmptyTensorsAndOtherDTypes() throws {
        let header = #"{"__metadata__":{"format":"pt","note":"caf\u00e9 \ud83e\udd8a"},"# +
            #""position_ids":{"dtype":"I64","shape":[1,2],"data_offsets":[0,16]},"# +
            #""scale":{"dtype":"F32","shape":[],"data_offsets":[16,20]},"# +
            #""empty":{"dtype":"F16","shape":[0,3],"data_offsets":[20,20]}}"#
        let data = [UInt8](repeating: 0, count: 16) + [0x00, 0x00, 0x00, 0x40]
        let folder = TestFolder()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let path = folder.path + "/mixed.safetensors"
        try write(safetensors(header, data: data), to: path)
        let file = try SafeTensorsFile(path: path)
        #expect(file.metadata == ["format": "pt", "note": "café 🦊"])
        #expect(file.entries["position_ids"]?.dtypeName == "I64")
        #expect(try file.floats("scale", shape: []) == [2])
        #expect(file.entries["scale"]?.elementCount == 1)
        #expect(try file.floats("empty", shape: [0, 3]) == [])
        let message = failure { _ = try file.floats("position_ids") }
        #expect(message?.contains("I64") == true && message?.contains("position_ids") == true, "\(message ?? "no error")")
    }

    @Test func headerPaddedWithSpacesAsPythonWritesIt() throws {
        let bytes = safetensors(#"{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"# + "       ", data: [0x00, 0x3C])
        let parsed = try bytes.withUnsafeBytes { try SafeTensorsFile.parseHeader($0, fileSize: bytes.count) }
        #expect(parsed.dataOffset == bytes.count - 2)
        #expect(parsed.entries["a"]?.byteRange == 0..<2)
    }

    // MARK: Hostile files

    /// A damaged header and the word its error must contain.
    struct Hostile: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let word: String
        var testDescription: String { name }
    }

    static let entry = #""t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#

    static let hostile: [Hostile] = [
        Hostile(name: "header length u64 max", bytes: lengthThen(UInt64.max, [UInt8](repeating: 0x20, count: 16)), word: "limit"),
        Hostile(name: "header length past end of file", bytes: lengthThen(1000, Array("{}".utf8)), word: "truncated"),
        Hostile(name: "header length zero", bytes: lengthThen(0, []), word: "JSON"),
        Hostile(name: "truncated length field", bytes: [0x10, 0x00, 0x00], word: "too short"),
        Hostile(name: "header not JSON", bytes: safetensors("hello, world"), word: "JSON"),
        Hostile(name: "header is an array", bytes: safetensors("[1, 2]"), word: "object"),
        Hostile(name: "trailing garbage", bytes: safetensors("{} {}"), word: "trailing"),
        Hostile(name: "trailing NUL", bytes: safetensors("{}\u{0}"), word: "trailing"),
        Hostile(name: "deep arrays", bytes: safetensors(String(repeating: "[", count: 100_000)), word: "deeper"),
        Hostile(name: "deep objects", bytes: safetensors(String(repeating: #"{"a":"#, count: 50_000)), word: "deeper"),
        Hostile(name: "unterminated object", bytes: safetensors(#"{"t":{"dtype":"F32""#), word: "expected"),
        Hostile(name: "unterminated string", bytes: safetensors(#"{"t"#), word: "unterminated"),
        Hostile(name: "control character in string", bytes: safetensors("{\"t\u{1}\":1}"), word: "control"),
        Hostile(name: "invalid UTF-8 in key", bytes: lengthThen(8, Array(#"{""#.utf8) + [0xFF] + Array(#"":{}}"#.utf8)), word: "UTF-8"),
        Hostile(name: "lone surrogate", bytes: safetensors(#"{"\ud800":{}}"#), word: "surrogate"),
        Hostile(name: "bad escape", bytes: safetensors(#"{"\q":{}}"#), word: "escape"),
        Hostile(name: "leading zero number", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[02],"data_offsets":[0,8]}}"#, data: zeros(8)),
                word: "expected"),
        Hostile(name: "offsets out of bounds", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: zeros(4)),
                word: "out of bounds"),
        Hostile(name: "offsets overlap", bytes: safetensors(
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
            data: zeros(12)), word: "overlap"),
        Hostile(name: "begin after end", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, data: zeros(8)),
                word: "begin"),
        Hostile(name: "size mismatch for dtype and shape", bytes: safetensors(#"{"t":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}}"#,
                                                                               data: zeros(8)), word: "mismatch"),
        Hostile(name: "size mismatch for another dtype", bytes: safetensors(#"{"t":{"dtype":"I64","shape":[2],"data_offsets":[0,8]}}"#,
                                                                             data: zeros(8)), word: "mismatch"),
        Hostile(name: "shape overflow", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,8]}}"#,
                                                           data: zeros(8)), word: "overflow"),
        Hostile(name: "byte size overflow", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[2305843009213693952,2],"data_offsets":[0,8]}}"#,
                                                               data: zeros(8)), word: "overflow"),
        Hostile(name: "negative dimension", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, data: zeros(8)),
                word: "negative"),
        Hostile(name: "negative offset", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}"#, data: zeros(8)),
                word: "negative"),
        Hostile(name: "fractional dimension", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}"#, data: zeros(8)),
                word: "whole"),
        Hostile(name: "dimension too large", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[99999999999999999999999],"data_offsets":[0,8]}}"#,
                                                                data: zeros(8)), word: "too large"),
        Hostile(name: "duplicate tensor names", bytes: safetensors("{\(entry),\(entry)}", data: zeros(8)), word: "duplicate"),
        Hostile(name: "missing dtype", bytes: safetensors(#"{"t":{"shape":[2],"data_offsets":[0,8]}}"#, data: zeros(8)), word: "dtype"),
        Hostile(name: "dtype not a string", bytes: safetensors(#"{"t":{"dtype":4,"shape":[2],"data_offsets":[0,8]}}"#, data: zeros(8)),
                word: "dtype"),
        Hostile(name: "shape not an array", bytes: safetensors(#"{"t":{"dtype":"F32","shape":2,"data_offsets":[0,8]}}"#, data: zeros(8)),
                word: "shape"),
        Hostile(name: "three data offsets", bytes: safetensors(#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8,8]}}"#, data: zeros(8)),
                word: "two"),
        Hostile(name: "entry not an object", bytes: safetensors(#"{"t":[1]}"#), word: "object"),
        Hostile(name: "metadata value not a string", bytes: safetensors(#"{"__metadata__":{"epoch":3}}"#), word: "metadata"),
    ]

    @Test(arguments: hostile) func hostileHeaderThrowsNamingTheProblem(_ hostile: Hostile) throws {
        let parsed = failure {
            _ = try hostile.bytes.withUnsafeBytes { try SafeTensorsFile.parseHeader($0, fileSize: hostile.bytes.count) }
        }
        #expect(parsed?.contains(hostile.word) == true, "parseHeader: \(parsed ?? "no error")")
        #expect(parsed?.contains("safetensors header") == true)

        let folder = TestFolder()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let path = folder.path + "/hostile.safetensors"
        try write(hostile.bytes, to: path)
        let opened = failure { _ = try SafeTensorsFile(path: path) }
        #expect(opened?.contains(hostile.word) == true, "file: \(opened ?? "no error")")
        #expect(opened?.contains(path) == true)
    }

    /// Parsed values take far more memory than their text, so a header of a million tiny numbers is refused.
    @Test func headerWithTooManyValuesIsRefused() throws {
        let bytes = Self.safetensors(#"{"t":{"dtype":"F32","shape":["# + String(repeating: "1,", count: 1_000_000) + "1]}}")
        let message = failure { _ = try bytes.withUnsafeBytes { try SafeTensorsFile.parseHeader($0, fileSize: bytes.count) } }
        #expect(message?.contains("values") == true, "\(message ?? "no error")")
    }

    @Test func everyTruncationOfAValidFileThrowsOrParses() throws {
        let header = #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]},"# +
            #""b":{"dtype":"BF16","shape":[3],"data_offsets":[8,14]}}"#
        let valid = safetensors(header, data: [UInt8](repeating: 0x3C, count: 14))
        for length in 0...valid.count {
            let truncated = Array(valid.prefix(length))
            let outcome = failure { _ = try truncated.withUnsafeBytes { try SafeTensorsFile.parseHeader($0, fileSize: length) } }
            #expect((outcome == nil) == (length == valid.count), "length \(length): \(outcome ?? "parsed")")
        }
    }

    @Test func emptyFileIsTooShort() throws {
        let folder = TestFolder()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let path = folder.path + "/empty.safetensors"
        try write([], to: path)
        let message = failure { _ = try SafeTensorsFile(path: path) }
        #expect(message?.contains("too short") == true, "\(message ?? "no error")")
    }

    @Test func directoryIsNotARegularFile() throws {
        let folder = TestFolder()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let message = failure { _ = try SafeTensorsFile(path: folder.path) }
        #expect(message?.contains("directory") == true, "\(message ?? "no error")")
        #expect(message?.contains(folder.path) == true)
    }

    /// A FIFO with no writer must be refused at once, not block the open or the read.
    @Test func fifoIsRefusedWithoutHanging() throws {
        let folder = TestFolder()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let path = folder.path + "/pipe.safetensors"
        try #require(mkfifo(path, 0o600) == 0)
        let message = failure { _ = try SafeTensorsFile(path: path) }
        #expect(message?.contains("FIFO") == true, "\(message ?? "no error")")
    }

    @Test func missingFileCannotBeOpened() throws {
        let folder = TestFolder()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let message = failure { _ = try SafeTensorsFile(path: folder.path + "/absent.safetensors") }
        #expect(message?.contains("cannot open") == true, "\(message ?? "no error")")
    }

    // MARK: Helpers

    /// The message of the SDError `body` throws, nil when it throws nothing, or a note when it throws another error.
    private func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as SDError {
            return error.message
        } catch {
            return "not an SDError: \(error)"
        }
    }

    /// The floats of a one-tensor file with `data`, written to disk and read through SafeTensorsFile.
    private func readBack(dtype: String, shape: [Int], data: [UInt8]) throws -> [Float] {
        let folder = TestFolder()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let path = folder.path + "/one.safetensors"
        let header = #"{"x":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":[0,\#(data.count)]}}"#
        try write(Self.safetensors(header, data: data), to: path)
        return try SafeTensorsFile(path: path).floats("x", shape: shape)
    }

    private func safetensors(_ header: String, data: [UInt8] = []) -> [UInt8] { Self.safetensors(header, data: data) }

    /// A safetensors file: the header's length, the header, then the data.
    static func safetensors(_ header: String, data: [UInt8] = []) -> [UInt8] {
        lengthThen(UInt64(header.utf8.count), Array(header.utf8)) + data
    }

    /// `length` as the 8-byte little-endian header length, followed by `rest`.
    static func lengthThen(_ length: UInt64, _ rest: [UInt8]) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + rest
    }

    static func zeros(_ count: Int) -> [UInt8] { [UInt8](repeating: 0, count: count) }

    private func littleEndianBytes(_ values: [UInt16]) -> [UInt8] {
        values.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
