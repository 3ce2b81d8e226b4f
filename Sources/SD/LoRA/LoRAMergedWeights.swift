import Foundation

/// A weight source with LoRA updates merged in as layers read their weights: W + Σ strength · alpha/rank · up·down.
///
/// Merging at load leaves the sampling code untouched and costs nothing per step. Which modules were used is
/// recorded, so a LoRA that patches nothing in this model (made for another base) is reported, not ignored.
final class LoRAMergedWeights: WeightSource, @unchecked Sendable {
    let base: any WeightSource
    let component: LoRAComponent
    let loras: [(file: LoRAFile, strength: Float)]
    private let lock = NSLock()
    private var used: [Set<String>]

    init(_ base: any WeightSource, component: LoRAComponent, loras: [(file: LoRAFile, strength: Float)]) {
        self.base = base
        self.component = component
        self.loras = loras
        used = loras.map { _ in [] }
    }

    func contains(_ name: String) -> Bool { base.contains(name) }

    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        var values = try base.floats(name, shape: shape)
        guard shape.count >= 2 else { return values }
        for (index, lora) in loras.enumerated() {
            guard let module = lora.file.module(for: name, in: component) else { continue }
            let delta = try lora.file.delta(module, outputs: shape[0], count: values.count)
            let strength = lora.strength
            for i in values.indices { values[i] += strength * delta[i] }
            lock.lock()
            used[index].insert(module.flatPath)
            lock.unlock()
        }
        return values
    }

    /// How many of each LoRA's modules for this component were merged.
    func usedCounts() -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        return used.map(\.count)
    }
}
