/// A decoded PNG: its pixels converted to RGBA8, and its text chunks in file order.
public struct DecodedPNG: Sendable {
    /// The pixels as stored (no gamma conversion), 16-bit samples reduced to their high byte.
    public var frame: Frame
    /// The tEXt, zTXt and iTXt chunks, before and after the image data.
    public var text: [PNGTextChunk]

    /// Creates a decoded image from its parts.
    public init(frame: Frame, text: [PNGTextChunk]) {
        self.frame = frame
        self.text = text
    }
}
