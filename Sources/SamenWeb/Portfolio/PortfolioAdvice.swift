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
        // Without interventions or assessments no signal can fire: spare the survey analysis.
        guard !interventions.isEmpty || !maturity.isEmpty else { return [] }
        let gaps = try await GrowthModelRoutes(t: t).measuredGaps(m, tr).mapValues { PortfolioAdvisor.Gap(gap: $0.gap, low: $0.low) }
        return PortfolioAdvisor.signals(.init(trajectory: facts, interventions: interventions, gaps: gaps, maturity: maturity))
    }
}
