extension Migration {
    /// 009: full-text search over the pseudonymised text of stories and interviews (never
    /// over originals, so no direct identifier lands in an index). SQLite: an FTS5 table
    /// kept in step by triggers. PostgreSQL: a GIN index on the Dutch text-search vector.
    public static let storySearch = Migration(version: 9, name: "story full-text search") { kind in
        switch kind {
        case .sqlite:
            return [
                "CREATE VIRTUAL TABLE stories_fts USING fts5(story_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')",
                "INSERT INTO stories_fts (story_id, body) SELECT id, pseudonymised_text FROM stories",
                """
                CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
                    INSERT INTO stories_fts (story_id, body) VALUES (new.id, new.pseudonymised_text);
                END
                """,
                """
                CREATE TRIGGER stories_fts_update AFTER UPDATE OF pseudonymised_text ON stories BEGIN
                    DELETE FROM stories_fts WHERE story_id = old.id;
                    INSERT INTO stories_fts (story_id, body) VALUES (new.id, new.pseudonymised_text);
                END
                """,
                """
                CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
                    DELETE FROM stories_fts WHERE story_id = old.id;
                END
                """,
            ]
        case .postgres:
            return ["CREATE INDEX stories_search ON stories USING GIN (to_tsvector('dutch', pseudonymised_text))"]
        }
    }
}
