import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("Surveys and conversations belong to a trajectory of the same organisation")
struct LinkingTests {
    @Test("the demo survey is linked to the demo trajectory; another organisation's trajectory is refused, nothing stored")
    func links() async throws {
        try await withApp { client in
            let sanne = Browser(client)
            let token = try await APITests.token(sanne, Demo.sanne)
            let bList = try await sanne.json(.get, "/api/v1/organisations/\(Demo.orgB)/trajectories", token: token)
            let foreign = try #require((bList.jsonObject["trajectories"] as? [[String: Any]])?.first?["id"] as? String)
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let overview = try await ilse.get(try await TrajectoryWebTests.demoTrajectory(ilse))
            #expect(overview.text.contains("Peiling: Ervaring met de aanvraag bijzondere bijstand"))
            #expect(overview.text.contains("Gesprek: "))
            let surveys = try await ilse.get("/o/\(Demo.orgA)/surveys")
            #expect(surveys.text.contains("<td>Aanvraag bijzondere bijstand vernieuwen</td>"))
            let survey = try await ilse.post("/o/\(Demo.orgA)/surveys", ["title": "Proef", "trajectory": foreign, "scale": "7",
                                                                          "items_per_dimension": "1", "dimension_set": "default"])
            #expect(survey.status == .unprocessableContent)
            #expect(survey.text.contains("Kies een traject van deze organisatie."))
            #expect(!(try await ilse.get("/o/\(Demo.orgA)/surveys").text.contains(">Proef<")))
            let conversation = try await ilse.post("/o/\(Demo.orgA)/conversations", ["question": "Wat moet eerst?", "moderation": "post",
                                                                                      "trajectory_id": foreign])
            #expect(conversation.status == .unprocessableContent)
            #expect(conversation.text.contains("Kies een traject van deze organisatie."))
            #expect(conversation.text.contains("Wat moet eerst?"), "the typed question is kept")
        }
    }
}
