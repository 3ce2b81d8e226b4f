#if canImport(Glibc)
import Glibc
#endif
@testable import SD

/// libFuzzer entry: any tensor list (see KeyListFile) as a single-file LDM checkpoint gives the checkpoint's
/// layout or one SDError, never a crash or hang. What holds of every key map: each name points at a key of the
/// file (part < parts), names only the layers our modules have, and keeps the key's leaf (`weight`, `bias`).
/// What holds of a checkpoint that reads: its configs are whole (at least one level, layer and head, as many
/// channels as levels, the UNet's context as wide as the text encoder), and every mapped tensor reads as the
/// shape it is stored in, or fails with an SDError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSingleFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let list = KeyListFile(UnsafeBufferPointer(start: data, count: size), maxBytes: 16 << 20)
    // Each key map over the bare keys of its component, as the checkpoint reader gives them, at a layer and level
    // count of the input's own (the reader uses the ones the shapes imply, which a fuzzed list rarely makes).
    let bare = Array(LDMCheckpoint.strippingNesting(list.tensors.map(\.key)).keys)
    func under(_ prefix: String) -> [String] { bare.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) } }
    let unetKeys = under(LDMCheckpoint.unetPrefix), vaeKeys = under(LDMCheckpoint.vaePrefix)
    let clipKeys = under(LDMCheckpoint.clipPrefix), openCLIPKeys = under(LDMCheckpoint.openCLIPPrefix)
    checkMap(LDMKeyMap.unet(unetKeys, layersPerBlock: 1 + size % 3), keys: unetKeys, roots: unetRoots, what: "unet")
    checkMap(LDMKeyMap.vae(vaeKeys, levels: 1 + size % 4), keys: vaeKeys, roots: ["encoder.", "decoder.", "quant_conv.", "post_quant_conv."], what: "vae")
    checkMap(LDMKeyMap.clip(clipKeys), keys: clipKeys, roots: nil, what: "clip")
    checkMap(LDMKeyMap.openCLIP(openCLIPKeys), keys: openCLIPKeys, roots: ["embeddings.", "final_layer_norm.", "encoder.layers."], what: "openCLIP")

    let path = KeyListFile.scratchPath("single-file")
    list.write(to: path)
    defer { unlink(path) }
    let file: SafeTensorsFile
    do {
        file = try SafeTensorsFile(path: path)
    } catch {
        fatalError("a well-formed tensor list made a file the reader refuses: \(error)\n\(list.header)")
    }
    guard let checkpoint = try? LDMCheckpoint(file) else { return 0 }
    let unet = checkpoint.unet.config, text = checkpoint.text.config
    let levels = unet.blockOutChannels.count
    guard levels >= 1, unet.downBlocks.count == levels, unet.upBlocks.count == levels, unet.heads.count == levels,
          unet.heads.allSatisfy({ $0 >= 1 }), unet.layersPerBlock >= 1, unet.inChannels == 4 else {
        fatalError("an incoherent UNet config was accepted: \(unet)")
    }
    guard text.layers >= 1, text.heads >= 1, unet.crossAttentionDim == text.hiddenSize else {
        fatalError("an incoherent text config was accepted: \(text) for a UNet of context \(unet.crossAttentionDim)")
    }
    if let vae = checkpoint.vae, vae.config.blockOutChannels.isEmpty || vae.config.layersPerBlock < 0 {
        fatalError("an incoherent VAE config was accepted: \(vae.config)")
    }
    var weights = [checkpoint.unet.weights, checkpoint.text.weights]
    if let vae = checkpoint.vae { weights.append(vae.weights) }
    for source in weights {
        for (name, ref) in source.map {
            guard let entry = file.entries[ref.key] else { fatalError("\(name) maps to \(ref.key), not in the file") }
            guard ref.parts >= 1, (0..<ref.parts).contains(ref.part) else { fatalError("\(name): part \(ref.part) of \(ref.parts)") }
            // Reading is the same code for every tensor: small ones are enough to check the part arithmetic.
            guard entry.elementCount <= 1024, let first = entry.shape.first, first % ref.parts == 0 else { continue }
            let shape = [first / ref.parts] + entry.shape.dropFirst()
            if let values = try? source.floats(name, shape: shape), values.count != entry.elementCount / ref.parts {
                fatalError("\(name) read \(values.count) values for shape \(shape)")
            }
        }
    }
    return 0
}

let unetRoots = ["time_embedding.", "conv_in.", "down_blocks.", "mid_block.", "up_blocks.", "conv_norm_out.", "conv_out."]

/// The invariants of one key map over `keys`.
func checkMap(_ map: [String: TensorRef], keys: [String], roots: [String]?, what: String) {
    let known = Set(keys)
    for (name, ref) in map {
        guard known.contains(ref.key) else { fatalError("\(what): \(name) maps to \(ref.key), which is not a key of the file") }
        guard ref.parts >= 1, (0..<ref.parts).contains(ref.part) else { fatalError("\(what): \(name) is part \(ref.part) of \(ref.parts)") }
        if let roots, !roots.contains(where: { name.hasPrefix($0) }) && !(what == "vae" && name == ref.key) {
            fatalError("\(what): \(ref.key) mapped to \(name), a layer none of our modules has")
        }
        for leaf in [".weight", ".bias"] where ref.key.hasSuffix(leaf) && !name.hasSuffix(leaf) {
            fatalError("\(what): \(ref.key) mapped to \(name), which lost its \(leaf)")
        }
    }
}
