/// Where one of our parameters lives in a checkpoint with another key layout: a tensor, or one equal part of it
/// along the first axis (OpenCLIP stores q, k and v as one fused `in_proj` tensor).
struct TensorRef: Sendable, Equatable {
    let key: String
    /// Which part, of `parts` equal slices along axis 0; part 0 of 1 is the whole tensor.
    var part = 0
    var parts = 1
}
