import Foundation
import SamenCore
@testable import SamenStore
import SamenTestSupport
import SQLKit
import Testing

/// Waves come back in time order; an import that the database refuses part-way leaves nothing.
@Suite("Survey waves and imports in the store")
struct SurveyWaveStoreTests {
    @Test("waves come back by period, not by name or by when they were made", arguments: TestDatabase.kinds)
    func timeOrder(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, _) = try await SurveyStoreContractTests.organisations(database)
            let survey = try await SurveyStore(database: database).create(organisationID: a.id, .init(title: "S"))
            let responses = SurveyResponseStore(database: database)
            for (name, start) in [("Najaar 2026", "2026-09-01"), ("Voorjaar 2026", "2026-03-01"), ("Zomer 2026", "2026-06-01")] {
                _ = try await responses.createWave(organisationID: a.id, surveyID: survey.id, name: name, startsOn: start, endsOn: nil)
            }
            #expect(try await responses.waves(organisationID: a.id, surveyID: survey.id).map(\.name)
                    == ["Voorjaar 2026", "Zomer 2026", "Najaar 2026"])
        }
    }

    /// The database itself refuses one row of the second statement (a trigger standing in for
    /// any constraint), after the whole first statement was written: the transaction must
    /// take the first statement's rows back.
    @Test("an import refused in a later batch, after rows were written, stores nothing", arguments: TestDatabase.kinds)
    func failureAfterWrites(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, _) = try await SurveyStoreContractTests.organisations(database)
            let survey = try await SurveyStore(database: database).create(organisationID: a.id, .init(
                title: "S", segments: [SurveySegmentQuestion(question: .channel, levels: ["balie", "weigeren"])]))
            let responses = SurveyResponseStore(database: database)
            let wave = try await responses.createWave(organisationID: a.id, surveyID: survey.id, name: "W", startsOn: nil, endsOn: nil)
            try await database.transaction { sql in
                switch kind {
                case .sqlite:
                    try await sql.raw("""
                        CREATE TRIGGER refuse_channel BEFORE INSERT ON survey_responses WHEN NEW.channel = 'weigeren'
                        BEGIN SELECT RAISE(ABORT, 'refused'); END
                        """).run()
                case .postgres:
                    try await sql.raw("ALTER TABLE survey_responses ADD CONSTRAINT refuse_channel CHECK (channel <> 'weigeren')").run()
                }
            }
            let count = SurveyAnswerBulkInsert.rowsPerStatement(kind) + 10
            let ordinary = SurveyAnswerSheet(need: Array(repeating: 5, count: 8), experience: Array(repeating: 3, count: 8),
                                             segments: [.channel: "balie"])
            var refused = ordinary
            refused.segments[.channel] = "weigeren"
            let written = WrittenRows()
            await #expect(throws: (any Error).self) {
                try await responses.importAnswers(organisationID: a.id, surveyID: survey.id, waveID: wave.id, count: count,
                                                  sheet: { $0 == count - 1 ? refused : ordinary },
                                                  progress: { written.rows = $0 })
            }
            #expect(written.rows == SurveyAnswerBulkInsert.rowsPerStatement(kind), "the first statement's rows were written before the failure")
            #expect(try await responses.count(organisationID: a.id, surveyID: survey.id) == 0)
            #expect(try await responses.answers(organisationID: a.id, survey: survey).count == 0)
        }
    }

    final class WrittenRows: @unchecked Sendable {
        var rows = 0
    }
}
