/// The CLIP text transformer (transformers' `CLIPTextModel`): token + position embeddings, pre-norm causal
/// self-attention layers, final layer norm. Its last hidden state is what the UNet cross-attends to.
public struct CLIPTextEncoder: Sendable {
    public let config: CLIPTextConfig
    let tokenEmbedding: [Float], positionEmbedding: [Float]
    let layers: [CLIPEncoderLayer]
    let finalNorm: LayerNorm

    public init(_ weights: WeightScope, config: CLIPTextConfig) throws {
        self.config = config
        let d = config.hiddenSize
        tokenEmbedding = try weights["embeddings.token_embedding"].floats("weight", shape: [config.vocabSize, d])
        positionEmbedding = try weights["embeddings.position_embedding"].floats("weight", shape: [config.maxPositions, d])
        layers = try (0..<config.layers).map { try CLIPEncoderLayer(weights["encoder.layers"][$0], config: config) }
        finalNorm = try LayerNorm(weights["final_layer_norm"], features: d, epsilon: config.layerNormEpsilon)
    }

    /// [N, T, hidden] for N sequences of T token ids each.
    public func encode(_ ids: [[Int]]) throws -> Tensor {
        let d = config.hiddenSize
        let t = ids.first?.count ?? 0
        guard t <= config.maxPositions else {
            throw SDError("text encoder: \(t) tokens, more than its \(config.maxPositions) positions")
        }
        var data = [Float](repeating: 0, count: ids.count * t * d)
        for (b, sequence) in ids.enumerated() {
            guard sequence.count == t else { throw SDError("text encoder: sequences of different lengths") }
            for (p, id) in sequence.enumerated() {
                guard id >= 0 && id < config.vocabSize else {
                    throw SDError("text encoder: token id \(id) outside its vocabulary of \(config.vocabSize)")
                }
                let dst = (b * t + p) * d
                for i in 0..<d { data[dst + i] = tokenEmbedding[id * d + i] + positionEmbedding[p * d + i] }
            }
        }
        var x = Tensor(shape: [ids.count, t, d], data: data)
        for layer in layers { x = layer(x) }
        return finalNorm(x)
    }
}

/// One pre-norm transformer layer of the CLIP text encoder.
struct CLIPEncoderLayer: Sendable {
    let norm1: LayerNorm, norm2: LayerNorm
    let q: Linear, k: Linear, v: Linear, out: Linear
    let fc1: Linear, fc2: Linear
    let heads: Int
    let activation: Activation

    init(_ w: WeightScope, config: CLIPTextConfig) throws {
        let d = config.hiddenSize
        norm1 = try LayerNorm(w["layer_norm1"], features: d, epsilon: config.layerNormEpsilon)
        norm2 = try LayerNorm(w["layer_norm2"], features: d, epsilon: config.layerNormEpsilon)
        q = try Linear(w["self_attn.q_proj"], inFeatures: d, outFeatures: d)
        k = try Linear(w["self_attn.k_proj"], inFeatures: d, outFeatures: d)
        v = try Linear(w["self_attn.v_proj"], inFeatures: d, outFeatures: d)
        out = try Linear(w["self_attn.out_proj"], inFeatures: d, outFeatures: d)
        fc1 = try Linear(w["mlp.fc1"], inFeatures: d, outFeatures: config.intermediateSize)
        fc2 = try Linear(w["mlp.fc2"], inFeatures: config.intermediateSize, outFeatures: d)
        heads = config.heads
        activation = config.activation
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let h = norm1(x)
        var attended = SelfAttention.run(q: q(h), k: k(h), v: v(h), heads: heads, causal: true)
        attended = out(attended)
        let x = x + attended
        var mlp = fc1(norm2(x))
        activation.apply(&mlp)
        return x + fc2(mlp)
    }
}
