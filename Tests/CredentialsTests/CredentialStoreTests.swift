import Foundation
import Testing
import TestSupport
@testable import Credentials

/// The signing identity: made on first use for a brand-new user, taken from the organisation's files on request,
/// and never damaged by bad ones.
@Suite struct CredentialStoreTests {
    /// A P-256 key and self-signed certificate made by the openssl command, as an organisation would bring them.
    func organisationFiles(in folder: TestFolder, curve: String = "prime256v1", name: String = "org") throws -> (cert: String, key: String) {
        let cert = folder.path + "/\(name).crt.pem", key = folder.path + "/\(name).key.pem"
        let made = try runProgram("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(curve)",
                                                   "-nodes", "-keyout", key, "-out", cert, "-days", "30",
                                                   "-subj", "/CN=Acme Studio Signing/O=Acme Ltd"])
        #expect(made.status == 0, "\(made.err)")
        return (cert, key)
    }

    @Test func aBrandNewUserWithAnEmptyHomeGetsAKeyMadeAtFirstUse() throws {
        let folder = TestFolder()
        let environment = ["HOME": folder.path]
        let identity = try CredentialStore.identity(environment: environment)
        let path = folder.path + "/.config/storyreel/credentials.pem"
        #expect(CredentialStore.path(environment: environment) == path)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        #expect(identity.subject.contains("(Storyreel)") && identity.chain.count == 1)
        // openssl reads the certificate as the C2PA profile wants it: v3, not a CA, digitalSignature, emailProtection.
        let text = try runProgram("/usr/bin/env", ["openssl", "x509", "-in", path, "-noout", "-text"]).out
        #expect(text.contains("Version: 3") && text.contains("CA:FALSE") && text.contains("Digital Signature")
                && text.contains("E-mail Protection") && text.contains("prime256v1"))
        // A second process loads the same key rather than making another.
        let again = try CredentialStore.loadOrCreate(at: path, environment: environment)
        #expect(again.chain == identity.chain)
        // No leftovers beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/.config/storyreel") == ["credentials.pem"])
    }

    @Test func xdgConfigHomeWins() {
        #expect(CredentialStore.folder(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/h"]) == "/x/cfg/storyreel")
        #expect(CredentialStore.folder(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/storyreel")
    }

    @Test func theOrganisationsCertificateAndKeyAreTakenAndSign() throws {
        let folder = TestFolder()
        let environment = ["XDG_CONFIG_HOME": folder.path + "/cfg"]
        let files = try organisationFiles(in: folder)
        let identity = try CredentialStore.use(certificate: files.cert, key: files.key, environment: environment)
        #expect(identity.subject.contains("CN=Acme Studio Signing"))
        let path = CredentialStore.path(environment: environment)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let reloaded = try CredentialStore.loadOrCreate(at: path, environment: environment)
        #expect(reloaded.subject == identity.subject && reloaded.chain == identity.chain)
        #expect(try identity.sign([1, 2, 3]).count == 64)
    }

    @Test func badFilesAreNamedAndLeaveTheStoredIdentityAlone() throws {
        let folder = TestFolder()
        let environment = ["XDG_CONFIG_HOME": folder.path + "/cfg"]
        _ = try CredentialStore.identity(environment: environment)
        let path = CredentialStore.path(environment: environment)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let a = try organisationFiles(in: folder, name: "a"), b = try organisationFiles(in: folder, name: "b")
        let rsaKey = folder.path + "/rsa.pem"
        _ = try runProgram("/usr/bin/env", ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", rsaKey])
        // (certificate, key, what the message says, the file it names)
        let cases: [(String, String, String, String)] = [
            (a.cert, b.key, "does not match", b.key),
            (folder.path + "/missing.pem", a.key, "cannot read", "missing.pem"),
            (a.key, a.key, "no certificate", a.key),
            (a.cert, a.cert, "no readable unencrypted private key", a.cert),
            (a.cert, rsaKey, "not an EC P-256 key", rsaKey),
        ]
        for (cert, key, expected, named) in cases {
            do {
                _ = try CredentialStore.use(certificate: cert, key: key, environment: environment)
                Issue.record("\(cert) + \(key) was accepted")
            } catch {
                #expect(error.description.contains(expected), "\(error)")
                #expect(error.description.contains(named), "names the file: \(error)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}

/// ES256 signatures are deterministic (RFC 6979), so a render signs to the same bytes every time.
@Suite struct DeterministicSignatureTests {
    @Test func matchesTheRFC6979VectorForP256AndSHA256() throws {
        let folder = TestFolder()
        // RFC 6979 A.2.5: the P-256 private key, as SEC1 DER, turned into PEM with a certificate by openssl.
        let x = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"
        let der = "3031020101" + "0420" + x + "a00a06082a8648ce3d030107"
        let bytes = stride(from: 0, to: der.count, by: 2).map { i -> UInt8 in
            let start = der.index(der.startIndex, offsetBy: i)
            return UInt8(der[start..<der.index(start, offsetBy: 2)], radix: 16)!
        }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.path + "/k.der"))
        _ = try runProgram("/usr/bin/env", ["openssl", "ec", "-inform", "DER", "-in", folder.path + "/k.der", "-out", folder.path + "/k.pem"])
        _ = try runProgram("/usr/bin/env", ["openssl", "req", "-x509", "-key", folder.path + "/k.pem", "-out", folder.path + "/k.crt",
                                            "-days", "2", "-subj", "/CN=vector"])
        let identity = try SigningIdentity(keyPEM: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/k.pem"))),
                                           certificatePEM: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.path + "/k.crt"))),
                                           keySource: "k.pem", certificateSource: "k.crt")
        let signature = try identity.sign(Array("sample".utf8))
        let hex = signature.map { String(format: "%02X", $0) }.joined()
        #expect(hex == "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                     + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8")
        #expect(try identity.sign(Array("sample".utf8)) == signature)
    }
}
