import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The organisation's settings for citizen pages (*Instellingen*, administrators): the one
/// form of address on every public page ("u" or "je") and the language the organisation
/// writes its own texts in. The same in the API (GET, and PATCH of any field; Resources/openapi/citizen.json).
struct CitizenVoiceRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var store: CitizenVoiceStore { CitizenVoiceStore(database: services.database) }

    static let page = PathPattern("/o/:org/settings")
    static let api = PathPattern("/api/v1/organisations/:org/settings")

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(page.get, { $0.show }), (page.post, { $0.save }), (api.get, { $0.apiShow }), (api.patch, { $0.apiSave })]
    }

    struct Choice {
        let id: String
        let value: String
        let label: String
        let example: String
        let checked: Bool
    }

    struct Body {
        let title: String
        let action: String
        let form: FormState
        let addressForms: [Choice]
        let languages: [Choice]
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageOrganisation)
        let voice = try await store.voice(organisationID: membership.organisation.id)
        return page(request, context, membership, values: ["address_form": voice.addressForm.rawValue,
                                                           "content_language": voice.contentLanguage.rawValue], errors: [])
    }

    func page(_ request: Request, _ context: AppRequestContext, _ membership: Membership, values: [String: String],
              errors: [SamenError], status: HTTPResponse.Status = .ok) -> Response {
        let form = renderer.form(values, errors: errors, names: ["address_form", "content_language"], context)
        let title = renderer.text("settings_title", context)
        let body = Body(
            title: title, action: Self.page.link(membership.organisation.slug), form: form,
            addressForms: AddressForm.allCases.map {
                Choice(id: "address-form-" + $0.rawValue, value: $0.rawValue, label: renderer.text("settings_address_" + $0.rawValue + "_label", context),
                       example: renderer.text("settings_address_" + $0.rawValue + "_example", context), checked: values["address_form"] == $0.rawValue)
            },
            languages: AppLocale.allCases.map {
                Choice(id: "content-language-" + $0.rawValue, value: $0.rawValue, label: renderer.translations.text("language_name", $0),
                       example: "", checked: values["content_language"] == $0.rawValue)
            })
        return renderer.page("settings", title: title, body: body, request: request, context: context, status: status,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    /// The voice a form or a JSON body names, with a validation error per field it gets wrong.
    static func voice(addressForm: String?, contentLanguage: String?) throws -> CitizenVoice {
        var errors: [SamenError] = []
        let form = addressForm.flatMap(AddressForm.init)
        let language = contentLanguage.flatMap(AppLocale.init)
        if form == nil { errors.append(.validation("settings_address_form_invalid", field: "address_form")) }
        if language == nil { errors.append(.validation("settings_content_language_invalid", field: "content_language")) }
        try ValidationErrors.check(errors)
        return CitizenVoice(addressForm: form!, contentLanguage: language!)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageOrganisation)
        let form = try await request.form(context)
        let values = ["address_form": form["address_form"], "content_language": form["content_language"]]
        do {
            let voice = try Self.voice(addressForm: values["address_form"], contentLanguage: values["content_language"])
            try await store.setVoice(voice, actor: try RecordFlow.actor(membership, context))
            return services.cookies.redirect(Self.page.link(membership.organisation.slug), notice: "notice_saved")
        } catch let errors as ValidationErrors {
            return page(request, context, membership, values: values, errors: errors.errors, status: .unprocessableContent)
        }
    }

    struct VoiceJSON: Encodable {
        let addressForm: String
        let contentLanguage: String
    }

    /// A change of any of the two settings; a field left out keeps its value.
    struct VoiceChange: Decodable {
        let addressForm: String?
        let contentLanguage: String?
    }

    static func json(_ voice: CitizenVoice) -> VoiceJSON {
        VoiceJSON(addressForm: voice.addressForm.rawValue, contentLanguage: voice.contentLanguage.rawValue)
    }

    @Sendable func apiShow(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageOrganisation)
        return try APIRoutes.json(Self.json(try await store.voice(organisationID: membership.organisation.id)))
    }

    @Sendable func apiSave(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageOrganisation)
        let body = try await APIWrites.decode(VoiceChange.self, request, context)
        let current = try await store.voice(organisationID: membership.organisation.id)
        let voice = try Self.voice(addressForm: body.addressForm ?? current.addressForm.rawValue,
                                   contentLanguage: body.contentLanguage ?? current.contentLanguage.rawValue)
        return try APIRoutes.json(Self.json(try await store.setVoice(voice, actor: try RecordFlow.actor(membership, context))))
    }
}
