import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Every write to outcomes, indicators and measurements, shared by the pages, the API and
/// the demo: role check, the core's rules, one transaction with the change and its audit
/// entry. `expected` is the row version the caller read (nil: any).
public struct ValueOutcomeWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(_ actor: WriteActor, trajectoryID: String, _ input: ValueOutcomeInput) async throws -> ValueOutcome {
        try actor.require(.editContent)
        let outcome = try input.validated(trajectoryID: trajectoryID, dimensions: PortfolioWrites.dimensions)
        return try await database.transaction { sql in
            let stored = try await ValueOutcomeStore.insert(sql: sql, organisationID: actor.organisationID, outcome)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "value_outcome", entityID: stored.id,
                                        action: .create)
            return stored
        }
    }

    public func update(_ actor: WriteActor, current: ValueOutcome, _ input: ValueOutcomeInput, expected: Int?) async throws -> ValueOutcome {
        try actor.require(.editContent)
        var outcome = try input.validated(trajectoryID: current.trajectoryID, dimensions: PortfolioWrites.dimensions, current: current)
        return try await database.transaction { sql in
            outcome.version = try await ValueOutcomeStore.update(sql: sql, organisationID: actor.organisationID, outcome, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "value_outcome", entityID: current.id,
                                        action: .update, fields: StoryWrites.changes(ValueOutcomeInput(current), ValueOutcomeInput(outcome)))
            return outcome
        }
    }

    /// Deletes the outcome with its measurements by hand.
    public func delete(_ actor: WriteActor, _ outcome: ValueOutcome, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await ValueOutcomeStore.delete(sql: sql, organisationID: actor.organisationID, id: outcome.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: outcome.trajectoryID, entity: "value_outcome",
                                        entityID: outcome.id, action: .delete)
        }
    }

    public func addMeasurement(_ actor: WriteActor, outcome: ValueOutcome, _ input: ValueMeasurementInput) async throws -> ValueMeasurement {
        try actor.require(.editContent)
        let measurement = try input.validated(outcome: outcome)
        return try await database.transaction { sql in
            let stored = try await ValueOutcomeStore.insert(sql: sql, organisationID: actor.organisationID, measurement)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: outcome.trajectoryID, entity: "value_measurement",
                                        entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateMeasurement(_ actor: WriteActor, outcome: ValueOutcome, current: ValueMeasurement, _ input: ValueMeasurementInput,
                                  expected: Int?) async throws -> ValueMeasurement {
        try actor.require(.editContent)
        var measurement = try input.validated(outcome: outcome, current: current)
        return try await database.transaction { sql in
            measurement.version = try await ValueOutcomeStore.update(sql: sql, organisationID: actor.organisationID, measurement, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "value_measurement",
                                        entityID: current.id, action: .update,
                                        fields: StoryWrites.changes(ValueMeasurementInput(current), ValueMeasurementInput(measurement)))
            return measurement
        }
    }

    public func deleteMeasurement(_ actor: WriteActor, _ measurement: ValueMeasurement, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await ValueOutcomeStore.deleteMeasurement(sql: sql, organisationID: actor.organisationID, id: measurement.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: measurement.trajectoryID, entity: "value_measurement",
                                        entityID: measurement.id, action: .delete)
        }
    }
}
