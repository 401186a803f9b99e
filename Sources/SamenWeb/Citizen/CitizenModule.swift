import Hummingbird
import SamenCore
import SamenStore

/// What citizens meet, across features (issue 12): the open link of a survey wave (one
/// reusable link for a poster or a newsletter, once per browser) and the organisation's
/// settings for citizen pages (`CitizenVoice`: one form of address, the language of its texts).
enum CitizenModule: FeatureModule {
    static let name = "citizen"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        SurveyOpenLinkRoutes(services: services).register(on: router)
        CitizenVoiceRoutes(services: services).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] { SurveyOpenLinkRoutes.entries + CitizenVoiceRoutes.entries }

    /// *Instellingen*, for administrators.
    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? {
        guard membership.role.allows(.manageOrganisation) else { return nil }
        let page = CitizenVoiceRoutes.page.link(membership.organisation.slug)
        return LayoutModel.NavItem(label: words("nav_settings"), url: page, current: current.hasPrefix(page))
    }

    /// The words of the citizen pages' settings, and the informal variants (`<key>_je`, see `Translations`).
    static var localeFiles: [String] { ["citizen.json", "address-je.json"] }

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

extension AppServices {
    /// The request context of a citizen page of this organisation: its form of address and
    /// the language of its own texts (`CitizenVoice`).
    func citizen(_ context: AppRequestContext, organisationID: String) async throws -> AppRequestContext {
        var context = context
        context.voice = try await CitizenVoiceStore(database: database).voice(organisationID: organisationID)
        return context
    }

    func citizen(_ context: AppRequestContext, trajectoryID: String) async throws -> AppRequestContext {
        var context = context
        context.voice = try await CitizenVoiceStore(database: database).voice(trajectoryID: trajectoryID)
        return context
    }
}
