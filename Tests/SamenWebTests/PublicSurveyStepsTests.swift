import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The citizen's steps: each dimension said once, *Vorige* that keeps what was answered,
/// a question before going on from an empty step, and the step in the page title.
@Suite("The citizen's survey steps")
struct PublicSurveyStepsTests {
    /// A survey of the default set with `items` items per dimension and one wave; one answer link.
    static func link(_ ilse: Browser, items: String = "1") async throws -> String {
        let created = try await ilse.post("/o/\(Demo.orgA)/surveys", [
            "title": "Klein onderzoek", "dimension_set": "default-8", "scale": "7", "items_per_dimension": items,
            "levels_channel": "balie\nwebsite", "levels_age_band": "", "asks_nps": "1"])
        let path = try #require(created.location)
        #expect(try await ilse.post(path + "/waves", ["name": "Ronde 1", "starts_on": "", "ends_on": ""]).status == .seeOther)
        let detail = try await ilse.get(path)
        let linksPath = try #require(detail.text.firstMatch(of: /\/o\/gemeente-voorbeeld\/surveys\/[a-f0-9-]{36}\/waves\/[a-f0-9-]{36}\/links/).map { String($0.output) })
        let made = try await ilse.post(linksPath, ["count": "1"])
        return try #require(made.text.firstMatch(of: /\/s\/[0-9A-Z]{12}(?=<)/).map { String($0.output) })
    }

    /// A citizen (own cookies) who opened a fresh link of a small survey.
    static func citizenOnLink(_ client: any TestClientProtocol) async throws -> (Browser, String) {
        let ilse = Browser(client)
        try await ilse.logIn(Demo.ilse)
        let link = try await link(ilse)
        let citizen = Browser(client)
        _ = try await citizen.get(link)
        return (citizen, link)
    }

    static func checked(_ html: String, _ name: String, _ value: String) -> Bool {
        html.contains("id=\"\(name)-\(value)\" name=\"\(name)\" value=\"\(value)\" checked")
    }

    @Test("each step says the dimension once: a lead, then the two questions; no copy marked '(vraag 2)'; the step in the title")
    func saidOnce() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let link = try await Self.link(ilse, items: "2")
            let page = try await Browser(client).get(link).text
            let lead = "Ze kennen mijn situatie; ik hoef mijn verhaal niet steeds opnieuw te vertellen."
            #expect(page.components(separatedBy: lead).count == 2, "the lead once")
            #expect(!page.contains("(vraag 2)"))
            #expect(page.components(separatedBy: "<fieldset class=\"scale").count == 3, "two questions on the step")
            #expect(page.contains("Hoe belangrijk is dit voor u?") && page.contains("Hoe ging dit bij ons?"))
            #expect(page.contains("<title>Stap 1 van 9 — Gekend worden — Klein onderzoek – Samen</title>"))
            #expect(!page.lowercased().contains("dimensie"))
            #expect(page.contains("class=\"choices apart\"") && page.contains(">weet ik niet</label>"))
            #expect(!page.contains("value=\"back\""), "no Vorige on the first step")
        }
    }

    @Test("Vorige goes one step back and keeps the answers of both steps")
    func backKeepsAnswers() async throws {
        try await withApp { client in
            let (citizen, link) = try await Self.citizenOnLink(client)
            let second = try await citizen.post(link, ["step": "1", "n0": "5", "e0": "dk", "go": "next"])
            #expect(second.text.contains("Stap 2 van 9") && second.text.contains("name=\"go\" value=\"back\" class=\"back\">Vorige</button>"))
            let back = try await citizen.post(link, ["step": "2", "n0": "5", "e0": "dk", "n1": "3", "go": "back"])
            #expect(back.status == .ok && back.text.contains("<title>Stap 1 van 9"))
            #expect(Self.checked(back.text, "n0", "5") && Self.checked(back.text, "e0", "dk"))
            #expect(back.text.contains("name=\"n1\" value=\"3\""), "the later step's answer travels along")
            let again = try await citizen.post(link, ["step": "1", "n0": "5", "e0": "dk", "n1": "3", "go": "next"])
            #expect(again.text.contains("Stap 2 van 9") && Self.checked(again.text, "n1", "3"))
        }
    }

    @Test("an empty step asks first: go on anyway, or fill it in")
    func emptyStepNotice() async throws {
        try await withApp { client in
            let (citizen, link) = try await Self.citizenOnLink(client)
            let asked = try await citizen.post(link, ["step": "1", "go": "next"])
            #expect(asked.status == .ok && asked.text.contains("Stap 1 van 9"))
            #expect(asked.text.contains("U heeft op deze stap niets ingevuld") && asked.text.contains("value=\"skip\""))
            let filled = try await citizen.post(link, ["step": "1", "n0": "4", "go": "next"])
            #expect(filled.text.contains("Stap 2 van 9") && !filled.text.contains("niets ingevuld"), "one answer is enough")
            let skipped = try await citizen.post(link, ["step": "2", "n0": "4", "go": "skip"])
            #expect(skipped.text.contains("Stap 3 van 9") && !skipped.text.contains("niets ingevuld"))
            #expect(skipped.text.contains("name=\"n0\" value=\"4\""))
        }
    }

    @Test("no question points at an empty aria-describedby, on a dimension step or on the last step's questions about the person")
    func noEmptyDescribedBy() async throws {
        try await withApp { client in
            let (citizen, link) = try await Self.citizenOnLink(client)
            let first = try await citizen.get(link)
            #expect(first.text.contains("aria-describedby=") && !first.text.contains(#"aria-describedby="""#))
            let last = try await citizen.post(link, ["step": "8", "go": "skip"])
            #expect(last.text.contains("Stap 9 van 9"), "\(last.text.prefix(300))")
            #expect(!last.text.contains(#"aria-describedby="""#))
        }
    }
}
