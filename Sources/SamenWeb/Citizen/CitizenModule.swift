import Hummingbird
import SamenCore
import SamenStore

/// What citizens meet, across features (issue 12): the open link of a survey wave (one
/// reusable link for a poster or a newsletter, once per browser) and the organisation's
/// settings for citizen pages.
enum CitizenModule: FeatureModule {
    static let name = "citizen"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        SurveyOpenLinkRoutes(services: services).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] { SurveyOpenLinkRoutes.entries }

    static var migrations: [Migration] { [.citizenOpenLinks] }

    /// The demo survey's latest wave has an open link.
    static func loadDemo(_ demo: DemoContext) async throws {
        let service = SurveyService(database: demo.database)
        for survey in try await service.surveys.surveys(organisationID: demo.organisationID) {
            guard let wave = try await service.responses.waves(organisationID: demo.organisationID, surveyID: survey.id).last else { continue }
            _ = try await SurveyOpenLinkWrites(database: demo.database).replace(demo.actor, surveyID: survey.id, waveID: wave.id)
            return
        }
    }

    static var openAPIFragments: [String] { ["citizen.json"] }
}
