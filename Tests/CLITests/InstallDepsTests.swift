import Foundation
import Testing
import TestSupport

/// `scripts/install-deps test` against stand-ins for apt-get, dpkg-query and python3 that record what they are
/// asked to do: a plain Debian python3 without pip, Debian's externally managed python, and a pyenv python.
@Suite struct InstallDepsTests {
    /// A python3 stand-in: `sys.prefix` is $STUB_PREFIX, pip exists once $STATE/pip does, installs are refused as
    /// externally managed when $STUB_MANAGED=1 (unless --break-system-packages), and fail when $STUB_OFFLINE=1.
    static let python = #"""
        #!/bin/bash
        echo "python3 $*" >> "$LOG"
        case "$*" in
          "-c import sys; print(sys.prefix)") echo "$STUB_PREFIX"; exit 0 ;;
          "-c import "*) [[ -e "$STATE/${2#import }" ]]; exit ;;
          "-m pip --version") [[ -e "$STATE/pip" ]] || { echo "No module named pip" >&2; exit 1; }; exit 0 ;;
          "-m ensurepip"*) touch "$STATE/pip"; exit 0 ;;
          "-m pip install"*)
            [[ -e "$STATE/pip" ]] || { echo "No module named pip" >&2; exit 1; }
            if [[ "$STUB_OFFLINE" == 1 ]]; then echo "ERROR: Could not find a version" >&2; exit 1; fi
            if [[ "$STUB_MANAGED" == 1 && "$*" != *--break-system-packages* ]]; then
              echo "error: externally-managed-environment" >&2; exit 1
            fi
            for a in "$@"; do
              case "$a" in
                opentimelineio) touch "$STATE/opentimelineio" ;;
                otio-fcp-adapter) touch "$STATE/otio_fcp_adapter" ;;
                c2pa-python) touch "$STATE/c2pa" ;;
              esac
            done
            exit 0 ;;
        esac
        exit 3
        """#

    static let aptGet = #"""
        #!/bin/bash
        echo "apt-get $*" >> "$LOG"
        [[ "$*" == *"install"*"python3-pip"* ]] && touch "$STATE/pip"
        exit 0
        """#

    /// Runs the script with the stand-ins first on PATH; returns its status, stderr and the log of calls.
    func run(prefix: String, pip: Bool, managed: Bool, offline: Bool = false, installed: [String] = []) throws -> (status: Int32, err: String, calls: [String]) {
        let folder = TestFolder()
        let bin = folder.path + "/bin", state = folder.path + "/state", log = folder.path + "/log"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let stubs = ["python3": Self.python, "apt-get": Self.aptGet,
                     "dpkg-query": "#!/bin/bash\necho 'install ok installed'\n", "sudo": "#!/bin/bash\nexec \"$@\"\n"]
        for (name, text) in stubs {
            try text.write(toFile: bin + "/" + name, atomically: true, encoding: .utf8)
            chmod(bin + "/" + name, 0o755)
        }
        if pip { FileManager.default.createFile(atPath: state + "/pip", contents: nil) }
        for module in installed { FileManager.default.createFile(atPath: state + "/" + module, contents: nil) }
        FileManager.default.createFile(atPath: log, contents: nil)
        let env = ["PATH": bin + ":/usr/bin:/bin", "STATE": state, "LOG": log, "STUB_PREFIX": prefix,
                   "STUB_MANAGED": managed ? "1" : "0", "STUB_OFFLINE": offline ? "1" : "0"]
        let result = try runProgram("/bin/bash", [repositoryRoot + "/scripts/install-deps", "test"], environment: env, timeout: 60)
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        return (result.status, result.err, calls)
    }

    func installs(_ calls: [String]) -> [String] { calls.filter { $0.contains("pip install") || $0.contains("apt-get install") } }

    @Test func plainDebianPythonGetsPipFromDebianThenInstalls() throws {
        let r = try run(prefix: "/usr", pip: false, managed: true)
        #expect(r.status == 0, "\(r.err)")
        let steps = installs(r.calls)
        #expect(steps.count == 3, "\(r.calls)")
        #expect(steps.first?.hasPrefix("apt-get install") == true && steps.first?.contains("python3-pip") == true)
        #expect(steps.dropFirst().first?.contains("--break-system-packages") == false)
        #expect(steps.last?.contains("pip install") == true && steps.last?.contains("--break-system-packages") == true && steps.last?.contains("opentimelineio otio-fcp-adapter c2pa-python") == true)
    }

    @Test func externallyManagedPythonWithPipNeedsNoAptGet() throws {
        let r = try run(prefix: "/usr", pip: true, managed: true)
        #expect(r.status == 0, "\(r.err)")
        #expect(!r.calls.contains { $0.hasPrefix("apt-get") }, "\(r.calls)")
        #expect(installs(r.calls).last?.contains("--break-system-packages") == true)
    }

    @Test func pyenvPythonIsUsedAsItIs() throws {
        let r = try run(prefix: "/root/.pyenv/versions/3.11.7", pip: true, managed: false)
        #expect(r.status == 0, "\(r.err)")
        #expect(installs(r.calls) == ["python3 -m pip install -q opentimelineio otio-fcp-adapter c2pa-python"], "\(r.calls)")
    }

    @Test func pythonWithoutPipOutsideDebianBootstrapsIt() throws {
        let r = try run(prefix: "/opt/python", pip: false, managed: false)
        #expect(r.status == 0, "\(r.err)")
        #expect(!r.calls.contains { $0.hasPrefix("apt-get") } && r.calls.contains { $0.contains("-m ensurepip") }, "\(r.calls)")
        #expect(installs(r.calls) == ["python3 -m pip install -q opentimelineio otio-fcp-adapter c2pa-python"])
    }

    @Test func alreadyInstalledDoesNothing() throws {
        let r = try run(prefix: "/usr", pip: false, managed: true, installed: ["opentimelineio", "otio_fcp_adapter", "c2pa"])
        #expect(r.status == 0 && installs(r.calls).isEmpty, "\(r.calls)")
    }

    @Test func onlyTheMissingPeerIsInstalled() throws {
        let r = try run(prefix: "/root/.pyenv/versions/3.11.7", pip: true, managed: false, installed: ["opentimelineio", "otio_fcp_adapter"])
        #expect(r.status == 0, "\(r.err)")
        #expect(installs(r.calls) == ["python3 -m pip install -q c2pa-python"], "\(r.calls)")
    }

    @Test func aFailedInstallFailsTheScriptWithPipsWords() throws {
        let r = try run(prefix: "/root/.pyenv/versions/3.11.7", pip: true, managed: false, offline: true)
        #expect(r.status != 0)
        #expect(r.err.contains("Could not find a version"), "\(r.err)")
    }
}
