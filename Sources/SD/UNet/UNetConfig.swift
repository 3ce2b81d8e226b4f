/// The shape of a `UNet2DConditionModel` (SD 1.x/2.x family), from `unet/config.json`.
public struct UNetConfig: Sendable {
    public enum BlockKind: String, Sendable { case plain, crossAttention }

    public var inChannels: Int = 4
    public var outChannels: Int = 4
    public var blockOutChannels: [Int]
    public var downBlocks: [BlockKind]
    public var upBlocks: [BlockKind]
    public var layersPerBlock: Int
    /// Attention heads per down block (the mid block uses the last, up blocks the reverse).
    public var heads: [Int]
    public var crossAttentionDim: Int
    public var useLinearProjection: Bool
    public var groups: Int = 32
    public var normEpsilon: Double = 1e-5
    public var flipSinToCos = true
    public var freqShift: Double = 0

    public var timeEmbeddingDim: Int { blockOutChannels[0] * 4 }

    public init(blockOutChannels: [Int], downBlocks: [BlockKind], upBlocks: [BlockKind], layersPerBlock: Int,
                heads: [Int], crossAttentionDim: Int, useLinearProjection: Bool) {
        self.blockOutChannels = blockOutChannels
        self.downBlocks = downBlocks
        self.upBlocks = upBlocks
        self.layersPerBlock = layersPerBlock
        self.heads = heads
        self.crossAttentionDim = crossAttentionDim
        self.useLinearProjection = useLinearProjection
    }

    public init(_ config: ConfigFile) throws {
        let channels = try config.ints("block_out_channels")
        let downNames = try config.strings("down_block_types"), upNames = try config.strings("up_block_types")
        func kinds(_ names: [String], cross: String, plain: String) throws -> [BlockKind] {
            try names.map { name in
                if name == cross { return .crossAttention }
                if name == plain { return .plain }
                throw SDError("\(config.path): block type \"\(name)\" is not supported; expected \(cross) or \(plain) (SD 1.x/2.x UNets)")
            }
        }
        let down = try kinds(downNames, cross: "CrossAttnDownBlock2D", plain: "DownBlock2D")
        let up = try kinds(upNames, cross: "CrossAttnUpBlock2D", plain: "UpBlock2D")
        guard down.count == channels.count, up.count == channels.count else {
            throw SDError("\(config.path): \(channels.count) block_out_channels but \(down.count) down and \(up.count) up blocks")
        }
        // diffusers' historical naming: when num_attention_heads is absent, attention_head_dim holds head counts.
        let heads = config.has("num_attention_heads")
            ? try config.intOrList("num_attention_heads", count: channels.count)
            : try config.intOrList("attention_head_dim", count: channels.count, default: 8)
        let transformerLayers = try config.intOrList("transformer_layers_per_block", count: channels.count, default: 1)
        guard transformerLayers.allSatisfy({ $0 == 1 }) else {
            throw SDError("\(config.path): transformer_layers_per_block other than 1 (SDXL) is not supported")
        }
        if config.has("addition_embed_type") || config.has("class_embed_type") {
            throw SDError("\(config.path): extra conditioning embeddings (SDXL and variants) are not supported; expected an SD 1.x/2.x UNet")
        }
        self.init(blockOutChannels: channels, downBlocks: down, upBlocks: up,
                  layersPerBlock: try config.int("layers_per_block", default: 2), heads: heads,
                  crossAttentionDim: try config.int("cross_attention_dim"),
                  useLinearProjection: try config.bool("use_linear_projection", default: false))
        inChannels = try config.int("in_channels", default: 4)
        outChannels = try config.int("out_channels", default: 4)
        groups = try config.int("norm_num_groups", default: 32)
        normEpsilon = try config.double("norm_eps", default: 1e-5)
        flipSinToCos = try config.bool("flip_sin_to_cos", default: true)
        freqShift = try config.double("freq_shift", default: 0)
        for (i, c) in channels.enumerated() where c % groups != 0 || c % heads[i] != 0 {
            throw SDError("\(config.path): block \(i) has \(c) channels, not divisible by \(groups) groups and \(heads[i]) heads")
        }
    }

    /// SD 1.x (320, 640, 1280, 1280; 8 heads; CLIP ViT-L context).
    public static let sd15 = UNetConfig(blockOutChannels: [320, 640, 1280, 1280],
                                        downBlocks: [.crossAttention, .crossAttention, .crossAttention, .plain],
                                        upBlocks: [.plain, .crossAttention, .crossAttention, .crossAttention],
                                        layersPerBlock: 2, heads: [8, 8, 8, 8], crossAttentionDim: 768,
                                        useLinearProjection: false)
    /// SD 2.x and SD-Turbo (64-dim heads, OpenCLIP ViT-H context, linear projections).
    public static let sd21 = UNetConfig(blockOutChannels: [320, 640, 1280, 1280],
                                        downBlocks: [.crossAttention, .crossAttention, .crossAttention, .plain],
                                        upBlocks: [.plain, .crossAttention, .crossAttention, .crossAttention],
                                        layersPerBlock: 2, heads: [5, 10, 20, 20], crossAttentionDim: 1024,
                                        useLinearProjection: true)
}
