import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Interventions (with their status history and moves) and maturity assessments in the
/// JSON API: reads answer with an `ETag`, writes take `If-Match` (412 when stale), and every
/// write goes through the same use-case as the pages.
struct PortfolioAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    typealias J = PortfolioJSON
    var writes: PortfolioWrites { PortfolioWrites(database: t.services.database) }
    var store: PortfolioStore { PortfolioStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (PortfolioPath.api.get, { $0.list }), (PortfolioPath.api.post, { $0.create }),
            (PortfolioPath.apiIntervention.get, { $0.get }), (PortfolioPath.apiIntervention.patch, { $0.update }),
            (PortfolioPath.apiIntervention.delete, { $0.delete }),
            (PortfolioPath.apiStatus.get, { $0.history }), (PortfolioPath.apiStatus.post, { $0.move }),
            (PortfolioPath.apiAssessments.get, { $0.listAssessments }), (PortfolioPath.apiAssessments.post, { $0.createAssessment }),
            (PortfolioPath.apiAssessment.get, { $0.getAssessment }), (PortfolioPath.apiAssessment.patch, { $0.updateAssessment }),
            (PortfolioPath.apiAssessment.delete, { $0.deleteAssessment }),
        ]
    }

    func actor(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory) {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordPages(t: t).actor(membership, context), membership, trajectory)
    }

    func intervention(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> Intervention {
        try await PortfolioRoutes(t: t).intervention(request, context, m, tr)
    }

    // MARK: interventions

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await store.interventions(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.list("interventions", try APIWrites.page(all.map(J.InterventionJSON.init), request, sorts: [
            "title": { $0.title < $1.title }, "horizon": { $0.horizon < $1.horizon }, "status": { $0.status < $1.status },
            "status_since": { $0.statusSince < $1.statusSince },
        ]))
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.InterventionBody.self, request, context)
        let created = try await writes.createIntervention(actor, trajectoryID: tr.id, body.merged(onto: InterventionInput()))
        return try StoryAPIRoutes.created(J.InterventionJSON(created), version: created.version,
                                          location: PortfolioPath.apiIntervention.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func get(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await intervention(request, context, m, tr)
        return try APIWrites.json(J.InterventionJSON(found), version: found.version)
    }

    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await intervention(request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.InterventionBody.self, request, context)
        let saved = try await writes.updateIntervention(actor, current: current, body.merged(onto: InterventionInput(current)), expected: expected)
        return try APIWrites.json(J.InterventionJSON(saved), version: saved.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await intervention(request, context, m, tr)
        try await writes.deleteIntervention(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }

    @Sendable func history(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let current = try await intervention(request, context, m, tr)
        let changes = try await store.history(organisationID: m.organisation.id, interventionID: current.id)
        return try APIWrites.list("changes", try APIWrites.page(changes.map(J.StatusChangeJSON.init), request, sorts: ["on": { $0.on < $1.on }]))
    }

    /// Moves the status; the date defaults to today.
    @Sendable func move(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await intervention(request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.StatusBody.self, request, context)
        let moved = try await writes.moveStatus(actor, current: current,
                                                StatusMoveInput(status: body.status, on: body.on ?? t.today(), reason: body.reason ?? ""),
                                                expected: expected)
        return try APIWrites.json(J.InterventionJSON(moved), version: moved.version)
    }

    // MARK: maturity assessments

    @Sendable func listAssessments(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await GrowthModelStore(database: t.services.database).assessments(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.list("assessments", try APIWrites.page(all.map(J.AssessmentJSON.init), request, sorts: [
            "assessed_on": { $0.assessedOn < $1.assessedOn }, "dimension": { $0.dimension < $1.dimension }, "level": { $0.level < $1.level },
        ]))
    }

    @Sendable func createAssessment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.AssessmentBody.self, request, context)
        let created = try await writes.createAssessment(actor, trajectoryID: tr.id, body.merged(onto: AssessmentInput()))
        return try StoryAPIRoutes.created(J.AssessmentJSON(created), version: created.version,
                                          location: PortfolioPath.apiAssessment.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func getAssessment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await PortfolioEditRoutes.assessment(t, request, context, m, tr)
        return try APIWrites.json(J.AssessmentJSON(found), version: found.version)
    }

    @Sendable func updateAssessment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await PortfolioEditRoutes.assessment(t, request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.AssessmentBody.self, request, context)
        let saved = try await writes.updateAssessment(actor, current: current, body.merged(onto: AssessmentInput(current)), expected: expected)
        return try APIWrites.json(J.AssessmentJSON(saved), version: saved.version)
    }

    @Sendable func deleteAssessment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await PortfolioEditRoutes.assessment(t, request, context, m, tr)
        try await writes.deleteAssessment(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }
}
