extension Migration {
    /// 016: published trajectory reports, each a frozen snapshot (JSON) numbered per
    /// trajectory; the number is unique, so two publications at once cannot share one.
    public static let trajectoryReports = Migration(version: 16, name: "published trajectory reports") { _ in
        [
            """
            CREATE TABLE trajectory_reports (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                number BIGINT NOT NULL,
                title TEXT NOT NULL,
                snapshot TEXT NOT NULL,
                published_at BIGINT NOT NULL,
                published_by TEXT NOT NULL,
                public_token TEXT UNIQUE,
                withdrawn_at BIGINT,
                row_version BIGINT NOT NULL DEFAULT 1,
                UNIQUE (trajectory_id, number)
            )
            """,
        ]
    }
}
