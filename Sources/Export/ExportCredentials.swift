import Credentials
import Foundation
import Project
import Render
import Storage

/// Content Credentials of exports: a sheet, an animatic or a board PDF is stated as made by the project's models
/// (the same `c2pa.created` action and source type as its frames) from its key drawings, named as ingredients.
struct ExportCredentials {
    let content: CredentialContent
    let signer: SigningIdentity

    /// The credentials of an export `title` made from `shots` as rendered in `results`.
    init(title: String, project: Project, shots: [Shot], results: [ShotRenderResult], folder: String,
         withPrompt: Bool, signer: SigningIdentity, models: ModelRegistry) throws {
        var perShot: [CBOR] = []
        var anyNeural = false
        for shot in shots {
            let settings = project.renderSettings(for: shot)
            let model = try models.model(for: settings.model, relativeTo: folder)
            if ShotCredentials.sourceType(modelID: model.id) == .trainedAlgorithmicMedia { anyNeural = true }
            perShot.append(.object(ShotCredentials.parameters(shot: shot, settings: settings, model: model, withPrompt: withPrompt)))
        }
        let ingredients = results.map { result in
            CredentialIngredient(title: result.png, instanceID: ShotCredentials.frameInstanceID(key: result.key))
        }
        // The same export of the same renders gets the same instance id.
        let identity = "storyreel export \(title) " + results.map(\.key.hex).joined(separator: ",")
        content = CredentialContent(sourceType: anyNeural ? .trainedAlgorithmicMedia : .algorithmicMedia,
                                    parameters: [("project", .text(project.title)), ("shots", .array(perShot))],
                                    ingredients: ingredients, identity: identity, title: title)
        self.signer = signer
    }

    /// A PNG sheet with its credentials embedded.
    func sign(png: [UInt8]) throws -> [UInt8] {
        do { return try PNGCredentials.embed(png, content: content, identity: signer) } catch {
            throw ExportError("cannot sign the sheet's Content Credentials: \(error)")
        }
    }

    /// Rewrites the MP4 at `path` (atomically) with its credentials embedded.
    func signMP4(at path: String) throws {
        do {
            let signed = try MP4Credentials.embed(try FileReader.read(path, limit: 16 << 30), content: content, identity: signer)
            try AtomicFile.write(signed, to: path)
        } catch {
            throw ExportError("cannot sign the Content Credentials of \(path): \(error)")
        }
    }

    /// Writes the sidecar manifest store of a file that cannot embed one (a PDF): `NAME.c2pa` beside it, bound by a
    /// data hash over the whole file. Returns its path.
    func writeSidecar(for path: String) throws -> String {
        let sidecar = URL(fileURLWithPath: path).deletingPathExtension().path + ".c2pa"
        do {
            let store = try ManifestBuilder.sidecar(for: try FileReader.read(path, limit: 16 << 30), content: content, identity: signer)
            try AtomicFile.write(store, to: sidecar)
        } catch {
            throw ExportError("cannot write the Content Credentials \(sidecar): \(error)")
        }
        return sidecar
    }
}
