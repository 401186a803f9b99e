extension Migration {
    /// 013: experiments with their test and learning cards, and the learning log (domain.md §7,
    /// seed 002 tips 3 and 5). An experiment keeps its place when the intervention, activity or
    /// wave it names goes (the link is cleared); its participant and story links go with the
    /// record they name.
    public static let experiments = Migration(version: 13, name: "experiments and learning log") { _ in
        [
            """
            CREATE TABLE experiments (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                intervention_id TEXT REFERENCES interventions(id) ON DELETE SET NULL,
                title TEXT NOT NULL, belief TEXT NOT NULL, test TEXT NOT NULL, metric TEXT NOT NULL, criterion TEXT NOT NULL,
                starts_on TEXT, ends_on TEXT,
                observed TEXT NOT NULL, learned TEXT NOT NULL, decision TEXT,
                activity_id TEXT REFERENCES activities(id) ON DELETE SET NULL,
                survey_wave_id TEXT REFERENCES survey_waves(id) ON DELETE SET NULL,
                measurements TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX experiments_trajectory ON experiments(trajectory_id, created_at)",
            "CREATE INDEX experiments_intervention ON experiments(intervention_id)",
            """
            CREATE TABLE experiment_participants (
                experiment_id TEXT NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
                participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                PRIMARY KEY (experiment_id, participant_id)
            )
            """,
            """
            CREATE TABLE experiment_stories (
                experiment_id TEXT NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
                story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
                PRIMARY KEY (experiment_id, story_id)
            )
            """,
            "CREATE INDEX experiment_stories_story ON experiment_stories(story_id)",
            """
            CREATE TABLE lessons (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                learned_on TEXT NOT NULL, phase TEXT NOT NULL, kind TEXT NOT NULL, summary TEXT NOT NULL, detail TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX lessons_trajectory ON lessons(trajectory_id, learned_on)",
        ]
    }
}
