import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair: the probe gets the slave, the test plays the terminal on the master.
final class PseudoTerminal: Sendable {
    let master: Int32, slave: Int32

    // Swift's Glibc module leaves out posix_openpt, grantpt, unlockpt and ptsname (they sit behind
    // _XOPEN_SOURCE), and the ioctl numbers are function-like macros it cannot import; these are Linux's
    // _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int), the same on x86-64 and arm64.
    static let unlock: UInt = 0x4004_5431, number: UInt = 0x8004_5430

    init() throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlocked: Int32 = 0, index: UInt32 = 0
        guard master >= 0, ioctl(master, Self.unlock, &unlocked) == 0, ioctl(master, Self.number, &index) == 0 else {
            close(master)
            throw POSIXError(.ENODEV)
        }
        slave = open("/dev/pts/\(index)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENODEV) }
    }

    deinit {
        close(slave)
        close(master)
    }

    /// Reads what the probe wrote until it holds `count` DA1 queries (or a second passes), then writes `reply`.
    func answer(afterQueries count: Int, with reply: [UInt8]) -> Thread {
        let thread = Thread { [self] in
            var seen: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 512)
            let start = Date()
            while Date().timeIntervalSince(start) < 1, TerminalProbeTests.occurrences(of: Array("\u{1B}[c".utf8), in: seen) < count {
                var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&pfd, 1, 50) > 0 else { continue }
                let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if n > 0 { seen += buffer[0..<n] }
            }
            _ = reply.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }
        thread.start()
        return thread
    }
}
