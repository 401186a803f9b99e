import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Insights, personas, journey maps and their steps.
extension StoryWrites {
    // MARK: insights

    public func createInsight(_ actor: WriteActor, trajectoryID: String, _ input: InsightInput) async throws -> Insight {
        try actor.require(.editContent)
        let insight = try input.validated(trajectoryID: trajectoryID)
        return try await database.transaction { sql in
            let stored = try await EvidenceStore.insertInsight(sql: sql, organisationID: actor.organisationID, trajectoryID: trajectoryID,
                                                               title: insight.title, description: insight.description, highlightIDs: insight.highlightIDs)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "insight", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateInsight(_ actor: WriteActor, current: Insight, _ input: InsightInput, expected: Int?) async throws -> Insight {
        try actor.require(.editContent)
        var insight = try input.validated(trajectoryID: current.trajectoryID, id: current.id)
        return try await database.transaction { sql in
            insight.version = try await StoryRecordWrites.updateInsight(sql: sql, organisationID: actor.organisationID, insight, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "insight", entityID: current.id,
                                        action: .update, fields: Self.changes(InsightInput(current), InsightInput(insight)))
            return insight
        }
    }

    public func deleteInsight(_ actor: WriteActor, _ insight: Insight, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await StoryRecordWrites.deleteInsight(sql: sql, organisationID: actor.organisationID, id: insight.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: insight.trajectoryID, entity: "insight", entityID: insight.id, action: .delete)
        }
    }

    public func insightImpact(_ insight: Insight) async throws -> DeletionImpact {
        try await database.read { sql in try await StoryRecordWrites.insightImpact(sql: sql, id: insight.id) }
    }

    // MARK: personas

    public func createPersona(_ actor: WriteActor, trajectoryID: String, _ input: PersonaInput) async throws -> Persona {
        try actor.require(.editContent)
        let persona = try input.validated(trajectoryID: trajectoryID)
        return try await database.transaction { sql in
            let stored = try await DesignStore.insertPersona(sql: sql, organisationID: actor.organisationID, persona)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "persona", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updatePersona(_ actor: WriteActor, current: Persona, _ input: PersonaInput, expected: Int?) async throws -> Persona {
        try actor.require(.editContent)
        var persona = try input.validated(trajectoryID: current.trajectoryID, id: current.id)
        return try await database.transaction { sql in
            persona.version = try await StoryRecordWrites.updatePersona(sql: sql, organisationID: actor.organisationID, persona, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "persona", entityID: current.id,
                                        action: .update, fields: Self.changes(PersonaInput(current), PersonaInput(persona)))
            return persona
        }
    }

    public func deletePersona(_ actor: WriteActor, _ persona: Persona, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await StoryRecordWrites.deletePersona(sql: sql, organisationID: actor.organisationID, id: persona.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: persona.trajectoryID, entity: "persona", entityID: persona.id, action: .delete)
        }
    }

    public func personaImpact(_ persona: Persona) async throws -> DeletionImpact {
        try await database.read { sql in try await StoryRecordWrites.personaImpact(sql: sql, id: persona.id) }
    }

    // MARK: journeys

    public func createJourney(_ actor: WriteActor, persona: Persona, _ input: JourneyInput) async throws -> Journey {
        try actor.require(.editContent)
        let journey = try input.validated(trajectoryID: persona.trajectoryID, personaID: persona.id)
        return try await database.transaction { sql in
            let stored = try await DesignStore.insertJourney(sql: sql, organisationID: actor.organisationID, journey)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: persona.trajectoryID, entity: "journey", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateJourney(_ actor: WriteActor, current: Journey, _ input: JourneyInput, expected: Int?) async throws -> Journey {
        try actor.require(.editContent)
        var journey = try input.validated(trajectoryID: current.trajectoryID, personaID: current.personaID, id: current.id)
        return try await database.transaction { sql in
            journey.version = try await StoryRecordWrites.updateJourney(sql: sql, organisationID: actor.organisationID, journey, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "journey", entityID: current.id,
                                        action: .update, fields: Self.changes(JourneyInput(current), JourneyInput(journey)))
            return journey
        }
    }

    public func deleteJourney(_ actor: WriteActor, _ journey: Journey, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await StoryRecordWrites.deleteJourney(sql: sql, organisationID: actor.organisationID, id: journey.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: journey.trajectoryID, entity: "journey", entityID: journey.id, action: .delete)
        }
    }

    public func journeyImpact(_ journey: Journey) async throws -> DeletionImpact {
        try await database.read { sql in try await StoryRecordWrites.journeyImpact(sql: sql, id: journey.id) }
    }

    // MARK: journey steps

    public func createStep(_ actor: WriteActor, journey: Journey, _ input: JourneyStepInput) async throws -> JourneyStep {
        try actor.require(.editContent)
        let step = try input.validated(journeyID: journey.id)
        return try await database.transaction { sql in
            let stored = try await DesignStore.insertStep(sql: sql, organisationID: actor.organisationID, trajectoryID: journey.trajectoryID, step)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: journey.trajectoryID, entity: "journey_step", entityID: stored.id,
                                        action: .create)
            return stored
        }
    }

    public func updateStep(_ actor: WriteActor, journey: Journey, current: JourneyStep, _ input: JourneyStepInput,
                           expected: Int?) async throws -> JourneyStep {
        try actor.require(.editContent)
        var step = try input.validated(journeyID: current.journeyID, id: current.id)
        return try await database.transaction { sql in
            step.version = try await StoryRecordWrites.updateStep(sql: sql, organisationID: actor.organisationID, trajectoryID: journey.trajectoryID,
                                                                  step, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: journey.trajectoryID, entity: "journey_step", entityID: current.id,
                                        action: .update, fields: Self.changes(JourneyStepInput(current), JourneyStepInput(step)))
            return step
        }
    }

    public func deleteStep(_ actor: WriteActor, journey: Journey, _ step: JourneyStep, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await StoryRecordWrites.deleteStep(sql: sql, organisationID: actor.organisationID, id: step.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: journey.trajectoryID, entity: "journey_step", entityID: step.id,
                                        action: .delete)
        }
    }
}
