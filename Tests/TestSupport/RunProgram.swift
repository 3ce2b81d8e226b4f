import Foundation

/// Runs a program, feeding `stdin`, and returns its standard output, standard error and exit status.
///
/// `environment` replaces the child's whole environment (nil: this process's), so a test can change what a child
/// sees without `setenv`, which is unsafe while other tests run on other threads. Past `timeout` seconds the child
/// is killed (SIGKILL) and the status is that of a killed process, so a hang fails a test instead of the run.
public func runProgram(_ path: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
                       timeout: Double? = nil) throws -> (out: String, err: String, status: Int32) {
    let (out, err, status) = try runProgramBytes(path, arguments, stdin: stdin, environment: environment, timeout: timeout)
    return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), status)
}

/// `runProgram` with standard output and error as bytes (for binary output such as escape sequences or images).
public func runProgramBytes(_ path: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
                            timeout: Double? = nil) throws -> (out: Data, err: Data, status: Int32) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    let pid = p.processIdentifier
    var watchdog: DispatchWorkItem?
    if let timeout {
        let item = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
        watchdog = item
    }
    // Read both pipes concurrently so a chatty child cannot fill one and block.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try? input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    watchdog?.cancel()
    return (o, errData, p.terminationStatus)
}

/// The repository root, found from this file's path.
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The `storyreel` binary the tests drive: beside the test bundle, else the debug build.
public let storyreelBinary: String = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("storyreel").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return repositoryRoot + "/.build/debug/storyreel"
}()
