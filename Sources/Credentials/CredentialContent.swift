import Digest

/// What a Content Credential states about one asset: how it was made (the `c2pa.created` action with its source
/// type and the render's parameters) and, for exports, which files went into it.
public struct CredentialContent: Sendable {
    public var sourceType: DigitalSourceType
    /// Render facts for the action's parameters (model, weights digest, seed, sampler, prompt), in this order.
    public var parameters: [(String, CBOR)]
    public var ingredients: [CredentialIngredient]
    /// The asset's instance id (`xmp:iid:…`), derived from what identifies it so the same render states the same.
    public var instanceID: String
    public var title: String?

    public init(sourceType: DigitalSourceType, parameters: [(String, CBOR)], ingredients: [CredentialIngredient] = [],
                identity: String, title: String? = nil) {
        self.sourceType = sourceType
        self.parameters = parameters
        self.ingredients = ingredients
        self.instanceID = Self.instanceID(for: identity)
        self.title = title
    }

    /// `xmp:iid:` and a UUID (version 4 layout) made from the SHA-256 of `identity`.
    public static func instanceID(for identity: String) -> String {
        "xmp:iid:" + uuid(SHA256.hash(Array(identity.utf8)))
    }

    /// A UUID string from the first 16 bytes of a digest, with the version and variant bits of a v4 UUID.
    static func uuid(_ digest: [UInt8]) -> String {
        var b = Array(digest.prefix(16))
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = SHA256.hex(b)
        let s = Array(hex)
        return [s[0..<8], s[8..<12], s[12..<16], s[16..<20], s[20..<32]].map { String($0) }.joined(separator: "-")
    }
}
