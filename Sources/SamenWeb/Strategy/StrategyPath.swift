/// The strategy feature's URL shapes: the organisation's capability catalogue, an
/// intervention's capability needs, and a trajectory's scenarios with the robustness matrix.
enum StrategyPath {
    static let capabilities = PathPattern("/o/:org/capabilities")
    static let capabilitiesCSV = capabilities.appending("export.csv")
    static let capabilityEdit = capabilities.appending(":capability/edit")
    static let capabilityDelete = capabilities.appending(":capability/delete")

    static let needs = PortfolioPath.intervention.appending("capabilities")
    static let needEdit = needs.appending(":need/edit")
    static let needDelete = needs.appending(":need/delete")

    static let scenarios = PortfolioPath.portfolio.appending("scenarios")
    static let scenariosEdit = scenarios.appending("edit")
    static let scenariosDelete = scenarios.appending("delete")
    static let ratings = scenarios.appending("ratings")
    static let robustnessCSV = scenarios.appending("robustness.csv")

    static let apiCapabilities = PathPattern("/api/v1/organisations/:org/capabilities")
    static let apiCapability = apiCapabilities.appending(":capability")
    static let apiNeeds = PortfolioPath.apiIntervention.appending("capability-needs")
    static let apiNeed = apiNeeds.appending(":need")
    static let apiScenarios = TrajectoryAPIRoutes.one.appending("scenario-set")
    static let apiRatings = apiScenarios.appending("ratings")
}
