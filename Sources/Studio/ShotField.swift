import Project

/// A field of a shot the fields panel shows and edits.
public enum ShotField: String, CaseIterable, Sendable, Codable {
    case prompt, negative, seed, duration, camera, action, dialogue, notes

    public var label: String {
        switch self {
        case .prompt: return "Prompt"
        case .negative: return "Negative"
        case .seed: return "Seed"
        case .duration: return "Duration"
        case .camera: return "Camera"
        case .action: return "Action"
        case .dialogue: return "Dialogue"
        case .notes: return "Notes"
        }
    }

    /// The field's text as the editor shows it.
    public func text(of shot: Shot) -> String {
        switch self {
        case .prompt: return shot.prompt
        case .negative: return shot.negative ?? ""
        case .seed: return String(shot.seed)
        case .duration: return shot.duration == shot.duration.rounded() ? String(Int(shot.duration)) : String(shot.duration)
        case .camera: return shot.camera.rawValue
        case .action: return shot.action
        case .dialogue: return shot.dialogue
        case .notes: return shot.notes
        }
    }

    /// Sets the field from edited text, or says why the text does not fit.
    public func apply(_ text: String, to shot: inout Shot) -> String? {
        let trimmed = text.trimmingCharacters(in: " ")
        switch self {
        case .prompt: shot.prompt = text
        case .negative: shot.negative = trimmed.isEmpty ? nil : text
        case .seed:
            guard let v = UInt32(trimmed) else { return "seed must be a whole number from 0 to 4294967295" }
            shot.seed = v
        case .duration:
            guard let v = Double(trimmed), v > 0, v <= 3600 else { return "duration must be seconds, more than 0 and at most 3600" }
            shot.duration = v
        case .camera:
            guard let move = CameraMove(spelling: trimmed) else {
                return "camera must be one of \(CameraMove.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            shot.camera = move
        case .action: shot.action = text
        case .dialogue: shot.dialogue = text
        case .notes: shot.notes = text
        }
        return nil
    }

    /// Whether a change of this field changes the keyframe's pixels.
    public var changesPixels: Bool { self == .prompt || self == .negative || self == .seed }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
