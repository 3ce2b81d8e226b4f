import Diffusion
import TOML

/// Project-wide render settings that shots inherit (the `[defaults]` table).
public struct RenderDefaults: Sendable, Equatable {
    public var sampler: Sampler = .dpmpp2m
    public var schedule: Schedule = .karras
    public var steps: Int = 20
    public var guidance: Double = 7
    public var negative: String = ""
    public var extra: [TOMLEntry] = []
    public var comments: [String: Comments] = [:]

    public init() {}
}
