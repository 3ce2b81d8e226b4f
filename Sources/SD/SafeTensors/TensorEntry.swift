/// One tensor listed in a safetensors header: its name, element type, shape and where its bytes are.
public struct TensorEntry: Sendable {
    public let name: String
    /// The dtype exactly as the header spells it, so types this reader cannot convert still parse.
    public let dtypeName: String
    /// The convertible element type, or nil for any other dtype (I64, I32, BOOL…).
    public let dtype: TensorDType?
    public let shape: [Int]
    /// The tensor's bytes, relative to the start of the data section (the byte after the header).
    public let byteRange: Range<Int>

    public init(name: String, dtypeName: String, shape: [Int], byteRange: Range<Int>) {
        self.name = name
        self.dtypeName = dtypeName
        self.dtype = TensorDType(rawValue: dtypeName)
        self.shape = shape
        self.byteRange = byteRange
    }

    /// The number of elements: the product of the shape (1 for a scalar), saturating at `Int.max` for a shape
    /// whose product overflows, which a parsed header never has.
    public var elementCount: Int {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return Int.max }
            count = product
        }
        return count
    }
}
