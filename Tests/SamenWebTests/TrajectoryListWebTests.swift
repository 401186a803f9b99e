import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenWeb
import Testing

/// The trajectory list at more than one page: 50 rows a page with a count, sortable columns
/// that say how they are sorted, and a search that treats its text as text.
@Suite("Trajectory list: pages, sorting, search")
struct TrajectoryListWebTests {
    static func rows(_ page: String) -> [String] {
        page.matches(of: /<tr><td><a href="[^"]+">([^<]+)<\/a>/).map { String($0.output.1) }
    }

    @Test("55 more trajectories make two pages; sorting by title orders them and says so; search narrows, % is only a percent sign")
    func paging() async throws {
        try await withConversationApp { client, database in
            let orgID = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA }?.id)
            let store = TrajectoryStore(database: database)
            for n in 1...55 {
                _ = try await store.create(organisationID: orgID, .init(
                    title: String(format: "Traject %02d", n), service: n == 7 ? "Schuldhulp 100% digitaal" : "Dienst", goal: "Doel",
                    targetGroups: "", owner: "Ilse", startDate: String(format: "2025-01-%02d", (n % 28) + 1), endDate: nil))
            }
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let list = "/o/\(Demo.orgA)/trajectories"
            let first = try await ilse.get(list).text
            #expect(Self.rows(first).count == 50)
            #expect(first.contains("1–50 van 56"), "the count includes the demo trajectory")
            #expect(first.contains(#"rel="next""#) && !first.contains(#"rel="prev""#))
            #expect(first.contains(#"aria-sort="descending""#), "newest first by default, and the header says so")

            let byTitle = try await ilse.get(list + "?sort=title&dir=asc").text
            let titles = Self.rows(byTitle)
            #expect(titles == titles.sorted() && titles.contains("Traject 01") && !titles.contains("Traject 55"))
            #expect(byTitle.contains(#"aria-sort="ascending""#))
            let second = try await ilse.get(list + "?sort=title&dir=asc&page=2").text
            #expect(Set(Self.rows(second)).isDisjoint(with: titles) && Self.rows(second).count == 6, "page 2 holds the rest, none twice")
            #expect(second.contains("51–56 van 56") && second.contains(#"rel="prev""#) && !second.contains(#"rel="next""#))

            let search = try await ilse.get(list + "?q=TRAJECT+0").text
            #expect(Self.rows(search).count == 9, "case-insensitive, in the title")
            let percent = try await ilse.get(list + "?q=100%25").text
            #expect(Self.rows(percent) == ["Traject 07"], "in the service; % matches itself only")
            #expect(Self.rows(try await ilse.get(list + "?q=100%25+digitaal").text) == ["Traject 07"], "a form's + is a space")
            let none = try await ilse.get(list + "?q=zzz").text
            #expect(none.contains("Niets gevonden") && !none.contains("Er zijn nog geen trajecten"))
            #expect(try await ilse.get(list + "?sort=secret;drop&dir=sideways").status == .ok, "an unknown sort falls back to the default")
        }
    }
}
