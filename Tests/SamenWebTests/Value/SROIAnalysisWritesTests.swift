import Foundation
import SamenAnalytics
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Stored SROI analyses on both databases: the store's contract (read per trajectory, versions,
/// tenancy, delete), the use-case's rules (discount rate, draws, an impact map that must read,
/// an intervention of the same trajectory), roles and the audit trail.
@Suite("SROI analysis write use-cases")
struct SROIAnalysisWritesTests {
    static let header = "stakeholder,outcome,indicator,quantity,proxy,duration,start,deadweight,displacement,attribution,drop_off"
    static let map = header + "\nInwoners,Minder stress,Score,10,100,2,1,10,0,20,10\nGemeente,Minder herhaalde intake,Uren,40,54,3,1,10,0,20,20\n"

    static func input(_ interventionID: String = "") -> ValueSROIAnalysisInput {
        var input = ValueSROIAnalysisInput()
        input.title = "Vaste consulent"; input.interventionID = interventionID; input.scopeIn = "Bijzondere bijstand"
        input.stakeholders = "Aanvragers en gemeente"; input.engagement = "Interviews"; input.inputs = "2000"
        input.impactMap = map
        return input
    }

    @Test("an analysis is stored with its defaults, read per trajectory only by its organisation, changed with its version and deleted; audited",
          arguments: TestDatabase.kinds)
    func roundTrip(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await ValueOutcomeWritesTests.world(database)
            let v = w.voice
            let writes = SROIAnalysisWrites(database: database), store = ValueSROIAnalysisStore(database: database)
            let created = try await writes.create(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.interventionID))
            #expect(created.discountRate == 3.5 && created.draws == 10_000 && created.seed == 2026 && created.version == 1)
            #expect(created.interventionID == w.interventionID && created.impactMap == Self.map)
            #expect(try await store.analyses(organisationID: v.orgA, trajectoryID: v.trajectoryID) == [created])
            #expect(try await store.analyses(organisationID: v.orgB, trajectoryID: v.trajectoryID).isEmpty, "another organisation sees nothing")
            #expect(try await store.analysis(organisationID: v.orgB, id: created.id) == nil)
            #expect(try await store.count(organisationID: v.orgA, interventionID: w.interventionID) == 1)

            var change = ValueSROIAnalysisInput(created)
            change.discountRate = "5"; change.interventionID = ""; change.draws = "12000"
            let saved = try await writes.update(v.ilse, current: created, change, expected: 1)
            #expect(saved.version == 2 && saved.discountRate == 5 && saved.interventionID == nil && saved.draws == 12_000)
            #expect(try await store.analysis(organisationID: v.orgA, id: created.id) == saved)
            await #expect(throws: SamenError.stale) { _ = try await writes.update(v.ilse, current: created, change, expected: 1) }
            await #expect(throws: SamenError.forbidden) { _ = try await writes.update(v.viewer, current: saved, change, expected: 2) }
            await #expect(throws: SamenError.notFound) { _ = try await writes.update(v.intruder, current: saved, change, expected: 2) }
            await #expect(throws: SamenError.stale) { try await writes.delete(v.ilse, saved, expected: 1) }

            try await writes.delete(v.ilse, saved, expected: 2)
            #expect(try await store.analyses(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty)
            let trail = try await v.trail().filter { $0.entity == "value_sroi_analysis" }
            #expect(trail.map(\.action.rawValue).sorted() == ["create", "delete", "update"])
            #expect(trail.first { $0.action == .update }?.fields.sorted() == ["discount_rate", "draws", "intervention_id"])
        }
    }

    @Test("bad numbers are field errors, a bad map is refused by row and column with its field errors, a foreign intervention is a conflict; nothing saved",
          arguments: TestDatabase.kinds)
    func refused(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await ValueOutcomeWritesTests.world(database)
            let v = w.voice
            let writes = SROIAnalysisWrites(database: database)
            var bad = Self.input()
            bad.discountRate = "25"; bad.draws = "500"; bad.inputs = "0"; bad.title = " "
            let errors = try await #require(throws: ValidationErrors.self) { _ = try await writes.create(v.ilse, trajectoryID: v.trajectoryID, bad) }
            #expect(Set(errors.errors.map { "\($0.field ?? "") \($0.code)" }) == [
                "discount_rate discount_rate_out_of_range", "draws sroi_draws_invalid", "inputs sroi_inputs_invalid", "title field_required",
            ])

            var badMap = Self.input()
            badMap.discountRate = "-1"
            badMap.impactMap = Self.header + "\nInwoners,a,i,-3,1000,3,1,120,0,0,10\nGemeente,b,i,1,1,1,3,0,0,0,0\n"
            let refused = try await #require(throws: SROIAnalysisRefused.self) {
                _ = try await writes.create(v.ilse, trajectoryID: v.trajectoryID, badMap)
            }
            #expect(Set(refused.problems.map { "\($0.row ?? 0) \($0.column) \($0.code)" }) == [
                "1 quantity negative", "1 deadweight percentage_out_of_range", "2 start start_invalid",
            ])
            #expect(Set(refused.errors.map { "\($0.field ?? "") \($0.code)" }) == [
                "discount_rate discount_rate_out_of_range", "impact_map sroi_impact_map_invalid",
            ], "the other fields' errors come with the map's problems")

            let foreign = try await #require(throws: ValidationErrors.self) {
                _ = try await writes.create(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.otherInterventionID))
            }
            #expect(foreign.errors.map { "\($0.field ?? "") \($0.code) \($0.kind)" } == ["intervention_id link_unknown conflict"])
            #expect(try await ValueSROIAnalysisStore(database: database).analyses(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty,
                    "nothing stored")

            let stored = try await writes.create(v.ilse, trajectoryID: v.trajectoryID, Self.input())
            let importRefused = try await #require(throws: SROIAnalysisRefused.self) {
                _ = try await writes.importMap(v.ilse, current: stored, csv: "stakeholder,outcome\nA,b\n", expected: 1)
            }
            #expect(importRefused.problems.allSatisfy { $0.code == "missing_column" })
            #expect(try await ValueSROIAnalysisStore(database: database).analysis(organisationID: v.orgA, id: stored.id)?.impactMap == Self.map,
                    "an import with errors leaves the stored map as it was")
        }
    }
}
