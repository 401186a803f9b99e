import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// The survey analysis (every answer read and analysed) is kept while the survey's answers
/// stay the same (issue 16: the API analysis and the analysis page analysed on every
/// request), and made afresh as soon as an answer is added.
@Suite("Survey analysis: kept, and fresh after new answers")
struct SurveyAnalysisMemoTests {
    @Test("a second request analyses nothing again; ten new answers are in the next answer", arguments: TestDatabase.kinds)
    func keptAndRefreshed(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let organisation = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA })
            let survey = try #require(try await SurveyStore(database: database).surveys(organisationID: organisation.id).first)
            let api = "/api/v1/organisations/\(Demo.orgA)/surveys/\(survey.id)/analysis"
            let page = "/o/\(Demo.orgA)/surveys/\(survey.id)/analysis"
            let memo = SurveyAnalysisMemo.shared
            func respondents(_ path: String) async throws -> Int {
                let response = try await ilse.json(.get, path, token: token)
                #expect(response.status == .ok)
                return try #require(response.jsonObject["respondents"] as? Int)
            }
            let before = memo.analyses(database)
            let first = try await respondents(api)
            // At most once: the demo's own pages (the report snapshot, the growth model) may have kept it already.
            let analysed = memo.analyses(database)
            #expect(analysed <= before + 1, "the first request analyses at most once")
            let firstBody = try await ilse.json(.get, api, token: token).text
            #expect(try await respondents(api) == first)
            #expect(try await respondents(api + "?crosshair=scale-midpoint") == first, "other parameters reuse the kept dataset")
            try await ilse.logIn(Demo.ilse)
            #expect(try await ilse.get(page).status == .ok)
            #expect(memo.analyses(database) == analysed, "later requests and the page analyse nothing again")
            #expect(try await ilse.json(.get, api, token: token).text == firstBody, "the kept report is the one computed")

            let responses = SurveyResponseStore(database: database)
            let wave = try #require(try await responses.waves(organisationID: organisation.id, surveyID: survey.id).last)
            let sheet = SurveyAnswerSheet(need: survey.items.map { _ in 4 }, experience: survey.items.map { _ in 2 })
            try await responses.importAnswers(organisationID: organisation.id, surveyID: survey.id, waveID: wave.id,
                                              Array(repeating: sheet, count: 10))
            #expect(try await respondents(api) == first + 10, "the new answers are seen at once")
            #expect(memo.analyses(database) == analysed + 1, "and analysed once more")
        }
    }
}
