extension Migration {
    /// 015: the Co-VAL value register (domain.md §6). A record may rest on a highlight; when
    /// the highlight (or its story) goes, the record stays and loses only the link.
    public static let value = Migration(version: 15, name: "value register") { _ in
        [
            """
            CREATE TABLE value_records (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                beneficiary TEXT NOT NULL, value_type TEXT NOT NULL, polarity TEXT NOT NULL, moment TEXT NOT NULL,
                creator TEXT NOT NULL, description TEXT NOT NULL, cause TEXT NOT NULL, touchpoint TEXT NOT NULL,
                highlight_id TEXT REFERENCES highlights(id) ON DELETE SET NULL,
                evidence_note TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX value_records_trajectory ON value_records(trajectory_id, created_at)",
            "CREATE INDEX value_records_highlight ON value_records(highlight_id)",
        ]
    }
}
