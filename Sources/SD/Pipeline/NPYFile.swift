import Foundation
import Storage

/// A numpy `.npy` array of float32, float16 or float64 values in C order: how another tool's initial noise is
/// brought in (`storyreel render --noise`), so its image can be reproduced exactly.
public struct NPYFile: Sendable {
    public let shape: [Int]
    public let values: [Float]

    /// Reads and checks the whole file; any other dtype, Fortran order or a size that does not match the shape
    /// is an error naming the file.
    public init(path: String) throws {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path, limit: 1 << 30) } catch { throw SDError("cannot read \(path): \(error)") }
        try self.init(bytes: bytes, name: path)
    }

    public init(bytes: [UInt8], name: String) throws {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw SDError("\(name) is not a .npy file (no \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw SDError("\(name): truncated .npy header") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw SDError("\(name): .npy format version \(major) is not supported; expected 1, 2 or 3")
        }
        guard headerLength <= 65_536, headerStart + headerLength <= bytes.count else {
            throw SDError("\(name): .npy header of \(headerLength) bytes does not fit the file")
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        func field(_ key: String) -> Substring? {
            guard let range = header.range(of: "'\(key)':") else { return nil }
            return header[range.upperBound...].drop(while: { $0 == " " })
        }
        guard let descrField = field("descr"), descrField.first == "'",
              let descr = descrField.dropFirst().split(separator: "'", maxSplits: 1).first else {
            throw SDError("\(name): .npy header has no 'descr'")
        }
        let size: Int
        switch descr {
        case "<f4": size = 4
        case "<f2": size = 2
        case "<f8": size = 8
        default: throw SDError("\(name): dtype '\(descr)' is not supported; expected little-endian float32, float16 or float64")
        }
        guard let order = field("fortran_order"), order.hasPrefix("False") else {
            throw SDError("\(name): Fortran-ordered arrays are not supported; save with np.save from a C-ordered array")
        }
        guard let shapeField = field("shape"), shapeField.first == "(", let close = shapeField.firstIndex(of: ")") else {
            throw SDError("\(name): .npy header has no 'shape'")
        }
        var shape: [Int] = []
        for part in shapeField[shapeField.index(after: shapeField.startIndex)..<close].split(separator: ",") {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let n = Int(text), n >= 0, n < 1 << 31 else { throw SDError("\(name): bad dimension '\(text)' in the .npy shape") }
            shape.append(n)
        }
        var count = 1
        for n in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow else { throw SDError("\(name): the .npy shape \(shape) is too large") }
            count = product
        }
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart == count * size else {
            throw SDError("\(name): \(bytes.count - dataStart) bytes of data, expected \(count * size) for shape \(shape) of \(descr)")
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                let offset = dataStart + i * size
                switch size {
                case 4: values[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                case 2: values[i] = Float(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian))
                default: values[i] = Float(Double(bitPattern: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian))
                }
            }
        }
        self.shape = shape
        self.values = values
    }
}
