extension Migration {
    /// 008: the community report per trajectory ("you said, we did"): an introduction, the
    /// quotes the team chose (only from approved stories with publication consent), what
    /// was done per insight, and an optional public link.
    public static let communityReports = Migration(version: 8, name: "community reports") { _ in
        [
            """
            CREATE TABLE community_reports (
                trajectory_id TEXT PRIMARY KEY REFERENCES trajectories(id) ON DELETE CASCADE,
                intro TEXT NOT NULL,
                public_token TEXT UNIQUE,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE report_quotes (
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                highlight_id TEXT NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
                PRIMARY KEY (trajectory_id, highlight_id)
            )
            """,
            """
            CREATE TABLE report_actions (
                insight_id TEXT PRIMARY KEY REFERENCES insights(id) ON DELETE CASCADE,
                we_did TEXT NOT NULL
            )
            """,
        ]
    }
}
