import Foundation
import Storage

/// A diffusers/transformers `config.json`, read with typed accessors whose errors name the file and the key.
public struct ConfigFile: @unchecked Sendable {
    public let path: String
    let values: [String: Any]

    public init(path: String) throws {
        self.path = path
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path, limit: 4 << 20)
        } catch {
            throw SDError("cannot read \(path): \(error); expected a JSON config file of the diffusers layout")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let dictionary = object as? [String: Any] else {
            throw SDError("\(path) is not a JSON object; expected a config file of the diffusers layout")
        }
        values = dictionary
    }

    public init(values: [String: Any], path: String = "<config>") {
        self.path = path
        self.values = values
    }

    func has(_ key: String) -> Bool {
        guard let v = values[key] else { return false }
        return !(v is NSNull)
    }

    public func int(_ key: String, default fallback: Int? = nil) throws -> Int {
        if let n = values[key] as? NSNumber, Double(n.intValue) == n.doubleValue { return n.intValue }
        if !has(key), let fallback { return fallback }
        throw mistake(key, "an integer")
    }

    public func double(_ key: String, default fallback: Double? = nil) throws -> Double {
        if let n = values[key] as? NSNumber { return n.doubleValue }
        if !has(key), let fallback { return fallback }
        throw mistake(key, "a number")
    }

    public func bool(_ key: String, default fallback: Bool? = nil) throws -> Bool {
        if let b = values[key] as? Bool { return b }
        if !has(key), let fallback { return fallback }
        throw mistake(key, "true or false")
    }

    public func string(_ key: String, default fallback: String? = nil) throws -> String {
        if let s = values[key] as? String { return s }
        if !has(key), let fallback { return fallback }
        throw mistake(key, "a string")
    }

    public func ints(_ key: String, default fallback: [Int]? = nil) throws -> [Int] {
        if let list = values[key] as? [NSNumber] { return list.map(\.intValue) }
        if !has(key), let fallback { return fallback }
        throw mistake(key, "a list of integers")
    }

    public func strings(_ key: String) throws -> [String] {
        if let list = values[key] as? [String] { return list }
        throw mistake(key, "a list of strings")
    }

    /// An integer, or a per-block list of them (diffusers accepts both for head counts and layer counts).
    public func intOrList(_ key: String, count: Int, default fallback: Int? = nil) throws -> [Int] {
        if let list = values[key] as? [NSNumber] {
            guard list.count == count else { throw mistake(key, "\(count) values, one per block") }
            return list.map(\.intValue)
        }
        return [Int](repeating: try int(key, default: fallback), count: count)
    }

    func mistake(_ key: String, _ expected: String) -> SDError {
        if has(key) { return SDError("\(path): \"\(key)\" is \(values[key]!); expected \(expected)") }
        return SDError("\(path): \"\(key)\" is missing; expected \(expected)")
    }
}
