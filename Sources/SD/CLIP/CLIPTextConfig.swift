/// The shape of a CLIP text transformer, from `text_encoder/config.json`.
public struct CLIPTextConfig: Sendable {
    public var vocabSize: Int
    public var hiddenSize: Int
    public var intermediateSize: Int
    public var layers: Int
    public var heads: Int
    public var maxPositions: Int
    public var activation: Activation
    public var layerNormEpsilon: Double

    public init(vocabSize: Int, hiddenSize: Int, intermediateSize: Int, layers: Int, heads: Int, maxPositions: Int = 77,
                activation: Activation, layerNormEpsilon: Double = 1e-5) {
        self.vocabSize = vocabSize
        self.hiddenSize = hiddenSize
        self.intermediateSize = intermediateSize
        self.layers = layers
        self.heads = heads
        self.maxPositions = maxPositions
        self.activation = activation
        self.layerNormEpsilon = layerNormEpsilon
    }

    public init(_ config: ConfigFile) throws {
        let act = try config.string("hidden_act", default: "quick_gelu")
        guard let activation = Activation(configName: act) else {
            throw SDError("\(config.path): hidden_act \"\(act)\" is not supported; expected quick_gelu or gelu")
        }
        self.init(vocabSize: try config.int("vocab_size"), hiddenSize: try config.int("hidden_size"),
                  intermediateSize: try config.int("intermediate_size"), layers: try config.int("num_hidden_layers"),
                  heads: try config.int("num_attention_heads"), maxPositions: try config.int("max_position_embeddings", default: 77),
                  activation: activation, layerNormEpsilon: try config.double("layer_norm_eps", default: 1e-5))
        guard hiddenSize % heads == 0 else {
            throw SDError("\(config.path): hidden_size \(hiddenSize) does not split into \(heads) heads")
        }
    }

    /// SD 1.x's text encoder (OpenAI CLIP ViT-L/14).
    public static let vitL = CLIPTextConfig(vocabSize: 49408, hiddenSize: 768, intermediateSize: 3072, layers: 12, heads: 12,
                                            activation: .quickGELU)
    /// SD 2.x's text encoder (OpenCLIP ViT-H/14, penultimate layer: 23 of 24).
    public static let vitH = CLIPTextConfig(vocabSize: 49408, hiddenSize: 1024, intermediateSize: 4096, layers: 23, heads: 16,
                                            activation: .gelu)
}
