import Foundation
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Survey, wave and dimension-set edits and deletes on the web and in the API.
@Suite("Survey edits on the web and in the API")
struct SurveyEditWebTests {
    @Test("edit round trip and stale edit; a wave and the survey go after their confirmation pages; viewers get 403",
          arguments: TestDatabase.kinds)
    func web(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, _ in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await SurveyWebTests.smallSurvey(ilse)
            #expect(try await ilse.get(path + "/edit").text.contains(#"name="version" value="1""#))
            #expect(try await ilse.post(path + "/edit", ["version": "1", "title": "Klein onderzoek 2026", "trajectory_id": ""]).status == .seeOther)
            let stale = try await ilse.post(path + "/edit", ["version": "1", "title": "Mijn titel", "trajectory_id": ""])
            #expect(stale.status == .conflict && stale.text.contains("Mijn titel") && stale.text.contains("Klein onderzoek 2026"))
            let detail = try await ilse.get(path)
            #expect(detail.text.contains("<h1>Klein onderzoek 2026</h1>"))
            let waveDelete = try #require(detail.text.firstMatch(of: /\/waves\/[a-f0-9-]{36}\/delete/).map { String($0.output) })
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(!(try await marco.get(path)).text.contains(path + "/delete"))
            #expect(try await marco.get(path + "/edit").status == .forbidden)
            #expect(try await marco.post(path + waveDelete, ["version": "1"]).status == .forbidden)
            let confirmWave = try await ilse.get(path + waveDelete)
            #expect(confirmWave.status == .ok && confirmWave.text.contains("confirm-delete-form"))
            #expect(try await ilse.post(path + waveDelete, ["version": "1"]).status == .seeOther)
            #expect(!(try await ilse.get(path)).text.contains("Ronde 1"))
            let confirm = try await ilse.get(path + "/delete")
            #expect(confirm.status == .ok)
            #expect(try await ilse.post(path + "/delete", ["version": "2"]).status == .seeOther)
            #expect(try await ilse.get(path).status == .notFound)
        }
    }

    @Test("a dimension set in use is refused with the surveys named; the default set too; an unused one goes")
    func dimensionSets() async throws {
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let refusedDefault = try await ilse.post("/o/\(Demo.orgA)/dimensions/\(DimensionSet.defaultID)/delete", ["version": "1"])
            #expect(refusedDefault.status == .conflict && refusedDefault.text.contains("delete-refused"))
            let organisation = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA })
            let store = SurveyStore(database: database)
            let own = try await store.copyDimensionSet(organisationID: organisation.id, from: DimensionSet.defaultID, name: "Onze set")
            _ = try await store.create(organisationID: organisation.id, .init(title: "Met onze set", dimensionSetID: own.id))
            let page = try await ilse.get("/o/\(Demo.orgA)/dimensions/\(own.id)/delete")
            #expect(page.text.contains("Met onze set") && page.text.contains("delete-refused"))
            let refused = try await ilse.post("/o/\(Demo.orgA)/dimensions/\(own.id)/delete", ["version": "1"])
            #expect(refused.status == .conflict && refused.text.contains("Met onze set"))
            #expect(try await store.dimensionSet(organisationID: organisation.id, id: own.id) != nil)
            let unused = try await store.copyDimensionSet(organisationID: organisation.id, from: DimensionSet.defaultID, name: "Ongebruikt")
            #expect(try await ilse.post("/o/\(Demo.orgA)/dimensions/\(unused.id)/delete", ["version": "1"]).status == .seeOther)
            #expect(try await store.dimensionSet(organisationID: organisation.id, id: unused.id) == nil)
        }
    }

    @Test("API: PATCH with a stale If-Match is 412; DELETE of a wave and a survey is 204; viewers 403")
    func api() async throws {
        try await withConversationApp { client, _ in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let path = try await SurveyWebTests.smallSurvey(ilse)
            let id = String(path.split(separator: "/").last!)
            let one = "/api/v1/organisations/\(Demo.orgA)/surveys/\(id)"
            let read = try await ilse.json(.get, one, token: token)
            #expect(read.headers[.eTag] == "\"1\"")
            let waveID = try #require((read.jsonObject["waves"] as? [[String: Any]])?.first?["id"] as? String)
            let ok = try await ilse.request(.patch, one, body: #"{"title":"Via de API"}"#, contentType: "application/json",
                                            headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(ok.status == .ok && ok.headers[.eTag] == "\"2\"" && ok.jsonObject["title"] as? String == "Via de API")
            let stale = try await ilse.request(.patch, one, body: #"{"title":"Te laat"}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed && stale.jsonObject["code"] as? String == "stale_version")
            let marco = Browser(client)
            let viewerToken = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.json(.delete, one, token: viewerToken).status == .forbidden)
            #expect(try await ilse.json(.delete, one + "/waves/" + waveID, token: token).status == .noContent)
            #expect(try await ilse.json(.delete, one, token: token).status == .noContent)
            #expect(try await ilse.json(.get, one, token: token).status == .notFound)
        }
    }
}
