/// Where a model's parameters come from: a checkpoint on disk, or random values of the right shape (benchmarks).
public protocol WeightSource {
    /// The parameter `name` as float32, checked to have `shape`.
    func floats(_ name: String, shape: [Int]) throws -> [Float]
    /// Whether the source holds `name` (optional parameters such as biases and shortcut convolutions).
    func contains(_ name: String) -> Bool
    /// The parameter `name` as stored: 16-bit floats stay 16-bit, so that the large matrices (linear and
    /// convolution weights) take half the memory. Sources without 16-bit storage hand over `floats`.
    func values(_ name: String, shape: [Int]) throws -> WeightValues
}

extension WeightSource {
    public func values(_ name: String, shape: [Int]) throws -> WeightValues {
        .float(try floats(name, shape: shape))
    }
}

/// A view of a weight source under a dotted prefix, so layers name their parameters locally ("conv1.weight").
public struct WeightScope {
    let source: any WeightSource
    let prefix: String

    public init(_ source: any WeightSource, prefix: String = "") {
        self.source = source
        self.prefix = prefix
    }

    /// The scope one level down: `scope["down_blocks"][0]`.
    public subscript(_ name: String) -> WeightScope {
        WeightScope(source, prefix: prefix.isEmpty ? name : prefix + "." + name)
    }

    public subscript(_ index: Int) -> WeightScope { self[String(index)] }

    func name(_ leaf: String) -> String { prefix.isEmpty ? leaf : prefix + "." + leaf }

    func floats(_ leaf: String, shape: [Int]) throws -> [Float] {
        try source.floats(name(leaf), shape: shape)
    }

    func values(_ leaf: String, shape: [Int]) throws -> WeightValues {
        try source.values(name(leaf), shape: shape)
    }

    func contains(_ leaf: String) -> Bool { source.contains(name(leaf)) }
}
