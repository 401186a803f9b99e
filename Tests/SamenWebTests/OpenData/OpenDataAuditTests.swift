import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// Every open-data export leaves an audit entry (who, which organisation or trajectory,
/// which parts), shown on *Wijzigingen* and in the audit API, whose kinds the OpenAPI lists.
@Suite("Open data audit")
struct OpenDataAuditTests {
    @Test("a download from the page and one from the API each leave an entry with the person, the trajectory and the parts")
    func webAndAPI() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let trajectoryID = String(try #require(trajectory.split(separator: "/").last))
            let download = try await ilse.get("/o/\(Demo.orgA)/open-data/download?trajectory=\(trajectoryID)&part=coverage&part=stories")
            #expect(download.status == .ok)
            let api = "/api/v1/organisations/\(Demo.orgA)/open-data"
            #expect(try await ilse.json(.get, api + "?parts=insights", token: token).status == .ok)
            let audit = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/audit?kind=open_data_export", token: token)
            #expect(audit.status == .ok)
            let entries = try #require(audit.jsonObject["entries"] as? [[String: Any]])
            #expect(entries.count == 2)
            let fromPage = try #require(entries.first { ($0["trajectory_id"] as? String) == trajectoryID })
            #expect(fromPage["fields"] as? [String] == ["coverage", "stories"] && fromPage["action"] as? String == "export")
            #expect((fromPage["person"] as? String)?.isEmpty == false && fromPage["person_id"] is String)
            let fromAPI = try #require(entries.first { $0["trajectory_id"] is NSNull || $0["trajectory_id"] == nil })
            #expect(fromAPI["fields"] as? [String] == ["insights"])
            let page = try await ilse.get("/o/\(Demo.orgA)/audit?kind=open_data_export")
            #expect(page.status == .ok && page.text.contains("Export van open data") && page.text.contains("geëxporteerd"))
            #expect(page.text.contains("wie we hoorden, verhalen"), "the parts, in words")
        }
    }

    @Test("samen export open-data leaves an entry by the command line", arguments: TestDatabase.kinds)
    func commandLine(kind: DatabaseKind) async throws {
        try await BackupRoundTripTests.withDemo(kind) { database, _ in
            let org = try await OpenDataExportTests.organisation(database, Demo.orgA)
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("samen-audit-\(UUID().uuidString).zip").path
            defer { try? FileManager.default.removeItem(atPath: out) }
            _ = try await OpenDataCommands.export(database: database, organisationSlug: Demo.orgA, trajectoryID: nil, parts: ["portfolio"],
                                                  contact: "", output: out)
            let entries = try await AuditStore(database: database).entries(organisationID: org.id, filter: AuditFilter(entity: "open_data_export"),
                                                                           limit: 10, cursor: nil).entries
            #expect(entries.count == 1)
            #expect(entries.first?.action == .export && entries.first?.fields == ["portfolio"] && entries.first?.entityID == org.id)
            #expect(entries.first?.actorName == WriteActor.commandLine(organisationID: org.id).displayName)
        }
    }

    @Test("the audit API's OpenAPI lists every kind and every action the trail writes")
    func openAPIListsKinds() throws {
        let url = resourcesDirectory().appendingPathComponent("openapi/audit.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let get = try #require((paths["/api/v1/organisations/{org}/audit"] as? [String: Any])?["get"] as? [String: Any])
        let kind = try #require((get["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "kind" })
        let kinds = try #require((kind["schema"] as? [String: Any])?["enum"] as? [String])
        #expect(Set(kinds) == Set([""] + AuditRoutes.entities))
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let entry = try #require((schemas["AuditEntry"] as? [String: Any])?["properties"] as? [String: Any])
        let actions = try #require((entry["action"] as? [String: Any])?["enum"] as? [String])
        #expect(Set(actions) == Set(AuditAction.allCases.map(\.rawValue)))
    }
}
