import Foundation
import SamenCore
import SamenStore
import SQLKit

/// Every write to the capability catalogue, the interventions' capability needs and the
/// scenario sets with their ratings, shared by the pages, the API and the demo: role check,
/// the core's rules, one transaction with the change and its audit entry. `expected` is the
/// row version the caller read (nil: any).
public struct StrategyWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: capabilities (organisation-wide)

    public func createCapability(_ actor: WriteActor, _ input: CapabilityInput) async throws -> Capability {
        try actor.require(.editContent)
        return try await database.transaction { sql in
            let taken = try await CapabilityStore.names(sql: sql, organisationID: actor.organisationID, except: nil)
            let stored = try await CapabilityStore.insertCapability(sql: sql, try input.validated(organisationID: actor.organisationID, takenNames: taken))
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "capability", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateCapability(_ actor: WriteActor, current: Capability, _ input: CapabilityInput, expected: Int?) async throws -> Capability {
        try actor.require(.editContent)
        return try await database.transaction { sql in
            let taken = try await CapabilityStore.names(sql: sql, organisationID: actor.organisationID, except: current.id)
            var capability = try input.validated(organisationID: actor.organisationID, takenNames: taken, current: current)
            capability.version = try await CapabilityStore.updateCapability(sql: sql, organisationID: actor.organisationID, capability, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "capability", entityID: current.id, action: .update,
                                        fields: StoryWrites.changes(CapabilityInput(current), CapabilityInput(capability)))
            return capability
        }
    }

    public func deleteCapability(_ actor: WriteActor, _ capability: Capability, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await CapabilityStore.deleteCapability(sql: sql, organisationID: actor.organisationID, id: capability.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "capability", entityID: capability.id, action: .delete)
        }
    }

    public func capabilityImpact(_ capability: Capability) async throws -> DeletionImpact {
        try await database.read { sql in try await CapabilityStore.capabilityImpact(sql: sql, id: capability.id) }
    }

    // MARK: an intervention's capability needs

    /// The catalogue and the intervention's other needs are read in the write's transaction:
    /// a capability of another organisation is unknown, one already needed is refused.
    func checkedNeed(sql: any SQLDatabase, _ actor: WriteActor, _ intervention: Intervention, _ input: CapabilityNeedInput,
                     current: CapabilityNeed?) async throws -> CapabilityNeed {
        let catalogue = try await CapabilityStore.capabilityIDs(sql: sql, organisationID: actor.organisationID)
        let others = try await CapabilityStore.neededCapabilities(sql: sql, interventionID: intervention.id).filter { $0.id != current?.id }
        return try input.validated(interventionID: intervention.id, organisationCapabilities: catalogue,
                                   alreadyNeeded: others.map(\.capabilityID), current: current)
    }

    public func createNeed(_ actor: WriteActor, intervention: Intervention, _ input: CapabilityNeedInput) async throws -> CapabilityNeed {
        try actor.require(.editContent)
        return try await database.transaction { sql in
            try await TrajectoryStore.requireOwned(sql: sql, organisationID: actor.organisationID, trajectoryID: intervention.trajectoryID)
            let stored = try await CapabilityStore.insertNeed(sql: sql, try await checkedNeed(sql: sql, actor, intervention, input, current: nil))
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: intervention.trajectoryID, entity: "capability_need",
                                        entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateNeed(_ actor: WriteActor, intervention: Intervention, current: CapabilityNeed, _ input: CapabilityNeedInput,
                           expected: Int?) async throws -> CapabilityNeed {
        try actor.require(.editContent)
        return try await database.transaction { sql in
            var need = try await checkedNeed(sql: sql, actor, intervention, input, current: current)
            need.version = try await CapabilityStore.updateNeed(sql: sql, organisationID: actor.organisationID, need, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: intervention.trajectoryID, entity: "capability_need",
                                        entityID: current.id, action: .update,
                                        fields: StoryWrites.changes(CapabilityNeedInput(current), CapabilityNeedInput(need)))
            return need
        }
    }

    public func deleteNeed(_ actor: WriteActor, intervention: Intervention, _ need: CapabilityNeed, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await CapabilityStore.deleteNeed(sql: sql, organisationID: actor.organisationID, id: need.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: intervention.trajectoryID, entity: "capability_need",
                                        entityID: need.id, action: .delete)
        }
    }

    // MARK: scenario sets and ratings

    public func createSet(_ actor: WriteActor, trajectoryID: String, _ input: ScenarioSetInput) async throws -> ScenarioSet {
        try actor.require(.editContent)
        let set = try input.validated(trajectoryID: trajectoryID)
        return try await database.transaction { sql in
            let stored = try await ScenarioStore.insertSet(sql: sql, organisationID: actor.organisationID, set)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "scenario_set", entityID: stored.id, action: .create)
            return stored
        }
    }

    public func updateSet(_ actor: WriteActor, current: ScenarioSet, _ input: ScenarioSetInput, expected: Int?) async throws -> ScenarioSet {
        try actor.require(.editContent)
        var set = try input.validated(trajectoryID: current.trajectoryID, current: current)
        return try await database.transaction { sql in
            set.version = try await ScenarioStore.updateSet(sql: sql, organisationID: actor.organisationID, set, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "scenario_set", entityID: current.id,
                                        action: .update, fields: Self.changedFields(current, set))
            return set
        }
    }

    /// The names of the parts of a set that changed (axes, then scenarios by quadrant).
    static func changedFields(_ old: ScenarioSet, _ new: ScenarioSet) -> [String] {
        var fields: [String] = []
        if old.axisA != new.axisA { fields.append("axis_a") }
        if old.axisB != new.axisB { fields.append("axis_b") }
        for q in Quadrant.allCases where old.scenario(q).map({ ($0.name, $0.narrative, $0.signposts) }) ?? ("", "", "")
            != new.scenario(q).map({ ($0.name, $0.narrative, $0.signposts) }) ?? ("", "", "") {
            fields.append("scenario_" + q.rawValue)
        }
        return fields
    }

    /// Replaces the robustness matrix's ratings; every cell is checked before anything is stored.
    public func rate(_ actor: WriteActor, set: ScenarioSet, _ input: RatingsInput, expected: Int?) async throws -> ScenarioSet {
        try actor.require(.editContent)
        return try await database.transaction { sql in
            let eligible = try await ScenarioStore.eligible(sql: sql, organisationID: actor.organisationID, trajectoryID: set.trajectoryID)
            let ratings = try input.validated(eligible: eligible.map(\.id))
            var saved = set
            saved.version = try await ScenarioStore.replaceRatings(sql: sql, organisationID: actor.organisationID, set, ratings, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: set.trajectoryID, entity: "scenario_set", entityID: set.id,
                                        action: .update, fields: ["ratings"])
            return saved
        }
    }

    public func deleteSet(_ actor: WriteActor, _ set: ScenarioSet, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await ScenarioStore.deleteSet(sql: sql, organisationID: actor.organisationID, id: set.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: set.trajectoryID, entity: "scenario_set", entityID: set.id,
                                        action: .delete)
        }
    }

    public func setImpact(_ set: ScenarioSet) async throws -> DeletionImpact {
        try await database.read { sql in try await ScenarioStore.setImpact(sql: sql, id: set.id) }
    }
}
