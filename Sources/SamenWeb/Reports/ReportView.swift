import Foundation
import SamenCore

/// A frozen snapshot as the page shows it: labels in the reader's language, numbers as
/// stored. Stored `let`s only (Mustache reads through Mirror).
struct ReportView {
    struct Coverage {
        let phase: String
        let group: String
        let participants: String
    }

    struct Insight {
        let title: String
        let description: String
        let quotes: [String]
        let hasQuotes: Bool
        let weDid: [String]
        let hasWeDid: Bool
    }

    struct Measure {
        let survey: String
        let dimension: String
        let wave: String
        let n: Int
        let gap: String
        let change: String
    }

    struct Conversation {
        let question: String
        let participants: String
        let votes: Int
    }

    struct Action {
        let title: String
        let status: String
        let since: String
        let effect: String
    }

    let title: String
    let scope: String
    let number: Int
    let publishedOn: String
    let trajectoryTitle: String
    let goal: String
    let heard: [Coverage]
    let hasHeard: Bool
    let said: [Insight]
    let hasSaid: Bool
    let measured: [Measure]
    let hasMeasured: Bool
    let conversations: [Conversation]
    let hasConversations: Bool
    let done: [Action]
    let hasDone: Bool
    let extra: [TrajectoryReportSnapshot.Section]

    init(_ report: PublishedReport, word: (String) -> String, decimal: (Double) -> String) {
        let s = report.snapshot
        let fewer = word("report_fewer_than") + " \(OpenDataRules.minimumGroupSize)"
        title = report.title
        scope = word("report_scope_" + s.scope)
        number = report.number
        publishedOn = CalendarDate(unixTime: report.publishedAt).description
        trajectoryTitle = s.trajectoryTitle
        goal = s.goal
        heard = s.heard.map { Coverage(phase: word("phase_" + $0.phase), group: word("group_" + $0.group), participants: $0.participants.map(String.init) ?? fewer) }
        hasHeard = !heard.isEmpty
        let byInsight = Dictionary(grouping: s.done.flatMap { a in a.insightIDs.map { ($0, a) } }, by: \.0)
        said = s.said.map { i in
            let did = (byInsight[i.id] ?? []).map { "\($0.1.title) (\(word("intervention_status_" + $0.1.status)))" }
            return Insight(title: i.title, description: i.description, quotes: i.quotes, hasQuotes: !i.quotes.isEmpty, weDid: did, hasWeDid: !did.isEmpty)
        }
        hasSaid = !said.isEmpty
        measured = s.measured.map {
            Measure(survey: $0.survey, dimension: word("dimension_" + $0.dimension), wave: $0.wave, n: $0.n, gap: decimal($0.gap),
                    change: $0.change.map { ($0 > 0 ? "+" : "") + decimal($0) } ?? "–")
        }
        hasMeasured = !measured.isEmpty
        conversations = s.conversations.map { Conversation(question: $0.question, participants: $0.participants.map(String.init) ?? fewer, votes: $0.votes) }
        hasConversations = !conversations.isEmpty
        done = s.done.map { Action(title: $0.title, status: word("intervention_status_" + $0.status), since: $0.statusSince, effect: $0.expectedEffect) }
        hasDone = !done.isEmpty
        extra = s.extra
    }
}
