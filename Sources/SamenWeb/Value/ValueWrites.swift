import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Every write to the value register, shared by the pages, the API and the demo: role check,
/// the core's rules, one transaction with the change and its audit entry. `expected` is the
/// row version the caller read (nil: any).
public struct ValueWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(_ actor: WriteActor, trajectoryID: String, _ input: ValueRecordInput) async throws -> ValueRecord {
        try actor.require(.editContent)
        let record = try input.validated(trajectoryID: trajectoryID)
        return try await database.transaction { sql in
            let stored = try await ValueStore.insert(sql: sql, organisationID: actor.organisationID, record)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "value_record", entityID: stored.id,
                                        action: .create)
            return stored
        }
    }

    /// A tagged highlight becomes a record in one step (its tags, passage and touchpoint).
    public func create(_ actor: WriteActor, trajectoryID: String, fromHighlight highlight: Highlight) async throws -> ValueRecord {
        try await create(actor, trajectoryID: trajectoryID, ValueRecordInput(highlight: highlight))
    }

    public func update(_ actor: WriteActor, current: ValueRecord, _ input: ValueRecordInput, expected: Int?) async throws -> ValueRecord {
        try actor.require(.editContent)
        var record = try input.validated(trajectoryID: current.trajectoryID, current: current)
        return try await database.transaction { sql in
            record.version = try await ValueStore.update(sql: sql, organisationID: actor.organisationID, record, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "value_record", entityID: current.id,
                                        action: .update, fields: StoryWrites.changes(ValueRecordInput(current), ValueRecordInput(record)))
            return record
        }
    }

    public func delete(_ actor: WriteActor, _ record: ValueRecord, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await ValueStore.delete(sql: sql, organisationID: actor.organisationID, id: record.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: record.trajectoryID, entity: "value_record",
                                        entityID: record.id, action: .delete)
        }
    }
}
