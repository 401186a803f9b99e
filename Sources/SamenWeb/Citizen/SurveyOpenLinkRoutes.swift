import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// A wave's open link for facilitators: the page that shows it as a full address with its
/// QR code (for a poster or a newsletter), makes or replaces it, and revokes it; the QR code
/// as an SVG file; and the same in the JSON API (Resources/openapi/citizen.json).
struct SurveyOpenLinkRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var writes: SurveyOpenLinkWrites { SurveyOpenLinkWrites(database: services.database) }
    var store: SurveyOpenLinkStore { SurveyOpenLinkStore(database: services.database) }

    static let page = PathPattern("/o/:org/surveys/:survey/waves/:wave/open-link")
    static let revokePath = page.appending("delete")
    static let qr = page.appending("qr.svg")
    static let csv = page.appending("link.csv")
    static let api = PathPattern("/api/v1/organisations/:org/surveys/:survey/waves/:wave/open-link")

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (page.get, { $0.show }), (page.post, { $0.make }), (revokePath.post, { $0.revoke }), (qr.get, { $0.qrFile }), (csv.get, { $0.csvFile }),
            (api.get, { $0.apiShow }), (api.post, { $0.apiMake }), (api.delete, { $0.apiRevoke }),
        ]
    }

    /// The facilitator, the survey and the wave; 404 for a survey or wave of another organisation.
    func access(_ request: Request, _ context: AppRequestContext) async throws -> (Membership, Survey, SurveyWave) {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let service = SurveyService(database: services.database)
        guard let survey = try await service.surveys.survey(organisationID: membership.organisation.id,
                                                            id: try request.parameter("survey", context)),
              let wave = try await service.responses.wave(organisationID: membership.organisation.id, surveyID: survey.id,
                                                          id: try request.parameter("wave", context))
        else { throw SamenError.notFound }
        return (membership, survey, wave)
    }

    func url(_ link: SurveyOpenLinkStore.OpenLink, _ request: Request, _ context: AppRequestContext) -> String {
        SurveyLinkSheet.baseURL(services.configuration, request, context) + Paths.publicSurvey(link.token)
    }

    struct Body {
        let title: String
        let surveyTitle: String
        let waveName: String
        let hasLink: Bool
        let url: String
        let code: String
        let codeAddress: String
        let qr: String
        let answers: String
        let makePath: String
        let revokePath: String
        let qrPath: String
        let csvPath: String
        let backPath: String
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, survey, wave) = try await access(request, context)
        let slug = membership.organisation.slug
        let link = try await store.openLink(organisationID: membership.organisation.id, waveID: wave.id)
        let address = link.map { url($0, request, context) } ?? ""
        let label = renderer.text("survey_letter_qr_label", context)
        let answers = try await store.answerCount(organisationID: membership.organisation.id, waveID: wave.id)
        let title = renderer.text("open_link_title", context) + " – " + wave.name
        let body = Body(
            title: title, surveyTitle: survey.title, waveName: wave.name, hasLink: link != nil, url: address,
            code: link.map { SurveyLinkCode.grouped($0.token) } ?? "",
            codeAddress: SurveyLinkSheet.baseURL(services.configuration, request, context) + Paths.publicSurveyCode,
            qr: link == nil ? "" : ((try? QRCode(encoding: address).svg(label: label + " " + address)) ?? ""),
            answers: renderer.translations.count("count_open_link_answers", answers, context.locale),
            makePath: Self.page.link(slug, survey.id, wave.id), revokePath: Self.revokePath.link(slug, survey.id, wave.id),
            qrPath: Self.qr.link(slug, survey.id, wave.id), csvPath: Self.csv.link(slug, survey.id, wave.id), backPath: Paths.survey(slug, survey.id))
        return renderer.page("citizen-open-link", title: title, body: body, request: request, context: context,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    @Sendable func make(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, survey, wave) = try await access(request, context)
        _ = try await request.form(context)
        _ = try await writes.replace(try RecordFlow.actor(membership, context), surveyID: survey.id, waveID: wave.id)
        return services.cookies.redirect(Self.page.link(membership.organisation.slug, survey.id, wave.id), notice: "notice_open_link_made")
    }

    @Sendable func revoke(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, survey, wave) = try await access(request, context)
        _ = try await request.form(context)
        try await writes.revoke(try RecordFlow.actor(membership, context), surveyID: survey.id, waveID: wave.id)
        return services.cookies.redirect(Self.page.link(membership.organisation.slug, survey.id, wave.id),
                                         notice: "notice_open_link_revoked")
    }

    /// The QR code alone, to put on a poster; 404 while the wave has no open link.
    @Sendable func qrFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, _, wave) = try await access(request, context)
        guard let link = try await store.openLink(organisationID: membership.organisation.id, waveID: wave.id) else {
            throw SamenError.notFound
        }
        let address = url(link, request, context)
        let svg = try QRCode(encoding: address).svg(label: renderer.text("survey_letter_qr_label", context) + " " + address)
        return Response(status: .ok, headers: [.contentType: "image/svg+xml", .contentDisposition: "attachment; filename=\"open-link-qr.svg\""],
                        body: .init(byteBuffer: ByteBuffer(string: #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + svg)))
    }

    /// The open link as a CSV in the shape of the one-time links' file (link, code), for a mail merge.
    @Sendable func csvFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, _, wave) = try await access(request, context)
        guard let link = try await store.openLink(organisationID: membership.organisation.id, waveID: wave.id) else {
            throw SamenError.notFound
        }
        let letters = SurveyLinkSheet.letters([link.token], base: SurveyLinkSheet.baseURL(services.configuration, request, context),
                                              withQR: false, label: "")
        return SurveyLinkSheet.csv(letters, waveName: "open-" + wave.name)
    }

    struct LinkJSON: Encodable {
        let waveId: String
        let url: String
        let code: String
        let createdAt: Int64
        let answers: Int
    }

    func json(_ link: SurveyOpenLinkStore.OpenLink, _ request: Request, _ context: AppRequestContext) async throws -> LinkJSON {
        LinkJSON(waveId: link.waveID, url: url(link, request, context), code: SurveyLinkCode.grouped(link.token), createdAt: link.createdAt,
                 answers: try await store.answerCount(organisationID: link.organisationID, waveID: link.waveID))
    }

    @Sendable func apiShow(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, _, wave) = try await access(request, context)
        guard let link = try await store.openLink(organisationID: membership.organisation.id, waveID: wave.id) else {
            throw SamenError.notFound
        }
        return try APIRoutes.json(try await json(link, request, context))
    }

    /// Makes the wave's open link, or replaces it (the old address stops working): 201.
    @Sendable func apiMake(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, survey, wave) = try await access(request, context)
        let link = try await writes.replace(try RecordFlow.actor(membership, context), surveyID: survey.id, waveID: wave.id)
        return try APIRoutes.json(try await json(link, request, context), status: .created)
    }

    @Sendable func apiRevoke(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, survey, wave) = try await access(request, context)
        try await writes.revoke(try RecordFlow.actor(membership, context), surveyID: survey.id, waveID: wave.id)
        return Response(status: .noContent)
    }
}
