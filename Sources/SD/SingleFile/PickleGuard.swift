import Foundation

/// Refuses PyTorch pickle checkpoints (`.ckpt`, `.pt`, `.pth`, `.bin`) before anything reads them.
///
/// Unpickling runs whatever Python the file's author put in it; Storyreel never does, whatever the extension.
enum PickleGuard {
    static let extensions: Set<String> = ["ckpt", "pt", "pth", "bin", "pkl"]

    static func refuseIfPickle(_ path: String) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        var pickled = extensions.contains(ext)
        // A torch zip archive starts "PK\3\4", a raw pickle with the PROTO opcode 0x80; safetensors with a length.
        if !pickled, let handle = FileHandle(forReadingAtPath: path) {
            let head = [UInt8]((try? handle.read(upToCount: 9)) ?? Data())
            try? handle.close()
            // safetensors' JSON header starts at byte 8; a pickle's or zip's byte 8 is never "{" in practice.
            let safetensors = head.count == 9 && head[8] == UInt8(ascii: "{")
            pickled = !safetensors && head.count >= 2 && ((head[0] == 0x50 && head[1] == 0x4B) || (head[0] == 0x80 && head[1] <= 5))
        }
        if pickled {
            throw SDError("\(path): a PyTorch pickle checkpoint (by its extension or first bytes); loading one runs arbitrary code stored in the file, so Storyreel never opens them. Convert it to .safetensors first (any SD tool's \"convert to safetensors\", in a sandbox), then point sd: at that file")
        }
    }
}
