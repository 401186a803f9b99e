import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Published reports in the JSON API: the versions of a trajectory, one version with its
/// frozen snapshot (and `ETag`), and publishing a new version through the same use-case as the page.
struct ReportsAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: TrajectoryReportStore { TrajectoryReportStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(ReportsPath.api.get, { $0.list }), (ReportsPath.api.post, { $0.publish }), (ReportsPath.apiReport.get, { $0.get })]
    }

    struct ReportJSON: Encodable {
        let id: String
        let number: Int
        let title: String
        let scope: String
        let publishedAt: Int64
        let publishedBy: String
        let publicUrl: String?
        let withdrawn: Bool
        let version: Int
        let snapshot: TrajectoryReportSnapshot?

        init(_ r: PublishedReport, full: Bool) {
            id = r.id; number = r.number; title = r.title; scope = r.snapshot.scope; publishedAt = r.publishedAt; publishedBy = r.publishedBy
            publicUrl = r.withdrawnAt == nil ? r.publicToken.map { ReportsPath.publicPage.link($0) } : nil
            withdrawn = r.withdrawnAt != nil; version = r.version; snapshot = full ? r.snapshot : nil
        }
    }

    struct PublishBody: Decodable {
        let scope: String
        let title: String
        let share: Bool?
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let all = try await store.reports(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIRoutes.json(["reports": all.map { ReportJSON($0, full: false) }])
    }

    @Sendable func get(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let report = try await TrajectoryReportRoutes(t: t).report(request, context, m, tr)
        return try APIWrites.json(ReportJSON(report, full: true), version: report.version)
    }

    @Sendable func publish(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let body = try await APIWrites.decode(PublishBody.self, request, context)
        let report = try await TrajectoryReportWrites(database: t.services.database).publish(
            try RecordPages(t: t).actor(m, context), organisation: m.organisation, trajectory: tr, scope: body.scope, title: body.title,
            share: body.share ?? false)
        return try StoryAPIRoutes.created(ReportJSON(report, full: true), version: report.version,
                                          location: ReportsPath.apiReport.link(m.organisation.slug, tr.id, report.id))
    }
}
