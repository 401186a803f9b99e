import Foundation
import Hummingbird
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// One form of address on every citizen page, chosen per organisation (u by default, or
/// je), and the organisation's own texts marked with their language when the page is in
/// the other one (WCAG 3.1.2).
@Suite("One voice for citizens")
struct OneVoiceWebTests {
    /// The informal pronouns in a text, as whole words.
    static func informal(_ text: String) -> [String] {
        text.matches(of: /(?i)\b(je|jij|jou|jouw|jouwe)\b/).map { String($0.output.1) }
    }

    /// The formal pronouns in a text, as whole words.
    static func formal(_ text: String) -> [String] {
        text.matches(of: /(?i)\b(u|uw|uwe)\b/).map { String($0.output.1) }
    }

    @Test("the finders tell the two forms apart and leave other words alone")
    func finders() {
        #expect(Self.informal("Wat vind jij? Je stem telt. Jullie, jouw") == ["jij", "Je", "jouw"])
        #expect(Self.formal("Wat vindt u? Uw stem telt. Uur, duw") == ["u", "Uw"])
    }

    /// The demo's citizen pages: a story link, a survey's open link, a conversation.
    static func citizenPages(_ ilse: Browser) async throws -> [String] {
        let org = "/o/\(Demo.orgA)"
        let conversations = try await ilse.get(org + "/conversations").text
        let conversation = try #require(conversations.firstMatch(of: /href="([^"]*\/conversations\/[a-f0-9-]{36})"/).map { String($0.output.1) })
        let participate = try #require(try await ilse.get(conversation).text.firstMatch(of: /\/c\/[a-z0-9]{24}/).map { String($0.output) })
        let survey = try SurveyWebTests.surveyPath(try await ilse.get(org + "/surveys").text)
        // The demo gave the latest wave an open link.
        let openLinkPage = try #require(try await ilse.get(survey).text.matches(of: /\/o\/[a-z-]+\/surveys\/[a-f0-9-]{36}\/waves\/[a-f0-9-]{36}\/open-link/)
            .last.map { String($0.output) })
        let openLink = try #require(try await ilse.get(openLinkPage).text.firstMatch(of: /\/s\/[0-9A-Z]{12}/).map { String($0.output) })
        return [StoryWebTests.link, openLink, participate]
    }

    /// The page's own words: the visible text with the organisation's texts (marked by the
    /// templates as question, statement, title) left out, since an organisation may write as it likes.
    static func samenWords(_ html: String) -> String {
        NumberFormatWebTests.readable(html.replacing(/<(title|h1|strong class="statement"|label for="answer_\d+")[^>]*>[^<]*</, with: "<"))
    }

    @Test("u by default on every citizen page; je everywhere once the organisation chooses it; the change is audited",
          arguments: TestDatabase.kinds)
    func addressForm(kind: DatabaseKind) async throws {
        try await withApp(kind: kind) { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let pages = try await Self.citizenPages(ilse)
            let citizen = Browser(client)
            for path in pages {
                let page = try await citizen.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(Self.informal(Self.samenWords(page.text)) == [], "\(path) says je by default")
                #expect(!Self.formal(Self.samenWords(page.text)).isEmpty, "\(path) addresses the citizen")
            }
            let settings = "/o/\(Demo.orgA)/settings"
            #expect(try await ilse.get(settings).text.contains(#"value="u" checked"#))
            #expect(try await ilse.post(settings, ["address_form": "je", "content_language": "nl"]).status == .seeOther)
            #expect(try await ilse.get(settings).text.contains(#"value="je" checked"#))
            for path in pages {
                let page = try await citizen.get(path)
                #expect(Self.formal(Self.samenWords(page.text)) == [], "\(path) says u after the switch to je")
                #expect(!Self.informal(Self.samenWords(page.text)).isEmpty, "\(path) addresses the citizen with je")
            }
            // A vote's notice after the redirect and a refused statement speak the same way.
            let participate = pages[2]
            let shown = try await citizen.get(participate).text
            if let number = shown.firstMatch(of: /name="statement" value="(\d+)"/).map({ String($0.output.1) }) {
                let voted = try await citizen.post(participate + "/vote", ["statement": number, "vote": "agree"])
                #expect(voted.status == .seeOther)
                #expect(try await citizen.get(participate).text.contains("Je stem is opgeslagen"))
            }
            // A vote refused (no such statement) shows the page again in the chosen form.
            let refused = try await citizen.post(participate + "/vote", ["statement": "999999", "vote": "agree"])
            #expect(refused.status.code >= 400 && Self.formal(Self.samenWords(refused.text)) == [], "\(Self.samenWords(refused.text).prefix(600))")
            let audit = try await ilse.get("/o/\(Demo.orgA)/audit/export.csv?kind=organisation").text
            #expect(audit.contains("address_form"))
            #expect(!audit.contains("content_language"), "only the changed field is named")
        }
    }

    @Test("a page in English marks the organisation's Dutch texts with lang=\"nl\"; none when the languages agree")
    func contentLanguage() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let participate = try await Self.citizenPages(ilse)[2]
            let citizen = Browser(client)
            let dutch = try await citizen.get(participate).text
            #expect(!dutch.contains(#"<h1 lang="#), "a Dutch page of Dutch texts needs no lang")
            citizen.acceptLanguage = "en"
            let english = try await citizen.get(participate).text
            #expect(english.contains(#"<html lang="en""#))
            #expect(english.contains(#"<h1 lang="nl">"#), "\(english.prefix(1500))")
        }
    }

    @Test("the settings: administrators only, a clear error per field, the same in the API")
    func settingsRules() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let settings = "/o/\(Demo.orgA)/settings"
            let refused = try await ilse.post(settings, ["address_form": "jij", "content_language": "fr"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Kies u of je.") && refused.text.contains("Kies Nederlands of Engels."))
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.get(settings).status == .forbidden)
            #expect(try await marco.post(settings, ["address_form": "je", "content_language": "nl"]).status == .forbidden)
            #expect(!(try await marco.get("/o/\(Demo.orgA)").text.contains(settings)), "no settings link for a viewer")

            let api = "/api/v1/organisations/\(Demo.orgA)/settings"
            let token = try await APITests.token(Browser(client), Demo.ilse)
            let read = try await ilse.json(.get, api, token: token)
            #expect(read.status == .ok && read.jsonObject["address_form"] as? String == "u")
            let changed = try await ilse.json(.patch, api, token: token, body: #"{"content_language": "en"}"#)
            #expect(changed.status == .ok && changed.jsonObject["content_language"] as? String == "en"
                    && changed.jsonObject["address_form"] as? String == "u")
            let bad = try await ilse.json(.patch, api, token: token, body: #"{"address_form": "jij"}"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("address_form"))
        }
    }
}
