import Foundation
import Testing
import TestSupport

/// `storyreel credentials` as a user runs it, with a fresh home folder.
@Suite struct CredentialsCommandTests {
    func run(_ arguments: [String], home: String) throws -> (out: String, err: String, status: Int32) {
        try runProgram(CLITests.binary, ["credentials"] + arguments, environment: ["HOME": home, "PATH": "/usr/bin:/bin"])
    }

    @Test func showsWhereTheKeyIsAndWhoseCertificateSigns() throws {
        let folder = TestFolder()
        let shown = try run([], home: folder.path)
        #expect(shown.status == 0, "\(shown.err)")
        #expect(shown.out.contains("key and certificate: \(folder.path)/.config/storyreel/credentials.pem"))
        #expect(shown.out.contains("subject: ") && shown.out.contains("(Storyreel)"))
    }

    @Test func useTakesTheOrganisationsFilesAndRejectsBadOnesWithStatus2() throws {
        let folder = TestFolder()
        let cert = folder.path + "/org.crt", key = folder.path + "/org.key"
        _ = try runProgram("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                            "-nodes", "-keyout", key, "-out", cert, "-days", "30", "-subj", "/CN=Acme Signing"])
        let bad = try run(["--use", cert, folder.path + "/nope.key"], home: folder.path)
        #expect(bad.status == 2 && bad.err.contains("nope.key"), "\(bad.err)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.config/storyreel/credentials.pem"))
        let used = try run(["--use", cert, key], home: folder.path)
        #expect(used.status == 0, "\(used.err)")
        #expect(used.out.contains("subject: CN=Acme Signing"))
        #expect(try run([], home: folder.path).out.contains("subject: CN=Acme Signing"))
    }
}
