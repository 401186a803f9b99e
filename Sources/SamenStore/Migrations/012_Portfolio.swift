extension Migration {
    /// 012: the intervention portfolio and the growth model (domain.md §7). An intervention
    /// links to the insights, personas and journey steps it answers (each link goes when
    /// its record goes); its status history is kept row by row.
    public static let portfolio = Migration(version: 12, name: "intervention portfolio and growth model") { _ in
        [
            """
            CREATE TABLE interventions (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                title TEXT NOT NULL, description TEXT NOT NULL, problem TEXT NOT NULL, dimensions TEXT NOT NULL,
                horizon TEXT NOT NULL, owner TEXT NOT NULL, expected_effect TEXT NOT NULL, effort TEXT NOT NULL, cost_eur BIGINT,
                status TEXT NOT NULL, status_since TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX interventions_trajectory ON interventions(trajectory_id, created_at)",
            """
            CREATE TABLE intervention_insights (
                intervention_id TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                insight_id TEXT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
                PRIMARY KEY (intervention_id, insight_id)
            )
            """,
            "CREATE INDEX intervention_insights_insight ON intervention_insights(insight_id)",
            """
            CREATE TABLE intervention_personas (
                intervention_id TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
                PRIMARY KEY (intervention_id, persona_id)
            )
            """,
            """
            CREATE TABLE intervention_steps (
                intervention_id TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                step_id TEXT NOT NULL REFERENCES journey_steps(id) ON DELETE CASCADE,
                PRIMARY KEY (intervention_id, step_id)
            )
            """,
            """
            CREATE TABLE intervention_status_changes (
                id TEXT PRIMARY KEY,
                intervention_id TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                from_status TEXT, to_status TEXT NOT NULL, changed_on TEXT NOT NULL, reason TEXT NOT NULL, changed_by TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX intervention_status_changes_intervention ON intervention_status_changes(intervention_id, at)",
            """
            CREATE TABLE maturity_assessments (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                dimension TEXT NOT NULL, level BIGINT NOT NULL, assessed_on TEXT NOT NULL, assessors TEXT NOT NULL,
                justification TEXT NOT NULL, evidence TEXT NOT NULL,
                target_short BIGINT, target_medium BIGINT, target_long BIGINT,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX maturity_assessments_trajectory ON maturity_assessments(trajectory_id, dimension, assessed_on)",
        ]
    }
}
