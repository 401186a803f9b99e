extension Migration {
    /// 006: highlights (tagged passages of stories) and insights that group them. Both are
    /// derived from a story and go with it when the story is withdrawn (ON DELETE CASCADE).
    public static let highlights = Migration(version: 6, name: "highlights and insights") { _ in
        [
            """
            CREATE TABLE highlights (
                id TEXT PRIMARY KEY,
                story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
                start_offset BIGINT NOT NULL,
                end_offset BIGINT NOT NULL,
                quote TEXT NOT NULL,
                dimensions TEXT NOT NULL,
                touchpoint TEXT NOT NULL,
                polarity TEXT NOT NULL,
                beneficiary TEXT NOT NULL,
                value_type TEXT NOT NULL,
                tags TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX highlights_story ON highlights(story_id)",
            """
            CREATE TABLE insights (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE insight_highlights (
                insight_id TEXT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
                highlight_id TEXT NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
                PRIMARY KEY (insight_id, highlight_id)
            )
            """,
        ]
    }
}
