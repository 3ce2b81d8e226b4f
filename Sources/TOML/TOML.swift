// TEMPORARY API stub so dependants compile until the real parser lands (replaced wholesale at merge).
public struct TOMLPosition: Sendable, Equatable, Hashable { public let line: Int; public let column: Int; public init(line: Int, column: Int) { self.line = line; self.column = column } }
public struct TOMLError: Error, Sendable, Equatable { public let message: String; public let position: TOMLPosition }
public indirect enum TOMLValue: Sendable, Equatable { case string(String), integer(Int64), float(Double), boolean(Bool), dateTime(String), array([TOMLNode]), table(TOMLTable) }
public struct TOMLNode: Sendable, Equatable { public var value: TOMLValue; public var position: TOMLPosition; public var raw: String }
public struct TOMLEntry: Sendable, Equatable { public var key: String; public var keyPosition: TOMLPosition; public var node: TOMLNode; public var leadingComments: [String]; public var trailingComment: String? }
public struct TOMLTable: Sendable, Equatable {
    public var entries: [TOMLEntry] = []; public var headerPosition: TOMLPosition?; public var leadingComments: [String] = []; public var trailingComments: [String] = []
    public init() {}
    public subscript(key: String) -> TOMLNode? { entries.first { $0.key == key }?.node }
}
public enum TOMLParser { public static func parse(_ text: String) throws(TOMLError) -> TOMLTable { throw TOMLError(message: "stub", position: TOMLPosition(line: 1, column: 1)) } }
public enum TOMLWriter {
    public static func key(_ k: String) -> String { k }
    public static func string(_ s: String) -> String { "\"\(s)\"" }
    public static func integer(_ v: Int64) -> String { String(v) }
    public static func float(_ v: Double) -> String { "\(v)" }
    public static func inline(_ v: TOMLValue) -> String { "" }
    public static func document(_ t: TOMLTable) -> String { "" }
}
