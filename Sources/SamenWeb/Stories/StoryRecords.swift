import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Finds the voice record a URL names, inside the trajectory and organisation of the
/// request (404 otherwise), for the web pages and the API alike.
struct StoryRecords {
    let t: TrajectoryContext
    var stories: StoryStore { StoryStore(database: t.services.database) }
    var evidence: EvidenceStore { EvidenceStore(database: t.services.database) }
    var design: DesignStore { DesignStore(database: t.services.database) }

    func story(_ request: Request, _ context: AppRequestContext, for action: Action) async throws -> (Membership, Trajectory, Story) {
        let (m, tr) = try await t.access(request, context, for: action)
        return (m, tr, try await story(request, context, m, tr))
    }

    func story(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> Story {
        guard let story = try await stories.story(organisationID: m.organisation.id, id: try request.parameter("story", context)),
              story.trajectoryID == tr.id else { throw SamenError.notFound }
        return story
    }

    func highlight(_ request: Request, _ context: AppRequestContext,
                   for action: Action = .editContent) async throws -> (Membership, Trajectory, Story, Highlight) {
        let (m, tr, s) = try await story(request, context, for: action)
        let id = try request.parameter("highlight", context)
        guard let h = try await evidence.highlights(organisationID: m.organisation.id, trajectoryID: tr.id, storyID: s.id)
            .first(where: { $0.id == id }) else { throw SamenError.notFound }
        return (m, tr, s, h)
    }

    func insight(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> Insight {
        let id = try request.parameter("insight", context)
        guard let found = try await evidence.insights(organisationID: m.organisation.id, trajectoryID: tr.id).first(where: { $0.id == id }) else {
            throw SamenError.notFound
        }
        return found
    }

    func persona(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> Persona {
        let id = try request.parameter("persona", context)
        guard let found = try await design.personas(organisationID: m.organisation.id, trajectoryID: tr.id).first(where: { $0.id == id }) else {
            throw SamenError.notFound
        }
        return found
    }

    func journey(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> Journey {
        let id = try request.parameter("journey", context)
        guard let found = try await design.journeys(organisationID: m.organisation.id, trajectoryID: tr.id).first(where: { $0.id == id }) else {
            throw SamenError.notFound
        }
        return found
    }

    func step(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ journey: Journey) async throws -> JourneyStep {
        let id = try request.parameter("step", context)
        guard let found = try await design.steps(organisationID: m.organisation.id, journeyID: journey.id).first(where: { $0.id == id }) else {
            throw SamenError.notFound
        }
        return found
    }
}
