import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The evidence chain both ways: from an experiment through its intervention to the insights
/// and the citizens' passages they rest on, and from a story forward to the interventions
/// and experiments it led to.
struct ExperimentChain {
    let t: TrajectoryContext
    typealias Link = ExperimentRoutes.Link

    /// The insights the intervention answers, each with its passages and a link to their story.
    func insights(of interventionID: String?, _ m: Membership, _ tr: Trajectory) async throws -> [ExperimentRoutes.InsightChain] {
        let org = m.organisation.id, slug = m.organisation.slug, database = t.services.database
        guard let interventionID,
              let intervention = try await PortfolioStore(database: database).intervention(organisationID: org, id: interventionID) else { return [] }
        let evidence = EvidenceStore(database: database)
        let insights = try await evidence.insights(organisationID: org, trajectoryID: tr.id).filter { intervention.insightIDs.contains($0.id) }
        let highlights = try await evidence.highlights(organisationID: org, trajectoryID: tr.id, ids: insights.flatMap(\.highlightIDs))
        return insights.map { insight in
            ExperimentRoutes.InsightChain(
                title: insight.title, url: StoryPath.insights.link(slug, tr.id) + "#insight-\(insight.id)",
                passages: highlights.filter { insight.highlightIDs.contains($0.id) }.map {
                    Link(label: "“" + $0.quote + "”", url: StoryPath.story.link(slug, tr.id, $0.storyID))
                })
        }
    }

    /// What a story led to: the interventions resting on its passages, and the experiments
    /// that test them or name the story as evidence.
    struct LedTo {
        let interventions: [Link]
        let experiments: [Link]
        let isEmpty: Bool
    }

    /// The records a story led to, for the story's page and the API.
    func ledToRecords(storyID: String, _ m: Membership, _ tr: Trajectory) async throws -> (interventions: [Intervention], experiments: [Experiment]) {
        let org = m.organisation.id, database = t.services.database
        let store = ExperimentStore(database: database)
        let ids = try await store.interventionIDs(organisationID: org, storyID: storyID)
        let interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: tr.id)
            .filter { ids.contains($0.id) }
        let experiments = try await store.experiments(organisationID: org, storyID: storyID).filter { $0.trajectoryID == tr.id }
        return (interventions, experiments)
    }

    func ledTo(storyID: String, _ m: Membership, _ tr: Trajectory) async throws -> LedTo {
        let slug = m.organisation.slug
        let (found, tested) = try await ledToRecords(storyID: storyID, m, tr)
        let interventions = found.map { Link(label: $0.title, url: PortfolioPath.intervention.link(slug, tr.id, $0.id)) }
        let experiments = tested.map { Link(label: $0.title, url: ExperimentPath.experiment.link(slug, tr.id, $0.id)) }
        return LedTo(interventions: interventions, experiments: experiments, isEmpty: interventions.isEmpty && experiments.isEmpty)
    }
}
