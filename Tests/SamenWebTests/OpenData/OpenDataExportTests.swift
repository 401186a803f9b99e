import Foundation
import Logging
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing
import ZIPFoundation

/// The open-data package on both databases: only what may leave the team, small counts
/// suppressed, each CSV as its schema says, and only the organisation's own trajectories.
@Suite("Open data export")
struct OpenDataExportTests {
    static func organisation(_ database: Database, _ slug: String) async throws -> Organisation {
        try #require(try await OrganisationStore(database: database).all().first { $0.slug == slug })
    }

    static func files(_ package: OpenDataPackage) throws -> [String: String] {
        let archive = try Archive(data: try OpenDataArchive.zip(package), accessMode: .read)
        var files: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    @Test("the demo's package: stories with consent only, no names, headers as the schema, what was left out", arguments: TestDatabase.kinds)
    func demo(kind: DatabaseKind) async throws {
        try await BackupRoundTripTests.withDemo(kind) { database, _ in
            let org = try await Self.organisation(database, Demo.orgA)
            let package = try await OpenDataExport(database: database).package(.init(organisation: org, trajectoryID: nil))
            let files = try Self.files(package)
            #expect(Set(files.keys).isSuperset(of: ["datapackage.json", "README.md", "dcat.jsonld", "data/stories.csv", "data/left_out.csv"]))
            let stories = try #require(package.tables.first { $0.schema.name == "stories" })
            #expect(stories.rows.count == 2, "the two demo stories with consent for publication")
            for (path, text) in files {
                for personal in ["Ilse de Vries", "@voorbeeld.nl", "06-12345678", "Mijn dochter", "Wijkcentrum De Brug"] {
                    #expect(!text.contains(personal), "\(path) holds \(personal)")
                }
            }
            for table in package.tables {
                let header = try #require(files[table.schema.path]?.split(separator: "\r\n").first)
                #expect(String(header) == table.schema.header.joined(separator: ","), "\(table.schema.name)")
                #expect(table.rows.allSatisfy { $0.count == table.schema.fields.count }, "\(table.schema.name)")
            }
            let left = try #require(package.tables.first { $0.schema.name == "left_out" }).rows
            #expect(left.contains { $0[0] == "stories_without_publication_consent" && $0[1] == "1" })
            let json = try #require(files["datapackage.json"])
            let descriptor = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect((descriptor["resources"] as? [[String: Any]])?.count == package.tables.count)
            #expect(try #require(files["README.md"]).contains("| `data/stories.csv` | 2 |"), "the codebook counts the rows")
        }
    }

    @Test("coverage: ten people in a group are published, nine are suppressed and counted as left out", arguments: TestDatabase.kinds)
    func suppression(kind: DatabaseKind) async throws {
        try await BackupRoundTripTests.withDemo(kind) { database, _ in
            let org = try await Self.organisation(database, Demo.orgA)
            let trajectory = try #require(try await TrajectoryStore(database: database).list(organisationID: org.id).first)
            let store = ParticipationStore(database: database)
            let activity = try await store.addActivity(organisationID: org.id, Activity(
                id: "", trajectoryID: trajectory.id, phase: .coEvaluation, kind: .session, title: "Terugblik", date: trajectory.startDate,
                place: "", facilitator: "", notes: ""))
            for (group, count) in [(StakeholderGroup.citizen, 10), (.ngo, 9)] {
                for i in 0..<count {
                    let p = try await store.addParticipant(organisationID: org.id, Participant(
                        id: "", trajectoryID: trajectory.id, code: "E-\(group.rawValue)-\(i)", group: group, vulnerable: false, ageBand: "", district: ""))
                    try await store.logParticipation(organisationID: org.id, Participation(
                        participantID: p.id, activityID: activity.id, role: "", consent: .publication, contributions: 1))
                }
            }
            let package = try await OpenDataExport(database: database).package(.init(organisation: org, trajectoryID: trajectory.id, parts: [.coverage]))
            let rows = try #require(package.tables.first { $0.schema.name == "coverage" }).rows.filter { $0[1] == "co_evaluation" }
            #expect(rows.first { $0[2] == "citizen" }.map { Array($0[3...4]) } == ["10", "0"])
            #expect(rows.first { $0[2] == "ngo" }.map { Array($0[3...4]) } == ["", "1"])
            #expect(!package.tables.contains { $0.schema.name == "stories" }, "a part not chosen stays out")
            #expect(package.omissions.contains { $0.what == "part_stories" })
        }
    }

    @Test("a trajectory of another organisation is not found", arguments: TestDatabase.kinds)
    func otherOrganisation(kind: DatabaseKind) async throws {
        try await BackupRoundTripTests.withDemo(kind) { database, _ in
            let a = try await Self.organisation(database, Demo.orgA), b = try await Self.organisation(database, Demo.orgB)
            let theirs = try #require(try await TrajectoryStore(database: database).list(organisationID: b.id).first)
            await #expect(throws: SamenError.notFound) {
                try await OpenDataExport(database: database).package(.init(organisation: a, trajectoryID: theirs.id))
            }
        }
    }

    @Test("the API gives the ZIP to facilitators and administrators, 403 to a viewer, 422 for an unknown part")
    func api() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let path = "/api/v1/organisations/\(Demo.orgA)/open-data"
            let zip = try await ilse.json(.get, path + "?parts=stories,insights", token: token)
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")
            let names = Set(try Archive(data: Data(buffer: zip.body), accessMode: .read).map(\.path))
            #expect(names.contains("data/stories.csv") && !names.contains("data/interventions.csv"))
            #expect(try await ilse.json(.get, path + "?parts=bogus", token: token).status == .unprocessableContent)
            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.json(.get, path, token: viewer).status == .forbidden)
        }
    }
}
