import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// The report's later parts (representation, the opinion map's groups and common ground,
/// experiments, the value register) are frozen with the rest, on both databases.
@Suite("Trajectory report findings")
struct TrajectoryReportFindingsTests {
    @Test("representation, groups, common ground, experiments and worth are frozen; a new version shows the change; the old one stays readable",
          arguments: TestDatabase.kinds)
    func frozenFindings(kind: DatabaseKind) async throws {
        try await BackupRoundTripTests.withDemo(kind) { database, _ in
            let org = try await OpenDataExportTests.organisation(database, Demo.orgA)
            let tr = try #require(try await TrajectoryStore(database: database).list(organisationID: org.id).first)
            let facilitator = WriteActor(organisationID: org.id, userID: nil, displayName: "Test", role: .facilitator)
            let writes = TrajectoryReportWrites(database: database)
            let first = try await writes.publish(facilitator, organisation: org, trajectory: tr, scope: "final", title: "Eind", share: false)
            let s = first.snapshot
            #expect(s.representation.contains { $0.variable == "group" && (0...1).contains($0.score) }, "the demo sets group shares")
            let conversations = s.conversations.filter(\.mapped)
            #expect(!conversations.isEmpty && conversations.allSatisfy { !$0.groups.isEmpty }, "the demo conversation has a map with groups")
            let experiments = try await ExperimentStore(database: database).experiments(organisationID: org.id, trajectoryID: tr.id)
            #expect(s.experiments.map(\.title).sorted() == experiments.map(\.title).sorted() && !experiments.isEmpty)
            #expect(s.experiments.contains { $0.decision != nil && !$0.learned.isEmpty }, "a learning card is reported")
            let records = try await ValueStore(database: database).records(organisationID: org.id, trajectoryID: tr.id)
            let users = records.filter { $0.beneficiary == .user }
            let userCount = try #require(s.worth.register.first { $0.beneficiary == "user" })
            #expect(userCount.created == users.filter { $0.polarity == .created }.count
                    && userCount.destroyed == users.filter { $0.polarity == .destroyed }.count)
            #expect(s.worth.register.reduce(0) { $0 + $1.created + $1.destroyed } == records.count)
            let analysis = try #require(try await ValueSROIAnalysisStore(database: database).analyses(organisationID: org.id, trajectoryID: tr.id).first,
                                        "the demo stores an SROI analysis")
            let (figures, _) = try SROIStoredResult.compute(analysis)
            let sroi = try #require(s.worth.sroi, "the stored analysis gives the report its SROI range")
            #expect(sroi.source == analysis.title && sroi.ratio == figures.result.ratio)
            #expect(sroi.low == figures.monteCarlo.p5 && sroi.high == figures.monteCarlo.p95 && sroi.low < sroi.ratio && sroi.ratio < sroi.high)

            // Change the data: an experiment and a value record go.
            let admin = WriteActor(organisationID: org.id, userID: nil, displayName: "Test", role: .administrator)
            try await ExperimentWrites(database: database).deleteExperiment(admin, experiments[0], expected: nil)
            try await ValueWrites(database: database).delete(admin, users[0], expected: nil)
            let stored = try #require(try await TrajectoryReportStore(database: database).report(organisationID: org.id, id: first.id))
            #expect(stored.snapshot == s, "the published version keeps its numbers")
            let second = try await writes.publish(facilitator, organisation: org, trajectory: tr, scope: "final", title: "Eind", share: false)
            #expect(second.snapshot.experiments.count == s.experiments.count - 1)
            #expect(second.snapshot.worth.register.reduce(0) { $0 + $1.created + $1.destroyed } == records.count - 1)
            let versions = try await TrajectoryReportStore(database: database).reports(organisationID: org.id, trajectoryID: tr.id)
            #expect(versions.contains { $0.id == first.id && $0.snapshot.experiments.count == experiments.count }, "the earlier version is readable")
        }
    }

    @Test("a report published before these parts existed still reads, with them empty")
    func olderSnapshotReads() throws {
        let old = #"""
            {"scope":"final","trajectoryTitle":"T","service":"S","goal":"G","generatedOn":"2026-01-01","heard":[],"said":[],"measured":[],
             "conversations":[{"question":"Q","participants":12,"votes":40}],"done":[],"extra":[]}
            """#
        let snapshot = try JSONDecoder().decode(TrajectoryReportSnapshot.self, from: Data(old.utf8))
        #expect(snapshot.representation.isEmpty && snapshot.experiments.isEmpty && snapshot.worth.register.isEmpty)
        #expect(snapshot.conversations.first?.mapped == false && snapshot.conversations.first?.votes == 40)
        let again = try JSONDecoder().decode(TrajectoryReportSnapshot.self, from: try JSONEncoder().encode(snapshot))
        #expect(again == snapshot)
    }

    @Test("the report page shows the new sections, the charts as SVG with a text alternative, and the data tables")
    func page() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.get(trajectory + "/reports")
            let version = try #require(list.text.firstMatch(of: /href="([^"]*\/reports\/[0-9a-f-]{36})"/).map { String($0.output.1) })
            let page = try await ilse.get(version)
            for text in ["Wat we uitprobeerden", "Wat het opleverde", "Waar alle groepen het over eens zijn", "Lijken de deelnemers op de inwoners?",
                         #"id="report-representation""#, #"id="report-worth""#, #"id="report-heard""#, #"id="report-measured""#] {
                #expect(page.text.contains(text), "\(text)")
            }
            for chart in ["report-heard-chart", "report-measured-chart"] {
                #expect(page.text.contains(#"<svg class="report-chart""#) && page.text.contains(#"aria-labelledby="\#(chart)-title \#(chart)-desc""#),
                        "\(chart) is an SVG with a title and description")
                #expect(page.text.contains(#"<desc id="\#(chart)-desc">"#))
            }
        }
    }
}
