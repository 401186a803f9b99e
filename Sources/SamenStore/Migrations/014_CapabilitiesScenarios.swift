extension Migration {
    /// 014: the organisation's capability catalogue with what each intervention needs of it,
    /// and a trajectory's scenario set (two axes, four scenarios) with the robustness ratings
    /// of its interventions (domain.md §7). A need or rating goes with its intervention,
    /// capability or scenario.
    public static let capabilitiesScenarios = Migration(version: 14, name: "capabilities and scenarios") { _ in
        [
            """
            CREATE TABLE capabilities (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                name TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, current_level BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX capabilities_organisation ON capabilities(organisation_id, name)",
            """
            CREATE TABLE intervention_capabilities (
                id TEXT PRIMARY KEY,
                intervention_id TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                capability_id TEXT NOT NULL REFERENCES capabilities(id) ON DELETE CASCADE,
                needed_level BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1,
                UNIQUE (intervention_id, capability_id)
            )
            """,
            "CREATE INDEX intervention_capabilities_capability ON intervention_capabilities(capability_id)",
            """
            CREATE TABLE scenario_sets (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL UNIQUE REFERENCES trajectories(id) ON DELETE CASCADE,
                axis_a_name TEXT NOT NULL, axis_a_pole1 TEXT NOT NULL, axis_a_pole2 TEXT NOT NULL,
                axis_b_name TEXT NOT NULL, axis_b_pole1 TEXT NOT NULL, axis_b_pole2 TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            """
            CREATE TABLE scenarios (
                id TEXT PRIMARY KEY,
                set_id TEXT NOT NULL REFERENCES scenario_sets(id) ON DELETE CASCADE,
                quadrant TEXT NOT NULL, name TEXT NOT NULL, narrative TEXT NOT NULL, signposts TEXT NOT NULL,
                UNIQUE (set_id, quadrant)
            )
            """,
            """
            CREATE TABLE scenario_ratings (
                scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
                intervention_id TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
                rating BIGINT NOT NULL,
                PRIMARY KEY (scenario_id, intervention_id)
            )
            """,
            "CREATE INDEX scenario_ratings_intervention ON scenario_ratings(intervention_id)",
        ]
    }
}
