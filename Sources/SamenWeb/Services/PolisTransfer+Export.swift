import Foundation
import SamenAnalytics
import SamenCore
import SamenStore

extension PolisTransfer {
    /// One record of a Pol.is file: through the product's CSV writer (formula-guarded; the
    /// importer removes the guard again), with the LF line ends Pol.is writes.
    static func line(_ fields: [String]) -> String { CSVWriter.line(fields) + "\n" }

    static func datetime(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }

    /// The conversation in Pol.is export format: file name → CSV text. Every vote event is
    /// written to `votes.csv`, so an import of the export keeps every vote.
    public static func export(database: Database, organisationID: String, conversation: Conversation) async throws -> [String: String] {
        let store = ConversationStore(database: database)
        let votes = ConversationVoteStore(database: database)
        let statements = try await store.statements(organisationID: organisationID, conversationID: conversation.id)
        let events = try await votes.events(conversationID: conversation.id)
        let latest = try await votes.latestVotes(conversationID: conversation.id)
        let moderatedOut = Set(statements.filter { $0.state.isModeratedOut }.map(\.number))
        let report = OpinionReport.compute(
            events: events.map { VoteEvent(participant: $0.participant, statement: $0.statement, vote: $0.vote,
                                           timestamp: Double($0.votedAtMilliseconds)) },
            moderatedOut: moderatedOut, includeParticipants: true)

        var agrees: [Int: Int] = [:], disagrees: [Int: Int] = [:]
        var cells: [Int: [Int: Int]] = [:]
        for vote in latest {
            if vote.vote == 1 { agrees[vote.statement, default: 0] += 1 }
            if vote.vote == -1 { disagrees[vote.statement, default: 0] += 1 }
            cells[vote.participant, default: [:]][vote.statement] = vote.vote
        }
        var comments = line(["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "is-meta", "is-seed", "comment-body"])
        for s in statements {
            let moderated = switch s.state {
            case .approved, .meta: "1"
            case .rejected: "-1"
            case .pending: "0"
            }
            comments += line([String(s.createdAt * 1000), datetime(s.createdAt * 1000), String(s.number), s.author.map(String.init) ?? "",
                              String(agrees[s.number] ?? 0), String(disagrees[s.number] ?? 0), moderated,
                              s.state == .meta ? "true" : "false", s.isSeed ? "true" : "false", s.body])
        }
        var votesCSV = line(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        for e in events {
            votesCSV += line([String(e.votedAtMilliseconds), datetime(e.votedAtMilliseconds), String(e.statement), String(e.participant), String(e.vote)])
        }
        let numbers = statements.map(\.number)
        let authored = Dictionary(grouping: statements.compactMap(\.author), by: { $0 }).mapValues(\.count)
        var matrix = line(["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"] + numbers.map(String.init))
        for participant in report.participants ?? [] {
            let row = cells[participant.id] ?? [:]
            matrix += line([String(participant.id), participant.group.map(String.init) ?? "", String(authored[participant.id] ?? 0),
                            String(row.count), String(row.values.filter { $0 == 1 }.count), String(row.values.filter { $0 == -1 }.count)]
                           + numbers.map { row[$0].map(String.init) ?? "" })
        }
        let summary = [
            ["topic", conversation.question],
            ["url", ConversationPaths.participate(conversation.publicToken)],
            ["voters", String(report.participantCount)],
            ["voters-in-conv", String(report.groupedCount)],
            ["commenters", String(authored.count)],
            ["comments", String(statements.count)],
            ["groups", String(report.groups.count)],
            ["conversation-description", conversation.description],
        ].map(line).joined()
        return ["comments.csv": comments, "votes.csv": votesCSV, "participants-votes.csv": matrix, "summary.csv": summary]
    }
}
