/// The shape of an AnimateDiff motion module set (diffusers' `MotionAdapter` config): which UNet it fits and how
/// its temporal transformers are built.
public struct MotionAdapterConfig: Sendable, Equatable {
    /// Channels of each UNet level, as the base UNet's `block_out_channels`.
    public var blockOutChannels: [Int]
    /// Temporal transformers per down block (up blocks have one more, as they have one more ResNet).
    public var layersPerBlock: Int
    /// Whether the mid block has one (v2, v3 and Lightning do; v1 does not).
    public var midBlock: Bool
    public var heads: Int
    public var groups: Int
    /// The longest window the position encodings cover (32 for v2/v3, 24 for v1).
    public var maxFrames: Int

    public init(blockOutChannels: [Int], layersPerBlock: Int = 2, midBlock: Bool = true, heads: Int = 8, groups: Int = 32,
                maxFrames: Int = 32) {
        self.blockOutChannels = blockOutChannels
        self.layersPerBlock = layersPerBlock
        self.midBlock = midBlock
        self.heads = heads
        self.groups = groups
        self.maxFrames = maxFrames
    }

    /// From a MotionAdapter folder's `config.json`; refuses the variants this engine does not run.
    public init(_ config: ConfigFile) throws {
        let channels = try config.ints("block_out_channels", default: [320, 640, 1280, 1280])
        let layers = try config.intOrList("motion_layers_per_block", count: channels.count, default: 2)
        guard Set(layers).count == 1 else {
            throw SDError("\(config.path): motion_layers_per_block \(layers) differs by block; expected one count (AnimateDiff SD 1.x modules)")
        }
        for key in ["motion_transformer_layers_per_block", "motion_transformer_layers_per_mid_block"] {
            let counts = config.has(key) ? try ((try? config.ints(key)) ?? [config.int(key)]) : [1]
            guard counts.allSatisfy({ $0 == 1 }) else {
                throw SDError("\(config.path): \(key) \(counts) is not supported; expected 1 (AnimateDiff SD 1.x modules)")
            }
        }
        let heads = try config.intOrList("motion_num_attention_heads", count: channels.count, default: 8)
        guard Set(heads).count == 1 else {
            throw SDError("\(config.path): motion_num_attention_heads \(heads) differs by block; expected one count")
        }
        if config.has("conv_in_channels") {
            throw SDError("\(config.path): conv_in_channels is set (a SparseCtrl/PIA adapter with its own input convolution); expected a plain AnimateDiff motion module")
        }
        let mid = try config.bool("use_motion_mid_block", default: true)
        let midLayers = try config.int("motion_mid_block_layers_per_block", default: 1)
        guard !mid || midLayers == 1 else {
            throw SDError("\(config.path): motion_mid_block_layers_per_block \(midLayers) is not supported; expected 1")
        }
        self.init(blockOutChannels: channels, layersPerBlock: layers[0], midBlock: mid, heads: heads[0],
                  groups: try config.int("motion_norm_num_groups", default: 32),
                  maxFrames: try config.int("motion_max_seq_length", default: 32))
        for c in channels where c % groups != 0 || c % self.heads != 0 {
            throw SDError("\(config.path): \(c) channels do not split into \(groups) groups and \(self.heads) heads")
        }
    }
}
