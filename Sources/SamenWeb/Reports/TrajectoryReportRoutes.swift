import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The published versions of a trajectory's report: the list with the publish form, one
/// version (printable on A4), taking a version back or putting it out again, deleting one,
/// and the public "U zei, wij deden" page of a shared version (no JavaScript needed).
struct TrajectoryReportRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: TrajectoryReportStore { TrajectoryReportStore(database: t.services.database) }
    var writes: TrajectoryReportWrites { TrajectoryReportWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ReportsPath.list.get, { $0.list }), (ReportsPath.list.post, { $0.publish }), (ReportsPath.report.get, { $0.show }),
            (ReportsPath.withdraw.post, { $0.withdraw }), (ReportsPath.delete.get, { $0.deleteForm }), (ReportsPath.delete.post, { $0.delete }),
            (ReportsPath.publicPage.get, { $0.publicPage }),
        ]
    }
    static var organisationEntries: [RouteEntry] { entries.filter { $0.path.hasPrefix("/o/") } }
    static var publicEntries: [RouteEntry] { entries.filter { !$0.path.hasPrefix("/o/") } }

    func report(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> PublishedReport {
        guard let found = try await store.report(organisationID: m.organisation.id, id: try request.parameter("report", context)),
              found.trajectoryID == tr.id else { throw SamenError.notFound }
        return found
    }

    struct Row {
        let title: String
        let url: String
        let number: Int
        let scope: String
        let publishedOn: String
        let publishedBy: String
        let publicURL: String?
        let withdrawn: Bool
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct ListBody {
        let rows: [Row]
        let isEmpty: Bool
        let canPublish: Bool
        let scopes: [Option]
        let action: String
        let form: FormState
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await listPage(request, context, m, tr, values: ["title": t.word("report_default_title", context) + " " + tr.title], errors: [], status: .ok)
    }

    func listPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String], errors: [SamenError],
                  status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug
        let rows = try await store.reports(organisationID: m.organisation.id, trajectoryID: tr.id).map {
            Row(title: $0.title, url: ReportsPath.report.link(slug, tr.id, $0.id), number: $0.number, scope: t.word("report_scope_" + $0.snapshot.scope, context),
                publishedOn: CalendarDate(unixTime: $0.publishedAt).description, publishedBy: $0.publishedBy,
                publicURL: $0.withdrawnAt == nil ? $0.publicToken.map { ReportsPath.publicPage.link($0) } : nil, withdrawn: $0.withdrawnAt != nil)
        }
        let chosen = values["scope"] ?? tr.currentPhase.rawValue
        let body = ListBody(rows: rows, isEmpty: rows.isEmpty, canPublish: m.role.allows(.runTrajectory),
                            scopes: TrajectoryReportSnapshot.scopes.map { Option(value: $0, label: t.word("report_scope_" + $0, context), selected: $0 == chosen) },
                            action: ReportsPath.list.link(slug, tr.id),
                            form: t.renderer.form(values, errors: errors, names: ["title", "scope", "share"], context))
        return t.page("trajectory-reports", title: t.word("reports_title", context), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func publish(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        do {
            let report = try await writes.publish(try RecordPages(t: t).actor(m, context), organisation: m.organisation, trajectory: tr,
                                                  scope: form["scope"], title: form["title"], share: form["share"] == "1")
            return t.services.cookies.redirect(ReportsPath.report.link(m.organisation.slug, tr.id, report.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            return try await listPage(request, context, m, tr, values: ["title": form["title"], "scope": form["scope"], "share": form["share"]],
                                      errors: refused.errors, status: .unprocessableContent)
        }
    }

    struct ShowBody {
        let report: ReportView
        let withdrawn: Bool
        let publicURL: String?
        let canWithdraw: Bool
        let canDelete: Bool
        let withdrawAction: String
        let deleteLink: String
        let version: Int
        let back: String
    }

    func view(_ report: PublishedReport, _ context: AppRequestContext) -> ReportView {
        Self.view(report, context.locale, word: { t.word($0, context) })
    }

    /// The report as the page shows it, its numbers in the page's language (1.234,50 · 0,95 in Dutch).
    static func view(_ report: PublishedReport, _ locale: AppLocale, word: (String) -> String) -> ReportView {
        ReportView(report, word: word, decimal: { NumberFormat(locale).decimal($0) })
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let report = try await report(request, context, m, tr)
        let slug = m.organisation.slug
        let body = ShowBody(report: view(report, context), withdrawn: report.withdrawnAt != nil,
                            publicURL: report.withdrawnAt == nil ? report.publicToken.map { ReportsPath.publicPage.link($0) } : nil,
                            canWithdraw: m.role.allows(.runTrajectory), canDelete: m.role.allows(.manageOrganisation),
                            withdrawAction: ReportsPath.withdraw.link(slug, tr.id, report.id), deleteLink: ReportsPath.delete.link(slug, tr.id, report.id),
                            version: report.version, back: ReportsPath.list.link(slug, tr.id))
        return t.page("trajectory-report-version", title: report.title, body: body, request: request, context: context, membership: m, trajectory: tr)
    }

    @Sendable func withdraw(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .runTrajectory)
        let report = try await report(request, context, m, tr)
        let form = try await request.form(context)
        _ = try await writes.setWithdrawn(try RecordPages(t: t).actor(m, context), report, withdrawn: report.withdrawnAt == nil,
                                          expected: RecordForm.version(form["version"]))
        return t.services.cookies.redirect(ReportsPath.report.link(m.organisation.slug, tr.id, report.id), notice: "notice_saved")
    }

    @Sendable func deleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .manageOrganisation)
        let report = try await report(request, context, m, tr)
        let slug = m.organisation.slug
        return RecordPages(t: t).flow(request, context, m, tr).deletePage(
            context, heading: t.word("report_delete_title", context), name: "\(report.title) (\(report.number))", impact: DeletionImpact([]),
            action: ReportsPath.delete.link(slug, tr.id, report.id), back: ReportsPath.report.link(slug, tr.id, report.id), version: report.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .manageOrganisation)
        let report = try await report(request, context, m, tr)
        let slug = m.organisation.slug, actor = try RecordPages(t: t).actor(m, context)
        return try await RecordPages(t: t).flow(request, context, m, tr).confirmDelete(
            request, context, heading: t.word("report_delete_title", context), name: "\(report.title) (\(report.number))",
            action: ReportsPath.delete.link(slug, tr.id, report.id), back: ReportsPath.report.link(slug, tr.id, report.id),
            done: ReportsPath.list.link(slug, tr.id), impact: { DeletionImpact([]) },
            reload: { try await store.report(organisationID: m.organisation.id, id: report.id)?.version },
            delete: { try await writes.delete(actor, report, expected: $0) })
    }

    /// "U zei, wij deden": what residents said and what was done with it, from a shared version.
    @Sendable func publicPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let report = try await store.publicReport(token: try request.parameter("token", context)) else { throw SamenError.notFound }
        let context = try await t.services.citizen(context, trajectoryID: report.trajectoryID)
        return t.renderer.page("you-said-we-did", title: t.word("you_said_we_did_title", context), body: view(report, context), request: request,
                               context: context)
    }
}
