import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// Published trajectory reports: frozen snapshots in versions, roles, audit entries, the
/// public "U zei, wij deden" page and the API, on both databases.
@Suite("Trajectory reports")
struct TrajectoryReportTests {
    @Test("a published version keeps its numbers when the trajectory changes; a new version shows the change", arguments: TestDatabase.kinds)
    func frozen(kind: DatabaseKind) async throws {
        try await BackupRoundTripTests.withDemo(kind) { database, _ in
            let org = try await OpenDataExportTests.organisation(database, Demo.orgA)
            let tr = try #require(try await TrajectoryStore(database: database).list(organisationID: org.id).first)
            let actor = WriteActor(organisationID: org.id, userID: nil, displayName: "Test", role: .facilitator)
            let writes = TrajectoryReportWrites(database: database)
            let first = try await writes.publish(actor, organisation: org, trajectory: tr, scope: "final", title: "Eind", share: true)
            let interventions = try await PortfolioStore(database: database).interventions(organisationID: org.id, trajectoryID: tr.id)
            #expect(first.snapshot.done.count == interventions.count && !interventions.isEmpty)
            #expect(first.snapshot.said.flatMap(\.quotes).allSatisfy { !$0.contains("brief die ik niet begreep") },
                    "a quote from a story without consent for publication stays out")
            try await PortfolioWrites(database: database).deleteIntervention(
                WriteActor(organisationID: org.id, userID: nil, displayName: "Test", role: .administrator), interventions[0], expected: nil)
            let stored = try #require(try await TrajectoryReportStore(database: database).report(organisationID: org.id, id: first.id))
            #expect(stored.snapshot == first.snapshot, "the published version did not change")
            let second = try await writes.publish(actor, organisation: org, trajectory: tr, scope: "final", title: "Eind", share: false)
            #expect(second.number == first.number + 1 && second.snapshot.done.count == interventions.count - 1)
            let all = try await TrajectoryReportStore(database: database).reports(organisationID: org.id, trajectoryID: tr.id)
            #expect(all.map(\.number).sorted() == [1, 2, 3], "the demo's version, then ours; earlier ones stay")
            let entries = try await AuditStore(database: database).entries(organisationID: org.id, filter: AuditFilter(entity: "trajectory_report"),
                                                                           limit: 10, cursor: nil).entries
            #expect(entries.count == 3 && entries.allSatisfy { $0.action == .create })
        }
    }

    @Test("two publications at the same moment get two numbers; nothing is lost", arguments: TestDatabase.kinds)
    func concurrent(kind: DatabaseKind) async throws {
        try await BackupRoundTripTests.withDemo(kind) { database, _ in
            let org = try await OpenDataExportTests.organisation(database, Demo.orgA)
            let tr = try #require(try await TrajectoryStore(database: database).list(organisationID: org.id).first)
            let actor = WriteActor(organisationID: org.id, userID: nil, displayName: "Test", role: .facilitator)
            let writes = TrajectoryReportWrites(database: database)
            async let a = writes.publish(actor, organisation: org, trajectory: tr, scope: "co_design", title: "A", share: false)
            async let b = writes.publish(actor, organisation: org, trajectory: tr, scope: "co_design", title: "B", share: false)
            let numbers = try await [a.number, b.number].sorted()
            #expect(numbers == [2, 3])
        }
    }

    @Test("roles: a member cannot publish, a facilitator cannot delete; a bad scope is a field error")
    func roles() async throws {
        try await BackupRoundTripTests.withDemo(.sqlite) { database, _ in
            let org = try await OpenDataExportTests.organisation(database, Demo.orgA)
            let tr = try #require(try await TrajectoryStore(database: database).list(organisationID: org.id).first)
            let writes = TrajectoryReportWrites(database: database)
            func actor(_ role: Role) -> WriteActor { WriteActor(organisationID: org.id, userID: nil, displayName: "T", role: role) }
            await #expect(throws: SamenError.forbidden) {
                try await writes.publish(actor(.member), organisation: org, trajectory: tr, scope: "final", title: "X", share: false)
            }
            await #expect(throws: ValidationErrors.self) {
                try await writes.publish(actor(.facilitator), organisation: org, trajectory: tr, scope: "later", title: " ", share: false)
            }
            let report = try await writes.publish(actor(.facilitator), organisation: org, trajectory: tr, scope: "final", title: "X", share: false)
            await #expect(throws: SamenError.forbidden) { try await writes.delete(actor(.facilitator), report, expected: nil) }
            try await writes.delete(actor(.administrator), report, expected: nil)
        }
    }

    @Test("the demo's shared report: the page, the public page without login, withdrawing it closes the public page, the API")
    func pages() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.get(trajectory + "/reports")
            #expect(list.status == .ok && list.text.contains(#"id="report-versions""#) && list.text.contains(#"id="report-publish-form""#))
            let version = try #require(list.text.firstMatch(of: /href="([^"]*\/reports\/[0-9a-f-]{36})"/).map { String($0.output.1) })
            let page = try await ilse.get(version)
            for text in ["Wie we hoorden", "Wat er gezegd is", "Wat we deden", #"id="trajectory-report""#] { #expect(page.text.contains(text), "\(text)") }
            let publicURL = try #require(page.text.firstMatch(of: /id="report-public-link">([^<]+)</).map { String($0.output.1) })
            let visitor = Browser(client)
            let open = try await visitor.get(publicURL)
            #expect(open.status == .ok && open.text.contains("U zei, wij deden"))
            #expect(!open.text.contains("Ik kreeg een brief die ik niet begreep"), "no quote without consent for publication")
            let withdrawn = try await ilse.post(version + "/withdraw", ["version": "1"])
            #expect(withdrawn.status == .seeOther || withdrawn.status == .found)
            #expect(try await visitor.get(publicURL).status == .notFound)
            let api = StoryEditWebTests.api(trajectory) + "/reports"
            let listed = try await ilse.json(.get, api, token: token)
            #expect((listed.jsonObject["reports"] as? [[String: Any]])?.count == 1)
            let made = try await ilse.json(.post, api, token: token, body: #"{"scope":"final","title":"Eindverslag"}"#)
            #expect(made.status == .created && made.headers[.eTag] == "\"1\"")
            #expect(try await ilse.json(.post, api, token: token, body: #"{"scope":"later","title":"X"}"#).status == .unprocessableContent)
        }
    }
}
