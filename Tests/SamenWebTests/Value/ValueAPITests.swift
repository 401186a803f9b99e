import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The value register in the JSON API: the same use-case, rules and codes as the pages.
@Suite("Value register in the JSON API")
struct ValueAPITests {
    static let record = #"{"beneficiary":"user","value_type":"in_use","polarity":"destroyed","moment":"customer_contact","creator":"front_line","description":"Twee keer dezelfde bewijsstukken","cause":"failing_technology","touchpoint":"Formulier"}"#

    @Test("create, list, get with ETag, PATCH with If-Match (412 when stale), 422 and 409 with stable codes, delete; audited")
    func crud() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let base = StoryEditWebTests.api(trajectory) + "/value-records"
            let created = try await ilse.json(.post, base, token: token, body: Self.record)
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"")
            #expect(created.jsonObject["cause"] as? String == "failing_technology" && created.jsonObject["highlight_id"] == nil)
            let id = try #require(created.jsonObject["id"] as? String)
            #expect(created.headers[.location]?.hasSuffix("/value-records/\(id)") == true)
            let list = try await ilse.json(.get, base + "?sort=-polarity&limit=200", token: token)
            #expect((list.jsonObject["value_records"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
            let one = try await ilse.json(.get, base + "/\(id)", token: token)
            #expect(one.status == .ok && one.headers[.eTag] == "\"1\"" && one.jsonObject["touchpoint"] as? String == "Formulier")

            let missingField = try await ilse.json(.post, base, token: token, body: #"{"beneficiary":"user"}"#)
            #expect(missingField.status == .unprocessableContent && missingField.jsonObject["code"] as? String == "validation_failed")
            let noCause = try await ilse.request(.patch, base + "/\(id)", body: #"{"cause":""}"#, contentType: "application/json",
                                                 headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(noCause.status == .conflict && noCause.jsonObject["code"] as? String == "rule_conflict", "destroyed value needs a cause")
            let foreign = try await ilse.request(.patch, base + "/\(id)", body: #"{"highlight_id":"nope"}"#, contentType: "application/json",
                                                 headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(foreign.status == .conflict, "a highlight of another trajectory or none at all")

            let saved = try await ilse.request(.patch, base + "/\(id)", body: #"{"polarity":"created"}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(saved.status == .ok && saved.headers[.eTag] == "\"2\"" && saved.jsonObject["cause"] as? String == "",
                    "created value has no cause")
            let stale = try await ilse.request(.patch, base + "/\(id)", body: #"{"touchpoint":"Loket"}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed && stale.jsonObject["code"] as? String == "stale_version")
            let staleDelete = try await ilse.request(.delete, base + "/\(id)", headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(staleDelete.status == .preconditionFailed)

            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.json(.get, base + "/\(id)", token: viewer).status == .ok, "a viewer reads")
            let refused = try await marco.json(.post, base, token: viewer, body: Self.record)
            #expect(refused.status == .forbidden, "a viewer does not write")
            let sanne = Browser(client)
            let other = try await APITests.token(sanne, Demo.sanne)
            #expect(try await sanne.json(.get, base + "/\(id)", token: other).status == .notFound, "another organisation's member")

            #expect(try await ilse.json(.delete, base + "/\(id)", token: token).status == .noContent)
            #expect(try await ilse.json(.get, base + "/\(id)", token: token).status == .notFound)
            let audit = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/audit?kind=value_record&limit=200", token: token)
            let actions = (audit.jsonObject["entries"] as? [[String: Any]])?.filter { $0["entity_id"] as? String == id }.compactMap { $0["action"] as? String }
            #expect(Set(actions ?? []) == ["create", "update", "delete"])
        }
    }
}
