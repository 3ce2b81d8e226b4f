import Foundation
import TestSupport

/// A one-node Slurm cluster for the farm tests: munged, slurmctld and slurmd on this machine, every file (key,
/// sockets, state, spool, logs, `slurm.conf` with `proctrack/linuxproc` and no cgroups) in a temporary folder, on
/// ports of its own, stopped when the value goes.
final class SlurmCluster {
    let folder: String
    /// Owns the temporary folder, which goes when the cluster does.
    private let holder: TestFolder
    let environment: [String: String]
    private var pids: [Int32] = []

    /// Why a cluster cannot start here, or nil when it can: the daemons run as root and must be installed.
    static var unavailable: String? {
        if getuid() != 0 { return "the Slurm daemons need root (this test run is uid \(getuid()))" }
        for tool in ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (scripts/install-deps test installs slurm-wlm and munge)"
        }
        return nil
    }

    init() throws {
        holder = TestFolder()
        folder = holder.path
        let fm = FileManager.default
        // munged wants its key private and its socket's folder searchable by everyone.
        for sub in ["munge", "socket", "state", "spool", "log", "run"] {
            try fm.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        chmod(folder + "/munge", 0o700)
        chmod(folder + "/socket", 0o755)
        chmod(folder, 0o755)
        var key = [UInt8](repeating: 0, count: 1024)
        for i in key.indices { key[i] = UInt8.random(in: 0...255) }
        fm.createFile(atPath: folder + "/munge/munge.key", contents: Data(key), attributes: [.posixPermissions: 0o400])
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        let host = String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: ".").first.map(String.init) ?? "localhost"
        let port = Int.random(in: 20000...29000)
        let conf = """
            ClusterName=storyreeltest
            SlurmctldHost=\(host)(127.0.0.1)
            SlurmctldPort=\(port)
            SlurmdPort=\(port + 1)
            AuthType=auth/munge
            AuthInfo=socket=\(folder)/socket/munge.socket
            CredType=cred/munge
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core_Memory
            StateSaveLocation=\(folder)/state
            SlurmdSpoolDir=\(folder)/spool
            SlurmctldPidFile=\(folder)/run/slurmctld.pid
            SlurmdPidFile=\(folder)/run/slurmd.pid
            SlurmctldLogFile=\(folder)/log/slurmctld.log
            SlurmdLogFile=\(folder)/log/slurmd.log
            SlurmUser=root
            ReturnToService=2
            MinJobAge=2
            NodeName=\(host) NodeAddr=127.0.0.1 CPUs=2 RealMemory=4000 State=UNKNOWN
            PartitionName=test Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

            """
        try conf.write(toFile: folder + "/slurm.conf", atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["SLURM_CONF"] = folder + "/slurm.conf"
        environment = env
        try daemon("/usr/sbin/munged", ["-F", "--key-file=\(folder)/munge/munge.key", "--socket=\(folder)/socket/munge.socket",
                                        "--pid-file=\(folder)/munge/munged.pid", "--log-file=\(folder)/munge/munged.log",
                                        "--seed-file=\(folder)/munge/seed"])
        try waitFor(5) { fm.fileExists(atPath: self.folder + "/socket/munge.socket") }
        try daemon("/usr/sbin/slurmctld", ["-D", "-i", "-f", folder + "/slurm.conf"])
        try daemon("/usr/sbin/slurmd", ["-D", "-f", folder + "/slurm.conf"])
        // Up when the node takes work.
        try waitFor(30) {
            let info = (try? runProgram("/usr/bin/sinfo", ["-h", "-o", "%t"], environment: self.environment, timeout: 5))?.out ?? ""
            return info.contains("idle")
        }
    }

    deinit {
        for pid in pids.reversed() { kill(pid, SIGTERM) }
        usleep(300_000)
        for pid in pids {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    /// Starts a daemon with posix_spawn, all three standard streams on /dev/null. Not through Foundation's Process:
    /// with long-lived children of its own, Process here stopped reaping the short-lived ones (sinfo stayed a
    /// zombie and waitUntilExit never returned).
    private func daemon(_ path: String, _ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard rc == 0 else { throw StartFailure(description: "cannot start \(path): \(String(cString: strerror(rc)))") }
        pids.append(pid)
    }

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    private func waitFor(_ seconds: Double, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return }
            usleep(100_000)
        }
        let logs = ["log/slurmctld.log", "log/slurmd.log", "munge/munged.log"].map { name in
            name + ": " + ((try? String(contentsOfFile: folder + "/" + name, encoding: .utf8))?.suffix(600).description ?? "(none)")
        }
        throw StartFailure(description: "the test cluster did not come up in \(Int(seconds)) s\n" + logs.joined(separator: "\n"))
    }

    /// Runs a Slurm client command against this cluster.
    func run(_ tool: String, _ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        try runProgram("/usr/bin/env", [tool] + arguments, environment: environment, timeout: 30)
    }

    /// Waits until no job of ours is queued or running.
    func waitUntilIdle(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let q = try? run("squeue", ["-h", "-o", "%i"]), q.status == 0, q.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return true }
            usleep(200_000)
        }
        return false
    }
}
