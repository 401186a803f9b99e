import SamenCore
import SQLKit

/// What the portfolio's advisor signals read, for many trajectories (or their surveys) at
/// once: one query per table over all the ids (issue 16, the trajectory list). Each
/// trajectory's rows are in the order its own read gives them.
extension PortfolioStore {
    /// The interventions of every trajectory given, with their links.
    public func interventions(organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [Intervention]] {
        guard !ids.isEmpty else { return [:] }
        return try await database.read { sql in
            Dictionary(grouping: try await Self.interventions(sql: sql, where: "trajectory_id IN (\(binds: ids)) AND \(Self.owned(organisationID))"),
                       by: \.trajectoryID)
        }
    }
}

extension GrowthModelStore {
    /// The maturity self-assessments of every trajectory given, oldest first per dimension.
    public func assessments(organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [MaturityAssessment]] {
        guard !ids.isEmpty else { return [:] }
        return try await database.read { sql in
            Dictionary(grouping: try await Self.assessments(sql: sql, where: "trajectory_id IN (\(binds: ids)) AND \(PortfolioStore.owned(organisationID))"),
                       by: \.trajectoryID)
        }
    }
}

extension ExperimentStore {
    /// `withoutLearning` for every trajectory given.
    public func withoutLearning(organisationID: String, trajectoryIDs ids: [String], today: CalendarDate) async throws -> [String: [Experiment]] {
        guard !ids.isEmpty else { return [:] }
        let before = ExperimentRules.overdueBefore(today: today).description
        return try await database.read { sql in
            Dictionary(grouping: try await Self.experiments(sql: sql, where: """
                trajectory_id IN (\(binds: ids)) AND \(Self.owned(organisationID)) AND decision IS NULL
                AND ends_on IS NOT NULL AND ends_on < \(bind: before)
                """), by: \.trajectoryID)
        }
    }
}

extension SurveyResponseStore {
    /// The waves of every survey given, each survey's in time order.
    public func waves(organisationID: String, surveyIDs ids: [String]) async throws -> [String: [SurveyWave]] {
        guard !ids.isEmpty else { return [:] }
        return try await database.read { sql in
            Dictionary(grouping: try await sql.raw("""
                SELECT id, survey_id, name, starts_on, ends_on, created_at FROM survey_waves
                WHERE organisation_id = \(bind: organisationID) AND survey_id IN (\(binds: ids))
                """).all().map(Self.decodeWave), by: \.surveyID).mapValues { $0.inTimeOrder() }
        }
    }

    /// `answerStamp` for every survey given, in one grouped aggregate (a survey without answers is the empty stamp).
    public func answerStamps(organisationID: String, surveyIDs ids: [String]) async throws -> [String: SurveyAnswerStamp] {
        guard !ids.isEmpty else { return [:] }
        return try await database.read { sql in
            var stamps = Dictionary(uniqueKeysWithValues: ids.map { ($0, SurveyAnswerStamp(count: 0, earliest: 0, latest: 0)) })
            for row in try await sql.raw("""
                SELECT w.survey_id, COUNT(*) AS n, COALESCE(MAX(r.submitted_at), 0) AS latest, COALESCE(MIN(r.submitted_at), 0) AS earliest
                FROM survey_waves w JOIN survey_responses r ON r.wave_id = w.id
                WHERE w.organisation_id = \(bind: organisationID) AND w.survey_id IN (\(binds: ids)) GROUP BY w.survey_id
                """).all() {
                stamps[try row.decode(column: "survey_id", as: String.self)] = SurveyAnswerStamp(
                    count: try row.decode(column: "n", as: Int.self), earliest: try row.decode(column: "earliest", as: Int64.self),
                    latest: try row.decode(column: "latest", as: Int64.self))
            }
            return stamps
        }
    }
}
