extension Migration {
    /// 017: outcomes and indicators per intervention (issue 14) with their measurements. An indicator that reads a survey dimension's gap keeps only the
    /// link: its measurements are the survey's waves, computed when read. Without its survey
    /// it falls back to what was measured by hand.
    public static let valueOutcomes = Migration(version: 17, name: "value outcomes") { _ in
        [
            """
            CREATE TABLE value_outcomes (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                intervention_id TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                outcome TEXT NOT NULL, indicator TEXT NOT NULL, unit TEXT NOT NULL, direction TEXT NOT NULL,
                baseline_value DOUBLE PRECISION, baseline_on TEXT NOT NULL,
                survey_id TEXT REFERENCES surveys(id) ON DELETE SET NULL,
                dimension TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX value_outcomes_trajectory ON value_outcomes(trajectory_id, created_at)",
            "CREATE INDEX value_outcomes_intervention ON value_outcomes(intervention_id)",
            """
            CREATE TABLE value_measurements (
                id TEXT PRIMARY KEY,
                outcome_id TEXT NOT NULL REFERENCES value_outcomes(id) ON DELETE CASCADE,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                value DOUBLE PRECISION NOT NULL, measured_on TEXT NOT NULL, note TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX value_measurements_outcome ON value_measurements(outcome_id, measured_on)",
        ]
    }
}
