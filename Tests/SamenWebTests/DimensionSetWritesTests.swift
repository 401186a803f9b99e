import Foundation
import HTTPTypes
import HummingbirdTesting
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Dimension sets through the page and the API: one use-case, the same stored result and
/// codes, a version check, an audit entry; on SQLite and PostgreSQL.
@Suite("Dimension sets through the page and the API")
struct DimensionSetWritesTests {
    @Test("copy, save, stale saves, duplicate codes, the default set and deletes: same results and codes both ways",
          arguments: TestDatabase.kinds)
    func dimensionSets(kind: DatabaseKind) async throws {
        try await withApp(kind: kind) { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let c = SurveyInstrumentWritesTests.Context(ilse: ilse, token: try await APITests.token(ilse, Demo.ilse), path: "", api: "")
            let base = "/api/v1/organisations/\(Demo.orgA)/dimension-sets"
            func sets() async throws -> [[String: Any]] {
                try await ilse.json(.get, base, token: c.token).jsonObject["dimension_sets"] as? [[String: Any]] ?? []
            }
            #expect(try await ilse.post("/o/\(Demo.orgA)/dimensions", ["source": "default-8", "name": "Onze set"]).status == .seeOther)
            let made = try await ilse.request(.post, base, body: #"{"source_id": "default-8", "name": "API set"}"#, contentType: "application/json",
                                              headers: [.authorization: "Bearer \(c.token)"])
            #expect(made.status == .created && made.headers[.eTag] == "\"1\"" && made.jsonObject["version"] as? Int == 1)
            let apiID = try #require(made.jsonObject["id"] as? String)
            let web = try #require(try await sets().first { $0["name"] as? String == "Onze set" })
            let webID = try #require(web["id"] as? String)
            #expect(web["row_version"] as? Int == 1 && (web["dimensions"] as? [Any])?.count == 8)

            // The page's save names the row version it read.
            var fields = ["set_name": "Onze set", "version": "1"]
            for (index, code) in ["known", "tailored", "empathy"].enumerated() {
                fields["code_\(index)"] = code
                fields["name_nl_\(index)"] = index == 0 ? "Gekend en herkend" : code
            }
            #expect(try await ilse.post("/o/\(Demo.orgA)/dimensions/\(webID)", fields).status == .seeOther)
            let apiSaved = try await SurveyInstrumentWritesTests.patch(
                c, "\(base)/\(apiID)", #"{"name": "API set 2", "dimensions": [{"code": "known", "name_nl": "Gekend"}]}"#, version: "1")
            #expect(apiSaved.status == .ok && apiSaved.headers[.eTag] == "\"2\"")
            let stored = try await sets()
            let savedWeb = try #require(stored.first { $0["id"] as? String == webID })
            let savedAPI = try #require(stored.first { $0["id"] as? String == apiID })
            #expect(savedWeb["version"] as? Int == 2 && savedWeb["row_version"] as? Int == 2 && (savedWeb["dimensions"] as? [Any])?.count == 3)
            #expect(((savedWeb["dimensions"] as? [[String: Any]])?.first?["name_nl"] as? String) == "Gekend en herkend")
            #expect(savedAPI["version"] as? Int == 2 && savedAPI["name"] as? String == "API set 2")
            #expect(((savedAPI["dimensions"] as? [[String: Any]])?.first?["name_en"] as? String) == "Gekend", "English defaults to Dutch")

            // Stale: 409 page, 412 in the API; duplicate codes: the same code both ways.
            let stale = try await ilse.post("/o/\(Demo.orgA)/dimensions/\(webID)", fields)
            #expect(stale.status == .conflict && stale.text.contains("Iemand anders heeft deze set intussen gewijzigd"))
            #expect(try await SurveyInstrumentWritesTests.patch(c, "\(base)/\(apiID)", #"{"name": "Oud"}"#, version: "1").status == .preconditionFailed)
            fields["version"] = "2"
            fields["code_1"] = "known"
            let duplicate = try await ilse.post("/o/\(Demo.orgA)/dimensions/\(webID)", fields)
            #expect(duplicate.status == .unprocessableContent && duplicate.text.contains("Deze code komt twee keer voor."))
            let apiDuplicate = try await SurveyInstrumentWritesTests.patch(
                c, "\(base)/\(apiID)", #"{"dimensions": [{"code": "known", "name_nl": "A"}, {"code": "known", "name_nl": "B"}]}"#, version: "2")
            #expect(apiDuplicate.status == .conflict && SurveyInstrumentWritesTests.firstErrorCode(apiDuplicate) == "dimension_code_duplicate")
            #expect(try await ilse.json(.get, "\(base)/\(apiID)", token: c.token).jsonObject["row_version"] as? Int == 2, "nothing changed")

            // The default set does not change or go.
            #expect(try await SurveyInstrumentWritesTests.patch(c, "\(base)/default-8", #"{"name": "X"}"#, version: "1").status == .notFound)
            let keep = try await ilse.request(.delete, "\(base)/default-8", headers: [.authorization: "Bearer \(c.token)"])
            #expect(keep.status == .conflict && keep.jsonObject["code"] as? String == "dimension_set_default")
            let gone = try await ilse.request(.delete, "\(base)/\(apiID)", headers: [.authorization: "Bearer \(c.token)", .ifMatch: "\"2\""])
            #expect(gone.status == .noContent)
            #expect(try await ilse.json(.get, "\(base)/\(apiID)", token: c.token).status == .notFound)

            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.post("/o/\(Demo.orgA)/dimensions", ["source": "default-8", "name": "X"]).status == .forbidden)
            let forbidden = try await marco.request(.post, base, body: #"{"source_id": "default-8", "name": "X"}"#, contentType: "application/json",
                                                    headers: [.authorization: "Bearer \(viewer)"])
            #expect(forbidden.status == .forbidden)
            #expect(try await marco.json(.get, base, token: viewer).status == .ok, "a viewer reads them")

            let trail = try await SurveyInstrumentWritesTests.audit(c, entity: "dimension_set")
            #expect(trail.map(\.0) == ["create", "create", "update", "update", "delete"])
            #expect(trail[2].1 == ["dimensions"] && trail[3].1 == ["name", "dimensions"])
        }
    }
}
