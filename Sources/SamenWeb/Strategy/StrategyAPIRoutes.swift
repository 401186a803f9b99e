import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Capabilities, capability needs, the scenario set and its robustness matrix in the JSON
/// API: reads answer with an `ETag`, writes take `If-Match` (412 when stale), and every write
/// goes through the same use-case as the pages.
struct StrategyAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    typealias J = StrategyJSON
    var services: AppServices { t.services }
    var writes: StrategyWrites { StrategyWrites(database: t.services.database) }
    var store: CapabilityStore { CapabilityStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (StrategyPath.apiCapabilities.get, { $0.listCapabilities }), (StrategyPath.apiCapabilities.post, { $0.createCapability }),
            (StrategyPath.apiCapability.get, { $0.getCapability }), (StrategyPath.apiCapability.patch, { $0.updateCapability }),
            (StrategyPath.apiCapability.delete, { $0.deleteCapability }),
            (StrategyPath.apiNeeds.get, { $0.listNeeds }), (StrategyPath.apiNeeds.post, { $0.createNeed }),
            (StrategyPath.apiNeed.get, { $0.getNeed }), (StrategyPath.apiNeed.patch, { $0.updateNeed }), (StrategyPath.apiNeed.delete, { $0.deleteNeed }),
            (StrategyPath.apiScenarios.get, { $0.getSet }), (StrategyPath.apiScenarios.post, { $0.createSet }),
            (StrategyPath.apiScenarios.patch, { $0.updateSet }), (StrategyPath.apiScenarios.delete, { $0.deleteSet }),
            (StrategyPath.apiRatings.get, { $0.getMatrix }), (StrategyPath.apiRatings.patch, { $0.rate }),
        ]
    }

    // MARK: capabilities

    func organisation(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership) {
        let m = try await services.membership(request, context, for: .viewOrganisation)
        return (try RecordFlow.actor(m, context), m)
    }

    func capability(_ request: Request, _ context: AppRequestContext, _ m: Membership) async throws -> Capability {
        guard let found = try await store.capability(organisationID: m.organisation.id, id: try request.parameter("capability", context)) else {
            throw SamenError.notFound
        }
        return found
    }

    func shortfall(_ c: Capability, _ m: Membership) async throws -> J.CapabilityJSON {
        let all = try await CapabilityRoutes(services: services).shortfalls(m.organisation.id)
        return J.CapabilityJSON(all.first { $0.capability.id == c.id } ?? CapabilityShortfall(capability: c, interventions: 0, highestNeeded: nil, shortfall: 0))
    }

    @Sendable func listCapabilities(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m) = try await organisation(request, context)
        let all = try await CapabilityRoutes(services: services).shortfalls(m.organisation.id).map(J.CapabilityJSON.init)
        return try APIWrites.list("capabilities", try APIWrites.page(all, request, sorts: [
            "name": { $0.name < $1.name }, "shortfall": { $0.shortfall < $1.shortfall }, "current_level": { $0.currentLevel < $1.currentLevel },
        ]))
    }

    @Sendable func createCapability(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m) = try await organisation(request, context)
        let body = try await APIWrites.decode(J.CapabilityBody.self, request, context)
        let created = try await writes.createCapability(actor, body.merged(onto: CapabilityInput()))
        return try StoryAPIRoutes.created(try await shortfall(created, m), version: created.version,
                                          location: StrategyPath.apiCapability.link(m.organisation.slug, created.id))
    }

    @Sendable func getCapability(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m) = try await organisation(request, context)
        let found = try await capability(request, context, m)
        return try APIWrites.json(try await shortfall(found, m), version: found.version)
    }

    @Sendable func updateCapability(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m) = try await organisation(request, context)
        let current = try await capability(request, context, m)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.CapabilityBody.self, request, context)
        let saved = try await writes.updateCapability(actor, current: current, body.merged(onto: CapabilityInput(current)), expected: expected)
        return try APIWrites.json(try await shortfall(saved, m), version: saved.version)
    }

    @Sendable func deleteCapability(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m) = try await organisation(request, context)
        let current = try await capability(request, context, m)
        try await writes.deleteCapability(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }

    // MARK: needs

    func intervention(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory, Intervention) {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordFlow.actor(m, context), m, tr, try await PortfolioRoutes(t: t).intervention(request, context, m, tr))
    }

    func need(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ i: Intervention) async throws -> CapabilityNeed {
        guard let found = try await store.need(organisationID: m.organisation.id, id: try request.parameter("need", context)),
              found.interventionID == i.id else { throw SamenError.notFound }
        return found
    }

    @Sendable func listNeeds(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, _, i) = try await intervention(request, context)
        let all = try await store.needs(organisationID: m.organisation.id, interventionID: i.id).map(J.NeedJSON.init)
        return try APIWrites.list("needs", try APIWrites.page(all, request, sorts: ["needed_level": { $0.neededLevel < $1.neededLevel }]))
    }

    @Sendable func createNeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr, i) = try await intervention(request, context)
        let body = try await APIWrites.decode(J.NeedBody.self, request, context)
        let created = try await writes.createNeed(actor, intervention: i, body.merged(onto: CapabilityNeedInput()))
        return try StoryAPIRoutes.created(J.NeedJSON(created), version: created.version,
                                          location: StrategyPath.apiNeed.link(m.organisation.slug, tr.id, i.id, created.id))
    }

    @Sendable func getNeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, _, i) = try await intervention(request, context)
        let found = try await need(request, context, m, i)
        return try APIWrites.json(J.NeedJSON(found), version: found.version)
    }

    @Sendable func updateNeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, _, i) = try await intervention(request, context)
        let current = try await need(request, context, m, i)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.NeedBody.self, request, context)
        let saved = try await writes.updateNeed(actor, intervention: i, current: current, body.merged(onto: CapabilityNeedInput(current)), expected: expected)
        return try APIWrites.json(J.NeedJSON(saved), version: saved.version)
    }

    @Sendable func deleteNeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, _, i) = try await intervention(request, context)
        let current = try await need(request, context, m, i)
        try await writes.deleteNeed(actor, intervention: i, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }

    // MARK: scenario set and ratings

    func trajectory(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory) {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordFlow.actor(m, context), m, tr)
    }

    func set(_ m: Membership, _ tr: Trajectory) async throws -> ScenarioSet {
        guard let found = try await ScenarioStore(database: services.database).set(organisationID: m.organisation.id, trajectoryID: tr.id) else {
            throw SamenError.notFound
        }
        return found
    }

    @Sendable func getSet(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await trajectory(request, context)
        let found = try await set(m, tr)
        return try APIWrites.json(J.SetJSON(found), version: found.version)
    }

    @Sendable func createSet(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await trajectory(request, context)
        let body = try await APIWrites.decode(J.SetBody.self, request, context)
        let created = try await writes.createSet(actor, trajectoryID: tr.id, body.merged(onto: ScenarioSetInput()))
        return try StoryAPIRoutes.created(J.SetJSON(created), version: created.version, location: StrategyPath.apiScenarios.link(m.organisation.slug, tr.id))
    }

    @Sendable func updateSet(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await trajectory(request, context)
        let current = try await set(m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.SetBody.self, request, context)
        let saved = try await writes.updateSet(actor, current: current, body.merged(onto: ScenarioSetInput(current)), expected: expected)
        return try APIWrites.json(J.SetJSON(saved), version: saved.version)
    }

    @Sendable func deleteSet(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await trajectory(request, context)
        let current = try await set(m, tr)
        try await writes.deleteSet(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }

    @Sendable func getMatrix(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await trajectory(request, context)
        let matrix = try await RobustnessMatrix.read(services.database, organisationID: m.organisation.id, trajectoryID: tr.id)
        guard let set = matrix.set else { throw SamenError.notFound }
        return try APIWrites.json(J.MatrixJSON(matrix, set: set), version: set.version)
    }

    /// Sets or clears the named cells; the other cells stay. The version is the set's.
    @Sendable func rate(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await trajectory(request, context)
        let matrix = try await RobustnessMatrix.read(services.database, organisationID: m.organisation.id, trajectoryID: tr.id)
        guard let set = matrix.set else { throw SamenError.notFound }
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.RatingsBody.self, request, context)
        var cells: [String: [Quadrant: String]] = [:]
        for line in matrix.lines {
            cells[line.intervention.id] = Dictionary(uniqueKeysWithValues: line.ratings.map { ($0.key, String($0.value)) })
        }
        for cell in body.ratings {
            guard let q = Quadrant(rawValue: cell.quadrant) else { throw ValidationErrors([.validation("quadrant_invalid", field: "ratings")]) }
            cells[cell.interventionId, default: [:]][q] = cell.rating.map(String.init) ?? ""
        }
        let saved = try await writes.rate(actor, set: set, RatingsInput(cells), expected: expected)
        let now = try await RobustnessMatrix.read(services.database, organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.json(J.MatrixJSON(now, set: saved), version: saved.version)
    }
}
