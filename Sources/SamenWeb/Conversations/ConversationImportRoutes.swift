import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Loading a Pol.is export into an empty conversation from the facilitator's page: the same
/// parser and all-or-nothing store call as the API import and `samen conversation import`.
/// A problem is shown by the input of the file it is in, with the row and the reason.
struct ConversationImportRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.post, "/o/:org/conversations/:conversation/import"), { $0.importPolis }),
        ]
    }

    /// The form's file inputs, each with the Pol.is file it takes.
    static let files: [(field: String, file: String)] = [
        ("comments_csv", "comments.csv"), ("votes_csv", "votes.csv"),
        ("participants_votes_csv", "participants-votes.csv"), ("summary_csv", "summary.csv"),
    ]

    static let noticeKey = "notice_polis_imported"


    /// The import form, every file input prepared (label, hint) so the page shows it.
    func form(errors: [SamenError] = [], _ context: AppRequestContext) -> FormState {
        renderer.form([:], errors: errors, names: Self.files.map(\.field), context)
    }

    /// The file inputs in the order the page shows them.
    static func fileFields(_ form: FormState) -> [FieldState] {
        files.compactMap { form.fields[$0.field] }
    }

    /// The form with the import's problem by the file's input: "votes.csv, rij 12: onbekende stelling 99".
    func form(for error: PolisImportError, _ context: AppRequestContext) -> FormState {
        let field = Self.files.first { $0.file == error.file }?.field ?? "comments_csv"
        var form = form(errors: [.validation("polis_import_invalid", field: field)], context)
        let reason = renderer.text("polis_import_reason_" + error.code, context).replacingOccurrences(of: "{detail}", with: error.detail)
        let message = renderer.text(error.row > 0 ? "polis_import_row" : "polis_import_file", context)
            .replacingOccurrences(of: "{file}", with: error.file).replacingOccurrences(of: "{row}", with: String(error.row))
            .replacingOccurrences(of: "{reason}", with: reason)
        form.setMessage(message, for: field)
        return form
    }

    /// The notice after an import. Only an empty conversation takes an import, so what it
    /// holds right afterwards is what was imported.
    static func notice(_ figures: ConversationFigures, _ renderer: Renderer, _ context: AppRequestContext) -> String {
        renderer.text(noticeKey, context)
            .replacingOccurrences(of: "{statements}", with: renderer.translations.count("count_statements", figures.statements, context.locale))
            .replacingOccurrences(of: "{participants}", with: renderer.translations.count("count_participants", figures.participants, context.locale))
            .replacingOccurrences(of: "{votes}", with: renderer.translations.count("count_votes", figures.voteEvents, context.locale))
    }

    @Sendable func importPolis(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let page = ConversationRoutes(services: services)
        let conversation = try await page.conversation(request, context, membership)
        let upload = try await MultipartForm.read(request, context)
        func text(_ field: String) -> String? { upload.file(field).map { String(buffer: $0.body) } }
        func failed(_ form: FormState, _ status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await page.detailPage(request, context, membership, conversation, importForm: form, status: status)
        }
        let comments = text("comments_csv"), votes = text("votes_csv"), participantsVotes = text("participants_votes_csv")
        var missing: [SamenError] = []
        if comments == nil { missing.append(.validation("polis_comments_required", field: "comments_csv")) }
        if votes == nil && participantsVotes == nil { missing.append(.validation("polis_votes_required", field: "votes_csv")) }
        guard let comments, missing.isEmpty else { return try await failed(form(errors: missing, context)) }
        do {
            _ = try await PolisTransfer.importFiles(comments: comments, votes: votes, participantsVotes: participantsVotes,
                                                    summary: text("summary_csv"), database: services.database,
                                                    organisationID: membership.organisation.id, conversationID: conversation.id)
        } catch let error as PolisImportError {
            return try await failed(form(for: error, context))
        } catch let error as SamenError where error.code == "conversation_not_empty" {
            // Someone voted or added a statement since the page was shown; the form is gone, so point at its section.
            return try await failed(form(errors: [.validation(error.code, field: "polis-import")], context), .conflict)
        }
        return services.cookies.redirect(ConversationPaths.detail(membership.organisation.slug, conversation.id), notice: Self.noticeKey)
    }
}
