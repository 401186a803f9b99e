import SamenCore
@testable import SamenStore
import SamenTestSupport
import SQLKit
import Testing

/// Migration 023 rebuilds the answers table without its organisation, survey and text id: the
/// answers stored before it keep their wave, values and order, and stay in their organisation.
@Suite("Migration 023: narrow survey answers")
struct NarrowSurveyAnswersMigrationTests {
    @Test("answers stored under schema 22 read back the same, in time order, after 023; new imports follow them", arguments: TestDatabase.kinds)
    func upgrade(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind, migrate: false) { database, _ in
            try await Migrations.run(on: database, through: 22)
            let (a, b) = try await SurveyStoreContractTests.organisations(database)
            let surveys = SurveyStore(database: database), responses = SurveyResponseStore(database: database)
            let mine = try await surveys.create(organisationID: a.id, .init(title: "Mijn enquête"))
            let theirs = try await surveys.create(organisationID: b.id, .init(title: "Andere enquête"))
            let wave = try await responses.createWave(organisationID: a.id, surveyID: mine.id, name: "W", startsOn: nil, endsOn: nil)
            let other = try await responses.createWave(organisationID: b.id, surveyID: theirs.id, name: "W", startsOn: nil, endsOn: nil)
            let packed = SurveyAnswerPacking.pack(need: [5, 6], experience: [3, nil])
            // (id, organisation, survey, wave, mark, submitted): ids out of time order, as random ids were.
            let old: [(String, String, String, String, Int, Int64)] = [
                ("f-1", a.id, mine.id, wave.id, 3, 300), ("a-2", a.id, mine.id, wave.id, 1, 100),
                ("c-3", a.id, mine.id, wave.id, 2, 200), ("b-4", b.id, theirs.id, other.id, 9, 150),
            ]
            try await database.transaction { sql in
                for (id, organisation, survey, wave, mark, submitted) in old {
                    try await sql.raw("""
                        INSERT INTO survey_responses (id, organisation_id, survey_id, wave_id, source, answers, channel, mark, submitted_at)
                        VALUES (\(bind: id), \(bind: organisation), \(bind: survey), \(bind: wave), 'import', \(bind: packed),
                                'balie', \(bind: mark), \(bind: submitted))
                        """).run()
                }
            }
            #expect(try await Migrations.run(on: database) == [23])
            let read = try await responses.answers(organisationID: a.id, survey: mine)
            #expect(read.mark == [1, 2, 3], "in time order, each row's own values")
            #expect(read.segments[.channel] == ["balie", "balie", "balie"] && read.waveIDs == [wave.id])
            #expect(read.need[0] == [5, 5, 5] && read.experience[0] == [3, 3, 3])
            #expect(try await responses.answers(organisationID: b.id, survey: mine).count == 0, "another organisation sees none")
            #expect(try await responses.answers(organisationID: b.id, survey: theirs).mark == [9])
            try await responses.importRows(organisationID: a.id, surveyID: mine.id, waveID: wave.id, count: 2) { index in
                SurveyImportRow(answers: packed, mark: 4 + index)
            }
            #expect(try await responses.answers(organisationID: a.id, survey: mine).mark == [1, 2, 3, 4, 5])
            let columns = try await database.read { sql in
                try await PortableBackup.columns(sql: sql, kind: kind, table: "survey_responses").map(\.0)
            }
            #expect(!columns.contains("organisation_id") && !columns.contains("survey_id"), "\(columns)")
        }
    }
}
