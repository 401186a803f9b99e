extension Migration {
    /// 018 (scale): the indexes the pages of a large municipality need (issue 16). The design
    /// lists of a trajectory (insights, personas, journeys and their steps) and the survey and
    /// conversation lists on its page read by trajectory; deleting a highlight, persona, step,
    /// participant, activity or wave looks up the rows that name it (cascades and SET NULL),
    /// which without these indexes scans the whole table (a million answers for a wave).
    public static let scaleIndexes = Migration(version: 18, name: "scale: indexes for large data sets") { _ in
        [
            "CREATE INDEX insights_trajectory ON insights(trajectory_id, created_at)",
            "CREATE INDEX personas_trajectory ON personas(trajectory_id, created_at)",
            "CREATE INDEX journeys_trajectory ON journeys(trajectory_id, created_at)",
            "CREATE INDEX journeys_persona ON journeys(persona_id)",
            "CREATE INDEX journey_steps_journey ON journey_steps(journey_id, position)",
            "CREATE INDEX insight_highlights_highlight ON insight_highlights(highlight_id)",
            "CREATE INDEX persona_highlights_highlight ON persona_highlights(highlight_id)",
            "CREATE INDEX journey_step_highlights_highlight ON journey_step_highlights(highlight_id)",
            "CREATE INDEX report_quotes_highlight ON report_quotes(highlight_id)",
            "CREATE INDEX intervention_personas_persona ON intervention_personas(persona_id)",
            "CREATE INDEX intervention_steps_step ON intervention_steps(step_id)",
            "CREATE INDEX experiment_participants_participant ON experiment_participants(participant_id)",
            "CREATE INDEX stories_participant ON stories(participant_id)",
            "CREATE INDEX stories_activity ON stories(activity_id)",
            "CREATE INDEX stories_link ON stories(link_id)",
            "CREATE INDEX surveys_trajectory ON surveys(trajectory_id)",
            "CREATE INDEX conversations_trajectory ON conversations(trajectory_id)",
            "CREATE INDEX survey_responses_wave ON survey_responses(wave_id)",
        ]
    }
}
