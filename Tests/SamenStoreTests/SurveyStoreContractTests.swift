import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import Testing

/// The survey store on SQLite and PostgreSQL: dimension sets, instrument, waves, links, answers.
@Suite("Survey store contract")
struct SurveyStoreContractTests {
    static func organisations(_ database: Database) async throws -> (Organisation, Organisation) {
        let store = OrganisationStore(database: database)
        return (try await store.create(name: "Gemeente A", slug: "a"), try await store.create(name: "Gemeente B", slug: "b"))
    }

    @Test("the default eight dimensions are seeded as data; an organisation copies and edits its own set", arguments: TestDatabase.kinds)
    func dimensionSets(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b) = try await Self.organisations(database)
            let store = SurveyStore(database: database)
            let sets = try await store.dimensionSets(organisationID: a.id)
            #expect(sets.count == 1)
            let standard = try #require(sets.first)
            #expect(standard.isDefault && standard.version == 1 && !standard.source.isEmpty)
            #expect(standard.dimensions.map(\.code) == ["known", "tailored", "empathy", "proactive", "clarity", "control",
                                                        "continuity", "trust"])
            #expect(standard.dimensions[6].nameNL == "Bereikbaarheid en continuïteit")
            #expect(standard.dimensions[6].nameEN == "Reachability and continuity")
            let own = try await store.copyDimensionSet(organisationID: a.id, from: standard.id, name: "Onze set")
            var dimensions = own.dimensions
            dimensions[0].nameNL = "Gekend en herkend"
            dimensions.append(DimensionDefinition(code: "speed", nameNL: "Snelheid", nameEN: "Speed", definitionNL: "Snel", definitionEN: "Fast"))
            let edited = try await store.updateDimensionSet(organisationID: a.id, id: own.id, name: "Onze set", dimensions: dimensions)
            #expect(edited.version == 2)
            let reread = try #require(try await store.dimensionSet(organisationID: a.id, id: own.id))
            #expect(reread.dimensions.count == 9 && reread.dimensions[0].nameNL == "Gekend en herkend" && reread.version == 2)
            // B sees only the default set; it cannot read or change A's.
            #expect(try await store.dimensionSets(organisationID: b.id).map(\.id) == [DimensionSet.defaultID])
            #expect(try await store.dimensionSet(organisationID: b.id, id: own.id) == nil)
            await #expect(throws: SamenError.notFound) {
                _ = try await store.updateDimensionSet(organisationID: b.id, id: own.id, name: "x", dimensions: [])
            }
            await #expect(throws: SamenError.notFound) {
                _ = try await store.updateDimensionSet(organisationID: a.id, id: DimensionSet.defaultID, name: "x", dimensions: [])
            }
            #expect(try await store.dimensionSet(organisationID: a.id, id: DimensionSet.defaultID)?.dimensions.count == 8)
        }
    }

    @Test("a survey has items per dimension, segment questions and waves; other organisations do not see it", arguments: TestDatabase.kinds)
    func instrument(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b) = try await Self.organisations(database)
            let store = SurveyStore(database: database)
            let responses = SurveyResponseStore(database: database)
            let survey = try await store.create(organisationID: a.id, .init(
                title: "Bijstand", scale: .five, itemsPerDimension: 2, asksNPS: true,
                segments: [SurveySegmentQuestion(question: .channel, levels: ["balie", "website"])]))
            #expect(survey.items.count == 16)
            #expect(survey.items[1].needColumn == "need.known.2")
            let read = try #require(try await store.survey(organisationID: a.id, id: survey.id))
            #expect(read.scale == .five && read.asksNPS && !read.asksCES && read.trajectoryID == nil)
            #expect(read.askedSegments.map(\.question) == [.channel])
            #expect(read.askedSegments.first?.levels == ["balie", "website"])
            #expect(try await store.survey(organisationID: b.id, id: survey.id) == nil)
            #expect(try await store.surveys(organisationID: b.id).isEmpty)
            let wave = try await responses.createWave(organisationID: a.id, surveyID: survey.id, name: "Voorjaar",
                                                      startsOn: "2026-03-01", endsOn: nil)
            await #expect(throws: SamenError("wave_name_taken", kind: .conflict, field: "name")) {
                _ = try await responses.createWave(organisationID: a.id, surveyID: survey.id, name: "Voorjaar", startsOn: nil, endsOn: nil)
            }
            await #expect(throws: SamenError.notFound) {
                _ = try await responses.createWave(organisationID: b.id, surveyID: survey.id, name: "X", startsOn: nil, endsOn: nil)
            }
            #expect(try await responses.waves(organisationID: a.id, surveyID: survey.id).map(\.name) == ["Voorjaar"])
            #expect(try await responses.waves(organisationID: b.id, surveyID: survey.id).isEmpty)
            #expect(wave.startsOn == "2026-03-01")
            try await store.updateItems(organisationID: a.id, surveyID: survey.id, [
                .init(id: survey.items[1].id, textNL: "Ik moest alles opnieuw vertellen.", textEN: "I had to repeat myself.", isReverseCoded: true),
            ])
            #expect(try await store.survey(organisationID: a.id, id: survey.id)?.items[1].isReverseCoded == true)
        }
    }

    @Test("a link answers once; answers come back as dense columns; items lock once answered", arguments: TestDatabase.kinds)
    func linksAndAnswers(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let (a, b) = try await Self.organisations(database)
            let store = SurveyStore(database: database)
            let responses = SurveyResponseStore(database: database)
            let survey = try await store.create(organisationID: a.id, .init(title: "S", segments: [
                SurveySegmentQuestion(question: .district, levels: ["Noord", "Zuid"])]))
            let wave = try await responses.createWave(organisationID: a.id, surveyID: survey.id, name: "W1", startsOn: nil, endsOn: nil)
            await #expect(throws: SamenError.notFound) {
                try await responses.createLinks(organisationID: b.id, surveyID: survey.id, waveID: wave.id, tokenHashes: ["x"])
            }
            try await responses.createLinks(organisationID: a.id, surveyID: survey.id, waveID: wave.id, tokenHashes: ["h1", "h2"])
            var need = [Double?](repeating: 6, count: 8)
            need[2] = nil
            let sheet = SurveyAnswerSheet(need: need, experience: [Double?](repeating: 3.5, count: 8),
                                          segments: [.district: "Zuid"], mark: 7)
            try await responses.submit(tokenHash: "h1", sheet: sheet)
            await #expect(throws: SamenError("survey_link_used", kind: .conflict)) {
                try await responses.submit(tokenHash: "h1", sheet: sheet)
            }
            await #expect(throws: SamenError.notFound) { try await responses.submit(tokenHash: "nope", sheet: sheet) }
            #expect(try await responses.count(organisationID: a.id, surveyID: survey.id) == 1, "the second submission stored nothing")
            let counts = try await responses.linkCounts(organisationID: a.id, waveID: wave.id)
            #expect(counts.total == 2 && counts.used == 1)
            #expect(try await responses.link(tokenHash: "h1")?.isUsed == true)
            try await responses.importAnswers(organisationID: a.id, surveyID: survey.id, waveID: wave.id, [sheet, sheet])
            await #expect(throws: SamenError.notFound) {
                try await responses.importAnswers(organisationID: b.id, surveyID: survey.id, waveID: wave.id, [sheet])
            }
            let columns = try await responses.answers(organisationID: a.id, survey: survey)
            #expect(columns.count == 3)
            #expect(columns.need[0] == [6, 6, 6] && columns.need[2][0].isNaN && columns.experience[7] == [3.5, 3.5, 3.5])
            #expect(columns.segments[.district]! == ["Zuid", "Zuid", "Zuid"])
            #expect(columns.mark == [7, 7, 7] && columns.waveIDs == [wave.id])
            #expect(try await responses.answers(organisationID: b.id, survey: survey).count == 0)
            await #expect(throws: SamenError("survey_has_answers", kind: .conflict, field: "items")) {
                try await store.updateItems(organisationID: a.id, surveyID: survey.id, [
                    .init(id: survey.items[0].id, textNL: "x", textEN: "x", isReverseCoded: true)])
            }
        }
    }
}
