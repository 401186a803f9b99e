import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Every write to experiments and the learning log, shared by the pages, the API and the
/// demo: role check, the core's rules, one transaction with the change and its audit entry.
/// `expected` is the row version the caller read (nil: any).
public struct ExperimentWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func today() -> CalendarDate { CalendarDate(unixTime: Clock.now()) }

    // MARK: experiments

    public func createExperiment(_ actor: WriteActor, trajectoryID: String, _ input: ExperimentInput) async throws -> Experiment {
        try actor.require(.editContent)
        let experiment = try input.validated(trajectoryID: trajectoryID)
        return try await database.transaction { sql in
            let stored = try await ExperimentStore.insertExperiment(sql: sql, organisationID: actor.organisationID, experiment)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "experiment", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateExperiment(_ actor: WriteActor, current: Experiment, _ input: ExperimentInput, expected: Int?) async throws -> Experiment {
        try actor.require(.editContent)
        var experiment = try input.validated(trajectoryID: current.trajectoryID, current: current)
        return try await database.transaction { sql in
            experiment.version = try await ExperimentStore.updateExperiment(sql: sql, organisationID: actor.organisationID, experiment,
                                                                            expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "experiment", entityID: current.id,
                                        action: .update, fields: StoryWrites.changes(ExperimentInput(current), ExperimentInput(experiment)))
            return experiment
        }
    }

    public func deleteExperiment(_ actor: WriteActor, _ experiment: Experiment, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await ExperimentStore.deleteExperiment(sql: sql, organisationID: actor.organisationID, id: experiment.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: experiment.trajectoryID, entity: "experiment",
                                        entityID: experiment.id, action: .delete)
        }
    }

    public func experimentImpact(_ experiment: Experiment) async throws -> DeletionImpact {
        try await database.read { sql in try await ExperimentStore.experimentImpact(sql: sql, id: experiment.id) }
    }

    // MARK: learning log

    public func createLesson(_ actor: WriteActor, trajectoryID: String, _ input: LessonInput) async throws -> Lesson {
        try actor.require(.editContent)
        let lesson = try input.validated(trajectoryID: trajectoryID, today: Self.today())
        return try await database.transaction { sql in
            let stored = try await LessonStore.insertLesson(sql: sql, organisationID: actor.organisationID, lesson)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "lesson", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateLesson(_ actor: WriteActor, current: Lesson, _ input: LessonInput, expected: Int?) async throws -> Lesson {
        try actor.require(.editContent)
        var lesson = try input.validated(trajectoryID: current.trajectoryID, current: current, today: Self.today())
        return try await database.transaction { sql in
            lesson.version = try await LessonStore.updateLesson(sql: sql, organisationID: actor.organisationID, lesson, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "lesson", entityID: current.id,
                                        action: .update, fields: StoryWrites.changes(LessonInput(current), LessonInput(lesson)))
            return lesson
        }
    }

    public func deleteLesson(_ actor: WriteActor, _ lesson: Lesson, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await LessonStore.deleteLesson(sql: sql, organisationID: actor.organisationID, id: lesson.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: lesson.trajectoryID, entity: "lesson", entityID: lesson.id, action: .delete)
        }
    }
}
