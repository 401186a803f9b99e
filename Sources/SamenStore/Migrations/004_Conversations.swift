import SQLKit

extension Migration {
    /// 004: conversations (statements, participants, votes with their full history), the
    /// last computed opinion map, and a jobs table that several servers share.
    public static let conversations = Migration(version: 4, name: "conversations, statements, participants, votes, jobs") { _ in
        [
            """
            CREATE TABLE conversations (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                trajectory_id TEXT,
                phase TEXT NOT NULL DEFAULT '',
                question TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                moderation TEXT NOT NULL DEFAULT 'post',
                allow_statements BIGINT NOT NULL DEFAULT 1,
                opens_at BIGINT,
                closes_at BIGINT,
                public_token TEXT NOT NULL UNIQUE,
                next_statement BIGINT NOT NULL DEFAULT 0,
                next_participant BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX conversations_organisation ON conversations(organisation_id)",
            """
            CREATE TABLE conversation_statements (
                conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                number BIGINT NOT NULL,
                body TEXT NOT NULL,
                author BIGINT,
                is_seed BIGINT NOT NULL DEFAULT 0,
                state TEXT NOT NULL,
                reason TEXT NOT NULL DEFAULT '',
                vote_count BIGINT NOT NULL DEFAULT 0,
                split BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                moderated_at BIGINT,
                PRIMARY KEY (conversation_id, number)
            )
            """,
            "CREATE INDEX conversation_statements_state ON conversation_statements(conversation_id, state)",
            """
            CREATE TABLE conversation_participants (
                conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                number BIGINT NOT NULL,
                token_hash TEXT NOT NULL,
                kind TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (conversation_id, number),
                UNIQUE (conversation_id, token_hash)
            )
            """,
            """
            CREATE TABLE conversation_votes (
                conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                participant BIGINT NOT NULL,
                statement BIGINT NOT NULL,
                vote BIGINT NOT NULL,
                voted_at_ms BIGINT NOT NULL,
                PRIMARY KEY (conversation_id, participant, statement)
            )
            """,
            "CREATE INDEX conversation_votes_statement ON conversation_votes(conversation_id, statement)",
            """
            CREATE TABLE conversation_vote_events (
                conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                participant BIGINT NOT NULL,
                statement BIGINT NOT NULL,
                vote BIGINT NOT NULL,
                voted_at_ms BIGINT NOT NULL,
                seq BIGINT NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX conversation_vote_events_time ON conversation_vote_events(conversation_id, voted_at_ms)",
            """
            CREATE TABLE conversation_results (
                conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
                computed_at BIGINT NOT NULL,
                vote_events BIGINT NOT NULL,
                duration_ms BIGINT NOT NULL,
                body TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                run_after BIGINT NOT NULL,
                version BIGINT NOT NULL DEFAULT 1,
                claimed_by TEXT,
                claimed_version BIGINT,
                claimed_until BIGINT,
                attempts BIGINT NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                UNIQUE (kind, subject_id)
            )
            """,
            "CREATE INDEX jobs_due ON jobs(run_after)",
        ]
    }
}
