import Foundation
import SamenAnalytics
import SamenCore
import SamenStore

/// A reason why a Pol.is export cannot be imported: the file, the row (1 = header) and a
/// stable code. An import with any error stores nothing.
public struct PolisImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var row: Int
    public var code: String
    public var detail: String

    public init(file: String, row: Int, code: String, detail: String) {
        self.file = file
        self.row = row
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(file) row \(row): \(code)\(detail.isEmpty ? "" : " (\(detail))")" }
}

/// Reads and writes the Pol.is export format (`comments.csv`, `votes.csv`,
/// `participants-votes.csv`, `summary.csv`), with votes in export signs (agree = +1).
public enum PolisTransfer {
    public struct Parsed: Sendable {
        public var statements: [ImportedStatement]
        public var events: [StoredVoteEvent]
        public var topic: String?
        public var description: String?
    }

    /// Parses an export folder. Needs `comments.csv` and `votes.csv` or `participants-votes.csv`
    /// (votes.csv wins: it has every vote with its time).
    public static func parse(directory: URL) throws -> Parsed {
        func text(_ name: String) throws -> String? {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        guard let comments = try text("comments.csv") else {
            throw PolisImportError(file: "comments.csv", row: 0, code: "file_missing", detail: "")
        }
        let votes = try text("votes.csv")
        let participants = try text("participants-votes.csv")
        if votes == nil && participants == nil {
            throw PolisImportError(file: "votes.csv", row: 0, code: "file_missing", detail: "votes.csv or participants-votes.csv")
        }
        return try parse(comments: comments, votes: votes, participantsVotes: participants, summary: try text("summary.csv"))
    }

    public static func parse(comments: String, votes: String?, participantsVotes: String?, summary: String?) throws -> Parsed {
        let commentTable = try table(comments, file: "comments.csv", required: ["comment-id", "comment-body"])
        var statements: [ImportedStatement] = []
        var seen = Set<Int>()
        for (index, row) in commentTable.rows.enumerated() {
            let line = index + 2
            let id = try int(row, "comment-id", "comments.csv", line)
            if !seen.insert(id).inserted { throw PolisImportError(file: "comments.csv", row: line, code: "duplicate_statement", detail: String(id)) }
            let body = (row["comment-body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if body.isEmpty { throw PolisImportError(file: "comments.csv", row: line, code: "statement_required", detail: "") }
            let moderated = Int(row["moderated"] ?? "0") ?? 0
            let meta = row["is-meta"]?.lowercased() == "true"
            let state: StatementState = meta ? .meta : moderated < 0 ? .rejected : moderated > 0 ? .approved : .pending
            statements.append(ImportedStatement(number: id, body: body, author: row["author-id"].flatMap { Int($0) }, state: state,
                                                isSeed: row["is-seed"]?.lowercased() == "true",
                                                createdAtMilliseconds: Int64(row["timestamp"] ?? "") ?? 0))
        }
        var events: [StoredVoteEvent] = []
        if let votes {
            let voteTable = try table(votes, file: "votes.csv", required: ["timestamp", "comment-id", "voter-id", "vote"])
            events.reserveCapacity(voteTable.rows.count)
            for (index, row) in voteTable.rows.enumerated() {
                let line = index + 2
                let statement = try int(row, "comment-id", "votes.csv", line)
                if !seen.contains(statement) { throw PolisImportError(file: "votes.csv", row: line, code: "statement_unknown", detail: String(statement)) }
                let vote = try int(row, "vote", "votes.csv", line)
                if VoteValue(rawValue: vote) == nil { throw PolisImportError(file: "votes.csv", row: line, code: "vote_invalid", detail: String(vote)) }
                events.append(StoredVoteEvent(participant: try int(row, "voter-id", "votes.csv", line), statement: statement, vote: vote,
                                              votedAtMilliseconds: Int64(try int(row, "timestamp", "votes.csv", line))))
            }
        } else if let participantsVotes {
            let matrix = try table(participantsVotes, file: "participants-votes.csv", required: ["participant"])
            let columns = matrix.header.compactMap { name in Int(name).map { (name, $0) } }
            for (name, id) in columns where !seen.contains(id) {
                throw PolisImportError(file: "participants-votes.csv", row: 1, code: "statement_unknown", detail: name)
            }
            for (index, row) in matrix.rows.enumerated() {
                let line = index + 2
                let participant = try int(row, "participant", "participants-votes.csv", line)
                for (name, id) in columns {
                    guard let cell = row[name], !cell.isEmpty else { continue }
                    guard let vote = Int(cell), VoteValue(rawValue: vote) != nil else {
                        throw PolisImportError(file: "participants-votes.csv", row: line, code: "vote_invalid", detail: cell)
                    }
                    events.append(StoredVoteEvent(participant: participant, statement: id, vote: vote, votedAtMilliseconds: Int64(index)))
                }
            }
        }
        var topic: String?, description: String?
        for record in try records(summary ?? "", file: "summary.csv") where record.count >= 2 {
            if record[0] == "topic" { topic = CSVWriter.unguard(record[1]) }
            if record[0] == "conversation-description" { description = CSVWriter.unguard(record[1]) }
        }
        return Parsed(statements: statements, events: events, topic: topic, description: description)
    }

    static func table(_ text: String, file: String, required: [String]) throws -> (header: [String], rows: [[String: String]]) {
        let records = try records(text, file: file)
        guard let header = records.first else { throw PolisImportError(file: file, row: 1, code: "file_empty", detail: "") }
        var names = Set<String>()
        for name in header where !names.insert(name).inserted {
            throw PolisImportError(file: file, row: 1, code: "duplicate_column", detail: name)
        }
        for name in required where !names.contains(name) {
            throw PolisImportError(file: file, row: 1, code: "missing_column", detail: name)
        }
        let rows = records.dropFirst().filter { !($0.count == 1 && $0[0].isEmpty) }.map { fields in
            var row: [String: String] = [:]
            // A Samen export guards formula-like cells with a quote (see `CSVWriter`); undo it.
            for (name, value) in zip(header, fields) { row[name] = CSVWriter.unguard(value) }
            return row
        }
        return (header, rows)
    }

    /// The file's records; a quote that is never closed or stands where RFC 4180 allows none
    /// is refused with its row, rather than read as one field running over many rows.
    static func records(_ text: String, file: String) throws -> [[String]] {
        do {
            return try SimpleCSVReader.strictRecords(text)
        } catch {
            throw PolisImportError(file: file, row: error.record, code: error.code, detail: String(error.line))
        }
    }

    static func int(_ row: [String: String], _ column: String, _ file: String, _ line: Int) throws -> Int {
        guard let value = Int((row[column] ?? "").trimmingCharacters(in: .whitespaces)) else {
            throw PolisImportError(file: file, row: line, code: "not_a_number", detail: column)
        }
        return value
    }

    /// Parses the folder and loads it into an empty conversation, all or nothing.
    public static func importDirectory(_ directory: URL, database: Database, organisationID: String,
                                       conversationID: String) async throws -> Parsed {
        try await load(parse(directory: directory), database: database, organisationID: organisationID, conversationID: conversationID)
    }

    /// Parses the files' texts (as uploaded or sent to the API) and loads them into an
    /// empty conversation, all or nothing.
    public static func importFiles(comments: String, votes: String?, participantsVotes: String?, summary: String?,
                                   database: Database, organisationID: String, conversationID: String) async throws -> Parsed {
        try await load(parse(comments: comments, votes: votes, participantsVotes: participantsVotes, summary: summary),
                       database: database, organisationID: organisationID, conversationID: conversationID)
    }

    static func load(_ parsed: Parsed, database: Database, organisationID: String, conversationID: String) async throws -> Parsed {
        try await ConversationVoteStore(database: database).importConversation(
            organisationID: organisationID, conversationID: conversationID, statements: parsed.statements, events: parsed.events)
        return parsed
    }
}
