import Foundation
import Testing
import TestSupport

/// Nothing a user types or makes leaves the machine: no networking code in the source, none linked in the binary.
@Suite struct PrivacyTests {
    @Test func sourceImportsNoNetworking() throws {
        let forbidden = ["import FoundationNetworking", "URLSession", "import Network", "import NIO", "AsyncHTTPClient",
                         "socket(", "getaddrinfo", "gethostbyname", "curl_", "#include <sys/socket.h>",
                         "#include <netdb.h>"]
        let enumerator = FileManager.default.enumerator(atPath: repositoryRoot + "/Sources")
        var checked = 0
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".swift") || file.hasSuffix(".c") || file.hasSuffix(".h") else { continue }
            let text = try String(contentsOfFile: repositoryRoot + "/Sources/" + file, encoding: .utf8)
            for word in forbidden {
                #expect(!text.contains(word), "\(file) contains \(word)")
            }
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test func binaryLinksNoNetworkingLibrary() throws {
        let (out, _, status) = try runProgram("/usr/bin/env", ["ldd", CLITests.binary])
        #expect(status == 0)
        for library in ["libFoundationNetworking", "libcurl", "libssl", "libnghttp", "libgnutls"] {
            #expect(!out.contains(library), "storyreel links \(library)")
        }
        #expect(out.contains("libpng16"))  // the check reads real ldd output
    }

    /// libcrypto signs Content Credentials (keys, X.509, ECDSA); it also has socket and HTTP code, which the binary
    /// must not call. The dynamic symbols it imports say what it uses.
    @Test func binaryUsesNoNetworkingPartOfLibcrypto() throws {
        let (out, _, status) = try runProgram("/usr/bin/env", ["nm", "-D", "--undefined-only", CLITests.binary])
        #expect(status == 0)
        #expect(out.contains("ECDSA_do_sign_ex"))  // the check reads real nm output
        for prefix in ["BIO_s_socket", "BIO_s_connect", "BIO_new_connect", "BIO_s_accept", "BIO_new_accept", "BIO_s_datagram",
                       "BIO_socket", "BIO_connect", "BIO_lookup", "OSSL_HTTP_", "OCSP_sendreq", "SSL_"] {
            #expect(!out.contains(" " + prefix), "storyreel calls \(prefix)")
        }
    }
}
