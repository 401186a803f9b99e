import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// The value register's use-cases on both databases: a tagged highlight becomes a record in
/// one step, links stay within the trajectory, versions, roles, tenancy and the audit trail.
@Suite("Value register write use-cases")
struct ValueWritesTests {
    struct World {
        let voice: StoryWritesContractTests.World
        let writes: ValueWrites
        let highlight: Highlight
        let otherHighlightID: String
        var store: ValueStore { ValueStore(database: voice.database) }
    }

    /// Two trajectories of organisation A, each with a highlight tagged as value destroyed.
    static func world(_ database: Database) async throws -> World {
        let w = try await StoryWritesContractTests.world(database)
        let other = try await TrajectoryStore(database: database).create(organisationID: w.orgA, .init(
            title: "Schulden", service: "Hulp", goal: "Eerder", targetGroups: "", owner: "Ilse", startDate: "2026-01-05", endDate: nil))
        func highlight(_ trajectoryID: String) async throws -> Highlight {
            let story = try await w.writes.createInterview(w.ilse, trajectoryID: trajectoryID, StoryWritesContractTests.interview())
            var hl = HighlightInput()
            hl.quote = "De brief was onduidelijk"
            hl.polarity = "destroyed"; hl.beneficiary = "user"; hl.valueType = "in_use"; hl.touchpoint = "Brief"
            return try await w.writes.createHighlight(w.ilse, story: story, hl)
        }
        return World(voice: w, writes: ValueWrites(database: database), highlight: try await highlight(w.trajectoryID),
                     otherHighlightID: try await highlight(other.id).id)
    }

    static func input() -> ValueRecordInput {
        var input = ValueRecordInput()
        input.beneficiary = "organisation"; input.valueType = "in_production"; input.polarity = "created"
        input.moment = "service_design"; input.creator = "user"; input.description = "Inwoners lazen mee met de brieven."
        input.cause = "other"
        return input
    }

    @Test("a tagged highlight becomes a record in one step, with its tags, words and touchpoint", arguments: TestDatabase.kinds)
    func fromHighlight(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let record = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, fromHighlight: w.highlight)
            let stored = try #require(try await w.store.record(organisationID: v.orgA, id: record.id))
            #expect(stored.polarity == .destroyed && stored.beneficiary == .user && stored.valueType == .inUse)
            #expect(stored.description == "De brief was onduidelijk" && stored.touchpoint == "Brief" && stored.highlightID == w.highlight.id)
            #expect(stored.cause == .other, "destroyed value always has a cause")
            #expect(try await w.store.usedHighlightIDs(organisationID: v.orgA, trajectoryID: v.trajectoryID) == [w.highlight.id])
            #expect(try await w.store.record(organisationID: v.orgB, id: record.id) == nil, "another organisation does not see it")
        }
    }

    @Test("bad input and a foreign highlight are refused with field codes; nothing is stored", arguments: TestDatabase.kinds)
    func refused(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            var bad = Self.input()
            bad.polarity = "destroyed"; bad.cause = ""; bad.moment = "later"; bad.beneficiary = ""; bad.description = " "
            let errors = try await #require(throws: ValidationErrors.self) {
                _ = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, bad)
            }
            #expect(Set(errors.errors.map { "\($0.field ?? "") \($0.code)" }) == [
                "description field_required", "beneficiary beneficiary_invalid", "moment value_moment_invalid", "cause value_cause_required",
            ])
            var foreign = Self.input()
            foreign.highlightID = w.otherHighlightID
            let link = try await #require(throws: ValidationErrors.self) {
                _ = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, foreign)
            }
            #expect(link.errors.map(\.code) == ["highlight_unknown"])
            #expect(try await w.store.records(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty, "nothing stored")
        }
    }

    @Test("records are corrected with a version and deleted; stale, viewer and foreign writes change nothing; audited",
          arguments: TestDatabase.kinds)
    func versionsAndAudit(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let created = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, Self.input())
            #expect(created.cause == .none, "created value has no cause")
            var edit = ValueRecordInput(created)
            edit.touchpoint = "Meeleessessie"
            let saved = try await w.writes.update(v.ilse, current: created, edit, expected: 1)
            #expect(saved.version == 2)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.update(v.ilse, current: created, edit, expected: 1) }
            await #expect(throws: SamenError.forbidden) { _ = try await w.writes.update(v.viewer, current: saved, edit, expected: 2) }
            await #expect(throws: SamenError.notFound) { try await w.writes.delete(v.intruder, saved, expected: 2) }
            await #expect(throws: SamenError.stale) { try await w.writes.delete(v.ilse, saved, expected: 1) }
            try await w.writes.delete(v.ilse, saved, expected: 2)
            #expect(try await w.store.records(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty)
            let trail = try await v.trail().filter { $0.entity == "value_record" }
            #expect(trail.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.create, .delete, .update])
            #expect(trail.first { $0.action == .update }?.fields == ["touchpoint"])
        }
    }

    @Test("a highlight's story withdrawn: the record stays and loses only the link", arguments: TestDatabase.kinds)
    func highlightGoes(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let record = try await w.writes.create(v.ilse, trajectoryID: v.trajectoryID, fromHighlight: w.highlight)
            try await v.evidence.deleteHighlight(organisationID: v.orgA, id: w.highlight.id)
            let stored = try #require(try await w.store.record(organisationID: v.orgA, id: record.id))
            #expect(stored.highlightID == nil && stored.description == "De brief was onduidelijk")
        }
    }
}
