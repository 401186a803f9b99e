import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Experiments, lessons and a story's "led to" in the JSON API: reads answer with an `ETag`,
/// writes take `If-Match` (412 when stale), and every write goes through the same use-case as the pages.
struct ExperimentAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    typealias J = ExperimentJSON
    var writes: ExperimentWrites { ExperimentWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ExperimentPath.api.get, { $0.list }), (ExperimentPath.api.post, { $0.create }),
            (ExperimentPath.apiExperiment.get, { $0.get }), (ExperimentPath.apiExperiment.patch, { $0.update }),
            (ExperimentPath.apiExperiment.delete, { $0.delete }),
            (ExperimentPath.apiLessons.get, { $0.listLessons }), (ExperimentPath.apiLessons.post, { $0.createLesson }),
            (ExperimentPath.apiLesson.get, { $0.getLesson }), (ExperimentPath.apiLesson.patch, { $0.updateLesson }),
            (ExperimentPath.apiLesson.delete, { $0.deleteLesson }),
            (ExperimentPath.apiStoryLedTo.get, { $0.ledTo }),
        ]
    }

    func actor(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory) {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordPages(t: t).actor(membership, context), membership, trajectory)
    }

    func out(_ e: Experiment) -> J.ExperimentOut { J.ExperimentOut(e, today: ExperimentWrites.today()) }

    // MARK: experiments

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        var all = try await ExperimentStore(database: t.services.database).experiments(organisationID: m.organisation.id, trajectoryID: tr.id)
        if let intervention = request.uri.queryParameters.get("intervention"), !intervention.isEmpty {
            all = all.filter { $0.interventionID == intervention }
        }
        return try APIWrites.list("experiments", try APIWrites.page(all.map(out), request, sorts: [
            "title": { $0.title < $1.title }, "ends_on": { ($0.endsOn ?? "") < ($1.endsOn ?? "") },
            "starts_on": { ($0.startsOn ?? "") < ($1.startsOn ?? "") },
        ]))
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.ExperimentBody.self, request, context)
        let created = try await writes.createExperiment(actor, trajectoryID: tr.id, body.merged(onto: ExperimentInput()))
        return try StoryAPIRoutes.created(out(created), version: created.version,
                                          location: ExperimentPath.apiExperiment.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func get(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await ExperimentRoutes.experiment(t, request, context, m, tr)
        return try APIWrites.json(out(found), version: found.version)
    }

    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await ExperimentRoutes.experiment(t, request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.ExperimentBody.self, request, context)
        let saved = try await writes.updateExperiment(actor, current: current, body.merged(onto: ExperimentInput(current)), expected: expected)
        return try APIWrites.json(out(saved), version: saved.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await ExperimentRoutes.experiment(t, request, context, m, tr)
        try await writes.deleteExperiment(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }

    // MARK: lessons

    @Sendable func listLessons(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await LessonStore(database: t.services.database).lessons(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.list("lessons", try APIWrites.page(all.map(J.LessonOut.init), request, sorts: [
            "learned_on": { $0.learnedOn < $1.learnedOn }, "phase": { $0.phase < $1.phase }, "kind": { $0.kind < $1.kind },
        ]))
    }

    @Sendable func createLesson(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.LessonBody.self, request, context)
        let created = try await writes.createLesson(actor, trajectoryID: tr.id, body.merged(onto: LessonInput()))
        return try StoryAPIRoutes.created(J.LessonOut(created), version: created.version,
                                          location: ExperimentPath.apiLesson.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func getLesson(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await ExperimentEditRoutes.lesson(t, request, context, m, tr)
        return try APIWrites.json(J.LessonOut(found), version: found.version)
    }

    @Sendable func updateLesson(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await ExperimentEditRoutes.lesson(t, request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.LessonBody.self, request, context)
        let saved = try await writes.updateLesson(actor, current: current, body.merged(onto: LessonInput(current)), expected: expected)
        return try APIWrites.json(J.LessonOut(saved), version: saved.version)
    }

    @Sendable func deleteLesson(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await ExperimentEditRoutes.lesson(t, request, context, m, tr)
        try await writes.deleteLesson(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }

    // MARK: the chain from a story

    @Sendable func ledTo(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let storyID = try request.parameter("story", context)
        guard let story = try await StoryStore(database: t.services.database).story(organisationID: m.organisation.id, id: storyID),
              story.trajectoryID == tr.id else { throw SamenError.notFound }
        let (interventions, experiments) = try await ExperimentChain(t: t).ledToRecords(storyID: story.id, m, tr)
        return try APIRoutes.json(J.LedTo(storyId: story.id, interventions: interventions.map { J.Named(id: $0.id, title: $0.title) },
                                             experiments: experiments.map { J.Named(id: $0.id, title: $0.title) }))
    }
}
