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
        let mapped: Bool
        let groups: [OpinionGroup]
        let commonGround: [String]
        let hasCommonGround: Bool
        let noCommonGround: Bool
    }

    struct OpinionGroup {
        let label: String
        let size: String
        let statements: [String]
        let hasStatements: Bool
    }

    struct Score {
        let variable: String
        let score: String
        let weakest: String
    }

    struct Experiment {
        let title: String
        let intervention: String?
        let belief: String
        let observed: String
        let learned: String
        let decision: String
    }

    struct Worth {
        let beneficiary: String
        let created: Int
        let destroyed: Int
    }

    struct SROI {
        let ratio: String
        let range: String
        let source: String
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
    let heardChart: String
    let representation: [Score]
    let hasRepresentation: Bool
    let said: [Insight]
    let hasSaid: Bool
    let measured: [Measure]
    let hasMeasured: Bool
    let measuredChart: String
    let conversations: [Conversation]
    let hasConversations: Bool
    let done: [Action]
    let hasDone: Bool
    let experiments: [Experiment]
    let hasExperiments: Bool
    let worth: [Worth]
    let hasWorth: Bool
    let sroi: SROI?
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
        heardChart = heard.isEmpty ? "" : ReportCharts.bars(
            id: "report-heard-chart", title: word("report_heard"), description: word("report_heard_chart_description"),
            bars: zip(s.heard, heard).map { ReportCharts.Bar(label: "\($0.1.phase) · \($0.1.group)", value: $0.0.participants.map(Double.init), text: $0.1.participants) })
        representation = s.representation.map { r in
            Score(variable: word("variable_" + r.variable), score: decimal(r.score),
                  weakest: r.underRepresented.map { r.variable == "group" ? word("group_" + $0) : $0 }.joined(separator: ", "))
        }
        hasRepresentation = !representation.isEmpty
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
        measuredChart = measured.isEmpty ? "" : ReportCharts.bars(
            id: "report-measured-chart", title: word("report_measured"), description: word("report_measured_chart_description"),
            bars: zip(s.measured, measured).map { ReportCharts.Bar(label: "\($0.1.dimension) · \($0.1.wave)", value: $0.0.gap, text: $0.1.gap) })
        func share(_ percent: Int?) -> String { percent.map { "\($0)%" } ?? fewer }
        conversations = s.conversations.map { c in
            let common = c.commonGround.map { g in
                "\(g.text) (\(word("direction_" + g.direction)): " + g.shares.map { "\(word("results_group")) \($0.label) \(share($0.percent))" }.joined(separator: ", ") + ")"
            }
            return Conversation(
                question: c.question, participants: c.participants.map(String.init) ?? fewer, votes: c.votes, mapped: c.mapped,
                groups: c.groups.map { g in
                    let lines = g.statements.map { "\($0.text) (\(word("direction_" + $0.direction)) \(share($0.percent)))" }
                    return OpinionGroup(label: word("results_group") + " " + g.label, size: g.size.map(String.init) ?? fewer, statements: lines,
                                        hasStatements: !lines.isEmpty)
                },
                commonGround: common, hasCommonGround: !common.isEmpty, noCommonGround: c.mapped && common.isEmpty)
        }
        hasConversations = !conversations.isEmpty
        done = s.done.map { Action(title: $0.title, status: word("intervention_status_" + $0.status), since: $0.statusSince, effect: $0.expectedEffect) }
        hasDone = !done.isEmpty
        experiments = s.experiments.map {
            Experiment(title: $0.title, intervention: $0.intervention, belief: $0.belief, observed: $0.observed, learned: $0.learned,
                       decision: $0.decision.map { word("decision_" + $0) } ?? word("report_no_learning_yet"))
        }
        hasExperiments = !experiments.isEmpty
        worth = s.worth.register.map { Worth(beneficiary: word("beneficiary_" + $0.beneficiary), created: $0.created, destroyed: $0.destroyed) }
        hasWorth = !worth.isEmpty || s.worth.sroi != nil
        sroi = s.worth.sroi.map { SROI(ratio: decimal($0.ratio), range: "\(decimal($0.low)) – \(decimal($0.high))", source: $0.source) }
        extra = s.extra
    }
}
