import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Real ids for the page benchmark's routes, in the form `RouteCatalog.fill` takes: the
/// demo organisation, its trajectory with the most stories, and in it (or in the
/// organisation) one record of every kind a route names, the largest where size differs.
enum PageBenchIDs {
    static func values(database: Database, organisationSlug: String) async throws -> [String: String] {
        try await database.read { sql in
            func first(_ query: SQLQueryString) async -> String? {
                guard let row = try? await sql.raw(query).first(), let column = row.allColumns.first else { return nil }
                if let text = try? row.decode(column: column, as: String.self) { return text }
                return (try? row.decode(column: column, as: Int.self)).map(String.init)
            }
            guard let o = await first("SELECT id FROM organisations WHERE slug = \(bind: organisationSlug)") else { throw SamenError.notFound }
            let t = await first("""
                SELECT t.id FROM trajectories t LEFT JOIN stories s ON s.trajectory_id = t.id WHERE t.organisation_id = \(bind: o)
                GROUP BY t.id ORDER BY COUNT(s.id) DESC, t.id LIMIT 1
                """) ?? ""
            var values: [String: String] = [":org": organisationSlug, ":trajectory": t, ":challenge": "3", ":file": "participants.csv"]
            func set(_ key: String, _ query: SQLQueryString) async {
                if let value = await first(query) { values[key] = value }
            }
            await set(":user", "SELECT u.id FROM users u WHERE u.email = \(bind: PageBench.facilitatorEmail)")
            for (key, table) in [(":story", "stories"), (":insight", "insights"), (":persona", "personas"), (":journey", "journeys"),
                                 (":activity", "activities"), (":stakeholder", "stakeholders"), (":participant", "participants"),
                                 (":decision", "decisions"), (":intervention", "interventions"), (":experiment", "experiments"),
                                 (":lesson", "lessons"), (":assessment", "maturity_assessments"), (":record", "value_records"),
                                 (":link", "story_links"), (":report", "trajectory_reports"), (":outcome", "value_outcomes"),
                                 (":analysis", "value_sroi_analyses")] {
                await set(key, "SELECT id FROM \(unsafeRaw: table) WHERE trajectory_id = \(bind: t) ORDER BY id LIMIT 1")
            }
            await set(":highlight", """
                SELECT h.id FROM highlights h JOIN stories s ON s.id = h.story_id WHERE s.trajectory_id = \(bind: t) ORDER BY h.id LIMIT 1
                """)
            await set(":step", """
                SELECT st.id FROM journey_steps st JOIN journeys j ON j.id = st.journey_id WHERE j.trajectory_id = \(bind: t)
                ORDER BY st.id LIMIT 1
                """)
            await set(":measurement", """
                SELECT id FROM value_measurements WHERE outcome_id = \(bind: values[":outcome"] ?? "") ORDER BY id LIMIT 1
                """)
            await set(":need", """
                SELECT ic.id FROM intervention_capabilities ic JOIN interventions i ON i.id = ic.intervention_id
                WHERE i.trajectory_id = \(bind: t) ORDER BY ic.id LIMIT 1
                """)
            await set(":capability", "SELECT id FROM capabilities WHERE organisation_id = \(bind: o) ORDER BY id LIMIT 1")
            await set(":set", "SELECT id FROM survey_dimension_sets WHERE organisation_id = \(bind: o) OR organisation_id IS NULL ORDER BY id LIMIT 1")
            await set("reports/:number", "SELECT number FROM trajectory_reports WHERE trajectory_id = \(bind: t) ORDER BY number LIMIT 1")
            await set("r/:token", "SELECT public_token FROM trajectory_reports WHERE public_token IS NOT NULL ORDER BY id LIMIT 1")
            await set("vertel/:token", "SELECT token FROM story_links WHERE trajectory_id = \(bind: t) AND is_open = 1 ORDER BY id LIMIT 1")
            // The survey and conversation with the most answers and participants.
            await set(":survey", """
                SELECT s.id FROM surveys s LEFT JOIN survey_waves w ON w.survey_id = s.id LEFT JOIN survey_responses r ON r.wave_id = w.id
                WHERE s.organisation_id = \(bind: o)
                GROUP BY s.id ORDER BY COUNT(r.id) DESC, s.id LIMIT 1
                """)
            await set(":wave", "SELECT id FROM survey_waves WHERE survey_id = \(bind: values[":survey"] ?? "") ORDER BY id LIMIT 1")
            await set(":conversation", """
                SELECT id FROM conversations WHERE organisation_id = \(bind: o) ORDER BY next_participant DESC, id LIMIT 1
                """)
            await set("c/:token", "SELECT public_token FROM conversations WHERE id = \(bind: values[":conversation"] ?? "")")
            await set("statements/:number", """
                SELECT number FROM conversation_statements WHERE conversation_id = \(bind: values[":conversation"] ?? "") ORDER BY number LIMIT 1
                """)
            return values
        }
    }
}
