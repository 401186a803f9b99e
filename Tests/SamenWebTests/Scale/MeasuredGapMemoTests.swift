import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// The measured gaps (a full survey analysis) are kept while the survey's answers stay the
/// same (issue 16: the trajectory list and pages analysed every answer on every request),
/// and computed afresh as soon as an answer is added.
@Suite("Measured gaps: kept, and fresh after new answers")
struct MeasuredGapMemoTests {
    @Test("the demo survey is analysed once for many pages, and again after new answers", arguments: TestDatabase.kinds)
    func keptAndRefreshed(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let growth = trajectory + "/portfolio/growth"
            let memo = MeasuredGapMemo.shared
            #expect(memo.computations(database) == 1, "the list analysed the demo survey once")
            for path in [growth, growth, trajectory, "/o/\(Demo.orgA)/trajectories"] {
                #expect(try await ilse.get(path).text.contains("gemeente-voorbeeld"))
            }
            #expect(try await ilse.get(growth).text.contains("n = 150, Najaar 2026"))
            #expect(memo.computations(database) == 1, "five more pages with the same answers analyse nothing again")

            // Ten more answers in the latest wave: the next request shows them.
            let organisation = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA })
            let id = try #require(trajectory.split(separator: "/").last.map(String.init))
            let survey = try #require(try await SurveyStore(database: database).surveys(organisationID: organisation.id)
                .first { $0.trajectoryID == id })
            let responses = SurveyResponseStore(database: database)
            let wave = try #require(try await responses.waves(organisationID: organisation.id, surveyID: survey.id).first { $0.name == "Najaar 2026" })
            let sheet = SurveyAnswerSheet(need: survey.items.map { _ in 4 }, experience: survey.items.map { _ in 2 })
            try await responses.importAnswers(organisationID: organisation.id, surveyID: survey.id, waveID: wave.id,
                                              Array(repeating: sheet, count: 10))
            #expect(try await ilse.get(growth).text.contains("n = 160, Najaar 2026"), "computed afresh from the new answers")
            #expect(memo.computations(database) == 2)
        }
    }
}
