import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Capabilities and needs in the JSON API: the same rules and codes as the pages.
@Suite("Capabilities in the JSON API")
struct StrategyAPITests {
    @Test("capabilities: create, ETag and If-Match (412 when stale), 422 for a level out of range, 409 for a taken name; a foreign capability in a need is 409")
    func capabilitiesAndNeeds() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = StrategyWebTests.api + "/capabilities"
            let created = try await ilse.json(.post, base, token: token, body: #"{"name":"Data lezen","kind":"skill","current_level":2}"#)
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"" && created.jsonObject["shortfall"] as? Int == 0)
            let id = try #require(created.jsonObject["id"] as? String)
            #expect(try await ilse.json(.post, base, token: token, body: #"{"name":"X","kind":"skill","current_level":6}"#).status == .unprocessableContent)
            let taken = try await ilse.json(.post, base, token: token, body: #"{"name":"data lezen","kind":"tool","current_level":1}"#)
            #expect(taken.status == .conflict && taken.jsonObject["code"] as? String == "rule_conflict")
            let saved = try await ilse.request(.patch, base + "/\(id)", body: #"{"current_level":3}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(saved.status == .ok && saved.jsonObject["current_level"] as? Int == 3 && saved.headers[.eTag] == "\"2\"")
            let stale = try await ilse.request(.patch, base + "/\(id)", body: #"{"current_level":4}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed && stale.jsonObject["code"] as? String == "stale_version")

            let sanne = Browser(client)
            let sanneToken = try await APITests.token(sanne, Demo.sanne)
            #expect(try await sanne.json(.get, base + "/\(id)", token: sanneToken).status == .notFound, "another organisation's member")
            let theirs = try await sanne.json(.post, "/api/v1/organisations/\(Demo.orgB)/capabilities", token: sanneToken,
                                              body: #"{"name":"Van B","kind":"tool","current_level":1}"#)
            let foreign = try #require(theirs.jsonObject["id"] as? String)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let interventions = try await ilse.json(.get, StoryEditWebTests.api(trajectory) + "/interventions", token: token)
            let intervention = try #require((interventions.jsonObject["interventions"] as? [[String: Any]])?.first?["id"] as? String)
            let needs = StoryEditWebTests.api(trajectory) + "/interventions/\(intervention)/capability-needs"
            let refused = try await ilse.json(.post, needs, token: token, body: #"{"capability_id":"\#(foreign)","needed_level":3}"#)
            #expect(refused.status == .conflict && refused.jsonObject["code"] as? String == "rule_conflict")
            let need = try await ilse.json(.post, needs, token: token, body: #"{"capability_id":"\#(id)","needed_level":5}"#)
            #expect(need.status == .created && need.jsonObject["needed_level"] as? Int == 5)
            let after = try await ilse.json(.get, base + "/\(id)", token: token)
            #expect(after.jsonObject["shortfall"] as? Int == 2 && after.jsonObject["interventions"] as? Int == 1, "needed 5, now 3")
            #expect(try await ilse.json(.delete, base + "/\(id)", token: token).status == .noContent)
            #expect((try await ilse.json(.get, needs, token: token).jsonObject["needs"] as? [[String: Any]])?.contains { $0["capability_id"] as? String == id } == false,
                    "the need went with its capability")
        }
    }
}
