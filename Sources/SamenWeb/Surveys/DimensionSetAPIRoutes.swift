import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Dimension sets in the JSON API: the default set (read-only) and the organisation's own,
/// made as a copy, changed with `If-Match` (412 when stale), deleted while no survey uses
/// them. The same use-cases as the dimension sets page.
struct DimensionSetAPIRoutes: RouteGroup {
    let services: AppServices
    var writes: SurveyWrites { SurveyWrites(database: services.database) }
    var store: SurveyStore { SurveyStore(database: services.database) }

    static let list = PathPattern("/api/v1/organisations/:org/dimension-sets")
    static let one = list.appending(":set")

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (list.get, { $0.index }), (list.post, { $0.create }),
            (one.get, { $0.detail }), (one.patch, { $0.update }), (one.delete, { $0.delete }),
        ]
    }

    struct DimensionJSON: Codable {
        let code: String
        let nameNl: String
        let nameEn: String?
        let definitionNl: String?
        let definitionEn: String?
    }

    struct SetJSON: Encodable {
        let id: String
        let name: String
        let source: String
        let version: Int
        let rowVersion: Int
        let isDefault: Bool
        let dimensions: [DimensionJSON]
    }

    static func json(_ set: DimensionSet, rowVersion: Int) -> SetJSON {
        SetJSON(id: set.id, name: set.name, source: set.source, version: set.version, rowVersion: rowVersion, isDefault: set.isDefault,
                dimensions: set.dimensions.map {
                    DimensionJSON(code: $0.code, nameNl: $0.nameNL, nameEn: $0.nameEN, definitionNl: $0.definitionNL, definitionEn: $0.definitionEN)
                })
    }

    func found(_ request: Request, _ context: AppRequestContext, _ membership: Membership) async throws -> DimensionSet {
        guard let set = try await store.dimensionSet(organisationID: membership.organisation.id, id: try request.parameter("set", context)) else {
            throw SamenError.notFound
        }
        return set
    }

    func rowVersion(_ membership: Membership, _ set: DimensionSet) async throws -> Int {
        try await store.dimensionSetRowVersions(organisationID: membership.organisation.id)[set.id] ?? 1
    }

    @Sendable func index(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let versions = try await store.dimensionSetRowVersions(organisationID: membership.organisation.id)
        let sets = try await store.dimensionSets(organisationID: membership.organisation.id)
        return try APIRoutes.json(["dimension_sets": sets.map { Self.json($0, rowVersion: versions[$0.id] ?? 1) }])
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let set = try await found(request, context, membership)
        let version = try await rowVersion(membership, set)
        return try APIWrites.json(Self.json(set, rowVersion: version), version: version)
    }

    struct NewSet: Decodable {
        let sourceId: String
        let name: String
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let body = try await APIWrites.decode(NewSet.self, request, context)
        let made = try await writes.createDimensionSet(try RecordFlow.actor(membership, context), from: body.sourceId, name: body.name)
        return try APIWrites.json(Self.json(made.set, rowVersion: made.rowVersion), version: made.rowVersion, status: .created)
    }

    struct SetChange: Decodable {
        let name: String?
        let dimensions: [DimensionJSON]?
    }

    /// Absent fields keep their value; `dimensions` replaces the whole list, in order.
    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let set = try await found(request, context, membership)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(SetChange.self, request, context)
        let dimensions = body.dimensions?.map {
            DimensionDefinition(code: $0.code, nameNL: $0.nameNl, nameEN: $0.nameEn ?? "", definitionNL: $0.definitionNl ?? "",
                                definitionEN: $0.definitionEn ?? "")
        } ?? set.dimensions
        let saved = try await writes.updateDimensionSet(try RecordFlow.actor(membership, context), id: set.id, name: body.name ?? set.name,
                                                        dimensions: dimensions, expected: expected, nameField: "name",
                                                        fields: { ("dimensions.\($0).code", "dimensions.\($0).name_nl") })
        return try APIWrites.json(Self.json(saved.set, rowVersion: saved.rowVersion), version: saved.rowVersion)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let set = try await found(request, context, membership)
        try await writes.deleteDimensionSet(try RecordFlow.actor(membership, context), id: set.id, expected: try APIWrites.expectedVersion(request))
        return Response(status: .noContent)
    }
}
