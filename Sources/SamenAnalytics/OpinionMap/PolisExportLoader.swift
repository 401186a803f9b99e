import Foundation

/// A Pol.is CSV export (the openData format): every vote event, which statements
/// are moderated out, and Pol.is's own group per participant.
public struct PolisExport: Sendable {
    public var events: [VoteEvent]
    /// Statements rejected by a moderator (`moderated` = −1) or marked meta.
    public var moderatedOut: Set<Int>
    /// Pol.is's `group-id` per participant id; nil when Pol.is did not group them.
    public var polisGroups: [Int: Int?]

    public enum LoadError: Error, Equatable {
        case missingColumn(file: String, column: String)
        case badValue(file: String, line: Int, column: String, value: String)
    }

    /// Reads `comments.csv`, `votes.csv` and `participants-votes.csv` from a directory.
    public init(directory: URL) throws {
        let comments = try Self.table(directory, "comments.csv")
        moderatedOut = Set(try comments.enumerated().compactMap { line, row -> Int? in
            let id = try Self.int(row, "comment-id", "comments.csv", line)
            let rejected = row["moderated"].flatMap { Int($0) } == -1
            let meta = row["is-meta"]?.lowercased() == "true"
            return rejected || meta ? id : nil
        })

        let votes = try Self.table(directory, "votes.csv")
        events = try votes.enumerated().map { line, row in
            VoteEvent(
                participant: try Self.int(row, "voter-id", "votes.csv", line),
                statement: try Self.int(row, "comment-id", "votes.csv", line),
                vote: try Self.int(row, "vote", "votes.csv", line),
                timestamp: Double(try Self.int(row, "timestamp", "votes.csv", line))
            )
        }

        let participants = try Self.table(directory, "participants-votes.csv")
        var groups: [Int: Int?] = [:]
        for (line, row) in participants.enumerated() {
            let id = try Self.int(row, "participant", "participants-votes.csv", line)
            guard let group = row["group-id"] else {
                throw LoadError.missingColumn(file: "participants-votes.csv", column: "group-id")
            }
            groups[id] = group.isEmpty ? Int?.none : Int(group)
        }
        polisGroups = groups
    }

    private static func table(_ directory: URL, _ name: String) throws -> [[String: String]] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return SimpleCSVReader.rows(String(decoding: data, as: UTF8.self))
    }

    private static func int(_ row: [String: String], _ column: String, _ file: String, _ line: Int) throws -> Int {
        guard let text = row[column] else { throw LoadError.missingColumn(file: file, column: column) }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw LoadError.badValue(file: file, line: line + 2, column: column, value: text)
        }
        return value
    }
}
