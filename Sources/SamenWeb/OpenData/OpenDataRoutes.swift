import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The open-data export: a page to choose the trajectory and the parts, the ZIP download
/// (a GET form, so it works without JavaScript), and the same ZIP in the API.
struct OpenDataRoutes: RouteGroup {
    let services: AppServices

    static let page = PathPattern("/o/:org/open-data")
    static let download = page.appending("download")
    static let api = PathPattern("/api/v1/organisations/:org/open-data")

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(page.get, { $0.show }), (download.get, { $0.zip }), (api.get, { $0.zip })]
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Part {
        let value: String
        let label: String
        let fieldID: String
    }

    struct Body {
        let trajectories: [Option]
        let parts: [Part]
        let action: String
        let minimum: Int
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let words = { (key: String) in services.renderer.text(key, context) }
        let list = try await TrajectoryStore(database: services.database).list(organisationID: membership.organisation.id)
        let body = Body(trajectories: [Option(value: "", label: words("open_data_all_trajectories"), selected: true)]
                            + list.map { Option(value: $0.id, label: $0.title, selected: false) },
                        parts: OpenDataPart.allCases.map { Part(value: $0.rawValue, label: words("open_data_part_" + $0.rawValue), fieldID: "part-" + $0.rawValue) },
                        action: Self.download.link(membership.organisation.slug), minimum: OpenDataRules.minimumGroupSize)
        return services.renderer.page("open-data", title: words("open_data_title"), body: body, request: request, context: context,
                                      nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    /// The parts named in the query (`part=stories&part=coverage` from the form, or
    /// `parts=stories,coverage` in the API); none named means every part.
    static func parts(_ request: Request) throws -> Set<OpenDataPart> {
        let q = request.uri.queryParameters
        let list: String = q.get("parts") ?? ""
        let named: [String] = q.getAll("part").map { String($0) } + list.components(separatedBy: ",")
        let parts = try named.filter { !$0.isEmpty }.map { name in
            guard let part = OpenDataPart(rawValue: name) else { throw ValidationErrors([.validation("open_data_part_invalid", field: "parts")]) }
            return part
        }
        return parts.isEmpty ? Set(OpenDataPart.allCases) : Set(parts)
    }

    @Sendable func zip(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let q = request.uri.queryParameters
        let trajectory = q.get("trajectory").flatMap { $0.isEmpty ? nil : $0 }
        let contact: String = q.get("contact") ?? ""
        try ValidationErrors.check(TrajectoryRules.optional(contact, field: "contact", max: 200))
        let export = OpenDataExport(database: services.database)
        let asked = OpenDataExport.Request(organisation: membership.organisation, trajectoryID: trajectory, parts: try Self.parts(request), contact: contact)
        let package = try await export.package(asked)
        let data = try OpenDataArchive.zip(package)
        let user = try context.requireUser()
        try await export.recordExport(WriteActor(organisationID: membership.organisation.id, userID: user.id, displayName: user.displayName,
                                                 role: membership.role), asked)
        return Response(status: .ok, headers: [.contentType: "application/zip",
                                               .contentDisposition: "attachment; filename=\"\(OpenDataArchive.filename(package))\"",
                                               .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
