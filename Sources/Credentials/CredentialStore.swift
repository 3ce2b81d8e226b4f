import Foundation
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// Where the signing identity lives (`$XDG_CONFIG_HOME/storyreel/credentials.pem`, else
/// `~/.config/storyreel/credentials.pem`) and how it comes to be: made on first use, or taken from the
/// organisation's certificate and key with `storyreel credentials --use`.
///
/// Key and certificate share one file so that replacing them is one rename: a reader never sees a key with
/// another key's certificate.
public enum CredentialStore {
    public static let fileName = "credentials.pem"
    /// A made certificate lasts ten years: a board's credentials should outlive the project.
    static let validityDays = 3650

    /// The config folder: `$XDG_CONFIG_HOME/storyreel`, else `$HOME/.config/storyreel`, else the passwd home's.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/storyreel" }
        var home = environment["HOME"] ?? ""
        if home.isEmpty, let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { home = String(cString: dir) }
        return (home.isEmpty ? "/tmp" : home) + "/.config/storyreel"
    }

    /// The identity file's path.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        folder(environment: environment) + "/" + fileName
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: SigningIdentity] = [:]

    /// The identity at `path`, made there first if there is none; loaded once per process.
    public static func identity(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CredentialError) -> SigningIdentity {
        let path = self.path(environment: environment)
        lock.lock()
        defer { lock.unlock() }
        if let identity = loaded[path] { return identity }
        let identity = try loadOrCreate(at: path, environment: environment)
        loaded[path] = identity
        return identity
    }

    /// Whether an identity file exists yet.
    public static func exists(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        FileManager.default.fileExists(atPath: path(environment: environment))
    }

    static func loadOrCreate(at path: String, environment: [String: String]) throws(CredentialError) -> SigningIdentity {
        if let bytes = try? FileReader.read(path, limit: 1 << 20) {
            return try SigningIdentity(pem: bytes, source: path)
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CredentialError("cannot read the signing credentials \(path) (check its permissions)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        try makeFolder(folder)
        let user = environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "user"
        let pem = try SigningIdentity.createPEM(commonName: "\(user) (Storyreel)", organisation: "Storyreel local signing",
                                                days: validityDays)
        let identity = try SigningIdentity(pem: pem, source: path)
        // Linked into place, not renamed: when two first runs race, the first identity stays and the other loads it.
        let staging = folder + "/.\(fileName).new-\(getpid())"
        do {
            try AtomicFile.write(pem, to: staging, permissions: 0o600)
        } catch {
            throw CredentialError("cannot write the signing credentials \(path): \(error.reason)")
        }
        defer { unlink(staging) }
        if link(staging, path) != 0 {
            guard errno == EEXIST, let bytes = try? FileReader.read(path, limit: 1 << 20) else {
                throw CredentialError("cannot write the signing credentials \(path): \(String(cString: strerror(errno)))")
            }
            return try SigningIdentity(pem: bytes, source: path)
        }
        return identity
    }

    /// Takes the organisation's certificate chain and key: both are checked (readable, P-256, matching) before the
    /// stored identity is replaced, so bad files leave the old one in place.
    public static func use(certificate: String, key: String,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws(CredentialError) -> SigningIdentity {
        let certBytes: [UInt8], keyBytes: [UInt8]
        do { certBytes = try FileReader.read(certificate, limit: 1 << 20) } catch {
            throw CredentialError("cannot read the certificate \(certificate): \(error.reason)")
        }
        do { keyBytes = try FileReader.read(key, limit: 1 << 20) } catch {
            throw CredentialError("cannot read the key \(key): \(error.reason)")
        }
        let identity = try SigningIdentity(keyPEM: keyBytes, certificatePEM: certBytes, keySource: key, certificateSource: certificate)
        guard identity.notAfter > Int64(Date().timeIntervalSince1970) else {
            throw CredentialError("the certificate \(certificate) has expired")
        }
        let path = self.path(environment: environment)
        try makeFolder((path as NSString).deletingLastPathComponent)
        var combined = keyBytes
        if combined.last != 0x0A { combined.append(0x0A) }
        combined += certBytes
        do {
            try AtomicFile.write(combined, to: path, permissions: 0o600)
        } catch {
            throw CredentialError("cannot write the signing credentials \(path): \(error.reason)")
        }
        lock.lock()
        loaded[path] = identity
        lock.unlock()
        return identity
    }

    static func makeFolder(_ folder: String) throws(CredentialError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw CredentialError("cannot create the folder \(folder): \(error.localizedDescription)")
        }
    }
}
