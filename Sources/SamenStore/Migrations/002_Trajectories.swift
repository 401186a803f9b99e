extension Migration {
    /// 002: co-creation trajectories with phases, activities, stakeholders, participants,
    /// participation, decisions, target population shares and dismissed advisor warnings.
    public static let trajectories = Migration(version: 2, name: "trajectories and participation") { _ in
        [
            """
            CREATE TABLE trajectories (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                service TEXT NOT NULL,
                goal TEXT NOT NULL,
                target_groups TEXT NOT NULL,
                owner TEXT NOT NULL,
                start_date TEXT NOT NULL,
                end_date TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX trajectories_organisation ON trajectories(organisation_id)",
            """
            CREATE TABLE trajectory_phases (
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                phase TEXT NOT NULL,
                status TEXT NOT NULL,
                changed_at BIGINT NOT NULL,
                PRIMARY KEY (trajectory_id, phase)
            )
            """,
            """
            CREATE TABLE activities (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                phase TEXT NOT NULL,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                activity_date TEXT NOT NULL,
                place TEXT NOT NULL,
                facilitator TEXT NOT NULL,
                notes TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX activities_trajectory ON activities(trajectory_id, activity_date)",
            """
            CREATE TABLE stakeholders (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                stakeholder_group TEXT NOT NULL,
                required BIGINT NOT NULL,
                hard_to_reach BIGINT NOT NULL,
                low_digital_skills BIGINT NOT NULL,
                language_needs BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX stakeholders_trajectory ON stakeholders(trajectory_id)",
            """
            CREATE TABLE stakeholder_positions (
                id TEXT PRIMARY KEY,
                stakeholder_id TEXT NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
                power BIGINT NOT NULL,
                interest BIGINT NOT NULL,
                position_date TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX stakeholder_positions_stakeholder ON stakeholder_positions(stakeholder_id, position_date)",
            """
            CREATE TABLE participants (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                stakeholder_group TEXT NOT NULL,
                vulnerable BIGINT NOT NULL,
                age_band TEXT NOT NULL,
                district TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (trajectory_id, code)
            )
            """,
            """
            CREATE TABLE participations (
                participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                consent TEXT NOT NULL,
                contributions BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (participant_id, activity_id)
            )
            """,
            "CREATE INDEX participations_activity ON participations(activity_id)",
            """
            CREATE TABLE decisions (
                id TEXT PRIMARY KEY,
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                decision_date TEXT NOT NULL,
                summary TEXT NOT NULL,
                reason TEXT NOT NULL,
                decided_by TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX decisions_trajectory ON decisions(trajectory_id, decision_date)",
            """
            CREATE TABLE population_shares (
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                variable TEXT NOT NULL,
                level TEXT NOT NULL,
                percent DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (trajectory_id, variable, level)
            )
            """,
            """
            CREATE TABLE challenge_dismissals (
                trajectory_id TEXT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
                challenge BIGINT NOT NULL,
                reason TEXT NOT NULL,
                dismissed_by TEXT NOT NULL,
                dismissed_at BIGINT NOT NULL,
                PRIMARY KEY (trajectory_id, challenge)
            )
            """,
        ]
    }
}
