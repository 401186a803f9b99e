import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// *Wijzigingen*: the audit trail for administrators, on the page, as CSV and in the API.
@Suite("Audit trail (web and API)")
struct AuditWebTests {
    @Test("the demo shows its corrections; filters, CSV and the API agree; field names only")
    func auditTrail() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let page = try await ilse.get("/o/\(Demo.orgA)/audit")
            #expect(page.status == .ok)
            #expect(page.text.contains("Wijzigingen") && page.text.contains("Ilse"))
            // The demo's correction of an activity (later demo content can push it off the first page of everything).
            let activities = try await ilse.get("/o/\(Demo.orgA)/audit?kind=activity")
            #expect(activities.text.contains("Notities, Plaats of kanaal"), "the changed fields are named, in the page's language")
            #expect(!activities.text.contains("balie 3") && !page.text.contains("balie 3"), "their values are not")
            let rows = String(activities.text.split(separator: "id=\"audit-table\"").last ?? "")
            #expect(rows.contains("<td>activiteit</td>") && !rows.contains("<td>besluit</td>"))
            let bad = try await ilse.get("/o/\(Demo.orgA)/audit?from=gisteren&kind=x")
            #expect(bad.status == .ok && bad.text.contains("Vul een geldige datum in") && bad.text.contains("Kies een soort uit de lijst."))
            let future = try await ilse.get("/o/\(Demo.orgA)/audit?from=2199-01-01")
            #expect(future.text.contains("Er zijn geen wijzigingen die bij dit filter passen."))
            let csv = try await ilse.get("/o/\(Demo.orgA)/audit/export.csv?kind=decision")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "at,person_id,person,trajectory_id,entity,entity_id,action,fields")
            #expect(lines.count == 2 && lines[1].contains(",decision,") && lines[1].contains(",create,"))

            let created = try await ilse.post("/account/tokens", ["name": "api"])
            let token = try #require(created.text.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
            let api = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/audit?limit=1", token: token)
            #expect(api.status == .ok)
            let entries = try #require(api.jsonObject["entries"] as? [[String: Any]])
            #expect(entries.count == 1 && (api.jsonObject["total"] as? Int ?? 0) >= 2)
            let next = try #require(api.jsonObject["next_cursor"] as? String)
            let second = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/audit?limit=1&cursor=\(next)", token: token)
            let secondEntries = try #require(second.jsonObject["entries"] as? [[String: Any]])
            #expect(secondEntries.first?["id"] as? String != entries.first?["id"] as? String)
            #expect(try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/audit?limit=0", token: token).status == .unprocessableContent)

            let saved = try await ilse.post("/o/\(Demo.orgA)/audit/retention", ["retention_days": "10"])
            #expect(saved.status == .unprocessableContent && saved.text.contains("tussen 30 en 3650"))
            #expect(try await ilse.post("/o/\(Demo.orgA)/audit/retention", ["retention_days": "365"]).status == .seeOther)
            #expect(try await ilse.get("/o/\(Demo.orgA)/audit").text.contains("365 dagen"))
        }
    }
}
