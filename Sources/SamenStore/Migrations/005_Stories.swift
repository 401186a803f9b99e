extension Migration {
    /// 005: citizen stories and interviews, with consent per use, a receipt code (hashed),
    /// the pseudonymised text and a retention date after which the original is purged.
    public static let stories = Migration(version: 5, name: "stories and interviews") { _ in
        [
            """
            CREATE TABLE story_links (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                token TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                questions TEXT NOT NULL,
                is_open BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                link_id TEXT REFERENCES story_links(id) ON DELETE SET NULL,
                participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
                activity_id TEXT REFERENCES activities(id) ON DELETE SET NULL,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                receipt_hash TEXT UNIQUE,
                original_text TEXT,
                pseudonymised_text TEXT NOT NULL,
                consent_internal BIGINT NOT NULL,
                consent_publication BIGINT NOT NULL,
                consent_reuse BIGINT NOT NULL,
                age_band TEXT NOT NULL,
                district TEXT NOT NULL,
                channel TEXT NOT NULL,
                special_category BIGINT NOT NULL,
                retention_date TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                approved_by TEXT,
                approved_at BIGINT,
                purged_at BIGINT
            )
            """,
            "CREATE INDEX stories_trajectory ON stories(trajectory_id, created_at)",
            "CREATE INDEX stories_retention ON stories(retention_date)",
            // Names the team wants removed from texts (staff, family members mentioned in
            // stories). The participant register holds pseudonymous codes only, by design.
            """
            CREATE TABLE known_names (
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                PRIMARY KEY (trajectory_id, name)
            )
            """,
        ]
    }
}
