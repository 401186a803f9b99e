import Foundation
import SamenCore
@testable import SamenStore
import SamenTestSupport
import Testing

/// The bulk import path (`importRows`) on SQLite and PostgreSQL: what is stored reads back
/// as it was given, in the file's order, over several statements; a row that fails half-way
/// leaves nothing behind.
@Suite("Survey bulk import in the store")
struct SurveyImportStoreTests {
    struct Failure: Error {}

    /// Varied rows: missing answers, halves, every segment column empty or set (with the characters
    /// `COPY` escapes), scores or none.
    static func row(_ index: Int) -> SurveyImportRow {
        let need = (0..<8).map { item -> Double? in (index + item) % 11 == 0 ? nil : Double(1 + (index * 7 + item) % 7) }
        let experience = (0..<8).map { item -> Double? in (index + item) % 13 == 0 ? nil : 1.5 + Double((index + item) % 5) }
        return SurveyImportRow(
            answers: SurveyAnswerPacking.pack(need: need, experience: experience),
            channel: index % 3 == 0 ? nil : ["balie", "website"][index % 2], persona: index % 4 == 0 ? "mantelzorger" : index % 9 == 1 ? "tab\tback\\slash\nline\rend \\N" : nil,
            district: ["Noord", "Zuid", "Oost"][index % 3], ageBand: index % 5 == 0 ? nil : "18-30",
            nps: index % 6 == 0 ? nil : index % 11, ces: index % 7 == 0 ? nil : 1 + index % 7, mark: index % 2 == 0 ? 1 + index % 10 : nil)
    }

    @Test("a bulk import over several statements reads back row for row, in the file's order", arguments: TestDatabase.kinds)
    func roundTrip(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b) = try await SurveyStoreContractTests.organisations(database)
            let survey = try await SurveyStore(database: database).create(organisationID: a.id, .init(title: "S"))
            let responses = SurveyResponseStore(database: database)
            let wave = try await responses.createWave(organisationID: a.id, surveyID: survey.id, name: "W", startsOn: nil, endsOn: nil)
            let count = 2 * SurveyAnswerBulkInsert.rowsPerStatement(kind) + 17
            try await responses.importRows(organisationID: a.id, surveyID: survey.id, waveID: wave.id, count: count, row: Self.row)
            var expected = SurveyAnswerColumns(itemCount: 8)
            for index in 0..<count {
                let row = Self.row(index)
                SurveyAnswerPacking.unpack(row.answers, into: &expected)
                expected.segments[.channel]!.append(row.channel)
                expected.segments[.persona]!.append(row.persona)
                expected.segments[.district]!.append(row.district)
                expected.segments[.ageBand]!.append(row.ageBand)
                expected.nps.append(row.nps)
                expected.ces.append(row.ces)
                expected.mark.append(row.mark)
            }
            let read = try await responses.answers(organisationID: a.id, survey: survey)
            #expect(read.count == count)
            for item in 0..<8 {
                #expect(read.need[item].map(\.bitPattern) == expected.need[item].map(\.bitPattern))
                #expect(read.experience[item].map(\.bitPattern) == expected.experience[item].map(\.bitPattern))
            }
            for question in SegmentQuestion.allCases { #expect(read.segments[question]! == expected.segments[question]!) }
            #expect(read.nps == expected.nps && read.ces == expected.ces && read.mark == expected.mark)
            #expect(read.waveIDs == [wave.id] && Set(read.waveIndex) == [0])
            #expect(try await responses.answers(organisationID: b.id, survey: survey).count == 0)
            // A second import into the same wave adds its rows after the first's.
            try await responses.importRows(organisationID: a.id, surveyID: survey.id, waveID: wave.id, count: 5, row: Self.row)
            #expect(try await responses.count(organisationID: a.id, surveyID: survey.id) == count + 5)
        }
    }

    @Test("a row that fails in the middle of a large import leaves nothing behind, audit entry included", arguments: TestDatabase.kinds)
    func failureInTheMiddle(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, _) = try await SurveyStoreContractTests.organisations(database)
            let survey = try await SurveyStore(database: database).create(organisationID: a.id, .init(title: "S"))
            let responses = SurveyResponseStore(database: database)
            let wave = try await responses.createWave(organisationID: a.id, surveyID: survey.id, name: "W", startsOn: nil, endsOn: nil)
            let perStatement = SurveyAnswerBulkInsert.rowsPerStatement(kind)
            let count = 3 * perStatement
            let failing = perStatement + perStatement / 2
            let written = SurveyWaveStoreTests.WrittenRows()
            await #expect(throws: Failure.self) {
                try await responses.importRows(organisationID: a.id, surveyID: survey.id, waveID: wave.id, count: count,
                                               row: { index in
                                                   if index == failing { throw Failure() }
                                                   return Self.row(index)
                                               },
                                               progress: { written.rows = $0 }, auditedAs: .commandLine(organisationID: a.id))
            }
            #expect(written.rows == perStatement, "a whole statement was written before the failing row")
            #expect(try await responses.count(organisationID: a.id, surveyID: survey.id) == 0)
            let audit = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'survey_import'").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(audit == 0)
        }
    }
}
