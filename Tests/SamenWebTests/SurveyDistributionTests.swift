import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Handing a survey out: one-time links as full addresses, as a CSV file and as letters
/// with a code and a QR code, and the page where a citizen types the code.
@Suite("Survey distribution")
struct SurveyDistributionTests {
    static func linksPath(_ ilse: Browser, _ survey: String) async throws -> String {
        let detail = try await ilse.get(survey)
        return try #require(detail.text.firstMatch(of: /\/o\/gemeente-voorbeeld\/surveys\/[a-f0-9-]{36}\/waves\/[a-f0-9-]{36}\/links/)
            .map { String($0.output) })
    }

    @Test("links are full addresses from SAMEN_BASE_URL, on the page and in the CSV")
    func fullAddresses() async throws {
        try await withApp(configure: { $0.baseURL = "https://samen.example.nl/" }) { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let survey = try await SurveyWebTests.smallSurvey(ilse)
            let links = try await Self.linksPath(ilse, survey)
            let page = try await ilse.post(links, ["count": "3", "format": "page"])
            let shown = page.text.matches(of: /<code class="secret">(https:\/\/samen\.example\.nl\/s\/([0-9A-Z]{12}))<\/code>/)
            #expect(shown.count == 3, "\(page.text.suffix(3000))")
            // The code beside each link is the same secret, grouped for reading.
            for match in shown {
                #expect(page.text.contains("<code>\(SurveyLinkCode.grouped(String(match.output.2)))</code>"))
            }
            let csv = try await ilse.post(links, ["count": "2", "format": "csv"])
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"links-ronde-1.csv\"")
            let rows = csv.text.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
            #expect(rows.first == ["link", "code"] && rows.count == 3)
            for row in rows.dropFirst() {
                let code = try #require(row.first?.split(separator: "/").last.map(String.init))
                #expect(row[0] == "https://samen.example.nl/s/" + code && row[1] == SurveyLinkCode.grouped(code))
                let citizen = Browser(client)
                #expect(try await citizen.get("/s/" + code).status == .ok, "a link from the CSV opens the survey")
            }
            let detail = try await ilse.get(survey)
            #expect(detail.text.contains("<td>0 / 5</td>"), "five links were made")
        }
    }

    @Test("without SAMEN_BASE_URL the address is the one the request came in on")
    func hostAddress() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let links = try await Self.linksPath(ilse, try await SurveyWebTests.smallSurvey(ilse))
            let body = "count=1&format=page&_csrf=\(ilse.cookies["samen_csrf"] ?? "")"
            let page = try await ilse.request(.post, links, body: body, contentType: "application/x-www-form-urlencoded",
                                              headers: [.init("Host")!: "enquete.gemeente.nl:8443"])
            #expect(page.text.contains(#/<code class="secret">http://enquete\.gemeente\.nl:8443/s/[0-9A-Z]{12}</code>/#) )
            let odd = try await ilse.request(.post, links, body: body, contentType: "application/x-www-form-urlencoded",
                                             headers: [.init("Host")!: "evil.nl/<script>"])
            #expect(odd.text.contains("<code class=\"secret\">http://localhost/s/"), "a host that is not a host name is not echoed")
        }
    }

    @Test("letters: one article a link with the full link, the grouped code and a QR code of the link")
    func letters() async throws {
        try await withApp(configure: { $0.baseURL = "https://samen.example.nl" }) { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let links = try await Self.linksPath(ilse, try await SurveyWebTests.smallSurvey(ilse))
            let sheet = try await ilse.post(links, ["count": "4", "format": "letters"])
            #expect(sheet.status == .ok)
            let html = sheet.text
            #expect(html.matches(of: /<article class="letter"/).count == 4)
            #expect(html.contains("<strong>https://samen.example.nl/s</strong>"), "the letter says where to type the code")
            let urls = html.matches(of: /<strong class="letter-url">(https:\/\/samen\.example\.nl\/s\/([0-9A-Z]{12}))<\/strong>/)
            #expect(urls.count == 4)
            for match in urls {
                let url = String(match.output.1), code = String(match.output.2)
                #expect(html.contains("<strong class=\"letter-code\">\(SurveyLinkCode.grouped(code))</strong>"))
                // The QR code on the page is the one of this link (the encoder is checked against zbar in SamenCoreTests).
                let svg = try QRCode(encoding: url).svg(label: "QR-code naar de vragenlijst: " + url)
                #expect(html.contains(svg))
            }
            #expect(html.contains("@page") == false, "the print rules live in the stylesheet")
        }
    }

    @Test("the code page: a typed code (any case, spaces, O for 0) leads to its link; an unknown code is said at the field")
    func typedCode() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let links = try await Self.linksPath(ilse, try await SurveyWebTests.smallSurvey(ilse))
            let made = try await ilse.post(links, ["count": "1"])
            let code = try #require(made.text.firstMatch(of: /\/s\/([0-9A-Z]{12})</).map { String($0.output.1) })
            let citizen = Browser(client)
            let form = try await citizen.get("/s")
            #expect(form.status == .ok && form.text.contains("<label for=\"code\">Uw code</label>"))
            let typed = SurveyLinkCode.grouped(code).lowercased().replacingOccurrences(of: "-", with: " ")
                .replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "l")
            let found = try await citizen.get("/s?code=" + Browser.encode(typed).replacingOccurrences(of: "%20", with: "+"))
            #expect(found.status == .seeOther && found.location == "/s/" + code)
            let unknown = try await citizen.get("/s?code=AAAA-BBBB-CCCC")
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("Deze code kennen we niet"))
            #expect(unknown.text.contains("aria-invalid=\"true\"") && unknown.text.contains("value=\"AAAA-BBBB-CCCC\""))
            let empty = try await citizen.get("/s?code=")
            #expect(empty.status == .unprocessableContent && empty.text.contains("Vul de code uit uw brief in."))
        }
    }

    @Test("codes: 12 characters of Crockford base 32, typed forms normalised, anything else refused")
    func codes() {
        let made = (0..<200).map { _ in SurveyLinkCode.make() }
        #expect(Set(made).count == 200)
        #expect(made.allSatisfy { $0.count == 12 && $0.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) } })
        #expect(SurveyLinkCode.grouped("K7QM4TXA9PZR") == "K7QM-4TXA-9PZR")
        #expect(SurveyLinkCode.normalised(" k7qm-4txa 9pzr ") == "K7QM4TXA9PZR")
        #expect(SurveyLinkCode.normalised("OIL0-0000-0000") == "0110" + "00000000")
        #expect(SurveyLinkCode.normalised("K7QM-4TXA-9PZ") == nil && SurveyLinkCode.normalised("K7QM-4TXA-9PZU") == nil)
    }
}

@Suite("Survey answer export")
struct SurveyExportTests {
    @Test("exported answers import into a new survey and give the same analysis", arguments: TestDatabase.kinds)
    func roundTrip(kind: DatabaseKind) async throws {
        try await withApp(kind: kind) { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let first = try await SurveyWebTests.smallSurvey(ilse, title: "Bron")
            let detail = try await ilse.get(first)
            let wave = try #require(detail.text.firstMatch(of: /<option value="([a-f0-9-]{36})">Ronde 1/).map { String($0.output.1) })
            let header = "need.known.1;experience.known.1;need.trust.1;experience.trust.1;channel;nps"
            let rows = (0..<23).map { "\(1 + $0 % 5);\(2 + $0 % 3);\($0 % 4 == 0 ? "" : "5");\(3 + $0 % 2);\($0 < 7 ? "website" : "balie");\($0 % 11)" }
            #expect(try await ilse.post(first + "/import", ["wave": wave, "csv": ([header] + rows).joined(separator: "\n")]).status == .seeOther)
            #expect(try await ilse.get(first).text.contains("<a href=\"\(first)/answers.csv\">Antwoorden downloaden (CSV)</a>"))
            let exported = try await ilse.get(first + "/answers.csv?wave=" + wave)
            #expect(exported.status == .ok && exported.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(exported.text.split(separator: "\r\n").count == 24)
            #expect(try await ilse.get(first + "/answers.csv?wave=nope").status == .notFound)
            let second = try await SurveyWebTests.smallSurvey(ilse, title: "Kopie")
            let secondDetail = try await ilse.get(second)
            let secondWave = try #require(secondDetail.text.firstMatch(of: /<option value="([a-f0-9-]{36})">Ronde 1/).map { String($0.output.1) })
            let imported = try await ilse.post(second + "/import", ["wave": secondWave, "csv": exported.text])
            #expect(imported.status == .seeOther, "\(imported.text.suffix(2000))")
            let all = try await ilse.get(second + "/answers.csv")
            // Rows stored in one import come back in no set order: compare them without their numbers.
            func answers(_ csv: String) -> [String] {
                csv.split(separator: "\r\n").map { $0.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).last.map(String.init) ?? "" }.sorted()
            }
            #expect(answers(all.text) == answers(exported.text), "the copy exports what the source exported")
            let a = try await ilse.get(first + "/analysis?segment=channel")
            let b = try await ilse.get(second + "/analysis?segment=channel")
            func tables(_ html: String) -> [String] { html.matches(of: /<tbody>[\s\S]*?<\/tbody>/).map { String($0.output) } }
            #expect(!tables(a.text).isEmpty && tables(a.text) == tables(b.text))
        }
    }
}
