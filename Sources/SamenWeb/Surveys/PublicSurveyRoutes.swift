import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The citizen's survey form at /s/<token>: no account, no JavaScript, one dimension per
/// step with the progress shown (also in the page title), "weet ik niet" always allowed,
/// *Vorige* to go back, a question before going on from an empty step, and one submission
/// per link (the wave's open link: once per browser, `OpenSurveyBrowser`). Earlier steps travel along as hidden fields, so nothing is stored until the
/// last step is sent. CSRF as everywhere (the double-submit cookie works without an
/// account); every post passes a per-client rate limit.
struct PublicSurveyRoutes: RouteGroup {
    let services: AppServices
    let surveys: SurveyService
    let limiter = RateLimiter(capacity: 40, perSecond: 0.5)
    var renderer: Renderer { services.renderer }
    var openLinks: SurveyOpenLinkStore { SurveyOpenLinkStore(database: services.database) }

    init(services: AppServices) {
        self.services = services
        self.surveys = SurveyService(database: services.database)
    }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, Paths.publicSurveyCode), { $0.enterCode }),
            (RouteEntry(.get, "/s/:token"), { $0.show }),
            (RouteEntry(.post, "/s/:token"), { $0.answer }),
        ]
    }


    /// How the citizen came in: a one-time link (answers once), or the wave's open link (a
    /// browser answers once, known by its cookie; `OpenSurveyBrowser`).
    enum Access {
        case oneTime(isUsed: Bool)
        case open(waveID: String)
    }

    /// The link, its survey and the set's dimension names; 404 for an unknown token.
    func load(_ request: Request, _ context: AppRequestContext) async throws -> (Access, Survey, DimensionSet?, String) {
        let token = try request.parameter("token", context)
        guard token.count <= 100 else { throw SamenError.notFound }
        let access: Access
        let organisationID: String, surveyID: String
        if let link = try await surveys.responses.link(tokenHash: Secrets.sha256(token)) {
            (access, organisationID, surveyID) = (.oneTime(isUsed: link.isUsed), link.organisationID, link.surveyID)
        } else if let link = try await openLinks.openLink(token: token) {
            (access, organisationID, surveyID) = (.open(waveID: link.waveID), link.organisationID, link.surveyID)
        } else {
            throw SamenError.notFound
        }
        guard let survey = try await surveys.surveys.survey(organisationID: organisationID, id: surveyID) else { throw SamenError.notFound }
        let set = try await surveys.surveys.dimensionSet(organisationID: organisationID, id: survey.dimensionSetID)
        return (access, survey, set, token)
    }

    /// Whether this visit may not answer (any more): a used one-time link, or a browser that
    /// answered the wave through its open link before.
    func hasAnswered(_ access: Access, _ browser: OpenSurveyBrowser) async throws -> Bool {
        switch access {
        case .oneTime(let isUsed): return isUsed
        case .open(let waveID): return try await openLinks.hasAnswered(waveID: waveID, browserHash: browser.hash(waveID: waveID))
        }
    }

    func used(_ access: Access, _ request: Request, _ context: AppRequestContext) -> Response {
        if case .open = access { return answered(request, context) }
        return used(request, context)
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (access, survey, set, token) = try await load(request, context)
        let context = try await services.citizen(context, organisationID: survey.organisationID)
        let browser = OpenSurveyBrowser(request, services.cookies)
        if try await hasAnswered(access, browser) { return used(access, request, context) }
        let form = PublicSurveyForm(survey: survey, set: set, renderer: renderer, context: context)
        var response = page(request, context, form.body(step: 1, answers: [:], errors: [], action: Paths.publicSurvey(token)))
        if case .open = access { browser.remember(&response) }
        return response
    }

    @Sendable func answer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard await limiter.allow(Secrets.sha256("survey:" + context.clientAddress)) else { throw SamenError.rateLimited }
        let (access, survey, set, token) = try await load(request, context)
        let context = try await services.citizen(context, organisationID: survey.organisationID)
        let browser = OpenSurveyBrowser(request, services.cookies)
        var response = try await answer(request, context, access, survey, set, token, browser)
        if case .open = access { browser.remember(&response) }
        return response
    }

    func answer(_ request: Request, _ context: AppRequestContext, _ access: Access, _ survey: Survey, _ set: DimensionSet?,
                _ token: String, _ browser: OpenSurveyBrowser) async throws -> Response {
        if try await hasAnswered(access, browser) { return used(access, request, context) }
        let data = try await request.form(context)
        let form = PublicSurveyForm(survey: survey, set: set, renderer: renderer, context: context)
        let step = min(max(Int(data["step"]) ?? 1, 1), form.stepCount)
        let answers = form.answers(from: data)
        let errors = form.validate(answers)
        let action = Paths.publicSurvey(token)
        if !errors.isEmpty {
            return page(request, context, form.body(step: step, answers: answers, errors: errors, action: action),
                        status: .unprocessableContent)
        }
        // "Vorige" goes one step back; the answers travel along, so nothing is lost.
        if data["go"] == "back" {
            return page(request, context, form.body(step: max(step - 1, 1), answers: answers, errors: [], action: action))
        }
        // A step sent without any answer asks once: go on anyway ("skip"), or fill it in.
        if data["go"] != "skip" && form.isEmpty(step: step, answers) {
            return page(request, context, form.body(step: step, answers: answers, errors: [], action: action, emptyNotice: true))
        }
        if step < form.stepCount {
            return page(request, context, form.body(step: step + 1, answers: answers, errors: [], action: action))
        }
        do {
            switch access {
            case .oneTime:
                try await surveys.responses.submit(tokenHash: Secrets.sha256(token), sheet: form.sheet(answers))
            case .open(let waveID):
                try await openLinks.submit(token: token, browserHash: browser.hash(waveID: waveID), sheet: form.sheet(answers))
            }
        } catch let error as SamenError where error.code == "survey_link_used" || error.code == "survey_open_link_answered" {
            return used(access, request, context)
        }
        struct Thanks { let title: String; let text: String }
        return renderer.page("survey-public-done", title: renderer.text("public_survey_thanks_title", context),
                             body: Thanks(title: renderer.text("public_survey_thanks_title", context),
                                          text: renderer.text("public_survey_thanks", context)),
                             request: request, context: context)
    }

    /// `/s`: the code from a letter, typed in (a GET form, so it works like any address).
    /// A known code goes on to its link; a code that is not one, or not known, is said by
    /// the field. Every try with a code counts against the same rate limit as an answer.
    @Sendable func enterCode(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        struct CodeBody { let form: FormState; let action: String }
        // A GET form sends spaces as "+", which the query parser leaves as they are.
        guard let typed = request.uri.queryParameters.get("code")?.replacingOccurrences(of: "+", with: " ") else {
            return renderer.page("survey-public-code", title: renderer.text("survey_code_title", context),
                                 body: CodeBody(form: renderer.form(["code": ""], context), action: Paths.publicSurveyCode),
                                 request: request, context: context)
        }
        guard await limiter.allow(Secrets.sha256("survey:" + context.clientAddress)) else { throw SamenError.rateLimited }
        let code = SurveyLinkCode.normalised(typed)
        let known: Bool
        if let code {
            let oneTime = try await surveys.responses.link(tokenHash: Secrets.sha256(code)) != nil
            known = try await oneTime ? true : openLinks.openLink(token: code) != nil
        } else {
            known = false
        }
        if let code, known {
            return Response.seeOther(Paths.publicSurvey(code))
        }
        let error = SamenError.validation(typed.trimmed.isEmpty ? "survey_code_required" : "survey_code_unknown", field: "code")
        return renderer.page("survey-public-code", title: renderer.text("survey_code_title", context),
                             body: CodeBody(form: renderer.form(["code": String(typed.prefix(40))], errors: [error], context),
                                            action: Paths.publicSurveyCode),
                             request: request, context: context, status: .unprocessableContent)
    }

    func used(_ request: Request, _ context: AppRequestContext) -> Response {
        finished(request, context, title: "public_survey_used_title", text: "error_survey_link_used")
    }

    /// A browser that answered through the open link before: said plainly, nothing stored.
    func answered(_ request: Request, _ context: AppRequestContext) -> Response {
        finished(request, context, title: "public_survey_answered_title", text: "error_survey_open_link_answered")
    }

    /// The page that says this visit cannot answer (any more): 409.
    func finished(_ request: Request, _ context: AppRequestContext, title: String, text: String) -> Response {
        struct Finished { let title: String; let text: String }
        return renderer.page("survey-public-done", title: renderer.text(title, context),
                             body: Finished(title: renderer.text(title, context), text: renderer.text(text, context)),
                             request: request, context: context, status: .conflict)
    }

    func page(_ request: Request, _ context: AppRequestContext, _ body: PublicSurveyForm.Body,
              status: HTTPResponse.Status = .ok) -> Response {
        renderer.page("survey-public", title: body.pageTitle, body: body, request: request, context: context, status: status)
    }
}
