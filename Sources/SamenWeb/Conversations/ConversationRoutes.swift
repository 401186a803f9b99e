import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// URLs of the conversation pages.
enum ConversationPaths {
    static func list(_ slug: String) -> String { "/o/\(slug)/conversations" }
    static func detail(_ slug: String, _ id: String) -> String { "/o/\(slug)/conversations/\(id)" }
    static func seeds(_ slug: String, _ id: String) -> String { "/o/\(slug)/conversations/\(id)/statements" }
    static func links(_ slug: String, _ id: String) -> String { "/o/\(slug)/conversations/\(id)/links" }
    static func moderation(_ slug: String, _ id: String) -> String { "/o/\(slug)/conversations/\(id)/moderation" }
    static func results(_ slug: String, _ id: String) -> String { "/o/\(slug)/conversations/\(id)/results" }
    static func export(_ slug: String, _ id: String, _ file: String) -> String { "/o/\(slug)/conversations/\(id)/export/\(file)" }
    static func importPolis(_ slug: String, _ id: String) -> String { "/o/\(slug)/conversations/\(id)/import" }
    static func participate(_ token: String) -> String { "/c/\(token)" }
    static func vote(_ token: String) -> String { "/c/\(token)/vote" }
    static func statement(_ token: String) -> String { "/c/\(token)/statements" }
}

/// Facilitators set up conversations: question, description, seed statements, moderation
/// mode, whether participants may add statements, open and close dates.
struct ConversationRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var store: ConversationStore { ConversationStore(database: services.database) }
    var writes: ConversationWrites { ConversationWrites(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ConversationPath.list.get, { $0.list }), (ConversationPath.list.post, { $0.create }),
            (ConversationPath.detail.get, { $0.detail }), (ConversationPath.detail.post, { $0.update }),
            (ConversationPath.seeds.post, { $0.addSeed }), (ConversationPath.links.post, { $0.personalLinks }),
        ]
    }

    /// Every conversation route, for the catalogue (tenant-isolation test) and registration.
    static var allEntries: [RouteEntry] {
        entries + ConversationEditRoutes.entries + ConversationImportRoutes.entries + ConversationModerationRoutes.entries
            + ConversationResultsRoutes.entries + ConversationAPIRoutes.entries
    }

    /// Registers the team pages, the public participation pages and the API in one go.
    static func registerAll(services: AppServices, on router: Router<AppRequestContext>) {
        ConversationRoutes(services: services).register(on: router)
        ConversationEditRoutes(services: services).register(on: router)
        ConversationImportRoutes(services: services).register(on: router)
        ConversationModerationRoutes(services: services).register(on: router)
        ConversationResultsRoutes(services: services).register(on: router)
        ConversationPublicRoutes(services: services).register(on: router)
        ConversationAPIRoutes(services: services).register(on: router)
    }

    struct Row {
        let question: String
        let url: String
        let status: String
        let created: String
    }

    struct ListBody {
        let rows: [Row]
        let isEmpty: Bool
        let canCreate: Bool
        let form: FormState
        let createPath: String
        let preSelected: Bool
        let allowChecked: Bool
        let trajectoryOptions: [Option]
        let participationOptions: [Option]
    }

    /// The organisation's trajectories for the "part of trajectory" select.
    func trajectoryOptions(_ membership: Membership, selected: String, _ context: AppRequestContext) async throws -> [Option] {
        let list = try await TrajectoryStore(database: services.database).list(organisationID: membership.organisation.id)
        return [Option(value: "", label: renderer.text("survey_no_trajectory", context), selected: selected.isEmpty)]
            + list.map { Option(value: $0.id, label: $0.title, selected: $0.id == selected) }
    }

    /// Who may take part: open (the default), personal links only, or capped per address.
    func participationOptions(_ form: FormState, _ context: AppRequestContext) -> [Option] {
        let selected = form.fields["participation"]?.value ?? ""
        return ParticipationMode.allCases.map {
            Option(value: $0.rawValue, label: renderer.text("conversation_participation_" + $0.rawValue, context),
                   selected: $0.rawValue == selected || (selected.isEmpty && $0 == .open))
        }
    }

    func status(_ conversation: Conversation, _ context: AppRequestContext) -> String {
        renderer.text(conversation.isOpen(at: Clock.now()) ? "conversation_status_open" : "conversation_status_closed", context)
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        return try await listPage(request, context, membership, form: renderer.form(["allow_statements": "1"], context), status: .ok)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, form: FormState,
                          status: HTTPResponse.Status) async throws -> Response {
        let slug = membership.organisation.slug
        let rows = try await store.conversations(organisationID: membership.organisation.id).map {
            Row(question: $0.question, url: ConversationPaths.detail(slug, $0.id), status: self.status($0, context),
                created: MemberRoutes.date($0.createdAt))
        }
        let body = ListBody(rows: rows, isEmpty: rows.isEmpty, canCreate: membership.role.allows(.runTrajectory), form: form,
                            createPath: ConversationPaths.list(slug), preSelected: form.fields["moderation"]?.value == "pre",
                            allowChecked: form.fields["allow_statements"]?.value == "1",
                            trajectoryOptions: try await trajectoryOptions(membership, selected: form.fields["trajectory_id"]?.value ?? "", context),
                            participationOptions: participationOptions(form, context))
        return renderer.page("conversations", title: renderer.text("conversations_title", context) + " – " + membership.organisation.name,
                             body: body, request: request, context: context, status: status,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    /// The set-up form as plain input. The form always shows the "participants may add
    /// statements" box (ticked for a new conversation), so an unticked box means no.
    static func input(_ form: FormData) -> ConversationInput {
        var input = ConversationInput()
        input.question = form["question"]; input.description = form["description"]
        if !form["moderation"].isEmpty { input.moderation = form["moderation"] }
        input.allowStatements = form["allow_statements"] == "1"
        input.opensOn = form["opens_on"]; input.closesOn = form["closes_on"]
        input.trajectoryID = form["trajectory_id"]; input.phase = form["phase"]
        if !form["participation"].isEmpty { input.participation = form["participation"] }
        input.addressCap = form["address_cap"]
        return input
    }

    static func formValues(_ form: FormData) -> [String: String] {
        var values: [String: String] = [:]
        for name in ["question", "description", "moderation", "allow_statements", "opens_on", "closes_on", "phase", "trajectory_id", "seeds",
                     "participation", "address_cap"] {
            values[name] = form[name]
        }
        return values
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        let seeds = form["seeds"].split(whereSeparator: \.isNewline).map(String.init)
        do {
            let conversation = try await writes.create(try RecordFlow.actor(membership, context), Self.input(form), seeds: seeds)
            return services.cookies.redirect(ConversationPath.detail.link(membership.organisation.slug, conversation.id),
                                             notice: "notice_conversation_created")
        } catch let failed as ValidationErrors {
            return try await listPage(request, context, membership, form: renderer.form(Self.formValues(form), errors: failed.errors, context),
                                      status: .unprocessableContent)
        }
    }

    struct DetailBody {
        let question: String
        let status: String
        let publicURL: String
        let figures: [Fact]
        let statements: [StatementRow]
        let canEdit: Bool
        let form: FormState
        let seedForm: FormState
        let updatePath: String
        let version: String
        let editPath: String
        let deletePath: String
        let seedPath: String
        let linksPath: String
        let moderationPath: String
        let resultsPath: String
        let exportLinks: [Fact]
        let preSelected: Bool
        let allowChecked: Bool
        let trajectoryOptions: [Option]
        let participationOptions: [Option]
        let canImport: Bool
        let importForm: FormState
        let importFiles: [FieldState]
        let importPath: String
    }

    struct Fact {
        let label: String
        let value: String
    }

    struct StatementRow {
        let number: Int
        let body: String
        let state: String
        let votes: Int
        /// Seed statements can be corrected (while unvoted) and removed by the team.
        let editPath: String?
        let deletePath: String?
    }

    func conversation(_ request: Request, _ context: AppRequestContext, _ membership: Membership) async throws -> Conversation {
        guard let conversation = try await store.conversation(organisationID: membership.organisation.id,
                                                              id: try request.parameter("conversation", context)) else {
            throw SamenError.notFound
        }
        return conversation
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        return try await detailPage(request, context, membership, try await conversation(request, context, membership), status: .ok)
    }

    /// The settings form's values as stored.
    static func settingsValues(_ conversation: Conversation) -> [String: String] {
        let input = ConversationInput(conversation)
        return ["question": input.question, "description": input.description, "moderation": input.moderation,
                "allow_statements": input.allowStatements ? "1" : "", "opens_on": input.opensOn, "closes_on": input.closesOn,
                "phase": input.phase, "trajectory_id": input.trajectoryID, "participation": input.participation, "address_cap": input.addressCap]
    }

    /// The conversation page; a form left out shows empty (settings: as stored).
    func detailPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ conversation: Conversation,
                    form: FormState? = nil, seedForm: FormState? = nil, importForm: FormState? = nil,
                    status: HTTPResponse.Status) async throws -> Response {
        let form = form ?? renderer.form(Self.settingsValues(conversation), context)
        let importForm = importForm ?? ConversationImportRoutes(services: services).form(context)
        let slug = membership.organisation.slug
        let orgID = membership.organisation.id
        let figures = try await store.figures(organisationID: orgID, conversationID: conversation.id)
        let statements = try await store.statements(organisationID: orgID, conversationID: conversation.id)
        let base = ""
        let facts = [
            Fact(label: renderer.text("conversation_participants", context), value: String(figures.participants)),
            Fact(label: renderer.text("conversation_votes", context), value: String(figures.votes)),
            Fact(label: renderer.text("conversation_statements", context), value: String(figures.statements)),
            Fact(label: renderer.text("conversation_pending", context), value: String(figures.statementsByState[.pending] ?? 0)),
        ]
        let files = ["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"]
        let body = DetailBody(
            question: conversation.question, status: self.status(conversation, context),
            publicURL: base + ConversationPaths.participate(conversation.publicToken), figures: facts,
            statements: statements.map { StatementRow(
                number: $0.number, body: $0.body, state: renderer.text("statement_state_" + $0.state.rawValue, context), votes: $0.voteCount,
                editPath: $0.isSeed && $0.voteCount == 0 ? ConversationPath.seedEdit.link(slug, conversation.id, String($0.number)) : nil,
                deletePath: $0.isSeed ? ConversationPath.seedDelete.link(slug, conversation.id, String($0.number)) : nil) },
            canEdit: membership.role.allows(.runTrajectory), form: form, seedForm: seedForm ?? renderer.form(context),
            updatePath: ConversationPath.detail.link(slug, conversation.id), version: String(conversation.version),
            editPath: ConversationPath.edit.link(slug, conversation.id), deletePath: ConversationPath.delete.link(slug, conversation.id),
            seedPath: ConversationPaths.seeds(slug, conversation.id),
            linksPath: ConversationPaths.links(slug, conversation.id),
            moderationPath: ConversationPaths.moderation(slug, conversation.id), resultsPath: ConversationPaths.results(slug, conversation.id),
            exportLinks: files.map { Fact(label: $0, value: ConversationPaths.export(slug, conversation.id, $0)) },
            preSelected: form.fields["moderation"]?.value == "pre", allowChecked: form.fields["allow_statements"]?.value == "1",
            trajectoryOptions: try await trajectoryOptions(membership, selected: form.fields["trajectory_id"]?.value ?? "", context),
            participationOptions: participationOptions(form, context),
            canImport: figures.isEmpty, importForm: importForm,
            importFiles: ConversationImportRoutes.fileFields(importForm), importPath: ConversationPaths.importPolis(slug, conversation.id))
        let notice = context.noticeKey == ConversationImportRoutes.noticeKey
            ? ConversationImportRoutes.notice(figures, renderer, context) : nil
        return renderer.page("conversation", title: conversation.question, body: body, request: request, context: context,
                             status: status, nav: services.organisationNav(membership, current: request.uri.path, context),
                             notice: notice)
    }

    /// The settings form on the conversation page: the same save as the edit page (stale → 409 with both values).
    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await ConversationEditRoutes(services: services).edit(request, context)
    }

    @Sendable func addSeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let conversation = try await conversation(request, context, membership)
        let form = try await request.form(context)
        do {
            _ = try await writes.addSeed(try RecordFlow.actor(membership, context), conversationID: conversation.id,
                                         StatementInput(body: form["statement"]))
        } catch let failed as ValidationErrors {
            return try await detailPage(request, context, membership, conversation,
                                        seedForm: renderer.form(["statement": form["statement"]], errors: failed.errors, context),
                                        status: .unprocessableContent)
        }
        return services.cookies.redirect(ConversationPath.detail.link(membership.organisation.slug, conversation.id), notice: "notice_statement_added")
    }

    /// Personal links for people the facilitator invites: each carries its own random
    /// token (`?p=…`), so the same person keeps one identity on any device. The tokens are
    /// not stored; only their hash is, when first used. Answered as a CSV download.
    @Sendable func personalLinks(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let conversation = try await conversation(request, context, membership)
        let form = try await request.form(context)
        guard let count = Int(form["count"]), (1...1000).contains(count) else {
            throw ValidationErrors([.validation("conversation_links_count", field: "count")])
        }
        let base = ConversationPaths.participate(conversation.publicToken)
        let links = (0..<count).map { _ in [base + "?p=" + Secrets.token()] }
        return CSVWriter.response(CSVWriter.document([["link"]] + links, lineEnd: "\n"), filename: "links.csv")
    }
}
