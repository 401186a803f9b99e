import Foundation
import SamenCore
import SamenStore

/// Stories (pseudonymised text only), highlights, insights, personas and journey steps as
/// rows of text: the same content for the CSV exports and the JSON API.
struct StoryTables {
    let t: TrajectoryContext

    func table(_ name: String, _ m: Membership, _ tr: Trajectory) async throws -> (header: [String], rows: [[String]])? {
        let org = m.organisation.id
        let evidence = EvidenceStore(database: t.services.database)
        let design = DesignStore(database: t.services.database)
        func list(_ items: [String]) -> String { items.joined(separator: ";") }
        switch name {
        case "stories":
            let rows = try await StoryStore(database: t.services.database).stories(organisationID: org, trajectoryID: tr.id).map { s in
                [s.id, s.source.rawValue, s.status.rawValue, CalendarDate(unixTime: s.createdAt).description, s.pseudonymised,
                 s.consent.internalAnalysis ? "1" : "0", s.consent.publication ? "1" : "0", s.consent.reuse ? "1" : "0",
                 s.specialCategory ? "1" : "0", s.ageBand, s.district, s.channel, s.retentionDate]
            }
            return (["id", "source", "status", "date", "text_pseudonymised", "consent_internal", "consent_publication", "consent_reuse",
                     "special_category", "age_band", "district", "channel", "retention_date"], rows)
        case "highlights":
            let rows = try await evidence.highlights(organisationID: org, trajectoryID: tr.id).map { h in
                [h.id, h.storyID, String(h.start), String(h.end), h.quote, list(h.dimensions), h.touchpoint, h.polarity.rawValue,
                 h.beneficiary.rawValue, h.valueType.rawValue, list(h.tags)]
            }
            return (["id", "story_id", "start", "end", "quote", "dimensions", "touchpoint", "polarity", "beneficiary", "value_type", "tags"], rows)
        case "insights":
            let rows = try await evidence.insights(organisationID: org, trajectoryID: tr.id).map { [$0.id, $0.title, $0.description, list($0.highlightIDs)] }
            return (["id", "title", "description", "highlight_ids"], rows)
        case "personas":
            let rows = try await design.personas(organisationID: org, trajectoryID: tr.id).map { p in
                [p.id, p.name, p.quote, p.ageBand, p.situation, p.goals, p.needs, p.frustrations, p.channels, p.digitalSkills, p.network,
                 p.vulnerability, list(p.highlightIDs)]
            }
            return (["id", "name", "quote", "age_band", "situation", "goals", "needs", "frustrations", "channels", "digital_skills", "network",
                     "vulnerability", "highlight_ids"], rows)
        case "journeys":
            var rows: [[String]] = []
            let steps = Dictionary(grouping: try await design.steps(organisationID: org, trajectoryID: tr.id), by: \.journeyID)
            for journey in try await design.journeys(organisationID: org, trajectoryID: tr.id) {
                for step in steps[journey.id] ?? [] {
                    rows.append([journey.id, journey.personaID, journey.scenario, journey.kind.rawValue, String(step.position), step.stage,
                                 step.touchpoint, step.channel, step.actor, String(step.emotion), step.painPoints, step.momentOfTruth ? "1" : "0",
                                 step.opportunities, step.frontstage, step.backstage, step.support, list(step.highlightIDs)])
                }
            }
            return (["journey_id", "persona_id", "scenario", "kind", "position", "stage", "touchpoint", "channel", "actor", "emotion",
                     "pain_points", "moment_of_truth", "opportunities", "frontstage", "backstage", "support", "highlight_ids"], rows)
        default:
            return nil
        }
    }
}
