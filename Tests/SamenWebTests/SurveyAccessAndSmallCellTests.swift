import Foundation
import Hummingbird
import HummingbirdTesting
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

@Suite("Surveys: small cells on the public page, other organisations")
struct SurveyAccessAndSmallCellTests {
    /// The table row of `label`, from its header cell to the end of the row.
    static func row(_ html: String, _ label: String) -> String? {
        guard let start = html.range(of: "<tr><th scope=\"row\">" + label),
              let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test("outside the team a cell of 9 shows no figures and a cell of 10 shows them; the team sees both")
    func boundary() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await SurveyWebTests.smallSurvey(ilse)
            let detail = try await ilse.get(path)
            let wave = try #require(detail.text.firstMatch(of: /<option value="([a-f0-9-]{36})">Ronde 1/).map { String($0.output.1) })
            // 10 at the counter, 9 on the website; every gap is 2 or 3, so figures would read "2,…".
            let rows = (0..<19).map { "\(4 + $0 % 2);2;\($0 < 10 ? "balie" : "website")" }
            let imported = try await ilse.post(path + "/import", [
                "wave": wave, "csv": (["need.known.1;experience.known.1;channel"] + rows).joined(separator: "\n")])
            #expect(imported.status == .seeOther)

            let outside = try await ilse.get(path + "/analysis?segment=channel&audience=public").text
            let nine = try #require(Self.row(outside, "Gekend worden · website"))
            #expect(nine.contains("verborgen: minder dan 10 personen"))
            let figures = nine.replacingOccurrences(of: "verborgen: minder dan 10 personen", with: "")
                .replacingOccurrences(of: "colspan=\"10\"", with: "")
            #expect(figures.firstMatch(of: /\d/) == nil,
                    "no n, no mean, no interval for 9 people: \(nine)")
            let ten = try #require(Self.row(outside, "Gekend worden · balie"))
            #expect(ten.contains("<td>10</td>") && ten.contains("<td>2,50</td>") && !ten.contains("verborgen"))
            #expect(!outside.contains("Gekend worden · website: "), "nor in the chart's description")

            let team = try await ilse.get(path + "/analysis?segment=channel").text
            let teamNine = try #require(Self.row(team, "Gekend worden · website"))
            #expect(teamNine.contains("<td>9</td>") && teamNine.contains("n &lt; 10"))
            #expect(try #require(Self.row(team, "Gekend worden · balie")).contains("<td>10</td>"))
        }
    }

    @Test("a member of another organisation gets 404 for a survey on the web and in the API", arguments: TestDatabase.kinds)
    func otherOrganisation(kind: DatabaseKind) async throws {
        try await withApp(kind: kind) { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await SurveyWebTests.smallSurvey(ilse)
            let id = String(path.split(separator: "/").last!)
            let sanne = Browser(client)
            let token = try await APITests.token(sanne, Demo.sanne)
            for page in ["", "/analysis", "/edit"] {
                #expect(try await sanne.get("/o/\(Demo.orgB)/surveys/\(id)\(page)").status == .notFound, "own organisation, A's id: \(page)")
                #expect(try await sanne.get("/o/\(Demo.orgA)/surveys/\(id)\(page)").status == .notFound, "A's organisation: \(page)")
            }
            #expect(try await sanne.post("/o/\(Demo.orgB)/surveys/\(id)/waves", ["name": "X"]).status == .notFound)
            for api in ["", "/analysis"] {
                let own = try await sanne.json(.get, "/api/v1/organisations/\(Demo.orgB)/surveys/\(id)\(api)", token: token)
                #expect(own.status == .notFound && own.jsonObject["code"] as? String == "not_found", "API, own organisation: \(api)")
                let theirs = try await sanne.json(.get, "/api/v1/organisations/\(Demo.orgA)/surveys/\(id)\(api)", token: token)
                #expect(theirs.status == .notFound, "API, A's organisation: \(api)")
            }
            let list = try await sanne.json(.get, "/api/v1/organisations/\(Demo.orgB)/surveys", token: token)
            #expect((list.jsonObject["surveys"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == false)
            #expect(try await ilse.get(path).status == .ok, "the owner still sees it")
        }
    }
}
