extension Migration {
    /// 020: stored SROI analyses (impact maps) per trajectory (issue 14), optionally tied to one
    /// intervention. The impact map is kept as the CSV template text that `samen sroi` reads,
    /// so export and import are the same file; deleting the intervention unties the analysis.
    public static let valueSROIAnalyses = Migration(version: 20, name: "value sroi analyses") { _ in
        [
            """
            CREATE TABLE value_sroi_analyses (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                intervention_id TEXT REFERENCES interventions(id) ON DELETE SET NULL,
                title TEXT NOT NULL, scope_in TEXT NOT NULL, scope_out TEXT NOT NULL, period TEXT NOT NULL,
                stakeholders TEXT NOT NULL, engagement TEXT NOT NULL,
                inputs DOUBLE PRECISION NOT NULL, discount_rate DOUBLE PRECISION NOT NULL,
                draws BIGINT NOT NULL, seed BIGINT NOT NULL,
                impact_map TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX value_sroi_analyses_trajectory ON value_sroi_analyses(trajectory_id, created_at)",
            "CREATE INDEX value_sroi_analyses_intervention ON value_sroi_analyses(intervention_id)",
        ]
    }
}
