import Foundation
import SamenCore
import SQLKit

extension LargeDataGenerator {
    /// Per trajectory of the large organisation: activities, stakeholders, participants and
    /// who took part where, a decision, a lesson and a story link — what the trajectory list's
    /// advisor facts and the trajectory page read for every trajectory.
    static let activitiesPerTrajectory = 2
    static let stakeholdersPerTrajectory = 3
    static let participantsPerTrajectory = 20

    func writeRegister() async throws {
        let t = shape.trajectories
        let ages = SurveyRules.defaultLevels[.ageBand] ?? ["onbekend"]
        func trajectoryID(_ n: Int) -> String { LargeDataID.make(LargeDataID.trajectory, n) }
        var random = SplitMix64(state: seed &+ 11)
        let tokens = (0..<t).map { _ in String(format: "%016llx%08llx", random.next(), random.next() & 0xFFFF_FFFF) }
        try await database.transaction { sql in
            let a = Self.activitiesPerTrajectory
            try await LargeDataBulk.insert(sql: sql, table: "activities", columns: ["id", "trajectory_id", "phase", "kind", "title", "activity_date",
                                                                               "place", "facilitator", "notes", "created_at"], count: t * a) { n in
                [LargeDataID.make(LargeDataID.activity, n), trajectoryID(n / a), Phase.coInitiation.rawValue,
                 ActivityKind.allCases[n % ActivityKind.allCases.count].rawValue, "Bijeenkomst \(n % a + 1)", "2026-0\(1 + n % 9)-10",
                 "Wijkcentrum \(LargeDataText.districts[n % LargeDataText.districts.count])", LargeDataText.names[n % LargeDataText.names.count],
                 "", LargeDataBulk.epoch + Int64(n)]
            }
            let s = Self.stakeholdersPerTrajectory
            try await LargeDataBulk.insert(sql: sql, table: "stakeholders", columns: ["id", "trajectory_id", "name", "stakeholder_group", "required",
                                                                                 "hard_to_reach", "low_digital_skills", "language_needs", "created_at"],
                                           count: t * s) { n in
                [LargeDataID.make(LargeDataID.stakeholder, n), trajectoryID(n / s), "Belanghebbende \(n % s + 1)",
                 StakeholderGroup.allCases[n % StakeholderGroup.allCases.count].rawValue, n % s == 0 ? 1 : 0, n % 2, n % 3 == 0 ? 1 : 0, 0,
                 LargeDataBulk.epoch + Int64(n)]
            }
            let p = Self.participantsPerTrajectory
            try await LargeDataBulk.insert(sql: sql, table: "participants", columns: ["id", "trajectory_id", "code", "stakeholder_group", "vulnerable",
                                                                                 "age_band", "district", "created_at"], count: t * p) { n in
                [LargeDataID.make(LargeDataID.participant, n), trajectoryID(n / p), "P\(n % p + 1)",
                 (n % 4 == 0 ? StakeholderGroup.frontlineStaff : .citizen).rawValue, n % 5 == 0 ? 1 : 0, ages[n % ages.count],
                 LargeDataText.districts[n % LargeDataText.districts.count], LargeDataBulk.epoch + Int64(n)]
            }
            // Each participant took part in one activity of their own trajectory.
            try await LargeDataBulk.insert(sql: sql, table: "participations", columns: ["participant_id", "activity_id", "role", "consent",
                                                                                   "contributions", "created_at"], count: t * p) { n in
                [LargeDataID.make(LargeDataID.participant, n), LargeDataID.make(LargeDataID.activity, (n / p) * a + n % a),
                 n % 4 == 0 ? "medewerker" : "ervaringsdeskundige", Consent.allCases[n % Consent.allCases.count].rawValue, 1 + n % 3,
                 LargeDataBulk.epoch + Int64(n)]
            }
            try await LargeDataBulk.insert(sql: sql, table: "decisions", columns: ["id", "trajectory_id", "kind", "decision_date", "summary", "reason",
                                                                              "decided_by", "created_at"], count: t) { n in
                [LargeDataID.make(LargeDataID.decision, n), trajectoryID(n), Decision.Kind.decision.rawValue, "2026-02-01",
                 "Wij starten met een proef.", "Uit de eerste gesprekken.", "Stuurgroep", LargeDataBulk.epoch + Int64(n)]
            }
            try await LargeDataBulk.insert(sql: sql, table: "lessons", columns: ["id", "trajectory_id", "learned_on", "phase", "kind", "summary",
                                                                            "detail", "created_at"], count: t) { n in
                [LargeDataID.make(LargeDataID.lesson, n), trajectoryID(n), "2026-05-01", Phase.coInitiation.rawValue,
                 LessonKind.allCases[n % LessonKind.allCases.count].rawValue, "Vroeg terugbellen werkt.", "", LargeDataBulk.epoch + Int64(n)]
            }
            try await LargeDataBulk.insert(sql: sql, table: "story_links", columns: ["id", "trajectory_id", "token", "title", "questions", "is_open",
                                                                                "created_at"], count: t) { n in
                [LargeDataID.make(LargeDataID.storyLink, n), trajectoryID(n), tokens[n], "Vertel uw verhaal",
                 "Wat ging goed?\nWat kan beter?", 1, LargeDataBulk.epoch + Int64(n)]
            }
        }
    }
}
