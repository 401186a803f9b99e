import SamenCore
import SamenStore

/// Gathers what the portfolio's advisor signals (13–17, `PortfolioAdvisor`) look at.
struct PortfolioAdvice {
    let t: TrajectoryContext

    func signals(_ m: Membership, _ tr: Trajectory, _ facts: TrajectoryFacts) async throws -> [ChallengeSignal] {
        let database = t.services.database, org = m.organisation.id
        let interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: tr.id)
        let assessments = try await GrowthModelStore(database: database).assessments(organisationID: org, trajectoryID: tr.id)
        // Oldest first, so the last of a dimension wins.
        let maturity = Dictionary(assessments.map { ($0.dimension, $0.level) }, uniquingKeysWith: { _, latest in latest })
        let overdue = try await ExperimentStore(database: database).withoutLearning(organisationID: org, trajectoryID: tr.id, today: facts.today)
            .map(\.title)
        // Without interventions or assessments no gap signal can fire: spare the survey analysis.
        let gaps = interventions.isEmpty && maturity.isEmpty ? [:]
            : try await GrowthModelRoutes(t: t).measuredGaps(m, tr).mapValues { PortfolioAdvisor.Gap(gap: $0.gap, low: $0.low) }
        return PortfolioAdvisor.signals(.init(trajectory: facts, interventions: interventions, gaps: gaps, maturity: maturity,
                                              experimentsWithoutLearning: overdue))
    }
}
