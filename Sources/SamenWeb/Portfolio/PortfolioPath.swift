/// The portfolio feature's URL shapes: interventions, their status, and the growth model.
enum PortfolioPath {
    static let portfolio = TrajectoryPath.trajectory.appending("portfolio")
    static let intervention = portfolio.appending("interventions/:intervention")
    static let interventionStatus = intervention.appending("status")
    static let interventionEdit = intervention.appending("edit")
    static let interventionDelete = intervention.appending("delete")
    static let growth = portfolio.appending("growth")
    static let assessmentEdit = growth.appending(":assessment/edit")
    static let assessmentDelete = growth.appending(":assessment/delete")

    static let api = TrajectoryAPIRoutes.one.appending("interventions")
    static let apiIntervention = api.appending(":intervention")
    static let apiStatus = apiIntervention.appending("status")
    static let apiAssessments = TrajectoryAPIRoutes.one.appending("maturity-assessments")
    static let apiAssessment = apiAssessments.appending(":assessment")
}
