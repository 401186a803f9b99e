import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Where citizens tell their story: no account, no JavaScript, plain language. A story
/// gets a receipt code to read it back or withdraw it; spam is held off by a rate limit
/// and a honeypot field that people never see.
struct PublicStoryRoutes: RouteGroup {
    let services: AppServices
    let limiter: RateLimiter
    var renderer: Renderer { services.renderer }
    var stories: StoryStore { StoryStore(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, "/vertel/:token"), { $0.form }),
            (RouteEntry(.post, "/vertel/:token"), { $0.submit }),
            (RouteEntry(.get, "/verhaal"), { $0.receiptForm }),
            (RouteEntry(.post, "/verhaal"), { $0.receipt }),
        ]
    }


    struct Question {
        let field: String
        let text: String
        let value: String
        let error: String?
    }

    struct FormBody {
        let title: String
        let questions: [Question]
        let form: FormState
        let action: String
        let ageBands: [Option]
        let receiptPath: String
    }

    static let ageBands = ["", "18-34", "35-49", "50-64", "65+"]

    private func openLink(_ request: Request, _ context: AppRequestContext) async throws -> StoryStore.Link {
        guard let link = try await stories.link(token: try request.parameter("token", context)), link.isOpen else {
            throw SamenError("story_link_closed", kind: .notFound)
        }
        return link
    }

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let link = try await openLink(request, context)
        let context = try await services.citizen(context, trajectoryID: link.trajectoryID)
        return page(request, context, link, form: renderer.form([:], names: ["age_band", "district", "channel"], context), status: .ok)
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ link: StoryStore.Link, form: FormState,
                      status: HTTPResponse.Status) -> Response {
        let questions = link.questions.enumerated().map { i, text in
            Question(field: "answer_\(i)", text: text, value: form.fields["answer_\(i)"]?.value ?? "", error: form.fields["answer_\(i)"]?.error)
        }
        let chosen = form.fields["age_band"]?.value ?? ""
        let body = FormBody(title: link.title, questions: questions, form: form, action: "/vertel/\(link.token)",
                            ageBands: Self.ageBands.map { Option(value: $0, label: $0.isEmpty ? renderer.text("story_age_none", context) : $0,
                                                                  selected: $0 == chosen) },
                            receiptPath: "/verhaal")
        return renderer.page("story-public", title: link.title, body: body, request: request, context: context, status: status)
    }

    @Sendable func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let link = try await openLink(request, context)
        let context = try await services.citizen(context, trajectoryID: link.trajectoryID)
        guard await limiter.allow("story:" + Secrets.sha256(context.clientAddress)) else { throw SamenError.rateLimited }
        let form = try await request.form(context)
        struct Receipt { let code: String; let receiptPath: String }
        // A filled honeypot means a robot: thank it and keep nothing.
        if !form["website"].isEmpty {
            return renderer.page("story-thanks", title: renderer.text("story_thanks_title", context),
                                 body: Receipt(code: "", receiptPath: "/verhaal"), request: request, context: context)
        }
        let answers = link.questions.indices.map { form["answer_\($0)"] }
        var errors: [SamenError] = []
        var text = ""
        switch StoryRules.compose(questions: link.questions, answers: answers) {
        case .success(let composed): text = composed
        case .failure(let failed): errors += failed.errors
        }
        if form["consent_internal"].isEmpty { errors.append(.validation("consent_internal_required", field: "consent_internal")) }
        errors += TrajectoryRules.optional(form["district"], field: "district", max: 100) + TrajectoryRules.optional(form["channel"], field: "channel", max: 100)
        if !Self.ageBands.contains(form["age_band"]) { errors.append(.validation("age_band_invalid", field: "age_band")) }
        if !errors.isEmpty {
            var values = ["age_band": form["age_band"], "district": form["district"], "channel": form["channel"]]
            for (i, answer) in answers.enumerated() { values["answer_\(i)"] = answer }
            for consent in ["consent_internal", "consent_publication", "consent_reuse"] where !form[consent].isEmpty { values[consent] = "1" }
            return page(request, context, link, form: renderer.form(values, errors: errors, names: ["age_band", "district", "channel"], context),
                        status: .unprocessableContent)
        }
        var generator = SystemRandomNumberGenerator()
        let code = StoryRules.receiptCode(using: &generator)
        let today = CalendarDate(unixTime: Clock.now())
        let pseudonymised = try await stories.pseudonymiser(trajectoryID: link.trajectoryID).pseudonymise(text).text
        _ = try await stories.add(.init(
            trajectoryID: link.trajectoryID, linkID: link.id, source: .publicLink, receiptHash: Secrets.sha256("receipt:" + code),
            original: text, pseudonymised: pseudonymised,
            consent: StoryConsent(internalAnalysis: true, publication: !form["consent_publication"].isEmpty, reuse: !form["consent_reuse"].isEmpty),
            ageBand: form["age_band"], district: form["district"].trimmed, channel: form["channel"].trimmed,
            retentionDate: CalendarDate(daysSinceEpoch: today.daysSinceEpoch + StoryRules.defaultRetentionDays).description), organisationID: nil)
        return renderer.page("story-thanks", title: renderer.text("story_thanks_title", context),
                             body: Receipt(code: code, receiptPath: "/verhaal"), request: request, context: context, status: .created)
    }

    struct ReceiptBody {
        let form: FormState
        let story: String?
        let withdrawn: Bool
    }

    @Sendable func receiptForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        renderer.page("story-receipt", title: renderer.text("receipt_title", context),
                      body: ReceiptBody(form: renderer.form([:], names: ["receipt_code"], context), story: nil, withdrawn: false),
                      request: request, context: context)
    }

    /// Reads back or withdraws a story with its receipt code.
    @Sendable func receipt(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard await limiter.allow("receipt:" + Secrets.sha256(context.clientAddress)) else { throw SamenError.rateLimited }
        let form = try await request.form(context)
        func answer(_ body: ReceiptBody, _ status: HTTPResponse.Status = .ok) -> Response {
            renderer.page("story-receipt", title: renderer.text("receipt_title", context), body: body, request: request, context: context, status: status)
        }
        func invalid() -> Response {
            answer(ReceiptBody(form: renderer.form(["receipt_code": form["receipt_code"]], errors: [.validation("receipt_invalid", field: "receipt_code")], names: ["receipt_code"], context),
                               story: nil, withdrawn: false), .unprocessableContent)
        }
        guard let code = StoryRules.normalisedReceipt(form["receipt_code"]) else { return invalid() }
        let hash = Secrets.sha256("receipt:" + code)
        if form["action"] == "withdraw" {
            guard try await stories.withdraw(receiptHash: hash) else { return invalid() }
            return answer(ReceiptBody(form: renderer.form([:], names: ["receipt_code"], context), story: nil, withdrawn: true))
        }
        guard let story = try await stories.story(receiptHash: hash) else { return invalid() }
        return answer(ReceiptBody(form: renderer.form(["receipt_code": code], names: ["receipt_code"], context),
                                  story: story.original ?? story.pseudonymised, withdrawn: false))
    }
}
