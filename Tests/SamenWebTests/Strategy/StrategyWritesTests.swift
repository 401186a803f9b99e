import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// The strategy use-cases on both databases: the capability catalogue, needs that can only
/// name the own organisation's capabilities, scenario sets and their ratings; versions,
/// tenancy, roles, what goes with a delete, and the audit entry of each write.
@Suite("Capability and scenario write use-cases")
struct StrategyWritesTests {
    struct World {
        let voice: StoryWritesContractTests.World
        let writes: StrategyWrites
        let long: Intervention
        let short: Intervention
        var capabilities: CapabilityStore { CapabilityStore(database: voice.database) }
        var scenarios: ScenarioStore { ScenarioStore(database: voice.database) }
    }

    static func world(_ database: Database) async throws -> World {
        let w = try await StoryWritesContractTests.world(database)
        let portfolio = PortfolioWrites(database: database)
        func intervention(_ title: String, _ horizon: Horizon) async throws -> Intervention {
            var input = InterventionInput()
            input.title = title; input.dimensions = ["known"]; input.horizon = horizon.rawValue; input.effort = "medium"
            return try await portfolio.createIntervention(w.ilse, trajectoryID: w.trajectoryID, input)
        }
        return World(voice: w, writes: StrategyWrites(database: database), long: try await intervention("Eén tafel", .long),
                     short: try await intervention("Brieven B1", .short))
    }

    static func capability(_ name: String, level: Int = 1) -> CapabilityInput {
        var input = CapabilityInput()
        input.name = name; input.kind = "way_of_working"; input.currentLevel = String(level)
        return input
    }

    @Test("capabilities: stored per organisation, names once, versions, roles, impact and audit", arguments: TestDatabase.kinds)
    func capabilities(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let created = try await w.writes.createCapability(v.ilse, Self.capability("Klantbeeld"))
            await #expect(throws: ValidationErrors([SamenError("capability_name_taken", kind: .conflict, field: "name")])) {
                _ = try await w.writes.createCapability(v.ilse, Self.capability("klantbeeld"))
            }
            let theirs = try await w.writes.createCapability(v.intruder, Self.capability("Klantbeeld"))
            #expect(try await w.capabilities.capabilities(organisationID: v.orgA).map(\.id) == [created.id], "each organisation its own catalogue")
            #expect(try await w.capabilities.capability(organisationID: v.orgA, id: theirs.id) == nil)
            await #expect(throws: SamenError.forbidden) { _ = try await w.writes.createCapability(v.viewer, Self.capability("X")) }
            await #expect(throws: SamenError.notFound) {
                _ = try await w.writes.updateCapability(v.intruder, current: created, Self.capability("Y"), expected: 1)
            }
            let saved = try await w.writes.updateCapability(v.ilse, current: created, Self.capability("Klantbeeld", level: 3), expected: 1)
            #expect(saved.version == 2 && saved.currentLevel == 3)
            await #expect(throws: SamenError.stale) {
                _ = try await w.writes.updateCapability(v.ilse, current: created, Self.capability("Klantbeeld", level: 4), expected: 1)
            }
            _ = try await w.writes.createNeed(v.ilse, intervention: w.long, CapabilityNeedInput(capabilityID: created.id, neededLevel: "5"))
            #expect(try await w.writes.capabilityImpact(saved).items == [DeletionImpact.Item(key: "impact_capability_needs", count: 1)])
            await #expect(throws: SamenError.stale) { try await w.writes.deleteCapability(v.ilse, saved, expected: 1) }
            try await w.writes.deleteCapability(v.ilse, saved, expected: 2)
            #expect(try await w.capabilities.needs(organisationID: v.orgA, interventionID: w.long.id).isEmpty, "its needs went with it")
            let trail = try await v.trail().filter { $0.entity == "capability" }
            #expect(trail.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.create, .delete, .update])
            #expect(trail.first { $0.action == .update }?.fields == ["current_level"])
        }
    }

    @Test("needs: only the own organisation's capabilities, each once per intervention; nothing stored when refused", arguments: TestDatabase.kinds)
    func needs(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let ours = try await w.writes.createCapability(v.ilse, Self.capability("Klantbeeld"))
            let other = try await w.writes.createCapability(v.ilse, Self.capability("Zaaksysteem"))
            let theirs = try await w.writes.createCapability(v.intruder, Self.capability("Van B"))
            await #expect(throws: ValidationErrors([SamenError("capability_unknown", kind: .conflict, field: "capability_id")])) {
                _ = try await w.writes.createNeed(v.ilse, intervention: w.long, CapabilityNeedInput(capabilityID: theirs.id, neededLevel: "3"))
            }
            #expect(try await w.capabilities.needs(organisationID: v.orgA, interventionID: w.long.id).isEmpty, "nothing stored")
            let need = try await w.writes.createNeed(v.ilse, intervention: w.long, CapabilityNeedInput(capabilityID: ours.id, neededLevel: "4"))
            await #expect(throws: ValidationErrors([SamenError("capability_already_needed", kind: .conflict, field: "capability_id")])) {
                _ = try await w.writes.createNeed(v.ilse, intervention: w.long, CapabilityNeedInput(capabilityID: ours.id, neededLevel: "2"))
            }
            await #expect(throws: SamenError.notFound) {
                _ = try await w.writes.createNeed(v.intruder, intervention: w.long, CapabilityNeedInput(capabilityID: theirs.id, neededLevel: "2"))
            }
            let moved = try await w.writes.updateNeed(v.ilse, intervention: w.long, current: need, CapabilityNeedInput(capabilityID: other.id, neededLevel: "5"),
                                                      expected: 1)
            #expect(moved.version == 2 && moved.capabilityID == other.id)
            await #expect(throws: SamenError.stale) {
                _ = try await w.writes.updateNeed(v.ilse, intervention: w.long, current: need, CapabilityNeedInput(capabilityID: ours.id, neededLevel: "5"),
                                                  expected: 1)
            }
            await #expect(throws: SamenError.forbidden) { try await w.writes.deleteNeed(v.viewer, intervention: w.long, moved, expected: 2) }
            #expect(try await w.capabilities.need(organisationID: v.orgB, id: need.id) == nil, "another organisation does not see it")
            let all = try await w.capabilities.needs(organisationID: v.orgA)
            #expect(all.map(\.need.neededLevel) == [5] && all.first?.trajectoryID == v.trajectoryID)
            try await w.writes.deleteNeed(v.ilse, intervention: w.long, moved, expected: 2)
            let trail = try await v.trail().filter { $0.entity == "capability_need" }
            #expect(trail.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.create, .delete, .update])
            #expect(trail.first { $0.action == .update }?.fields == ["capability_id", "needed_level"])
        }
    }

    @Test("a scenario set: one per trajectory, both axes required, ratings −2..+2 for long-horizon interventions only", arguments: TestDatabase.kinds)
    func scenarios(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            var noAxis = StrategyRulesInput.set()
            noAxis.axisA = ScenarioAxis(name: "", pole1: "", pole2: "")
            await #expect(throws: ValidationErrors.self) { _ = try await w.writes.createSet(v.ilse, trajectoryID: v.trajectoryID, noAxis) }
            #expect(try await w.scenarios.set(organisationID: v.orgA, trajectoryID: v.trajectoryID) == nil, "nothing stored")
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.createSet(v.intruder, trajectoryID: v.trajectoryID, StrategyRulesInput.set()) }
            let set = try await w.writes.createSet(v.ilse, trajectoryID: v.trajectoryID, StrategyRulesInput.set())
            await #expect(throws: ValidationErrors([SamenError("scenario_set_exists", kind: .conflict, field: "axis_a_name")])) {
                _ = try await w.writes.createSet(v.ilse, trajectoryID: v.trajectoryID, StrategyRulesInput.set())
            }
            #expect(try await w.scenarios.eligible(organisationID: v.orgA, trajectoryID: v.trajectoryID).map(\.id) == [w.long.id])

            let bad = RatingsInput([w.long.id: [.a1b1: "2", .a1b2: "3"]])
            await #expect(throws: ValidationErrors([.validation("rating_invalid", field: ScenarioRating.field(w.long.id, .a1b2))])) {
                _ = try await w.writes.rate(v.ilse, set: set, bad, expected: 1)
            }
            await #expect(throws: ValidationErrors([SamenError("rating_intervention_not_long", kind: .conflict, field: "ratings")])) {
                _ = try await w.writes.rate(v.ilse, set: set, RatingsInput([w.short.id: [.a1b1: "1"]]), expected: 1)
            }
            #expect(try await w.scenarios.ratings(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty, "nothing stored")
            let rated = try await w.writes.rate(v.ilse, set: set, RatingsInput([w.long.id: [.a1b1: "2", .a1b2: "-1", .a2b1: "0", .a2b2: "1"]]), expected: 1)
            #expect(rated.version == 2)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.rate(v.ilse, set: set, RatingsInput(), expected: 1) }
            let ratings = try await w.scenarios.ratings(organisationID: v.orgA, trajectoryID: v.trajectoryID)
            #expect(ratings.count == 4 && ratings.first { $0.quadrant == .a1b2 }?.rating == -1)
            #expect(try await w.scenarios.ratings(organisationID: v.orgB, trajectoryID: v.trajectoryID).isEmpty)

            var renamed = ScenarioSetInput(rated)
            renamed.names[.a2b2] = "Samen digitaal"
            let saved = try await w.writes.updateSet(v.ilse, current: rated, renamed, expected: 2)
            #expect(saved.version == 3 && saved.scenario(.a2b2)?.name == "Samen digitaal")
            #expect(try await w.scenarios.ratings(organisationID: v.orgA, trajectoryID: v.trajectoryID).count == 4, "a renamed scenario keeps its ratings")
            #expect(try await w.writes.setImpact(saved).items == [DeletionImpact.Item(key: "impact_scenarios", count: 4),
                                                                  DeletionImpact.Item(key: "impact_scenario_ratings", count: 4)])
            let cap = try await w.writes.createCapability(v.ilse, Self.capability("Klantbeeld"))
            _ = try await w.writes.createNeed(v.ilse, intervention: w.long, CapabilityNeedInput(capabilityID: cap.id, neededLevel: "3"))
            #expect(try await PortfolioWrites(database: database).interventionImpact(w.long).items == [
                DeletionImpact.Item(key: "impact_status_changes", count: 1), DeletionImpact.Item(key: "impact_intervention_needs", count: 1),
                DeletionImpact.Item(key: "impact_intervention_ratings", count: 4),
            ], "an intervention's delete page says its needs and ratings go with it")
            await #expect(throws: SamenError.forbidden) { try await w.writes.deleteSet(v.viewer, saved, expected: 3) }
            await #expect(throws: SamenError.stale) { try await w.writes.deleteSet(v.ilse, saved, expected: 2) }
            try await w.writes.deleteSet(v.ilse, saved, expected: 3)
            #expect(try await w.scenarios.set(organisationID: v.orgA, trajectoryID: v.trajectoryID) == nil)
            let trail = try await v.trail().filter { $0.entity == "scenario_set" }
            #expect(Set(trail.filter { $0.action == .update }.map(\.fields)) == [["ratings"], ["scenario_a2_b2"]])
            #expect(trail.filter { $0.action == .create }.count == 1 && trail.filter { $0.action == .delete }.count == 1)
        }
    }
}

/// A valid scenario set: two axes, four named scenarios with a story.
enum StrategyRulesInput {
    static func set() -> ScenarioSetInput {
        let scenarios = zip(Quadrant.allCases, ["Balie", "Buurt", "Afstand", "Meedenken"]).map {
            Scenario(quadrant: $0.0, name: $0.1, narrative: "Verhaal van " + $0.1, signposts: "")
        }
        return ScenarioSetInput(ScenarioSet(id: "", trajectoryID: "", axisA: ScenarioAxis(name: "Digitaal contact", pole1: "Persoonlijk", pole2: "Digitaal"),
                                            axisB: ScenarioAxis(name: "Vertrouwen", pole1: "Laag", pole2: "Hoog"), scenarios: scenarios))
    }
}
