import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Every write to the intervention portfolio and the growth model, shared by the pages,
/// the API and the demo: role check, the core's rules, one transaction with the change
/// and its audit entry. `expected` is the row version the caller read (nil: any).
public struct PortfolioWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The dimensions an intervention or assessment names (the default set, domain.md §7).
    public static var dimensions: [String] { HighlightRules.defaultDimensions }

    static func today() -> CalendarDate { CalendarDate(unixTime: Clock.now()) }

    // MARK: interventions

    public func createIntervention(_ actor: WriteActor, trajectoryID: String, _ input: InterventionInput) async throws -> Intervention {
        try actor.require(.editContent)
        let intervention = try input.validated(trajectoryID: trajectoryID, dimensions: Self.dimensions, today: Self.today())
        return try await database.transaction { sql in
            let stored = try await PortfolioStore.insertIntervention(sql: sql, organisationID: actor.organisationID, intervention, by: actor.displayName)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "intervention", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateIntervention(_ actor: WriteActor, current: Intervention, _ input: InterventionInput, expected: Int?) async throws -> Intervention {
        try actor.require(.editContent)
        var intervention = try input.validated(trajectoryID: current.trajectoryID, dimensions: Self.dimensions, current: current, today: Self.today())
        return try await database.transaction { sql in
            intervention.version = try await PortfolioStore.updateIntervention(sql: sql, organisationID: actor.organisationID, intervention,
                                                                                expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "intervention", entityID: current.id,
                                        action: .update, fields: StoryWrites.changes(InterventionInput(current), InterventionInput(intervention)))
            return intervention
        }
    }

    /// A status move is checked against where the intervention stands (no "evaluated" before
    /// "implemented"); the step, its date and reason go into the history.
    public func moveStatus(_ actor: WriteActor, current: Intervention, _ input: StatusMoveInput, expected: Int?) async throws -> Intervention {
        try actor.require(.editContent)
        // A move read from an older version is stale before it is wrong: the status it was meant for has changed.
        if let expected, expected != current.version { throw SamenError.stale }
        let change = try input.validated(current, today: Self.today(), by: actor.displayName)
        return try await database.transaction { sql in
            var moved = current
            moved.version = try await PortfolioStore.moveStatus(sql: sql, organisationID: actor.organisationID, change, expected: expected)
            moved.status = change.to
            moved.statusSince = change.on
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "intervention", entityID: current.id,
                                        action: .update, fields: ["status", "status_since"])
            return moved
        }
    }

    public func deleteIntervention(_ actor: WriteActor, _ intervention: Intervention, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await PortfolioStore.deleteIntervention(sql: sql, organisationID: actor.organisationID, id: intervention.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: intervention.trajectoryID, entity: "intervention",
                                        entityID: intervention.id, action: .delete)
        }
    }

    public func interventionImpact(_ intervention: Intervention) async throws -> DeletionImpact {
        try await database.read { sql in try await PortfolioStore.interventionImpact(sql: sql, id: intervention.id) }
    }

    // MARK: maturity assessments

    public func createAssessment(_ actor: WriteActor, trajectoryID: String, _ input: AssessmentInput) async throws -> MaturityAssessment {
        try actor.require(.editContent)
        let assessment = try input.validated(trajectoryID: trajectoryID, dimensions: Self.dimensions, today: Self.today())
        return try await database.transaction { sql in
            let stored = try await GrowthModelStore.insertAssessment(sql: sql, organisationID: actor.organisationID, assessment)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "maturity_assessment", entityID: stored.id,
                                        action: .create)
            return stored
        }
    }

    public func updateAssessment(_ actor: WriteActor, current: MaturityAssessment, _ input: AssessmentInput,
                                 expected: Int?) async throws -> MaturityAssessment {
        try actor.require(.editContent)
        var assessment = try input.validated(trajectoryID: current.trajectoryID, dimensions: Self.dimensions, current: current, today: Self.today())
        return try await database.transaction { sql in
            assessment.version = try await GrowthModelStore.updateAssessment(sql: sql, organisationID: actor.organisationID, assessment,
                                                                              expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "maturity_assessment",
                                        entityID: current.id, action: .update,
                                        fields: StoryWrites.changes(AssessmentInput(current), AssessmentInput(assessment)))
            return assessment
        }
    }

    public func deleteAssessment(_ actor: WriteActor, _ assessment: MaturityAssessment, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await GrowthModelStore.deleteAssessment(sql: sql, organisationID: actor.organisationID, id: assessment.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: assessment.trajectoryID, entity: "maturity_assessment",
                                        entityID: assessment.id, action: .delete)
        }
    }
}
