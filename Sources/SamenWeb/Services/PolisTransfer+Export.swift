import Foundation
import Logging
import SamenAnalytics
import SamenCore
import SamenStore

extension PolisTransfer {
    /// The files of the Pol.is export format, in the order Pol.is lists them.
    public static let exportFiles = ["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"]

    /// One record of a Pol.is file: through the product's CSV writer (formula-guarded; the
    /// importer removes the guard again), with the LF line ends Pol.is writes.
    static func line(_ fields: [String]) -> String { CSVWriter.line(fields) + "\n" }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC, as `ISO8601DateFormatter` writes it, without making a
    /// formatter per vote (a formatter is costly; a large export writes millions of these).
    static func datetime(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let inDay = seconds - (seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400) * 86_400
        func two<N: BinaryInteger>(_ n: N) -> String { n < 10 ? "0" + String(n) : String(n) }
        let date = CalendarDate(unixTime: seconds)
        let year = String(date.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(date.month) + "-" + two(date.day) + "T"
            + two(inDay / 3600) + ":" + two(inDay % 3600 / 60) + ":" + two(inDay % 60) + "Z"
    }

    /// The conversation in Pol.is export format: file name → CSV text. Every vote event is
    /// written to `votes.csv`, so an import of the export keeps every vote.
    public static func export(database: Database, organisationID: String, conversation: Conversation) async throws -> [String: String] {
        try await export(database: database, organisationID: organisationID, conversation: conversation, files: Set(exportFiles))
    }

    /// Only the named files (unknown names are left out): each file reads only what it shows,
    /// and the vote history is read once. The opinion groups (the participant matrix and the
    /// summary) are those of the stored map, kept with it for each participant, so a large
    /// conversation exports without computing its map again; a voter the map does not place
    /// in a group (left out, or voting after it was computed) has none. Without a stored map
    /// the map is computed and stored first.
    public static func export(database: Database, organisationID: String, conversation: Conversation,
                              files: Set<String>) async throws -> [String: String] {
        let store = ConversationStore(database: database)
        let votes = ConversationVoteStore(database: database)
        let wanted = files.intersection(exportFiles)
        guard !wanted.isEmpty else { return [:] }
        let statements = try await store.statements(organisationID: organisationID, conversationID: conversation.id)
        let needsGroups = wanted.contains("participants-votes.csv") || wanted.contains("summary.csv")
        var groups: [Int: Int] = [:]
        if needsGroups {
            if let stored = try await store.participantGroups(organisationID: organisationID, conversationID: conversation.id) {
                groups = stored
            } else {
                try await ConversationResults(database: database, logger: Logger(label: "samen.export"))
                    .recompute(conversationID: conversation.id)
                groups = try await store.participantGroups(organisationID: organisationID, conversationID: conversation.id) ?? [:]
            }
        }
        let latest = wanted.contains("participants-votes.csv") ? try await votes.latestVotes(conversationID: conversation.id) : []
        let authored = Dictionary(grouping: statements.compactMap(\.author), by: { $0 }).mapValues(\.count)
        var out: [String: String] = [:]
        if wanted.contains("comments.csv") {
            out["comments.csv"] = comments(statements, tallies: try await votes.tallies(conversationID: conversation.id))
        }
        if wanted.contains("votes.csv") { out["votes.csv"] = votesFile(try await votes.events(conversationID: conversation.id)) }
        if wanted.contains("participants-votes.csv") {
            out["participants-votes.csv"] = matrix(statements, groups: groups, authored: authored, latest: latest)
        }
        if wanted.contains("summary.csv") {
            let voters = latest.isEmpty ? try await votes.voters(conversationID: conversation.id) : Set(latest.map(\.participant))
            out["summary.csv"] = [
                ["topic", conversation.question],
                ["url", ConversationPaths.participate(conversation.publicToken)],
                ["voters", String(voters.count)],
                ["voters-in-conv", String(voters.filter { groups[$0] != nil }.count)],
                ["commenters", String(authored.count)],
                ["comments", String(statements.count)],
                ["groups", String(Set(groups.values).count)],
                ["conversation-description", conversation.description],
            ].map(line).joined()
        }
        return out
    }

    static func comments(_ statements: [ConversationStatement], tallies: [Int: VoteTally]) -> String {
        var text = line(["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "is-meta", "is-seed", "comment-body"])
        for s in statements {
            let moderated = switch s.state {
            case .approved, .meta: "1"
            case .rejected: "-1"
            case .pending: "0"
            }
            let tally = tallies[s.number]
            text += line([String(s.createdAt * 1000), datetime(s.createdAt * 1000), String(s.number), s.author.map(String.init) ?? "",
                          String(tally?.agree ?? 0), String(tally?.disagree ?? 0), moderated,
                          s.state == .meta ? "true" : "false", s.isSeed ? "true" : "false", s.body])
        }
        return text
    }

    static func votesFile(_ events: [StoredVoteEvent]) -> String {
        var text = line(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        text.reserveCapacity(events.count * 48)
        for e in events {
            text += line([String(e.votedAtMilliseconds), datetime(e.votedAtMilliseconds), String(e.statement), String(e.participant), String(e.vote)])
        }
        return text
    }

    /// participants-votes.csv: one row per voter, from the latest votes (sorted by participant)
    /// walked once, with the voter's group of the stored map.
    static func matrix(_ statements: [ConversationStatement], groups: [Int: Int], authored: [Int: Int],
                       latest: [StoredVoteEvent]) -> String {
        let numbers = statements.map(\.number)
        var text = line(["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"] + numbers.map(String.init))
        var index = latest.startIndex
        while index < latest.endIndex {
            let participant = latest[index].participant
            var row: [Int: Int] = [:]
            while index < latest.endIndex && latest[index].participant == participant {
                row[latest[index].statement] = latest[index].vote
                index += 1
            }
            text += line([String(participant), groups[participant].map(String.init) ?? "", String(authored[participant] ?? 0),
                          String(row.count), String(row.values.filter { $0 == 1 }.count), String(row.values.filter { $0 == -1 }.count)]
                         + numbers.map { row[$0].map(String.init) ?? "" })
        }
        return text
    }
}
