import CStoryreelCrypto

/// A private P-256 key with its X.509 certificate chain (leaf first), signing ES256 through OpenSSL.
///
/// Immutable once loaded; OpenSSL signs with a fresh context per call, so one identity serves concurrent writers.
public final class SigningIdentity: @unchecked Sendable {
    private let handle: OpaquePointer
    /// DER certificates, leaf first, as the COSE `x5chain` header carries them.
    public let chain: [[UInt8]]
    /// The leaf certificate's subject in RFC 2253 form.
    public let subject: String
    /// The leaf certificate's expiry, seconds since 1970.
    public let notAfter: Int64

    /// Loads a key and a certificate chain from PEM bytes; `keySource` and `certificateSource` name their files in
    /// error messages (a combined file is named once).
    public init(keyPEM: [UInt8], certificatePEM: [UInt8], keySource: String, certificateSource: String) throws(CredentialError) {
        var message = [CChar](repeating: 0, count: 512)
        var culprit = SR_CULPRIT_BOTH
        let loaded = keyPEM.withUnsafeBufferPointer { key in
            certificatePEM.withUnsafeBufferPointer { cert in
                sr_identity_load(key.baseAddress, key.count, cert.baseAddress, cert.count, &culprit, &message, message.count)
            }
        }
        guard let loaded else {
            let file = switch culprit {
            case SR_CULPRIT_KEY: keySource
            case SR_CULPRIT_CERTIFICATE: certificateSource
            default: keySource == certificateSource ? keySource : "\(certificateSource) and \(keySource)"
            }
            throw CredentialError("\(file): \(Self.string(message))")
        }
        let source = keySource == certificateSource ? keySource : certificateSource
        handle = loaded
        var certificates: [[UInt8]] = []
        for i in 0..<sr_identity_chain_count(loaded) {
            var der = sr_crypto_bytes()
            defer { sr_crypto_bytes_free(&der) }
            guard sr_identity_chain_der(loaded, i, &der) == 0, let data = der.data else {
                sr_identity_free(loaded)
                throw CredentialError("\(source): certificate \(i + 1) cannot be encoded as DER")
            }
            certificates.append(Array(UnsafeBufferPointer(start: data, count: der.size)))
        }
        chain = certificates
        var name = [CChar](repeating: 0, count: 1024)
        subject = sr_identity_subject(loaded, &name, name.count) == 0 ? Self.string(name) : "(unprintable)"
        notAfter = sr_identity_not_after(loaded)
    }

    /// Loads a key and its certificate chain from one PEM file's bytes.
    public convenience init(pem: [UInt8], source: String) throws(CredentialError) {
        try self.init(keyPEM: pem, certificatePEM: pem, keySource: source, certificateSource: source)
    }

    deinit { sr_identity_free(handle) }

    /// Makes a new key and self-signed certificate; returns them as one PEM text (key first).
    public static func createPEM(commonName: String, organisation: String, days: Int) throws(CredentialError) -> [UInt8] {
        var message = [CChar](repeating: 0, count: 512)
        var pem = sr_crypto_bytes()
        defer { sr_crypto_bytes_free(&pem) }
        guard sr_identity_create(commonName, organisation, Int32(days), &pem, &message, message.count) == 0,
              let data = pem.data else {
            throw CredentialError("cannot create a signing key: \(string(message))")
        }
        return Array(UnsafeBufferPointer(start: data, count: pem.size))
    }

    /// ES256 over `data`: the 64-byte r || s.
    public func sign(_ data: [UInt8]) throws(CredentialError) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: 64)
        var message = [CChar](repeating: 0, count: 512)
        let status = data.withUnsafeBufferPointer { bytes in
            sr_identity_sign(handle, bytes.baseAddress, bytes.count, &signature, &message, message.count)
        }
        guard status == 0 else { throw CredentialError("cannot sign: \(Self.string(message))") }
        return signature
    }

    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
