import Foundation
import Hummingbird
import HummingbirdTesting
@testable import SamenWeb
import Testing

/// The Dutch interface has no English buttons or labels left: the main demo pages, read as
/// text (tags removed), contain none of the common English interface words.
@Suite("No English on Dutch pages")
struct DutchPagesEnglishWordsTests {
    static let englishWords = ["Save", "Delete", "Edit", "Cancel", "Back", "Next", "Previous", "Search", "Error", "Submit",
                               "Close", "Download", "Upload", "Settings", "Loading", "Required", "Optional", "Show", "Hide"]

    /// The English words found as whole words in `text` (capitalised, as a button or label writes them).
    static func english(_ text: String) -> [String] {
        englishWords.filter { word in text.contains(try! Regex("\\b" + word + "\\b")) }
    }

    @Test("the finder finds an English word and leaves Dutch alone")
    func finder() {
        #expect(Self.english("Opslaan · Terug · Save") == ["Save"])
        #expect(Self.english("Bewerken, Verwijderen, Vorige, Zoeken, Showroom") == [])
    }

    @Test("no Dutch word in the locale files is one of the English interface words")
    func dutchLocale() {
        let table = GuardTests.translations.table(.nl)
        let found = table.compactMap { key, value in Self.english(value).isEmpty ? nil : "\(key): \(Self.english(value))" }
        #expect(found.sorted() == [], "English in the Dutch locale")
    }

    @Test("a dimension's Dutch and English names carry their language (WCAG 3.1.2), whatever the page's language")
    func bilingualFieldsCarryTheirLanguage() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            #expect(try await ilse.post("/o/\(Demo.orgA)/dimensions", ["source": "default-8", "name": "Onze set"]).status == .seeOther)
            let html = try await ilse.get("/o/\(Demo.orgA)/dimensions").text
            let rows = html.matches(of: /<tr><td><code>[^<]*<\/code><\/td>(?s:.)*?<\/tr>/).map { String($0.output) }
            #expect(!rows.isEmpty, "the page lists the set's dimensions")
            #expect(rows.allSatisfy { $0.contains(#"<td lang="nl">"#) && $0.contains(#"<td lang="en">"#) }, "\(rows.prefix(1))")
        }
    }

    @Test("the main Dutch pages of the demo show no English interface words")
    func dutchPages() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let org = "/o/\(Demo.orgA)"
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let survey = try SurveyWebTests.surveyPath(try await ilse.get(org + "/surveys").text)
            let conversations = try await ilse.get(org + "/conversations").text
            let conversation = try #require(conversations.firstMatch(of: /href="([^"]*\/conversations\/[a-f0-9-]{36})"/).map { String($0.output.1) })
            let personas = try await ilse.get(trajectory + "/personas").text
            let persona = try #require(personas.firstMatch(of: /\/personas\/[a-f0-9-]{36}/).map { trajectory + String($0.output) })
            var paths = [org, org + "/trajectories", trajectory, trajectory + "/personas", persona, trajectory + "/reports",
                         trajectory + "/representation", trajectory + "/portfolio", trajectory + "/value/sroi",
                         org + "/surveys", survey, survey + "/analysis", org + "/conversations", conversation, conversation + "/results",
                         org + "/members", org + "/audit", "/help", "/account"]
            if let journey = try await ilse.get(persona).text.firstMatch(of: /\/journeys\/[a-f0-9-]+/).map({ trajectory + String($0.output) }) {
                paths.append(journey)
            }
            var found: [String] = []
            for path in paths {
                let page = try await ilse.get(path)
                #expect(page.status == .ok, "\(path)")
                let words = Self.english(NumberFormatWebTests.readable(page.text))
                if !words.isEmpty { found.append("\(path): \(words)") }
            }
            #expect(found == [], "English on Dutch pages")
        }
    }
}
