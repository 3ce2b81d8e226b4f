/// A JSON value read from a safetensors header.
indirect enum HeaderJSON {
    /// Members in file order; the parser has already refused duplicate keys.
    case object([(key: String, value: HeaderJSON)])
    case array([HeaderJSON])
    case string(String)
    /// The number's text, checked against the JSON grammar; integers are read from it on demand.
    case number(String)
    case bool(Bool)
    case null

    /// A word for the kind of value, for error messages.
    var kind: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
