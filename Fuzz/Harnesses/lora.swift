#if canImport(Glibc)
import Glibc
#endif
@testable import SD

/// libFuzzer entry: any tensor list (see KeyListFile) as a LoRA file gives its modules or one SDError, never a
/// crash or hang. What holds of the key parser: a down key names its up partner, which parses to the same module
/// with the up role. What holds of a file that reads: every module's keys are in the file, its down key parses to
/// it, the layer it patches finds it again, and its update is the layer's size or an SDError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoRA(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let list = KeyListFile(UnsafeBufferPointer(start: data, count: size), maxBytes: 64 << 10)
    for tensor in list.tensors { checkKey(tensor.key) }

    let path = KeyListFile.scratchPath("lora")
    list.write(to: path)
    defer { unlink(path) }
    let file: SafeTensorsFile
    do {
        file = try SafeTensorsFile(path: path)
    } catch {
        fatalError("a well-formed tensor list made a file the reader refuses: \(error)\n\(list.header)")
    }
    // The modules as LoRAFile(path:) finds them; the digest it then takes of the whole file is not key mapping.
    guard let modules = try? LoRAFile.modules(in: file) else { return 0 }
    let lora = LoRAFile(file: file, modules: modules, digest: "")
    let entries = lora.file.entries
    for (key, module) in lora.modules.sorted(by: { $0.key < $1.key }).prefix(256) {
        guard entries[module.downKey] != nil, entries[module.upKey] != nil, module.alphaKey.map({ entries[$0] != nil }) ?? true else {
            fatalError("module \(key) names a tensor the file does not have: \(module)")
        }
        guard let (component, path, role) = LoRAFile.parse(module.downKey), role == .down, component == module.component,
              path.replacingOccurrences(of: ".", with: "_") == module.flatPath, key == component.rawValue + "|" + module.flatPath else {
            fatalError("module \(key) does not come from its down key \(module.downKey)")
        }
        // The layer it patches: unet layers by their own path, text-encoder layers without "text_model.".
        var layer = module.flatPath
        if module.component == .textEncoder {
            guard layer.hasPrefix("text_model_") else { continue }
            layer = String(layer.dropFirst("text_model_".count))
        }
        guard let found = lora.module(for: layer + ".weight", in: module.component), found.downKey == module.downKey else {
            fatalError("layer \(layer).weight does not find module \(key)")
        }
        // Its update for the layer its own shapes describe, and for one they do not.
        guard let down = entries[module.downKey], let up = entries[module.upKey], down.elementCount <= 1 << 14, up.elementCount <= 1 << 14 else { continue }
        let outputs = up.shape.first ?? 0, rank = max(down.shape.first ?? 1, 1)
        let count = outputs * (down.elementCount / rank)
        for (o, c) in [(outputs, count), (outputs + 1, count), (0, 0), (outputs, count + 1)] {
            if let delta = try? lora.delta(module, outputs: o, count: c), delta.count != c {
                fatalError("module \(key): an update of \(delta.count) values for a layer of \(c)")
            }
        }
    }
    return 0
}

/// A key's role and its partner's agree: the up key named for a down key parses as that module's up weight.
func checkKey(_ key: String) {
    guard let (component, module, role) = LoRAFile.parse(key) else { return }
    guard role == .down else { return }
    let up = LoRAFile.partner(of: key)
    guard up != key, let (upComponent, upModule, upRole) = LoRAFile.parse(up), upRole == .up, upComponent == component,
          upModule == module, up.hasPrefix(LoRAFile.moduleKey(of: key)) else {
        fatalError("down key \(key) names the up key \(up), which parses as \(String(describing: LoRAFile.parse(up)))")
    }
}
