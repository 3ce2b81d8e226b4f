import Studio

/// What one read of the keyboard gave: a key, nothing within the timeout, or a terminal that is gone.
enum ScreenInput: Equatable {
    case key(Key)
    case none
    /// The terminal hung up or stdin closed: reads fail at once, forever.
    case lost
}
