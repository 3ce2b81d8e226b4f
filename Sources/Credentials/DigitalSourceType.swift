/// IPTC digital source types C2PA actions use to say how media came to be.
public enum DigitalSourceType: String, Sendable {
    /// Made by a model trained on sampled content (a neural checkpoint).
    case trainedAlgorithmicMedia
    /// Made by an algorithm without training data (the built-in sketch model).
    case algorithmicMedia

    public var uri: String { "http://cv.iptc.org/newscodes/digitalsourcetype/" + rawValue }
}
