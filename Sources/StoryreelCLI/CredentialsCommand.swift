import ArgumentParser
import Credentials
import Foundation

/// `storyreel credentials`: where the Content Credentials signing key lives and whose certificate signs; with
/// `--use CERT.pem KEY.pem`, takes the organisation's own certificate chain and key instead.
struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Show or set the key that signs the Content Credentials (C2PA) of every PNG and MP4.",
        discussion: """
            On first use Storyreel makes a P-256 key and a self-signed certificate in \
            $XDG_CONFIG_HOME/storyreel/credentials.pem (else ~/.config/storyreel/credentials.pem), readable only by \
            you. Verifiers show such files as signed but by an untrusted signer; '--use CERT.pem KEY.pem' takes \
            your organisation's certificate chain (PEM, leaf first) and its unencrypted EC P-256 key.
            """)

    @Option(parsing: .upToNextOption, help: ArgumentHelp("The organisation's certificate chain and key, both PEM.", valueName: "CERT.pem KEY.pem"))
    var use: [String] = []

    func run() throws {
        let identity: SigningIdentity
        do {
            if use.isEmpty {
                identity = try CredentialStore.identity()
            } else {
                guard use.count == 2 else { throw Console.fail("--use takes two files: CERT.pem KEY.pem", code: 2) }
                identity = try CredentialStore.use(certificate: use[0], key: use[1])
            }
        } catch let error as CredentialError {
            throw Console.fail(error.description, code: 2)
        }
        let expiry = Date(timeIntervalSince1970: TimeInterval(identity.notAfter))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        print("key and certificate: \(CredentialStore.path())")
        print("subject: \(identity.subject)")
        print("certificates in chain: \(identity.chain.count)")
        print("valid until: \(formatter.string(from: expiry))")
    }
}
