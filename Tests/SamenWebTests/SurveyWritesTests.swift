import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import SQLKit
import Testing

/// The survey use-cases on SQLite and PostgreSQL: versioned title edits, deletes that take
/// what their confirmation page lists, and the dimension sets that cannot go.
@Suite("Survey writes contract")
struct SurveyWritesTests {
    static func setUp(_ database: Database) async throws -> (WriteActor, WriteActor, Survey, SurveyWave) {
        let store = OrganisationStore(database: database)
        let a = try await store.create(name: "Gemeente A", slug: "a"), b = try await store.create(name: "Gemeente B", slug: "b")
        let survey = try await SurveyStore(database: database).create(organisationID: a.id, .init(title: "Dienstverlening 2026"))
        let responses = SurveyResponseStore(database: database)
        let wave = try await responses.createWave(organisationID: a.id, surveyID: survey.id, name: "Voormeting", startsOn: nil, endsOn: nil)
        try await responses.createLinks(organisationID: a.id, surveyID: survey.id, waveID: wave.id, tokenHashes: ["h1", "h2"])
        let sheet = SurveyAnswerSheet(need: [Double?](repeating: 5, count: 8), experience: [Double?](repeating: 4, count: 8))
        try await responses.importAnswers(organisationID: a.id, surveyID: survey.id, waveID: wave.id, [sheet, sheet, sheet])
        return (WriteActor(organisationID: a.id, userID: "u-a", displayName: "Ilse", role: .facilitator),
                WriteActor(organisationID: b.id, userID: "u-b", displayName: "Sanne", role: .administrator), survey, wave)
    }

    static func count(_ database: Database, _ table: String, waveID: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE wave_id = \(bind: waveID)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func count(_ database: Database, _ table: String, surveyID: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE survey_id = \(bind: surveyID)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    @Test("a title edit names its version; stale and foreign edits change nothing; audited by field name", arguments: TestDatabase.kinds)
    func edit(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b, survey, _) = try await Self.setUp(database)
            let writes = SurveyWrites(database: database)
            let saved = try await writes.updateSurvey(a, id: survey.id, title: "Dienstverlening 2026 (herzien)", trajectoryID: "", expected: 1)
            #expect(saved.version == 2 && saved.title == "Dienstverlening 2026 (herzien)")
            await #expect(throws: SamenError.stale) { _ = try await writes.updateSurvey(a, id: survey.id, title: "Oud", trajectoryID: "", expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await writes.updateSurvey(b, id: survey.id, title: "B", trajectoryID: "", expected: nil) }
            await #expect(throws: ValidationErrors([.validation("survey_title_required", field: "title")])) {
                _ = try await writes.updateSurvey(a, id: survey.id, title: " ", trajectoryID: "", expected: 2)
            }
            #expect(try await SurveyStore(database: database).survey(organisationID: a.organisationID, id: survey.id)?.title
                    == "Dienstverlening 2026 (herzien)")
            let trail = try await AuditStore(database: database).entries(organisationID: a.organisationID, filter: AuditFilter(entity: "survey"),
                                                                         limit: 10, cursor: nil).entries
            #expect(trail.count == 1 && trail[0].fields == ["title"])
        }
    }

    @Test("deleting a wave, then the survey, takes what the confirmation page listed", arguments: TestDatabase.kinds)
    func deletes(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b, survey, wave) = try await Self.setUp(database)
            let writes = SurveyWrites(database: database)
            let waveImpact = try await writes.waveImpact(a, id: wave.id)
            #expect(waveImpact.items == [.init(key: "impact_answers", count: 3), .init(key: "impact_links", count: 2)])
            await #expect(throws: SamenError.notFound) { _ = try await writes.waveImpact(b, id: wave.id) }
            await #expect(throws: SamenError.notFound) { try await writes.deleteWave(b, surveyID: survey.id, id: wave.id, expected: nil) }
            await #expect(throws: SamenError.stale) { try await writes.deleteWave(a, surveyID: survey.id, id: wave.id, expected: 5) }
            #expect(try await Self.count(database, "survey_responses", waveID: wave.id) == 3)
            try await writes.deleteWave(a, surveyID: survey.id, id: wave.id, expected: 1)
            #expect(try await Self.count(database, "survey_responses", waveID: wave.id) == 0)
            #expect(try await Self.count(database, "survey_links", surveyID: survey.id) == 0)
            let second = try await SurveyResponseStore(database: database)
                .createWave(organisationID: a.organisationID, surveyID: survey.id, name: "Nameting", startsOn: nil, endsOn: nil)
            #expect(try await writes.surveyImpact(a, id: survey.id).items == [.init(key: "impact_waves", count: 1)])
            try await writes.deleteSurvey(a, id: survey.id, expected: survey.version)
            #expect(try await SurveyStore(database: database).survey(organisationID: a.organisationID, id: survey.id) == nil)
            #expect(try await SurveyResponseStore(database: database).wave(organisationID: a.organisationID, surveyID: survey.id, id: second.id) == nil)
            #expect(try await Self.count(database, "survey_items", surveyID: survey.id) == 0)
            let actions = try await AuditStore(database: database).entries(organisationID: a.organisationID, filter: AuditFilter(), limit: 10,
                                                                           cursor: nil).entries.map(\.entity).sorted()
            #expect(actions == ["survey", "survey_wave"])
        }
    }

    @Test("the default set and a set in use cannot be deleted; an unused own set can", arguments: TestDatabase.kinds)
    func dimensionSets(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b, _, _) = try await Self.setUp(database)
            let store = SurveyStore(database: database), writes = SurveyWrites(database: database)
            await #expect(throws: SamenError("dimension_set_default", kind: .conflict)) {
                try await writes.deleteDimensionSet(a, id: DimensionSet.defaultID, expected: nil)
            }
            let own = try await store.copyDimensionSet(organisationID: a.organisationID, from: DimensionSet.defaultID, name: "Onze set")
            _ = try await store.create(organisationID: a.organisationID, .init(title: "Met onze set", dimensionSetID: own.id))
            await #expect(throws: SamenError("dimension_set_in_use", kind: .conflict)) { try await writes.deleteDimensionSet(a, id: own.id, expected: nil) }
            #expect(try await writes.surveysUsing(a, setID: own.id) == ["Met onze set"])
            #expect(try await store.dimensionSet(organisationID: a.organisationID, id: own.id) != nil)
            let unused = try await store.copyDimensionSet(organisationID: a.organisationID, from: DimensionSet.defaultID, name: "Ongebruikt")
            await #expect(throws: SamenError.notFound) { try await writes.deleteDimensionSet(b, id: unused.id, expected: nil) }
            try await writes.deleteDimensionSet(a, id: unused.id, expected: 1)
            #expect(try await store.dimensionSet(organisationID: a.organisationID, id: unused.id) == nil)
        }
    }
}
