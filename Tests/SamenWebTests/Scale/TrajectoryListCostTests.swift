import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// The trajectory list at scale (issue 16): the advisor facts of a page are read with one
/// query per fact table for all its rows, so the list's store calls do not grow with the
/// rows, and each row's warnings are the ones its own overview page shows.
@Suite("Trajectory list: advisor facts per page, not per row")
struct TrajectoryListCostTests {
    /// Adds trajectories `from...to` to the demo organisation, each with a different mix of
    /// the facts the advisor looks at (activities, stakeholders, participants, decisions,
    /// interventions, assessments, dismissals), so their warnings differ.
    static func addTrajectories(_ database: Database, _ numbers: ClosedRange<Int>) async throws {
        let org = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA }?.id)
        let store = TrajectoryStore(database: database), participation = ParticipationStore(database: database)
        for n in numbers {
            let trajectory = try await store.create(organisationID: org, .init(
                title: String(format: "Traject %02d", n), service: "Dienst", goal: "Doel", targetGroups: "", owner: "Ilse",
                startDate: String(format: "2025-02-%02d", n % 28 + 1), endDate: nil))
            let id = trajectory.id
            if n % 2 == 0 {
                let activity = try await participation.addActivity(organisationID: org, Activity(
                    id: "", trajectoryID: id, phase: .coDesign, kind: .session, title: "Sessie \(n)", date: "2025-03-01", place: "Stadhuis",
                    facilitator: "Ilse", notes: ""))
                let participant = try await participation.addParticipant(organisationID: org, Participant(
                    id: "", trajectoryID: id, code: "P\(n)", group: .citizen, vulnerable: n % 4 == 0, ageBand: "25-44", district: "Noord"))
                try await participation.logParticipation(organisationID: org, Participation(
                    participantID: participant.id, activityID: activity.id, role: "deelnemer", consent: .publication, contributions: n))
            }
            if n % 3 == 0 {
                _ = try await participation.addStakeholder(organisationID: org, Stakeholder(
                    id: "", trajectoryID: id, name: "Wijkteam \(n)", group: .citizen, required: true, hardToReach: true, lowDigitalSkills: n % 2 == 0,
                    languageNeeds: false, power: 4, interest: 2, positionDate: "2025-02-01"))
                try await store.addDecision(organisationID: org, trajectoryID: id, date: "2025-02-10", summary: "Besluit", reason: "", decidedBy: "Ilse")
            }
            if n % 4 == 1 {
                try await database.transaction { sql in
                    _ = try await PortfolioStore.insertIntervention(sql: sql, organisationID: org, Intervention(
                        id: "", trajectoryID: id, title: "Ingreep \(n)", description: "", problem: "", insightIDs: [], personaIDs: [], stepIDs: [],
                        dimensions: ["known"], horizon: .short, owner: "Ilse", expectedEffect: "", effort: .low, costEUR: nil,
                        status: n % 8 == 1 ? .implemented : .idea, statusSince: "2025-03-01"), by: "Ilse")
                    _ = try await GrowthModelStore.insertAssessment(sql: sql, organisationID: org, MaturityAssessment(
                        id: "", trajectoryID: id, dimension: "known", level: n % 5 + 1, assessedOn: "2025-03-01", assessors: "Ilse",
                        justification: "", evidence: "", targetShort: nil, targetMedium: nil, targetLong: nil))
                }
            }
            if n % 5 == 0 {
                try await store.dismiss(organisationID: org, trajectoryID: id, challenge: 1, reason: "Bewust", by: "Ilse")
            }
        }
    }

    /// (link, warnings) per row of the list page.
    static func rows(_ page: String) -> [(url: String, warnings: Int)] {
        page.matches(of: /<tr><td><a href="([^"]+)">[^<]*<\/a><\/td>(?:<td>[^<]*<\/td>){3}<td>(\d+)<\/td><\/tr>/)
            .map { (String($0.output.1), Int($0.output.2) ?? -1) }
    }

    @Test("2 and 20 trajectories on the page cost the same store calls", arguments: TestDatabase.kinds)
    func readsDoNotGrowWithRows(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let list = "/o/\(Demo.orgA)/trajectories"
            // The fewest of a few tries: background work (the map job) only adds to the count.
            func reads() async throws -> (rows: Int, reads: Int) {
                _ = try await ilse.get(list)  // warm: kept analyses and the session are read alike below
                var fewest = (rows: 0, reads: Int.max)
                for _ in 0..<3 {
                    let before = database.readCount
                    let page = try await ilse.get(list).text
                    fewest = (Self.rows(page).count, min(fewest.reads, database.readCount - before))
                }
                return fewest
            }
            let demo = try await reads().rows
            try await Self.addTrajectories(database, 1...(2 - demo))
            let few = try await reads()
            try await Self.addTrajectories(database, (3 - demo)...(20 - demo))
            let many = try await reads()
            #expect(few.rows == 2 && many.rows == 20)
            #expect(few.reads == many.reads, "the store calls do not grow with the rows: \(few.reads) for 2, \(many.reads) for 20")
        }
    }

    @Test("each row's warnings are the ones its own overview page shows", arguments: TestDatabase.kinds)
    func warningsEqualTheOverview(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            try await Self.addTrajectories(database, 1...16)
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let rows = Self.rows(try await ilse.get("/o/\(Demo.orgA)/trajectories").text)
            #expect(rows.count >= 17)
            var counts: Set<Int> = []
            for row in rows {
                let overview = try await ilse.get(row.url).text
                let shown = overview.matches(of: /<article class="warning"/).count
                #expect(row.warnings == shown, "\(row.url): \(row.warnings) on the list, \(shown) on its page")
                counts.insert(shown)
            }
            #expect(counts.count >= 3, "the rows differ, so the comparison says something: \(counts.sorted())")
        }
    }
}

/// The API list of trajectories is paged in the database like the other API lists (issue 16):
/// `limit`/`cursor`, `total`, `sort` (a leading - descends) and a search `q`.
@Suite("Trajectory API list: paged")
struct TrajectoryAPIPagingTests {
    @Test("56 trajectories: 50 and a cursor, then the rest; sorted by title; searched; a bad limit or sort is refused", arguments: TestDatabase.kinds)
    func paged(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            try await TrajectoryListCostTests.addTrajectories(database, 1...55)
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = "/api/v1/organisations/\(Demo.orgA)/trajectories"
            func titles(_ object: [String: Any]) -> [String] {
                (object["trajectories"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
            }
            let first = try await ilse.json(.get, base, token: token).jsonObject
            let total = try #require(first["total"] as? Int)
            #expect(total == 55 + 1 && titles(first).count == 50 && first["next_cursor"] as? String == "50")
            let starts = (first["trajectories"] as? [[String: Any]] ?? []).compactMap { $0["start_date"] as? String }
            #expect(starts == starts.sorted(by: >), "the newest start first by default")
            let rest = try await ilse.json(.get, base + "?cursor=50", token: token).jsonObject
            #expect(titles(rest).count == total - 50 && rest["next_cursor"] is NSNull)
            #expect(Set(titles(rest)).isDisjoint(with: titles(first)), "no trajectory on both pages")

            let byTitle = titles(try await ilse.json(.get, base + "?sort=title&limit=10", token: token).jsonObject)
            #expect(byTitle.count == 10 && byTitle == byTitle.sorted())
            let backwards = titles(try await ilse.json(.get, base + "?sort=-title&limit=10", token: token).jsonObject)
            #expect(backwards == backwards.sorted(by: >) && Set(backwards).isDisjoint(with: byTitle))
            let found = try await ilse.json(.get, base + "?q=traject%2005", token: token).jsonObject
            #expect(titles(found) == ["Traject 05"] && found["total"] as? Int == 1)
            #expect(try await ilse.json(.get, base + "?limit=0", token: token).status.code >= 400)
            #expect(try await ilse.json(.get, base + "?sort=secret", token: token).status.code >= 400)
            // The schema allows 200 characters (code points) of search; more is refused, 200 é is not.
            #expect(try await ilse.json(.get, base + "?q=" + String(repeating: "a", count: 201), token: token).status == .unprocessableContent)
            #expect(try await ilse.json(.get, base + "?q=" + String(repeating: "%C3%A9", count: 200), token: token).status == .ok)
        }
    }
}
