import Foundation
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
    /// the vote history is read once, and the opinion groups are computed only for the files
    /// that show them (the participant matrix and the summary).
    public static func export(database: Database, organisationID: String, conversation: Conversation,
                              files: Set<String>) async throws -> [String: String] {
        let store = ConversationStore(database: database)
        let votes = ConversationVoteStore(database: database)
        let wanted = files.intersection(exportFiles)
        guard !wanted.isEmpty else { return [:] }
        let statements = try await store.statements(organisationID: organisationID, conversationID: conversation.id)
        let needsReport = wanted.contains("participants-votes.csv") || wanted.contains("summary.csv")
        let events = needsReport || wanted.contains("votes.csv") ? try await votes.events(conversationID: conversation.id) : []
        let report = needsReport ? OpinionReport.compute(
            events: events.map { VoteEvent(participant: $0.participant, statement: $0.statement, vote: $0.vote,
                                           timestamp: Double($0.votedAtMilliseconds)) },
            moderatedOut: Set(statements.filter { $0.state.isModeratedOut }.map(\.number)), includeParticipants: true) : nil
        let authored = Dictionary(grouping: statements.compactMap(\.author), by: { $0 }).mapValues(\.count)
        var out: [String: String] = [:]
        if wanted.contains("comments.csv") {
            out["comments.csv"] = comments(statements, tallies: try await votes.tallies(conversationID: conversation.id))
        }
        if wanted.contains("votes.csv") { out["votes.csv"] = votesFile(events) }
        if let report, wanted.contains("participants-votes.csv") {
            out["participants-votes.csv"] = matrix(statements, report: report, authored: authored,
                                                   latest: try await votes.latestVotes(conversationID: conversation.id))
        }
        if let report, wanted.contains("summary.csv") {
            out["summary.csv"] = [
                ["topic", conversation.question],
                ["url", ConversationPaths.participate(conversation.publicToken)],
                ["voters", String(report.participantCount)],
                ["voters-in-conv", String(report.groupedCount)],
                ["commenters", String(authored.count)],
                ["comments", String(statements.count)],
                ["groups", String(report.groups.count)],
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

    /// participants-votes.csv: the latest votes (sorted by participant) walked once beside the participants.
    static func matrix(_ statements: [ConversationStatement], report: OpinionReport, authored: [Int: Int],
                       latest: [StoredVoteEvent]) -> String {
        let numbers = statements.map(\.number)
        var cells: [Int: [Int: Int]] = [:]
        for vote in latest { cells[vote.participant, default: [:]][vote.statement] = vote.vote }
        var text = line(["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"] + numbers.map(String.init))
        for participant in report.participants ?? [] {
            let row = cells[participant.id] ?? [:]
            text += line([String(participant.id), participant.group.map(String.init) ?? "", String(authored[participant.id] ?? 0),
                          String(row.count), String(row.values.filter { $0 == 1 }.count), String(row.values.filter { $0 == -1 }.count)]
                         + numbers.map { row[$0].map(String.init) ?? "" })
        }
        return text
    }
}
