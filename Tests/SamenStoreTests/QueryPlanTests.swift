import SamenStore
import SamenTestSupport
import SQLKit
import Testing

/// The plans of the heaviest page queries (issue 16): none may read a large table whole.
/// SQLite: `EXPLAIN QUERY PLAN` must not say `SCAN <table>` for them. PostgreSQL: with
/// sequential scans priced out (`enable_seqscan = off`, as on a table too large to scan),
/// `EXPLAIN` must not fall back to `Seq Scan on <table>` — which it does only when no index fits.
/// The queries are the stores' own (trajectory list page, stories list, insights with their
/// highlights, journey steps of a trajectory, highlights of a trajectory).
@Suite("Query plans at scale")
struct QueryPlanTests {
    static let o = "org", t = "trajectory"

    /// (what, SQL, large tables it names with their aliases)
    static var queries: [(String, SQLQueryString, [String])] {
        let pattern = "%%"
        return [
            ("trajectory list page", """
                SELECT * FROM trajectories WHERE organisation_id = \(bind: o)
                AND (LOWER(title) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(service) LIKE \(bind: pattern) ESCAPE '\\')
                ORDER BY start_date DESC, id LIMIT \(bind: 50) OFFSET \(bind: 0)
                """, ["trajectories"]),
            ("stories list", """
                SELECT s.* FROM stories s JOIN trajectories t ON t.id = s.trajectory_id
                WHERE s.trajectory_id = \(bind: t) AND t.organisation_id = \(bind: o) ORDER BY s.created_at DESC
                """, ["stories", "s"]),
            ("highlights of a trajectory", """
                SELECT h.* FROM highlights h JOIN stories s ON s.id = h.story_id JOIN trajectories t ON t.id = s.trajectory_id
                WHERE s.trajectory_id = \(bind: t) AND t.organisation_id = \(bind: o)
                ORDER BY h.created_at, h.start_offset
                """, ["highlights", "h", "stories", "s"]),
            ("a page of a trajectory's highlights", """
                SELECT h.* FROM highlights h JOIN stories s ON s.id = h.story_id JOIN trajectories t ON t.id = s.trajectory_id
                WHERE s.trajectory_id = \(bind: t) AND t.organisation_id = \(bind: o)
                  AND (\(bind: "") = '' OR h.story_id = \(bind: ""))
                ORDER BY h.quote DESC, h.created_at, h.start_offset, h.id LIMIT \(bind: 50) OFFSET \(bind: 0)
                """, ["highlights", "h", "stories", "s"]),
            ("insights list", """
                SELECT i.* FROM insights i JOIN trajectories t ON t.id = i.trajectory_id
                WHERE i.trajectory_id = \(bind: t) AND t.organisation_id = \(bind: o) ORDER BY i.created_at
                """, ["insights", "i"]),
            ("insights' highlights", """
                SELECT ih.insight_id, ih.highlight_id FROM insight_highlights ih JOIN insights i ON i.id = ih.insight_id
                JOIN trajectories t ON t.id = i.trajectory_id
                WHERE i.trajectory_id = \(bind: t) AND t.organisation_id = \(bind: o)
                """, ["insights", "i", "insight_highlights", "ih"]),
            ("journey steps of a trajectory", """
                SELECT s.* FROM journey_steps s JOIN journeys j ON j.id = s.journey_id JOIN trajectories t ON t.id = j.trajectory_id
                WHERE j.trajectory_id = \(bind: t) AND t.organisation_id = \(bind: o) ORDER BY j.created_at, j.id, s.position, s.created_at
                """, ["journey_steps", "s", "journeys", "j"]),
            ("deleting a wave's answers", """
                SELECT id FROM survey_responses WHERE wave_id = \(bind: "wave")
                """, ["survey_responses"]),
            ("a survey's answers, through its waves", """
                SELECT wave_id, answers FROM survey_responses
                WHERE wave_id IN (SELECT id FROM survey_waves WHERE organisation_id = \(bind: o) AND survey_id = \(bind: "survey"))
                ORDER BY submitted_at, id
                """, ["survey_responses", "survey_waves"]),
            ("answer stamps of the listed surveys", """
                SELECT w.survey_id, COUNT(*) AS n, COALESCE(MAX(r.submitted_at), 0) AS latest
                FROM survey_waves w JOIN survey_responses r ON r.wave_id = w.id
                WHERE w.organisation_id = \(bind: o) AND w.survey_id IN (\(binds: ["s1", "s2"])) GROUP BY w.survey_id
                """, ["survey_responses", "r", "survey_waves", "w"]),
        ]
    }

    /// The plan lines that read one of `tables` whole.
    static func fullScans(_ database: Database, _ query: SQLQueryString, tables: [String]) async throws -> [String] {
        switch database.kind {
        case .sqlite:
            let lines = try await database.read { sql in
                try await sql.raw("EXPLAIN QUERY PLAN " + query).all().map { try $0.decode(column: "detail", as: String.self) }
            }
            return lines.filter { line in
                tables.contains { line == "SCAN \($0)" || line.hasPrefix("SCAN \($0) ") && !line.contains("USING INDEX") || line.hasPrefix("SCAN TABLE \($0)") }
            }
        case .postgres:
            let lines = try await database.transaction { sql in
                try await sql.raw("SET LOCAL enable_seqscan = off").run()
                return try await sql.raw("EXPLAIN " + query).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }
            }
            return lines.filter { line in tables.contains { line.contains("Seq Scan on \($0) ") || line.hasSuffix("Seq Scan on \($0)") } }
        }
    }

    @Test("the heaviest page queries read large tables through an index", arguments: TestDatabase.kinds)
    func noFullScans(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            for (what, query, tables) in Self.queries {
                let scans = try await Self.fullScans(database, query, tables: tables)
                #expect(scans == [], "\(what) reads a large table whole: \(scans)")
            }
        }
    }

    @Test("the check sees a full scan when there is one", arguments: TestDatabase.kinds)
    func seesAScan(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let scans = try await Self.fullScans(database, "SELECT id FROM stories WHERE district = \(bind: "Noord")", tables: ["stories"])
            #expect(scans.count == 1, "\(scans)")
        }
    }
}
