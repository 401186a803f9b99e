import SamenCore
import SamenStore

/// The personas and journey steps of a trajectory as links, for the pages that show where
/// passages are used further along the chain (a story's highlights, an insight's page).
struct DesignUses {
    let personas: [Persona]
    /// Each step with its journey's scenario, which names it.
    let steps: [(scenario: String, step: JourneyStep)]
    let slug: String
    let trajectoryID: String
    let personaLabel: String

    static func load(_ t: TrajectoryContext, _ membership: Membership, _ trajectory: Trajectory,
                     _ context: AppRequestContext) async throws -> DesignUses {
        let org = membership.organisation.id
        let design = DesignStore(database: t.services.database)
        let scenarios = Dictionary(try await design.journeys(organisationID: org, trajectoryID: trajectory.id).map { ($0.id, $0.scenario) },
                                   uniquingKeysWith: { a, _ in a })
        return DesignUses(personas: try await design.personas(organisationID: org, trajectoryID: trajectory.id),
                          steps: try await design.steps(organisationID: org, trajectoryID: trajectory.id).map { (scenarios[$0.journeyID] ?? "", $0) },
                          slug: membership.organisation.slug, trajectoryID: trajectory.id, personaLabel: t.word("persona_label", context))
    }

    /// The personas, then the journey steps, whose passages `uses` accepts.
    func links(where uses: ([String]) -> Bool) -> [InsightRoutes.Link] {
        personas.filter { uses($0.highlightIDs) }.map {
            InsightRoutes.Link(label: personaLabel + " " + $0.name, url: StoryPath.persona.link(slug, trajectoryID, $0.id))
        }
        + steps.filter { uses($0.step.highlightIDs) }.map {
            InsightRoutes.Link(label: $0.scenario + ": " + $0.step.touchpoint, url: StoryPath.journey.link(slug, trajectoryID, $0.step.journeyID))
        }
    }
}
