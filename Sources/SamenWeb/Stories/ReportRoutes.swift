import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The community report, "you said, we did": curated quotes (only pseudonymised, approved
/// stories whose teller consented to publication), themes from insights, and what was done.
/// A printable page, optionally public through an unguessable link.
struct ReportRoutes: RouteGroup {
    let t: TrajectoryContext
    var reports: ReportStore { ReportStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (TrajectoryPath.report.get, { $0.edit }),
            (TrajectoryPath.report.post, { $0.save }),
            (RouteEntry(.get, "/r/:token"), { $0.publicReport }),
        ]
    }
    /// The team's page (walked by the tenant-isolation test) and the public link.
    static var organisationEntries: [RouteEntry] { entries.filter { $0.path.hasPrefix("/o/") } }
    static var publicEntries: [RouteEntry] { entries.filter { !$0.path.hasPrefix("/o/") } }

    struct QuoteChoice {
        let id: String
        let quote: String
        let checked: Bool
        let fieldID: String
    }

    struct ActionField {
        let insight: String
        let field: String
        let value: String
    }

    struct EditBody {
        let intro: String
        let choices: [QuoteChoice]
        let hasChoices: Bool
        let excluded: Int
        let passageSearch: EvidenceRoutes.PassageSearch
        let actions: [ActionField]
        let published: Bool
        let publicURL: String?
        let canEdit: Bool
        let form: FormState
        let action: String
    }

    @Sendable func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await page(request, context, m, tr, errors: [], submitted: nil, status: .ok)
    }

    /// `submitted` carries what was typed when a save failed, so nothing typed is lost.
    private func page(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, errors: [SamenError],
                      submitted: FormData?, status: HTTPResponse.Status) async throws -> Response {
        let org = m.organisation.id
        let report = try await reports.report(organisationID: org, trajectoryID: tr.id)
        // The quotes chosen, then the newest publishable ones matching `?passages=`: a large
        // trajectory has thousands, and listing them all made this page slow.
        let evidence = EvidenceStore(database: t.services.database)
        let chosen = Set(submitted?.values("quote") ?? report.quoteIDs)
        let search = EvidenceRoutes.PassageSearch.value(request)
        let (newest, matching) = try await evidence.highlightChoices(organisationID: org, trajectoryID: tr.id, search: search,
                                                                     limit: EvidenceRoutes.PassageSearch.limit, publishable: true)
        let earlier = try await evidence.highlights(organisationID: org, trajectoryID: tr.id, ids: chosen.subtracting(newest.map(\.id)))
        let stories = try await StoryStore(database: t.services.database).stories(organisationID: org, trajectoryID: tr.id, ids: earlier.map(\.storyID))
        let publishable = Set(stories.filter(\.mayBePublished).map(\.id))
        let eligible = earlier.filter { publishable.contains($0.storyID) } + newest
        let all = try await evidence.highlightCount(organisationID: org, trajectoryID: tr.id)
        let eligibleInAll = search.isEmpty ? matching
            : try await evidence.highlightChoices(organisationID: org, trajectoryID: tr.id, search: "", limit: 0, publishable: true).total
        let passageSearch = EvidenceRoutes.PassageSearch.make(t, context, action: TrajectoryPath.report.link(m.organisation.slug, tr.id) + "#quotes",
                                                              value: search, listed: newest.count, total: matching)
        let insights = try await evidence.insights(organisationID: org, trajectoryID: tr.id)
        let body = EditBody(
            intro: submitted?["intro"] ?? report.intro,
            choices: eligible.map { QuoteChoice(id: $0.id, quote: $0.quote, checked: chosen.contains($0.id), fieldID: "quote-\($0.id)") },
            hasChoices: !eligible.isEmpty, excluded: all - eligibleInAll, passageSearch: passageSearch,
            actions: insights.map { ActionField(insight: $0.title, field: "we_did_\($0.id)", value: submitted?["we_did_\($0.id)"] ?? report.actions[$0.id] ?? "") },
            published: report.publicToken != nil, publicURL: report.publicToken.map { "/r/\($0)" },
            canEdit: m.role.allows(.runTrajectory), form: t.renderer.form(errors: errors, context),
            action: TrajectoryPaths.trajectory(m.organisation.slug, tr.id) + "/report")
        return t.page("trajectory-report", title: t.word("trajectory_tab_report", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        var actions: [String: String] = [:]
        for (name, values) in form.fields where name.hasPrefix("we_did_") { actions[String(name.dropFirst("we_did_".count))] = values.first ?? "" }
        var errors: [SamenError] = []
        let current = try await reports.report(organisationID: m.organisation.id, trajectoryID: tr.id)
        let token = form["publish"].isEmpty ? nil : (current.publicToken ?? Secrets.token())
        do {
            try await StoryWrites(database: t.services.database).saveReport(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id,
                                                                           intro: form["intro"], quoteIDs: form.values("quote"), actions: actions,
                                                                           publicToken: token)
            return t.services.cookies.redirect(TrajectoryPaths.trajectory(m.organisation.slug, tr.id) + "/report", notice: "notice_saved")
        } catch let refused as ValidationErrors {
            errors = refused.errors
        } catch let error as SamenError where error.kind == .validation {
            errors = [error]
        }
        return try await page(request, context, m, tr, errors: errors, submitted: form, status: .unprocessableContent)
    }

    struct PublicBody {
        let title: String
        let intro: String
        let quotes: [String]
        let hasQuotes: Bool
        let themes: [Theme]
        let attribution: String
    }

    struct Theme {
        let title: String
        let weDid: String
    }

    @Sendable func publicReport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let found = try await reports.publicReport(token: try request.parameter("token", context)) else { throw SamenError.notFound }
        let context = try await t.services.citizen(context, organisationID: found.organisationID)
        let insights = try await EvidenceStore(database: t.services.database).insights(organisationID: found.organisationID, trajectoryID: found.trajectoryID)
        let body = PublicBody(title: found.title, intro: found.report.intro, quotes: found.quotes.map(\.text), hasQuotes: !found.quotes.isEmpty,
                              themes: insights.map { Theme(title: $0.title, weDid: found.report.actions[$0.id] ?? "") },
                              attribution: t.word("report_attribution", context))
        return t.renderer.page("report-public", title: found.title, body: body, request: request, context: context)
    }
}
