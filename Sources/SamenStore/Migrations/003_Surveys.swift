import SamenCore

extension Migration {
    /// 003: the experience-versus-need survey: dimension sets (the default eight seeded),
    /// surveys with items and segment questions, waves, one-time answer links, and answers.
    ///
    /// Answers are stored one row per respondent with the item answers packed in one text
    /// column (`need,experience` per item in item order), so a wave of a million
    /// respondents is a million rows, not thirty million, and reads back in one scan.
    public static let surveys = Migration(version: 3, name: "surveys, dimension sets, waves, answers") { _ in
        [
            """
            CREATE TABLE survey_dimension_sets (
                id TEXT PRIMARY KEY,
                organisation_id TEXT REFERENCES organisations(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                source TEXT NOT NULL,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX survey_dimension_sets_organisation ON survey_dimension_sets(organisation_id)",
            """
            CREATE TABLE survey_dimensions (
                set_id TEXT NOT NULL REFERENCES survey_dimension_sets(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                position BIGINT NOT NULL,
                name_nl TEXT NOT NULL,
                name_en TEXT NOT NULL,
                definition_nl TEXT NOT NULL,
                definition_en TEXT NOT NULL,
                PRIMARY KEY (set_id, code)
            )
            """,
            """
            CREATE TABLE surveys (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                trajectory_id TEXT,
                title TEXT NOT NULL,
                dimension_set_id TEXT NOT NULL REFERENCES survey_dimension_sets(id),
                dimension_set_version BIGINT NOT NULL,
                scale_max BIGINT NOT NULL,
                asks_nps BIGINT NOT NULL DEFAULT 0,
                asks_ces BIGINT NOT NULL DEFAULT 0,
                asks_mark BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX surveys_organisation ON surveys(organisation_id)",
            """
            CREATE TABLE survey_items (
                id TEXT PRIMARY KEY,
                survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                dimension_code TEXT NOT NULL,
                number BIGINT NOT NULL,
                text_nl TEXT NOT NULL,
                text_en TEXT NOT NULL,
                reverse_coded BIGINT NOT NULL DEFAULT 0,
                UNIQUE (survey_id, dimension_code, number)
            )
            """,
            """
            CREATE TABLE survey_segment_questions (
                survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                position BIGINT NOT NULL,
                levels TEXT NOT NULL,
                PRIMARY KEY (survey_id, code)
            )
            """,
            """
            CREATE TABLE survey_waves (
                id TEXT PRIMARY KEY,
                survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                starts_on TEXT,
                ends_on TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX survey_waves_survey ON survey_waves(survey_id)",
            """
            CREATE TABLE survey_links (
                token_hash TEXT PRIMARY KEY,
                wave_id TEXT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
                survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX survey_links_wave ON survey_links(wave_id)",
            """
            CREATE TABLE survey_responses (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
                wave_id TEXT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
                source TEXT NOT NULL,
                answers TEXT NOT NULL,
                channel TEXT,
                persona TEXT,
                district TEXT,
                age_band TEXT,
                nps BIGINT,
                ces BIGINT,
                mark BIGINT,
                submitted_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX survey_responses_survey ON survey_responses(organisation_id, survey_id)",
        ] + seedDefaultDimensionSet()
    }

    /// The default set as constant statements (fixed text from `SurveyRules`, not input).
    private static func seedDefaultDimensionSet() -> [String] {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        var statements = ["""
            INSERT INTO survey_dimension_sets (id, organisation_id, name, source, version, created_at)
            VALUES (\(quoted(DimensionSet.defaultID)), NULL, \(quoted(SurveyRules.defaultSetName)),
                    \(quoted(SurveyRules.defaultSetSource)), \(SurveyRules.defaultSetVersion), 0)
            """]
        for (position, dimension) in SurveyRules.defaultDimensions.enumerated() {
            statements.append("""
                INSERT INTO survey_dimensions (set_id, code, position, name_nl, name_en, definition_nl, definition_en)
                VALUES (\(quoted(DimensionSet.defaultID)), \(quoted(dimension.code)), \(position),
                        \(quoted(dimension.nameNL)), \(quoted(dimension.nameEN)),
                        \(quoted(dimension.definitionNL)), \(quoted(dimension.definitionEN)))
                """)
        }
        return statements
    }
}
