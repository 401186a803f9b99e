import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// A wave's open link: one reusable address for a poster, shown with its QR code, replaced
/// and revoked by facilitators; citizens answer through it once per browser, and the
/// answers count in the wave.
@Suite("Survey open link")
struct CitizenOpenLinkTests {
    /// A small survey with one wave, and the path of that wave's open-link page.
    static func openLinkPage(_ ilse: Browser) async throws -> (survey: String, page: String) {
        let survey = try await SurveyWebTests.smallSurvey(ilse)
        let detail = try await ilse.get(survey)
        let page = try #require(detail.text.firstMatch(of: /\/o\/gemeente-voorbeeld\/surveys\/[a-f0-9-]{36}\/waves\/[a-f0-9-]{36}\/open-link/)
            .map { String($0.output) })
        return (survey, page)
    }

    static func address(_ html: String) -> String? {
        html.firstMatch(of: /<strong class="open-link-url">(https:\/\/samen\.example\.nl\/s\/[0-9A-Z]{12})<\/strong>/).map { String($0.output.1) }
    }

    /// Sends the last step straight away ("go on anyway"), which stores the answers.
    static func answer(_ citizen: Browser, _ path: String) async throws -> TestResponse {
        try await citizen.post(path, ["step": "9", "go": "skip", "n0": "5", "e0": "4"])
    }

    @Test("made, shown with a QR code of the full address, answered once per browser, counted in the wave; replaced and revoked",
          arguments: TestDatabase.kinds)
    func lifecycle(kind: DatabaseKind) async throws {
        try await withApp(kind: kind, configure: { $0.baseURL = "https://samen.example.nl" }) { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (survey, page) = try await Self.openLinkPage(ilse)
            let empty = try await ilse.get(page)
            #expect(empty.status == .ok && empty.text.contains("Deze ronde heeft nog geen open link."))
            #expect(try await ilse.post(page, [:]).status == .seeOther)
            let shown = try await ilse.get(page)
            let url = try #require(Self.address(shown.text), "\(shown.text.suffix(3000))")
            let path = String(url.dropFirst("https://samen.example.nl".count))
            #expect(shown.text.contains(try QRCode(encoding: url).svg(label: "QR-code naar de vragenlijst: " + url)))
            let code = String(path.dropFirst(3))
            #expect(shown.text.contains("<strong class=\"letter-code\">\(SurveyLinkCode.grouped(code))</strong>"))
            let csv = try await ilse.get(page + "/link.csv")
            #expect(csv.text.split(separator: "\r\n").map(String.init) == ["link,code", url + "," + SurveyLinkCode.grouped(code)])

            let anna = Browser(client)
            let form = try await anna.get(path)
            #expect(form.status == .ok && form.text.contains("Stap 1 van 9"))
            #expect(anna.cookies["samen_survey_browser"] != nil, "the browser gets its cookie on the first visit")
            let done = try await Self.answer(anna, path)
            #expect(done.status == .ok && done.text.contains("Bedankt!"), "\(done.text.suffix(2000))")
            // The same browser cannot answer again: said plainly, nothing stored.
            let again = try await anna.get(path)
            #expect(again.status == .conflict && again.text.contains("U hebt deze vragenlijst al ingevuld in deze browser."))
            let twice = try await Self.answer(anna, path)
            #expect(twice.status == .conflict && twice.text.contains("U hebt deze vragenlijst al ingevuld in deze browser."))
            // Another browser can; both answers count in the wave.
            #expect(try await Self.answer(Browser(client), path).text.contains("Bedankt!"))
            #expect(try await ilse.get(page).text.contains("Via de open link ingevuld: 2"))
            #expect(try await ilse.get(survey).text.contains("<dd>2</dd>"), "the survey counts the answers")
            let typed = try await Browser(client).get("/s?code=" + SurveyLinkCode.grouped(code))
            #expect(typed.status == .seeOther && typed.location == path, "the code of the open link can be typed in")

            // Replaced: the old address stops working, the new one works, answers stay.
            #expect(try await ilse.post(page, [:]).status == .seeOther)
            let replaced = try #require(Self.address(try await ilse.get(page).text))
            #expect(replaced != url)
            #expect(try await Browser(client).get(path).status == .notFound)
            let newPath = String(replaced.dropFirst("https://samen.example.nl".count))
            #expect(try await Browser(client).get(newPath).status == .ok)
            #expect(try await anna.get(newPath).status == .conflict, "a browser answers a wave once, whichever of its open links")
            // Revoked: gone; the page offers a new one; the answers are still counted.
            #expect(try await ilse.post(page + "/delete", [:]).status == .seeOther)
            #expect(try await Browser(client).get(newPath).status == .notFound)
            let after = try await ilse.get(page)
            #expect(after.text.contains("Deze ronde heeft nog geen open link.") && after.text.contains("Via de open link ingevuld: 2"))
            #expect(try await ilse.post(page + "/delete", [:]).status == .notFound, "nothing left to revoke")
        }
    }

    @Test("the API makes, shows, replaces and revokes the open link, audited; a viewer may not", arguments: TestDatabase.kinds)
    func api(kind: DatabaseKind) async throws {
        try await withApp(kind: kind, configure: { $0.baseURL = "https://samen.example.nl" }) { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (_, page) = try await Self.openLinkPage(ilse)
            let api = "/api/v1/organisations" + page.dropFirst(2)
            let token = try #require(try await ilse.post("/account/tokens", ["name": "t"]).text
                .firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
            #expect(try await ilse.json(.get, api, token: token).status == .notFound)
            let made = try await ilse.json(.post, api, token: token)
            #expect(made.status == .created)
            let url = try #require(made.jsonObject["url"] as? String)
            #expect(url.hasPrefix("https://samen.example.nl/s/") && made.jsonObject["answers"] as? Int == 0)
            let shown = try await ilse.json(.get, api, token: token)
            #expect(shown.status == .ok && shown.jsonObject["url"] as? String == url)
            let replaced = try await ilse.json(.post, api, token: token)
            #expect(replaced.jsonObject["url"] as? String != url)
            #expect(try await ilse.json(.delete, api, token: token).status == .noContent)
            #expect(try await ilse.json(.delete, api, token: token).status == .notFound)
            let audit = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/audit?kind=survey_open_link", token: token).jsonObject
            let waveID = String(page.split(separator: "/").dropLast().last ?? "")
            let actions = (audit["entries"] as? [[String: Any]] ?? []).filter { $0["entity_id"] as? String == waveID }
                .compactMap { $0["action"] as? String }
            #expect(actions.sorted() == ["create", "delete", "update"])

            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let viewerToken = try #require(try await marco.post("/account/tokens", ["name": "t"]).text
                .firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
            #expect(try await marco.json(.post, api, token: viewerToken).status == .forbidden)
            #expect(try await marco.get(page).status == .forbidden)
        }
    }

    @Test("the demo's latest wave has an open link that opens the survey")
    func demo() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let list = try await ilse.get("/o/\(Demo.orgA)/surveys")
            let survey = try #require(list.text.firstMatch(of: /\/o\/gemeente-voorbeeld\/surveys\/[a-f0-9-]{36}/).map { String($0.output) })
            let detail = try await ilse.get(survey)
            let pages = detail.text.matches(of: /\/o\/gemeente-voorbeeld\/surveys\/[a-f0-9-]{36}\/waves\/[a-f0-9-]{36}\/open-link/)
                .map { String($0.output) }
            var opened = 0
            for page in Set(pages) {
                let html = try await ilse.get(page).text
                if let path = html.firstMatch(of: /<strong class="open-link-url">https?:\/\/[^<\/]+(\/s\/[0-9A-Z]{12})<\/strong>/).map({ String($0.output.1) }) {
                    #expect(try await Browser(client).get(path).status == .ok)
                    opened += 1
                }
            }
            #expect(opened == 1, "one wave of the demo survey has an open link")
        }
    }
}
