/// A file an exported asset was made from (a key drawing placed on a sheet or cut into an animatic).
public struct CredentialIngredient: Sendable {
    public var title: String
    public var format: String
    /// The instance id the ingredient's own manifest carries, which ties the two together.
    public var instanceID: String

    public init(title: String, format: String = "image/png", instanceID: String) {
        self.title = title
        self.format = format
        self.instanceID = instanceID
    }
}
