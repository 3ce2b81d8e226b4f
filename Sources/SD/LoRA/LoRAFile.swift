import Digest
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A LoRA file: kohya (`lora_unet_*`, `lora_te_*` with `lora_down`/`lora_up`/`alpha`) or diffusers/PEFT
/// (`unet.….lora_A`/`lora_B`, `text_encoder.…`, older `lora.down`/`lora.up`) keys, read into modules.
final class LoRAFile: @unchecked Sendable {
    let file: SafeTensorsFile
    /// Modules by component and flat path.
    let modules: [String: LoRAModule]
    /// SHA-256 of the whole file: strengths and digests are part of every render key.
    let digest: String

    /// Reads the file at `path`: its modules, then (for a file that has some) its digest.
    convenience init(path: String) throws {
        let file = try SafeTensorsFile(path: path)
        let modules = try Self.modules(in: file)
        self.init(file: file, modules: modules, digest: try Self.sha256(path))
    }

    init(file: SafeTensorsFile, modules: [String: LoRAModule], digest: String) {
        self.file = file
        self.modules = modules
        self.digest = digest
    }

    /// The modules of `file` by component and flat path, from its keys alone (a pure function of the header, which
    /// the lora fuzz harness drives without hashing every file).
    static func modules(in file: SafeTensorsFile) throws -> [String: LoRAModule] {
        let path = file.path
        var found: [String: LoRAModule] = [:]
        var unknown: [String] = []
        for key in file.entries.keys.sorted() {
            if key.contains("hada_w") || key.contains("lokr_w") {
                throw SDError("\(path): a LoHa/LoKr (LyCORIS) file (\(key.quotedForMessage)); Storyreel merges plain LoRA (up · down) only")
            }
            if key.hasSuffix(".lora_mid.weight") {
                throw SDError("\(path): a Tucker-decomposed conv LoRA (\(key.quotedForMessage)); Storyreel merges plain LoRA (up · down) only")
            }
            guard let (component, module, role) = Self.parse(key) else {
                if !key.hasSuffix(".alpha") { unknown.append(key) }
                continue
            }
            guard role == .down else { continue }
            let upKey = Self.partner(of: key)
            guard file.contains(upKey) else {
                throw SDError("\(path): \(key.quotedForMessage) has no matching up weight \(upKey.quotedForMessage)")
            }
            let base = Self.moduleKey(of: key)
            let alpha = [base + ".alpha", base + ".lora.alpha"].first { file.contains($0) }
            let flat = module.replacingOccurrences(of: ".", with: "_")
            found[component.rawValue + "|" + flat] = LoRAModule(component: component, flatPath: flat, downKey: key,
                                                                upKey: upKey, alphaKey: alpha)
        }
        guard !found.isEmpty else {
            let sample = unknown.prefix(3).map(\.quotedForMessage).joined(separator: ", ")
            throw SDError("\(path): no LoRA modules found; expected kohya keys (lora_unet_….lora_down.weight, lora_te_…) or diffusers/PEFT keys (unet.….lora_A.weight); found \(file.entries.count) tensors\(sample.isEmpty ? "" : " such as \(sample)")")
        }
        return found
    }

    enum Role { case down, up }

    /// (component, module path in diffusers naming, role) of a LoRA weight key; nil for anything else.
    static func parse(_ key: String) -> (LoRAComponent, String, Role)? {
        let downSuffixes = [".lora_down.weight", ".lora_A.weight", ".lora.down.weight", ".lora_linear_layer.down.weight"]
        let upSuffixes = [".lora_up.weight", ".lora_B.weight", ".lora.up.weight", ".lora_linear_layer.up.weight"]
        var role: Role?, module = ""
        for s in downSuffixes where key.hasSuffix(s) { role = .down; module = String(key.dropLast(s.count)) }
        for s in upSuffixes where key.hasSuffix(s) { role = .up; module = String(key.dropLast(s.count)) }
        guard let role else { return nil }
        // Old diffusers attention processors: `attn1.processor.to_q_lora` patches `attn1.to_q`.
        module = module.replacingOccurrences(of: ".processor.", with: ".")
        if module.hasSuffix("_lora") { module = String(module.dropLast(5)) }
        let prefixes: [(String, LoRAComponent)] = [
            ("lora_unet_", .unet), ("lora_te_", .textEncoder), ("unet.", .unet), ("base_model.model.", .unet),
            ("text_encoder.", .textEncoder),
        ]
        for (prefix, component) in prefixes where module.hasPrefix(prefix) {
            return (component, String(module.dropFirst(prefix.count)), role)
        }
        return nil
    }

    /// The up key that pairs with a down key.
    static func partner(of down: String) -> String {
        for (d, u) in [(".lora_down.weight", ".lora_up.weight"), (".lora_A.weight", ".lora_B.weight"),
                       (".lora.down.weight", ".lora.up.weight"), (".lora_linear_layer.down.weight", ".lora_linear_layer.up.weight")]
        where down.hasSuffix(d) {
            return String(down.dropLast(d.count)) + u
        }
        return down
    }

    /// The key prefix naming the module (where kohya keeps its `.alpha`).
    static func moduleKey(of down: String) -> String {
        for s in [".lora_down.weight", ".lora_A.weight", ".lora.down.weight", ".lora_linear_layer.down.weight"] where down.hasSuffix(s) {
            return String(down.dropLast(s.count))
        }
        return down
    }

    /// The update for a layer of `component` whose weight is `name` (diffusers naming, e.g.
    /// "down_blocks.0.attentions.0.proj_in.weight"; text-encoder names without "text_model."), or nil.
    func module(for name: String, in component: LoRAComponent) -> LoRAModule? {
        guard name.hasSuffix(".weight") else { return nil }
        var path = String(name.dropLast(".weight".count))
        if component == .textEncoder { path = "text_model." + path }
        return modules[component.rawValue + "|" + path.replacingOccurrences(of: ".", with: "_")]
    }

    /// alpha/rank · up · down, flattened as the weight it patches ([out, in·kh·kw]); checked against `count`.
    func delta(_ module: LoRAModule, outputs: Int, count: Int) throws -> [Float] {
        let down = file.entries[module.downKey]!, up = file.entries[module.upKey]!
        let rank = down.shape.first ?? 0
        guard rank > 0, outputs > 0, up.shape.count >= 2, up.shape[1] == rank, up.shape[0] == outputs,
              up.shape.dropFirst(2).allSatisfy({ $0 == 1 }), down.elementCount / rank * outputs == count else {
            throw SDError("\(file.path): \(module.downKey.quotedForMessage) \(down.shape) and \(module.upKey.quotedForMessage) \(up.shape) do not make an update of the \(count / max(outputs, 1))-input, \(outputs)-output layer they name")
        }
        var scale: Float = 1
        if let alphaKey = module.alphaKey {
            let alpha = try file.floats(alphaKey)
            guard alpha.count == 1 else { throw SDError("\(file.path): \(alphaKey.quotedForMessage) holds \(alpha.count) values, expected one") }
            scale = alpha[0] / Float(rank)
        }
        let downValues = try file.floats(module.downKey), upValues = try file.floats(module.upKey)
        let inputs = count / outputs
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { o in
            downValues.withUnsafeBufferPointer { d in
                for row in 0..<outputs {
                    let target = o.baseAddress! + row * inputs
                    for k in 0..<rank {
                        let a = upValues[row * rank + k] * scale
                        let source = d.baseAddress! + k * inputs
                        for i in 0..<inputs { target[i] += a * source[i] }
                    }
                }
            }
        }
        return out
    }

    /// SHA-256 of a file, read in 1 MiB blocks.
    static func sha256(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SDError("cannot open \(path) to digest it: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var h = SHA256()
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 1 << 20) }
            guard n >= 0 else { throw SDError("cannot read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            block.withUnsafeBytes { h.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return SHA256.hex(h.finalize())
    }
}
