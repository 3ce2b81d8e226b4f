import Digest

/// Builds a signed C2PA manifest store (JUMBF) holding one manifest: its assertions, a v2 claim that lists them by
/// hashed URI, and a COSE_Sign1 ES256 signature over the claim. The hard binding (data or BMFF hash) is handed in
/// by the caller, who knows the file.
public enum ManifestBuilder {
    public static let generatorName = "storyreel"
    public static let generatorVersion = "0.1.0"

    /// The manifest store bytes for `content`, bound to its file by `binding` (label and CBOR of a hash assertion).
    public static func store(_ content: CredentialContent, binding: (label: String, value: CBOR),
                             identity: SigningIdentity) throws(CredentialError) -> [UInt8] {
        // The manifest label is derived from the instance id and the binding: unique per asset, stable per render.
        let manifestLabel = "urn:c2pa:" + CredentialContent.uuid(SHA256.hash(Array((content.instanceID + "/manifest").utf8)))
        let base = "self#jumbf=/c2pa/\(manifestLabel)/"

        var ingredientURIs: [CBOR] = []
        var boxes: [[UInt8]] = []
        var references: [CBOR] = []
        func add(_ label: String, _ value: CBOR) -> CBOR {
            let (box, payload) = JUMBF.cborSuperbox(.cbor, label: label, value.encoded)
            boxes.append(box)
            let reference = CBOR.object([
                ("url", .text(base + "c2pa.assertions/" + label)),
                ("alg", .text("sha256")),
                ("hash", .bytes(SHA256.hash(payload))),
            ])
            references.append(reference)
            return reference
        }
        for (i, ingredient) in content.ingredients.enumerated() {
            let label = i == 0 ? "c2pa.ingredient.v3" : "c2pa.ingredient.v3__\(i)"
            ingredientURIs.append(add(label, .object([
                ("dc:title", .text(ingredient.title)),
                ("dc:format", .text(ingredient.format)),
                ("relationship", .text("componentOf")),
                ("instanceID", .text(ingredient.instanceID)),
            ])))
        }
        var actions: [CBOR] = [.object([
            ("action", .text("c2pa.created")),
            ("softwareAgent", .object([("name", .text(generatorName)), ("version", .text(generatorVersion))])),
            ("digitalSourceType", .text(content.sourceType.uri)),
            ("parameters", .object(content.parameters)),
        ])]
        if !ingredientURIs.isEmpty {
            // The frames are placed into the export; c2pa.placed is the action that names componentOf ingredients.
            actions.append(.object([
                ("action", .text("c2pa.placed")),
                ("parameters", .object([("ingredients", .array(ingredientURIs))])),
            ]))
        }
        _ = add("c2pa.actions.v2", .object([("actions", .array(actions))]))
        _ = add(binding.label, binding.value)

        var claimMembers: [(String, CBOR)] = [
            ("instanceID", .text(content.instanceID)),
            ("claim_generator_info", .object([("name", .text(generatorName)), ("version", .text(generatorVersion))])),
            ("signature", .text(base + "c2pa.signature")),
            ("created_assertions", .array(references)),
            ("alg", .text("sha256")),
        ]
        if let title = content.title { claimMembers.insert(("dc:title", .text(title)), at: 1) }
        let claim = CBOR.object(claimMembers).encoded
        let signature = try COSESign1.sign(detachedPayload: claim, identity: identity)

        let assertionStore = JUMBF.superbox(.assertionStore, label: "c2pa.assertions", boxes)
        let claimBox = JUMBF.cborSuperbox(.claim, label: "c2pa.claim.v2", claim).box
        let signatureBox = JUMBF.cborSuperbox(.signature, label: "c2pa.signature", signature).box
        let manifest = JUMBF.superbox(.manifest, label: manifestLabel, [assertionStore, claimBox, signatureBox])
        return JUMBF.superbox(.manifestStore, label: "c2pa", [manifest])
    }

    /// A manifest store for a sidecar `.c2pa` file, bound to all of `file` by a data hash with no exclusions.
    public static func sidecar(for file: [UInt8], content: CredentialContent, identity: SigningIdentity) throws(CredentialError) -> [UInt8] {
        try store(content, binding: dataHash(try FileHash.of(file), excluding: nil), identity: identity)
    }

    /// A `c2pa.hash.data` assertion: SHA-256 of the file with one byte range (the embedded store) left out.
    public static func dataHash(_ digest: [UInt8], excluding range: (start: Int, length: Int)?) -> (label: String, value: CBOR) {
        var members: [(String, CBOR)] = []
        if let range {
            members.append(("exclusions", .array([.object([("start", .int(range.start)), ("length", .int(range.length))])])))
        }
        members += [("name", .text("jumbf manifest")), ("alg", .text("sha256")), ("hash", .bytes(digest)), ("pad", .bytes([]))]
        return ("c2pa.hash.data", .object(members))
    }
}
