import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The writable JSON API of stories, interviews, highlights and insights. Reads answer
/// with an `ETag` (the row version); writes take `If-Match` and answer 412 when it is
/// stale. Every write goes through the same use-case as the web form.
struct StoryAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    typealias J = StoryRecordJSON
    var writes: StoryWrites { StoryWrites(database: t.services.database) }
    var loader: StoryRecords { StoryRecords(t: t) }

    static let one = TrajectoryAPIRoutes.one
    static let stories = one.appending("stories")
    static let story = stories.appending(":story")
    static let highlights = one.appending("highlights")
    static let highlight = highlights.appending(":highlight")
    static let insights = one.appending("insights")
    static let insight = insights.appending(":insight")
    static let personas = one.appending("personas")
    static let persona = personas.appending(":persona")
    static let journeys = one.appending("journeys")
    static let journey = journeys.appending(":journey")
    static let steps = journey.appending("steps")
    static let step = steps.appending(":step")

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        let voice: [(RouteEntry, (Self) -> Handler)] = [
            (stories.get, { $0.listStories }), (stories.post, { $0.createInterview }),
            (story.get, { $0.getStory }), (story.patch, { $0.updateStory }), (story.delete, { $0.deleteStory }),
            (highlights.get, { $0.listHighlights }), (highlights.post, { $0.createHighlight }),
            (highlight.get, { $0.getHighlight }), (highlight.patch, { $0.updateHighlight }), (highlight.delete, { $0.deleteHighlight }),
            (insights.get, { $0.listInsights }), (insights.post, { $0.createInsight }),
            (insight.get, { $0.getInsight }), (insight.patch, { $0.updateInsight }), (insight.delete, { $0.deleteInsight }),
        ]
        return voice + designRoutes
    }

    func actor(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory) {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordPages(t: t).actor(membership, context), membership, trajectory)
    }

    static let noContent = Response(status: .noContent)

    static func created(_ value: some Encodable, version: Int, location: String) throws -> Response {
        var response = try APIWrites.json(value, version: version, status: .created)
        response.headers[.location] = location
        return response
    }

    // MARK: stories and interviews

    @Sendable func listStories(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await loader.stories.stories(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.list("stories", try APIWrites.page(all.map(J.StoryJSON.init), request, sorts: [
            "date": { $0.date < $1.date }, "status": { $0.status < $1.status }, "source": { $0.source < $1.source },
            "retention_date": { $0.retentionDate < $1.retentionDate },
        ]))
    }

    /// Interview notes from the team, pseudonymised before they are stored (as the paste form does).
    @Sendable func createInterview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.InterviewBody.self, request, context)
        let created = try await writes.createInterview(actor, trajectoryID: tr.id, body.input)
        return try Self.created(J.StoryJSON(created), version: created.version, location: Self.story.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func getStory(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await loader.story(request, context, m, tr)
        return try APIWrites.json(J.StoryJSON(found), version: found.version)
    }

    @Sendable func updateStory(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await loader.story(request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.StoryBody.self, request, context)
        let saved = try await writes.updateStory(actor, current: current, body.merged(onto: StoryInput(current)), approve: body.approved,
                                                 expected: expected)
        return try APIWrites.json(J.StoryJSON(saved), version: saved.version)
    }

    @Sendable func deleteStory(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await loader.story(request, context, m, tr)
        try await writes.deleteStory(actor, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }

    // MARK: highlights

    func highlightRecord(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> (Story, Highlight) {
        let id = try request.parameter("highlight", context)
        guard let h = try await loader.evidence.highlights(organisationID: m.organisation.id, trajectoryID: tr.id, ids: [id]).first,
              let s = try await loader.stories.story(organisationID: m.organisation.id, id: h.storyID) else { throw SamenError.notFound }
        return (s, h)
    }

    @Sendable func listHighlights(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let story = request.uri.queryParameters.get("story_id")
        // Paged in the database (issue 16), in the order they were made unless `sort` says otherwise.
        let list = try APIWrites.listQuery(request, sorts: ["quote", "story_id", "touchpoint"])
        let found = try await loader.evidence.highlightPage(organisationID: m.organisation.id, trajectoryID: tr.id, storyID: story, list)
        return try APIWrites.list("highlights", APIWrites.page(found.highlights.map(J.HighlightJSON.init), list, total: found.total))
    }

    @Sendable func createHighlight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.HighlightBody.self, request, context)
        guard let storyID = body.storyId, !storyID.isEmpty else { throw ValidationErrors([.validation("required", field: "story_id")]) }
        guard let story = try await loader.stories.story(organisationID: m.organisation.id, id: storyID), story.trajectoryID == tr.id else {
            throw ValidationErrors([SamenError("story_unknown", kind: .conflict, field: "story_id")])
        }
        let created = try await writes.createHighlight(actor, story: story, try body.merged(onto: HighlightInput()))
        return try Self.created(J.HighlightJSON(created), version: created.version, location: Self.highlight.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func getHighlight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let (_, h) = try await highlightRecord(request, context, m, tr)
        return try APIWrites.json(J.HighlightJSON(h), version: h.version)
    }

    @Sendable func updateHighlight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let (s, h) = try await highlightRecord(request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.HighlightBody.self, request, context)
        let saved = try await writes.updateHighlight(actor, story: s, current: h, try body.merged(onto: HighlightInput(h)), expected: expected)
        return try APIWrites.json(J.HighlightJSON(saved), version: saved.version)
    }

    @Sendable func deleteHighlight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let (s, h) = try await highlightRecord(request, context, m, tr)
        try await writes.deleteHighlight(actor, story: s, h, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }

    // MARK: insights

    @Sendable func listInsights(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await loader.evidence.insights(organisationID: m.organisation.id, trajectoryID: tr.id)
        return try APIWrites.list("insights", try APIWrites.page(all.map(J.InsightJSON.init), request, sorts: ["title": { $0.title < $1.title }]))
    }

    @Sendable func createInsight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.InsightBody.self, request, context)
        let created = try await writes.createInsight(actor, trajectoryID: tr.id, body.merged(onto: InsightInput()))
        return try Self.created(J.InsightJSON(created), version: created.version, location: Self.insight.link(m.organisation.slug, tr.id, created.id))
    }

    @Sendable func getInsight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await loader.insight(request, context, m, tr)
        return try APIWrites.json(J.InsightJSON(found), version: found.version)
    }

    @Sendable func updateInsight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await loader.insight(request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.InsightBody.self, request, context)
        let saved = try await writes.updateInsight(actor, current: current, body.merged(onto: InsightInput(current)), expected: expected)
        return try APIWrites.json(J.InsightJSON(saved), version: saved.version)
    }

    @Sendable func deleteInsight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await loader.insight(request, context, m, tr)
        try await writes.deleteInsight(actor, current, expected: try APIWrites.expectedVersion(request))
        return Self.noContent
    }
}
