import SamenCore
import SamenStore

/// Gathers what the portfolio's advisor signals (13–17, `PortfolioAdvisor`) look at.
struct PortfolioAdvice {
    let t: TrajectoryContext

    func signals(_ m: Membership, _ tr: Trajectory, _ facts: TrajectoryFacts) async throws -> [ChallengeSignal] {
        let database = t.services.database, org = m.organisation.id
        let interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: tr.id)
        let assessments = try await GrowthModelStore(database: database).assessments(organisationID: org, trajectoryID: tr.id)
        let overdue = try await ExperimentStore(database: database).withoutLearning(organisationID: org, trajectoryID: tr.id, today: facts.today)
        // Without interventions or assessments no gap signal can fire: spare the survey analysis.
        let gaps = interventions.isEmpty && assessments.isEmpty ? [:] : try await GrowthModelRoutes(t: t).measuredGaps(m, tr)
        return Self.signals(facts, interventions, assessments, overdue, gaps)
    }

    /// The same for a page of trajectories (one organisation, one `today`), by trajectory id:
    /// each table read once for all of them.
    func signals(_ m: Membership, _ all: [TrajectoryFacts]) async throws -> [String: [ChallengeSignal]] {
        guard let today = all.first?.today else { return [:] }
        let database = t.services.database, org = m.organisation.id, ids = all.map(\.trajectory.id)
        let interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryIDs: ids)
        let assessments = try await GrowthModelStore(database: database).assessments(organisationID: org, trajectoryIDs: ids)
        let overdue = try await ExperimentStore(database: database).withoutLearning(organisationID: org, trajectoryIDs: ids, today: today)
        let measured = all.map(\.trajectory).filter { interventions[$0.id] != nil || assessments[$0.id] != nil }
        let gaps = try await GrowthModelRoutes(t: t).measuredGaps(m, measured)
        return Dictionary(uniqueKeysWithValues: all.map { facts in
            let id = facts.trajectory.id
            return (id, Self.signals(facts, interventions[id] ?? [], assessments[id] ?? [], overdue[id] ?? [], gaps[id] ?? [:]))
        })
    }

    static func signals(_ facts: TrajectoryFacts, _ interventions: [Intervention], _ assessments: [MaturityAssessment],
                        _ overdue: [Experiment], _ gaps: [String: GrowthModelRoutes.MeasuredGap]) -> [ChallengeSignal] {
        // Oldest first, so the last of a dimension wins.
        let maturity = Dictionary(assessments.map { ($0.dimension, $0.level) }, uniquingKeysWith: { _, latest in latest })
        return PortfolioAdvisor.signals(.init(trajectory: facts, interventions: interventions,
                                              gaps: gaps.mapValues { PortfolioAdvisor.Gap(gap: $0.gap, low: $0.low) }, maturity: maturity,
                                              experimentsWithoutLearning: overdue.map(\.title)))
    }
}
