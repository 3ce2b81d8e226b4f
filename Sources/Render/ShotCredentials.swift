import Credentials
import Project

/// What the Content Credentials of a shot's pictures state: made by a model (neural checkpoints are trained
/// algorithmic media, the sketch model plain algorithmic media) with this model, weights, seed and sampler.
public enum ShotCredentials {
    /// The source type of pictures a model makes: "sd:" models are neural checkpoints.
    public static func sourceType(modelID: String) -> DigitalSourceType {
        modelID.hasPrefix("sd:") ? .trainedAlgorithmicMedia : .algorithmicMedia
    }

    /// The render facts for the `c2pa.created` action; the prompt only when `withPrompt`.
    public static func parameters(shot: Shot, settings: RenderSettings, model: any ShotModel, withPrompt: Bool) -> [(String, CBOR)] {
        var members: [(String, CBOR)] = [
            ("shot", .text(shot.id)),
            ("model", .text(model.id)),
            ("weightsDigest", .text(model.weightsDigest)),
            ("seed", .int(Int(shot.seed))),
            ("sampler", .text(settings.sampler.rawValue)),
            ("schedule", .text(settings.schedule.rawValue)),
            ("steps", .int(settings.steps)),
        ]
        if withPrompt {
            members.append(("prompt", .text(shot.prompt)))
            if !settings.negative.isEmpty { members.append(("negativePrompt", .text(settings.negative))) }
        }
        return members
    }

    /// The instance id a key drawing's credentials carry: derived from its render key, so exports can name it.
    public static func frameInstanceID(key: RenderKey) -> String {
        CredentialContent.instanceID(for: "storyreel frame " + key.hex)
    }

    /// A key drawing's credentials.
    public static func frame(shot: Shot, settings: RenderSettings, model: any ShotModel, key: RenderKey,
                             withPrompt: Bool = true) -> CredentialContent {
        CredentialContent(sourceType: sourceType(modelID: model.id),
                          parameters: parameters(shot: shot, settings: settings, model: model, withPrompt: withPrompt),
                          identity: "storyreel frame " + key.hex, title: "\(shot.id).png")
    }

    /// Drawing `index` (from 0) of a shot's clip.
    public static func drawing(shot: Shot, settings: RenderSettings, model: any ShotModel, clip: RenderKey, index: Int,
                               withPrompt: Bool = true) -> CredentialContent {
        var parameters = parameters(shot: shot, settings: settings, model: model, withPrompt: withPrompt)
        parameters.insert(("drawing", .int(index + 1)), at: 1)
        return CredentialContent(sourceType: sourceType(modelID: model.id), parameters: parameters,
                                 identity: "storyreel drawing \(index + 1) of \(clip.hex)",
                                 title: String(format: "%04d.png", index + 1))
    }
}
