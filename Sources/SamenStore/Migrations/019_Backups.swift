extension Migration {
    /// 019: the runs of scheduled backups. `slot` is the interval a run belongs to and is
    /// unique, so of several servers sharing the database only one takes each backup.
    public static let backups = Migration(version: 19, name: "scheduled backup runs") { _ in
        [
            """
            CREATE TABLE backup_runs (
                id TEXT PRIMARY KEY,
                slot BIGINT NOT NULL UNIQUE,
                started_at BIGINT NOT NULL,
                finished_at BIGINT,
                worker TEXT NOT NULL,
                file TEXT NOT NULL DEFAULT '',
                kind TEXT NOT NULL DEFAULT '',
                size_bytes BIGINT,
                outcome TEXT NOT NULL,
                error_type TEXT
            )
            """,
        ]
    }
}
