import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// CSV exports (codes only, never personal data) and the JSON API of trajectories.
struct TrajectoryDataRoutes: RouteGroup {
    let t: TrajectoryContext

    static let exportPath = TrajectoryPath.trajectory.appending("export/:file")
    static let apiBase = PathPattern("/api/v1/organisations/:org/trajectories")
    /// Read-only tables in the API (the writable records are in TrajectoryAPIRoutes and StoryAPIRoutes).
    static let tableNames = ["participation"]

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(exportPath.get, { $0.export }), (apiBase.get, { $0.apiList }), (apiBase.appending(":trajectory").get, { $0.apiTrajectory })]
            + tableNames.map { name in (apiBase.appending(":trajectory/" + name).get, { routes in { try await routes.apiTable(name, $0, $1) } }) }
    }
    static var exportEntries: [RouteEntry] { [exportPath.get] }
    static var apiEntries: [RouteEntry] { entries.filter { $0.path.hasPrefix("/api/") } }

    /// A table by name from whichever feature module offers it.
    func table(_ name: String, _ membership: Membership, _ trajectory: Trajectory) async throws -> (header: [String], rows: [[String]])? {
        try await FeatureModules.trajectoryTable(name, ExportContext(t: t, membership: membership, trajectory: trajectory))
            .map { ($0.header, $0.rows) }
    }

    @Sendable func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        let file = try request.parameter("file", context)
        guard file.hasSuffix(".csv"), let table = try await table(String(file.dropLast(4)), membership, trajectory) else {
            throw SamenError.notFound
        }
        return CSVWriter.response(CSVWriter.document([table.header] + table.rows), filename: file)
    }

    struct TrajectoryJSON: Encodable {
        let id, title, service, goal, targetGroups, owner, startDate: String
        let endDate: String?
        let version: Int
        let currentPhase: String
        let phases: [String: String]
        let warnings: [WarningJSON]?
    }

    struct WarningJSON: Encodable {
        let challenge: Int
        let evidence: String
        let values: [String]
        let dismissed: Bool
    }

    func json(_ trajectory: Trajectory, warnings: [WarningJSON]?) -> TrajectoryJSON {
        TrajectoryJSON(id: trajectory.id, title: trajectory.title, service: trajectory.service, goal: trajectory.goal,
                       targetGroups: trajectory.targetGroups, owner: trajectory.owner, startDate: trajectory.startDate,
                       endDate: trajectory.endDate, version: trajectory.version, currentPhase: trajectory.currentPhase.rawValue,
                       phases: Dictionary(uniqueKeysWithValues: Phase.allCases.map { ($0.rawValue, trajectory.status($0).rawValue) }),
                       warnings: warnings)
    }

    @Sendable func apiList(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await t.services.membership(request, context, for: .viewOrganisation)
        // Paged in the database (issue 16): 50 a page, newest start first unless `sort` says otherwise, `q` searches title and service.
        let list = try APIWrites.listQuery(request, sorts: ["title", "service", "start"], defaultSort: "-start")
        let found = try await t.trajectories.page(organisationID: membership.organisation.id, list)
        return try APIWrites.list("trajectories", APIWrites.page(found.trajectories.map { json($0, warnings: nil) }, list, total: found.total))
    }

    @Sendable func apiTrajectory(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        let advice = try await t.advice(membership, trajectory)
        let dismissed = Set(advice.dismissed.map(\.challenge))
        let warnings = advice.signals.map {
            WarningJSON(challenge: $0.number, evidence: $0.evidenceKey, values: $0.values, dismissed: dismissed.contains($0.number))
        }
        return try APIRoutes.json(json(trajectory, warnings: warnings))
    }

    func apiTable(_ name: String, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        guard let table = try await table(name, membership, trajectory) else { throw SamenError.notFound }
        let rows = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0)) }
        return try APIRoutes.json([name: rows])
    }

}
