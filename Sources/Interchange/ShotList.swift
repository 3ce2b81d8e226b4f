import Foundation
import Project
import TOML

/// A project's shots as a spreadsheet (RFC 4180 CSV) and back: the columns an editor or producer reads, every other
/// key a shot sets, and keys this version does not know, kept as they are.
public enum ShotList {
    /// The sheet: a header row (number, id, duration, camera, prompt, seed, action, dialogue, notes, then any other
    /// key a shot sets), then one row per shot in cut order.
    public static func csv(_ project: Project) -> String {
        let columns = ShotColumn.all.filter { column in
            ShotColumn.always.contains(column.name) || project.shots.contains { column.cell($0) != nil }
        }
        var extraKeys: [String] = []
        for shot in project.shots {
            for entry in shot.extra where !extraKeys.contains(entry.key) { extraKeys.append(entry.key) }
        }
        var records = [["number"] + columns.map(\.name) + extraKeys]
        for (i, shot) in project.shots.enumerated() {
            let extras = extraKeys.map { key -> String in
                guard let node = shot.extra.first(where: { $0.key == key })?.node else { return "" }
                if case .string(let s) = node.value { return s }
                return node.raw.isEmpty ? TOMLWriter.inline(node.value) : node.raw
            }
            records.append([String(i + 1)] + columns.map { $0.cell(shot) ?? "" } + extras)
        }
        return CSVTable.write(records)
    }

    /// Bad input in a sheet: which row (data rows count from 1 after the header) and column.
    public struct Problem: Error, CustomStringConvertible {
        public let file: String
        public let row: Int?
        public let column: String?
        public let message: String

        public var description: String {
            var place = file
            if let row { place += ": row \(row)" }
            if let column { place += ", column '\(column)'" }
            return place + ": " + message
        }
    }

    /// The shots a sheet describes, in its order, each with the columns it has (the header's names).
    public static func shots(fromCSV text: String, file: String) throws(Problem) -> (shots: [Shot], columns: [String]) {
        let records: [(line: Int, fields: [String])]
        do {
            records = try CSVTable.parse(text)
        } catch {
            throw Problem(file: file, row: nil, column: nil, message: "line \(error.line): \(error.message)")
        }
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw Problem(file: file, row: nil, column: nil, message: "the file is empty; expected a header row (number, id, duration, prompt, …)")
        }
        for required in ["id", "prompt"] where !header.contains(required) {
            throw Problem(file: file, row: nil, column: nil, message: "the header has no '\(required)' column; it has \(header.joined(separator: ", "))")
        }
        if let dup = header.first(where: { name in header.filter { $0 == name }.count > 1 }) {
            throw Problem(file: file, row: nil, column: dup, message: "the header names this column twice")
        }
        var shots: [Shot] = []
        var seen: [String: Int] = [:]
        for (n, record) in records.dropFirst().enumerated() {
            let row = n + 1
            guard record.fields.count <= header.count else {
                throw Problem(file: file, row: row, column: nil, message: "\(record.fields.count) fields; the header has \(header.count)")
            }
            var lines = ["title = \"import\"", "[[shot]]"]
            var lineColumns: [Int: String] = [:]
            for (i, name) in header.enumerated() where name != "number" && !name.isEmpty {
                let cell = i < record.fields.count ? record.fields[i] : ""
                let column = ShotColumn.named(name)
                // An empty cell leaves an optional key unset; text columns read it as empty text.
                if cell.isEmpty && column?.kind != .text { continue }
                if cell.isEmpty && column == nil { continue }
                let trimmed = cell.trimmingCharacters(in: .whitespaces)
                if column?.kind == .integer, Int64(trimmed) == nil {
                    throw Problem(file: file, row: row, column: name, message: "'\(cell)' is not a whole number")
                }
                if column?.kind == .number, Double(trimmed) == nil || trimmed.lowercased().contains("n") {
                    throw Problem(file: file, row: row, column: name, message: "'\(cell)' is not a number")
                }
                let value = column?.tomlValue(cell) ?? TOMLWriter.string(cell)
                lines.append(TOMLWriter.key(name) + " = " + value)
                lineColumns[lines.count] = name
            }
            let shot: Shot
            do throws(ProjectError) {
                let (project, _) = try ProjectDecoder.decode(lines.joined(separator: "\n") + "\n", file: file)
                guard let only = project.shots.first else { throw ProjectError(file: file, message: "no shot") }
                shot = only
            } catch {
                throw Problem(file: file, row: row, column: lineColumns[error.line], message: error.message)
            }
            if let first = seen[shot.id.lowercased()] {
                throw Problem(file: file, row: row, column: "id", message: "shot id '\(shot.id)' is already used by row \(first)")
            }
            seen[shot.id.lowercased()] = row
            shots.append(shot)
        }
        return (shots, header)
    }

    /// `project` updated from a sheet: shots matched by id take the sheet's values for the columns it has, new ids are
    /// added, and the sheet's order is the cut's; shots the sheet does not list stay, after the others. Ids match
    /// ignoring case, as the project reader compares them (they name frame files): `S01` in a sheet is shot `s01`,
    /// and takes the sheet's spelling, rather than a second shot that would make the project unreadable.
    public static func merge(_ imported: [Shot], columns: [String], into project: Project) -> (project: Project, report: [String]) {
        var out = project
        var report: [String] = []
        var shots: [Shot] = []
        let copied = ShotColumn.all.filter { columns.contains($0.name) }
        for incoming in imported {
            if var existing = project.shots.first(where: { $0.id.lowercased() == incoming.id.lowercased() }) {
                let before = existing
                for column in copied { column.copy(&existing, incoming) }
                for entry in incoming.extra {
                    if let i = existing.extra.firstIndex(where: { $0.key == entry.key }) { existing.extra[i] = entry } else { existing.extra.append(entry) }
                }
                if existing != before { report.append("updated \(incoming.id)") }
                shots.append(existing)
            } else {
                report.append("added \(incoming.id)")
                shots.append(incoming)
            }
        }
        let listed = Set(imported.map { $0.id.lowercased() })
        let unlisted = project.shots.filter { !listed.contains($0.id.lowercased()) }
        if !unlisted.isEmpty { report.append("kept \(unlisted.map(\.id).joined(separator: ", ")) (not in the sheet) at the end") }
        shots += unlisted
        if shots.map({ $0.id.lowercased() }) != project.shots.map({ $0.id.lowercased() }), !project.shots.isEmpty {
            report.append("order taken from the sheet")
        }
        out.shots = shots
        return (out, report)
    }
}
