import SamenCore
import SQLKit

/// The learning log: lessons about the co-creation process, newest first.
public struct LessonStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func lessons(organisationID: String, trajectoryID: String) async throws -> [Lesson] {
        try await database.read { sql in
            try await Self.lessons(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(ExperimentStore.owned(organisationID))")
        }
    }

    public func lesson(organisationID: String, id: String) async throws -> Lesson? {
        try await database.read { sql in
            try await Self.lessons(sql: sql, where: "id = \(bind: id) AND \(ExperimentStore.owned(organisationID))").first
        }
    }

    static func lessons(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [Lesson] {
        try await sql.raw("SELECT * FROM lessons WHERE \(condition) ORDER BY learned_on DESC, created_at DESC, id").all().map { row in
            func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
            return Lesson(id: try text("id"), trajectoryID: try text("trajectory_id"), learnedOn: try text("learned_on"),
                          phase: Phase(rawValue: try text("phase")) ?? .coInitiation, kind: LessonKind(rawValue: try text("kind")) ?? .worked,
                          summary: try text("summary"), detail: try text("detail"), version: try row.decode(column: "row_version", as: Int.self))
        }
    }

    public static func insertLesson(sql: any SQLDatabase, organisationID: String, _ lesson: Lesson) async throws -> Lesson {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: lesson.trajectoryID)
        var l = lesson
        l.id = Identifier.make()
        l.version = 1
        try await sql.raw("""
            INSERT INTO lessons (id, trajectory_id, learned_on, phase, kind, summary, detail, created_at)
            VALUES (\(bind: l.id), \(bind: l.trajectoryID), \(bind: l.learnedOn), \(bind: l.phase.rawValue), \(bind: l.kind.rawValue),
                    \(bind: l.summary), \(bind: l.detail), \(bind: Clock.now()))
            """).run()
        return l
    }

    public static func updateLesson(sql: any SQLDatabase, organisationID: String, _ l: Lesson, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "lessons", key: "id = \(bind: l.id)", owned: ExperimentStore.owned(organisationID),
            set: """
                learned_on = \(bind: l.learnedOn), phase = \(bind: l.phase.rawValue), kind = \(bind: l.kind.rawValue), summary = \(bind: l.summary),
                detail = \(bind: l.detail)
                """, expected: expected)
    }

    public static func deleteLesson(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "lessons", key: "id = \(bind: id)", owned: ExperimentStore.owned(organisationID),
                                         expected: expected)
    }
}
