import Hummingbird
import SamenCore
import SamenStore

/// Measurement of experience against need: dimension sets, surveys, waves, the public form, analysis.
enum SurveysModule: FeatureModule {
    static let name = "surveys"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        SurveyRoutes(services: services).register(on: router)
        SurveyAnalysisRoutes(services: services).register(on: router)
        PublicSurveyRoutes(services: services).register(on: router)
        DimensionSetRoutes(services: services).register(on: router)
        SurveyAPIRoutes(services: services).register(on: router)
        SurveyEditRoutes(services: services).register(on: router)
        SurveyWriteAPIRoutes(services: services).register(on: router)
        DimensionSetAPIRoutes(services: services).register(on: router)
        SurveyExportRoutes(services: services).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] {
        SurveyRoutes.entries + SurveyAnalysisRoutes.entries + DimensionSetRoutes.entries + SurveyAPIRoutes.entries
            + SurveyEditRoutes.entries + SurveyWriteAPIRoutes.entries + DimensionSetAPIRoutes.entries + SurveyExportRoutes.entries
    }
    static var publicRoutes: [RouteEntry] { PublicSurveyRoutes.entries }

    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? {
        let list = Paths.surveys(membership.organisation.slug)
        return LayoutModel.NavItem(label: words("nav_surveys"), url: list, current: current.hasPrefix(list))
    }

    static var migrations: [Migration] { [.surveys] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await SurveyDemo.load(database: demo.database, organisationID: demo.organisationID)
    }

    static var localeFiles: [String] { ["surveys.json", "survey-writes.json", "survey-distribution.json", "survey-citizen.json"] }
    static var openAPIFragments: [String] { ["surveys.json"] }
}
