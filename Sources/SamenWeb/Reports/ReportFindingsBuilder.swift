import Foundation
import Logging
import SamenAnalytics
import SamenCore
import SamenStore

/// The report's later parts: representation, the opinion map's groups and common ground,
/// experiments with their learning, and the value register with the SROI range.
extension ReportSnapshotBuilder {
    /// The SROI range from the trajectory's stored analyses, one for the whole trajectory before
    /// one for a single intervention: the ratio beside its Monte Carlo p5–p50–p95, computed as
    /// the analysis page computes it (same draws and seed, so the report and the page agree).
    func storedSROIRange(_ organisation: Organisation, _ tr: Trajectory) async throws -> TrajectoryReportSnapshot.SROIRange? {
        let all = try await ValueSROIAnalysisStore(database: database).analyses(organisationID: organisation.id, trajectoryID: tr.id)
        for stored in all.filter({ $0.interventionID == nil }) + all.filter({ $0.interventionID != nil }) {
            guard let (analysis, _) = try? SROIStoredResult.compute(stored) else { continue }
            let range = analysis.monteCarlo
            return .init(ratio: analysis.result.ratio, low: range.p5, median: range.p50, high: range.p95, source: stored.title)
        }
        return nil
    }

    /// The representation score per variable that has target shares.
    func representation(_ org: String, _ tr: Trajectory) async throws -> [TrajectoryReportSnapshot.RepresentationScore] {
        let participants = try await ParticipationStore(database: database).participants(organisationID: org, trajectoryID: tr.id)
        let shares = try await TrajectoryStore(database: database).shares(organisationID: org, trajectoryID: tr.id)
        return RepresentationRoutes.variables.compactMap { variable in
            let r = Representation(variable: variable.name, participants: participants, shares: shares, level: variable.level)
            return r.score.map { .init(variable: variable.name, score: $0, underRepresented: r.rows.filter(\.underRepresented).map(\.level)) }
        }
    }

    /// What one conversation's opinion map found: each group with the statements that set it
    /// apart, and the common ground (never the majority list). Only approved statements are
    /// quoted; a group of fewer people than the minimum shows no size or shares.
    func finding(_ org: String, _ c: Conversation) async throws -> TrajectoryReportSnapshot.ConversationFinding {
        let store = ConversationStore(database: database)
        let figures = try await store.figures(organisationID: org, conversationID: c.id)
        var stored = try await store.result(organisationID: org, conversationID: c.id)
        if stored == nil && figures.votes > 0 {
            try await ConversationResults(database: database, logger: Logger(label: "samen.reports")).recompute(conversationID: c.id)
            stored = try await store.result(organisationID: org, conversationID: c.id)
        }
        let base = TrajectoryReportSnapshot.ConversationFinding(question: c.question, participants: OpenDataRules.publishable(figures.voters),
                                                                votes: figures.votes)
        guard let body = stored?.body, let map = try? OpinionReport.decode(Data(body.utf8)) else { return base }
        let texts = Dictionary(try await store.statements(organisationID: org, conversationID: c.id, states: [.approved]).map { ($0.number, $0.body) },
                               uniquingKeysWith: { a, _ in a })
        let sizes = Dictionary(map.groups.map { ($0.id, $0.size) }, uniquingKeysWith: { a, _ in a })
        func shown(_ group: Int) -> Bool { OpenDataRules.publishable(sizes[group] ?? 0) != nil }
        let groups = map.groups.map { g in
            TrajectoryReportSnapshot.OpinionGroupFinding(
                label: OpinionMapSVG.letter(g.id), size: OpenDataRules.publishable(g.size),
                statements: g.representative.compactMap { r in
                    texts[r.statement].map { .init(text: $0, direction: r.direction, percent: shown(g.id) ? r.percent : nil) }
                })
        }
        func common(_ items: [OpinionReport.CommonGroundItem], _ direction: String) -> [TrajectoryReportSnapshot.CommonGroundFinding] {
            items.compactMap { item in
                texts[item.statement].map { text in
                    .init(text: text, direction: direction, shares: item.groups.map {
                        .init(label: OpinionMapSVG.letter($0.group), percent: shown($0.group) ? $0.percent : nil)
                    })
                }
            }
        }
        var finding = base
        finding.mapped = true
        finding.groups = groups
        finding.commonGround = common(map.commonGround.agree, "agree") + common(map.commonGround.disagree, "disagree")
        return finding
    }

    /// Every experiment of the trajectory with its test card's belief and its learning.
    func experiments(_ org: String, _ tr: Trajectory) async throws -> [TrajectoryReportSnapshot.ExperimentFinding] {
        let titles = Dictionary(try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: tr.id)
            .map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        return try await ExperimentStore(database: database).experiments(organisationID: org, trajectoryID: tr.id).map {
            .init(title: $0.title, intervention: $0.interventionID.flatMap { titles[$0] }, belief: $0.belief, observed: $0.observed,
                  learned: $0.learned, decision: $0.decision?.rawValue)
        }
    }

    /// The value register's created and destroyed counts per beneficiary, and the SROI range.
    func worth(_ organisation: Organisation, _ tr: Trajectory) async throws -> TrajectoryReportSnapshot.Worth {
        let records = try await ValueStore(database: database).records(organisationID: organisation.id, trajectoryID: tr.id)
        let register = ValueBeneficiary.allCases.filter { $0 != .none }.compactMap { b -> TrajectoryReportSnapshot.ValueCount? in
            let mine = records.filter { $0.beneficiary == b }
            guard !mine.isEmpty else { return nil }
            return .init(beneficiary: b.rawValue, created: mine.filter { $0.polarity == .created }.count,
                         destroyed: mine.filter { $0.polarity == .destroyed }.count)
        }
        return .init(register: register, sroi: try await storedSROIRange(organisation, tr))
    }
}
