/// COSE_Sign1 (RFC 9052) as C2PA uses it: ES256, the certificate chain in the protected `x5chain` header, and the
/// claim as a detached payload (the message carries nil where the payload would be).
public enum COSESign1 {
    /// COSE header labels and values (RFC 9052, RFC 9360).
    static let algorithmLabel = 1, es256 = -7, x5chainLabel = 33
    /// The CBOR tag of a COSE_Sign1 message.
    static let tag: UInt64 = 18

    /// The tagged COSE_Sign1 bytes signing `detachedPayload`.
    public static func sign(detachedPayload: [UInt8], identity: SigningIdentity) throws(CredentialError) -> [UInt8] {
        // One certificate is a bstr, several an array of bstr (RFC 9360).
        let chain: CBOR = identity.chain.count == 1 ? .bytes(identity.chain[0]) : .array(identity.chain.map { .bytes($0) })
        let protected = CBOR.map([(.int(algorithmLabel), .int(es256)), (.int(x5chainLabel), chain)]).encoded
        let toBeSigned = CBOR.array([.text("Signature1"), .bytes(protected), .bytes([]), .bytes(detachedPayload)]).encoded
        let signature = try identity.sign(toBeSigned)
        return CBOR.tagged(tag, .array([.bytes(protected), .map([]), .null, .bytes(signature)])).encoded
    }
}
