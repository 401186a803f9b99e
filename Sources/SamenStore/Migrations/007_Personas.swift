extension Migration {
    /// 007: personas and journey maps (with blueprint lanes), each card linked to highlights.
    public static let personas = Migration(version: 7, name: "personas and journeys") { _ in
        [
            """
            CREATE TABLE personas (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                name TEXT NOT NULL, quote TEXT NOT NULL, age_band TEXT NOT NULL, situation TEXT NOT NULL,
                goals TEXT NOT NULL, needs TEXT NOT NULL, frustrations TEXT NOT NULL, channels TEXT NOT NULL,
                digital_skills TEXT NOT NULL, network TEXT NOT NULL, vulnerability TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE persona_highlights (
                persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
                highlight_id TEXT NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
                PRIMARY KEY (persona_id, highlight_id)
            )
            """,
            """
            CREATE TABLE journeys (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
                scenario TEXT NOT NULL,
                kind TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE journey_steps (
                id TEXT PRIMARY KEY,
                journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
                stage TEXT NOT NULL, position BIGINT NOT NULL, touchpoint TEXT NOT NULL, channel TEXT NOT NULL, actor TEXT NOT NULL,
                emotion BIGINT NOT NULL, pain_points TEXT NOT NULL, moment_of_truth BIGINT NOT NULL, opportunities TEXT NOT NULL,
                frontstage TEXT NOT NULL, backstage TEXT NOT NULL, support TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE journey_step_highlights (
                step_id TEXT NOT NULL REFERENCES journey_steps(id) ON DELETE CASCADE,
                highlight_id TEXT NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
                PRIMARY KEY (step_id, highlight_id)
            )
            """,
        ]
    }
}
