import Foundation
import SamenAnalytics
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// `samen import survey` without the command-line shell: a file into a wave, all or nothing.
@Suite("Survey file import")
struct SurveyFileImportTests {
    @Test("a file goes into the named wave with progress; a bad file stores nothing; unknown names are refused",
          arguments: TestDatabase.kinds)
    func importFile(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let organisation = try await OrganisationStore(database: database).create(name: "Gemeente", slug: "gemeente")
            let service = SurveyService(database: database)
            let survey = try await service.surveys.create(organisationID: organisation.id, .init(
                title: "S", segments: [SurveySegmentQuestion(question: .channel, levels: ["balie", "website"])]))
            _ = try await service.responses.createWave(organisationID: organisation.id, surveyID: survey.id, name: "Voorjaar",
                                                      startsOn: nil, endsOn: nil)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samen-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let good = directory.appendingPathComponent("good.csv").path
            var text = "\u{FEFF}respondent;need.known.1;experience.known.1;need.trust.1;experience.trust.1;channel\r\n"
            for index in 0..<2500 { text += "\(index);\(1 + index % 7);\(1 + index % 5);6;\"4,5\";\(index % 2 == 0 ? "Balie" : "website")\r\n" }
            try text.write(toFile: good, atomically: true, encoding: .utf8)
            nonisolated(unsafe) var stored: [Int] = []
            let count = try await service.importFile(path: good, organisationSlug: "gemeente", surveyID: survey.id, wave: "Voorjaar",
                                                     storing: { done, _ in stored.append(done) })
            #expect(count == 2500 && stored == [2500])
            let columns = try await service.responses.answers(organisationID: organisation.id, survey: survey)
            #expect(columns.count == 2500)
            let trust = try #require(survey.items.firstIndex { $0.dimensionCode == "trust" })
            #expect(columns.experience[trust].allSatisfy { $0 == 4.5 })
            #expect(Set((columns.segments[.channel] ?? []).compactMap { $0 }) == ["balie", "website"], "levels are stored as the survey offers them")
            let tailored = try #require(survey.items.firstIndex { $0.dimensionCode == "tailored" })
            #expect(columns.need[tailored].allSatisfy { $0.isNaN }, "an item without columns is missing")

            let bad = directory.appendingPathComponent("bad.csv").path
            try (text + "2500;8;1;6;4;balie\r\n").write(toFile: bad, atomically: true, encoding: .utf8)
            do {
                _ = try await service.importFile(path: bad, organisationSlug: "gemeente", surveyID: survey.id, wave: "Voorjaar")
                Issue.record("a file with an answer outside the scale was imported")
            } catch let error as SurveyCSVError {
                #expect(error.issues.map { "\($0.row) \($0.column ?? "") \($0.code)" } == ["2502 need.known.1 outside_scale"])
            }
            #expect(try await service.responses.count(organisationID: organisation.id, surveyID: survey.id) == 2500)
            await #expect(throws: SamenError("not_found", kind: .notFound, field: "wave")) {
                _ = try await service.importFile(path: good, organisationSlug: "gemeente", surveyID: survey.id, wave: "Najaar")
            }
            await #expect(throws: SamenError("not_found", kind: .notFound, field: "organisation")) {
                _ = try await service.importFile(path: good, organisationSlug: "elders", surveyID: survey.id, wave: "Voorjaar")
            }
        }
    }
}
