import Foundation
import Testing
import TestSupport

/// Helpers for the tmux tests that watch the studio process itself: its pid, its exit, the saved project.
extension StudioEndToEndTests {
    /// The studio's pid, from the note it writes into the project lock.
    func studioPID(_ folder: String) throws -> Int32 {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let note = (try? String(contentsOfFile: folder + "/.storyreel/lock", encoding: .utf8)) ?? ""
            if let word = note.split(separator: " ").dropFirst().first, let pid = Int32(word) { return pid }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw StudioTestError("no pid in \(folder)/.storyreel/lock")
    }

    /// Whether `pid` has exited (gone, or a zombie nobody has reaped yet) within `seconds`.
    func exits(_ pid: Int32, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            // The state letter follows the command name in parentheses.
            if let close = stat.lastIndex(of: ")"), stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z") { return true }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return false
    }

    /// The shots' prompts as an independent TOML reader (Python's tomllib) sees them; throws if the file does not parse.
    func savedPrompts(_ folder: String) throws -> [String: String] {
        let script = "import json, sys, tomllib; d = tomllib.load(open(sys.argv[1], 'rb')); print(json.dumps({s['id']: s['prompt'] for s in d['shot']}))"
        let run = try runProgram("/usr/bin/env", ["python3", "-c", script, folder + "/storyboard.toml"])
        guard run.status == 0, let object = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: String] else {
            throw StudioTestError("storyboard.toml does not parse: \(run.err)")
        }
        return object
    }

    /// Opens the studio, waits for every keyframe, commits " at dusk" onto the second shot's prompt, then opens its
    /// prompt again and types " unfinished" without committing. Returns the studio's pid.
    func startWithAnEditInProgress(_ folder: String, session: String, wrapper: String = "") throws -> Int32 {
        try start(folder, session: session, wrapper: wrapper)
        let ready = try wait(session) { $0.contains("all rendered") }
        guard ready.contains("all rendered") else { throw StudioTestError("studio not ready:\n\(ready)") }
        for keys in [["j"], ["Enter"], ["-l", " at dusk"], ["Enter"]] { _ = try tmux(["send-keys", "-t", session] + keys) }
        guard try waitFor(seconds: 10, { (try? savedPrompts(folder))?["rider"]?.hasSuffix("at dusk") == true }) else {
            throw StudioTestError("the committed edit was not saved")
        }
        // Its render done, nothing is drawn any more: a studio that missed a signal would sit (or spin) from here on.
        let rendered = try wait(session) { $0.contains("all rendered") }
        guard rendered.contains("all rendered") else { throw StudioTestError("the edited shot did not render:\n\(rendered)") }
        for keys in [["Enter"], ["-l", " unfinished"]] { _ = try tmux(["send-keys", "-t", session] + keys) }
        let editing = try wait(session) { $0.contains("at dusk unfinished") }
        guard editing.contains("at dusk unfinished") else { throw StudioTestError("the edit did not open:\n\(editing)") }
        return try studioPID(folder)
    }

    func tmux(_ args: [String]) throws -> String {
        try runProgram("/usr/bin/env", ["tmux", "-L", socket] + args).out
    }
}

struct StudioTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
