extension Migration {
    /// 010: the write side. A `row_version` on every record a person can edit (optimistic
    /// concurrency: a save names the version it read), the audit trail, and its retention
    /// period per organisation.
    public static let writeSide = Migration(version: 10, name: "row versions and audit trail") { _ in
        versionedTables.map { "ALTER TABLE \($0) ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1" } + [
            """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                trajectory_id TEXT,
                actor_id TEXT,
                actor_name TEXT NOT NULL,
                at BIGINT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                action TEXT NOT NULL,
                fields TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_organisation ON audit_log(organisation_id, at, id)",
            "CREATE INDEX audit_log_trajectory ON audit_log(organisation_id, trajectory_id, at)",
            "ALTER TABLE organisations ADD COLUMN audit_retention_days BIGINT NOT NULL DEFAULT 730",
        ]
    }

    /// Tables whose rows people edit. `row_version` rather than `version`: dimension sets
    /// and conversation results already use `version` for something else.
    static let versionedTables = [
        "trajectories", "activities", "stakeholders", "participants", "participations", "decisions",
        "stories", "highlights", "insights", "personas", "journeys", "journey_steps",
        "survey_dimension_sets", "surveys", "survey_items", "survey_waves", "conversations", "conversation_statements",
        "memberships",
    ]
}
