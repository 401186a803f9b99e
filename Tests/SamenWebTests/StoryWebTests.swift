import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("Stories: public link, receipt, review")
struct StoryWebTests {
    static let link = "/vertel/demo-bijzondere-bijstand"

    @Test("a citizen tells a story without an account; identifiers are removed; the receipt reads it back and withdraws it")
    func publicFlow() async throws {
        try await withApp { client in
            let citizen = Browser(client)
            let form = try await citizen.get(Self.link)
            #expect(form.status == .ok)
            #expect(form.text.contains("Wat gebeurde er toen u bijzondere bijstand aanvroeg?"))
            let sent = try await citizen.post(Self.link, [
                "answer_0": "Ik ben gebeld op 06-98765432 en mijn BSN 111222333 stond in de brief.", "answer_1": "",
                "consent_internal": "1", "age_band": "65+"])
            #expect(sent.status == .created)
            let code = try #require(sent.text.firstMatch(of: /[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/).map { String($0.output) })
            // The team sees the pseudonymised text.
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.get(trajectory + "/stories")
            #expect(list.text.contains("[TELEFOON]") && list.text.contains("[BSN]"))
            #expect(!list.text.contains("06-98765432") && !list.text.contains("111222333"))
            // The citizen reads it back (their own words) and withdraws it.
            let read = try await citizen.post("/verhaal", ["receipt_code": code.lowercased(), "action": "read"])
            #expect(read.text.contains("06-98765432"))
            let withdrawn = try await citizen.post("/verhaal", ["receipt_code": code, "action": "withdraw"])
            #expect(withdrawn.text.contains("Uw verhaal is verwijderd"))
            #expect(!(try await ilse.get(trajectory + "/stories").text.contains("[BSN]")))
            let again = try await citizen.post("/verhaal", ["receipt_code": code, "action": "read"])
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("Deze bewaarcode kennen wij niet"))
        }
    }

    @Test("an empty story, missing consent, a 2 MB paste and a robot: clear answers, nothing stored")
    func badInput() async throws {
        try await withApp { client in
            let citizen = Browser(client)
            let empty = try await citizen.post(Self.link, ["answer_0": "  ", "answer_1": "", "age_band": ""])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Schrijf iets op voordat u verstuurt."))
            #expect(empty.text.contains("Vink aan dat het team uw verhaal mag lezen."))
            let kept = try await citizen.post(Self.link, ["answer_0": "Mijn verhaal", "age_band": "65+"])
            #expect(kept.text.contains("Mijn verhaal"), "what was typed comes back")
            _ = try await citizen.get(Self.link)
            let huge = "_csrf=\(citizen.cookies["samen_csrf"] ?? "")&answer_0=" + String(repeating: "a", count: 2_000_000)
            let big = try await citizen.request(.post, Self.link, body: huge, contentType: "application/x-www-form-urlencoded")
            #expect(big.status == .contentTooLarge)
            let robot = try await citizen.post(Self.link, ["answer_0": "spam", "consent_internal": "1", "age_band": "", "website": "http://spam"])
            #expect(robot.status == .ok)
            #expect(robot.text.firstMatch(of: /[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/) == nil, "no receipt for a robot")
            #expect(try await Browser(client).get("/vertel/onbekend").status == .notFound)
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let stories = try await ilse.get(try await TrajectoryWebTests.demoTrajectory(ilse) + "/stories")
            #expect(!stories.text.contains("spam") && !stories.text.contains("Mijn verhaal"))
        }
    }

    @Test("public stories are rate limited per client")
    func rateLimit() async throws {
        try await withApp { client in
            let citizen = Browser(client)
            var statuses: [HTTPResponse.Status] = []
            for i in 0..<7 {
                statuses.append(try await citizen.post(Self.link, ["answer_0": "Verhaal \(i)", "consent_internal": "1", "age_band": ""]).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .created })
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test("approval is refused while identifiers remain; a viewer cannot review")
    func review() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.get(trajectory + "/stories")
            let path = try #require(list.text.firstMatch(of: /\/stories\/[a-f0-9-]{36}/).map { trajectory + String($0.output) })
            let leak = try await ilse.post(path, ["pseudonymised": "Bel mij op 06-12345678", "retention_date": "2028-01-01", "approve": "1"])
            #expect(leak.status == .unprocessableContent)
            #expect(leak.text.contains("Er staan nog persoonsgegevens in de tekst"))
            let ok = try await ilse.post(path, ["pseudonymised": "Bel mij op [TELEFOON]", "retention_date": "2028-01-01", "approve": "1",
                                                "special_category": "1"])
            #expect(ok.status == .seeOther)
            #expect(try await ilse.get(path).text.contains("goedgekeurd"))
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.get(path).status == .ok)
            #expect(try await marco.post(path, ["pseudonymised": "x", "retention_date": "2028-01-01"]).status == .forbidden)
        }
    }

    @Test("interview notes: a WebVTT transcript becomes plain text and is pseudonymised")
    func interview() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let empty = try await ilse.post(trajectory + "/stories/interviews", ["text": "   "])
            #expect(empty.status == .unprocessableContent)
            let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Bewoner>Mail me op piet@voorbeeld.nl over de brief.\n"
            #expect(try await ilse.post(trajectory + "/stories/interviews", ["text": vtt]).status == .seeOther)
            let list = try await ilse.get(trajectory + "/stories")
            #expect(list.text.contains("Mail me op [E-MAIL] over de brief."))
            #expect(!list.text.contains("00:00:01"))
        }
    }
}

@Suite("Story search on the web")
struct StorySearchWebTests {
    @Test("the search box finds stories by their words and says when nothing matches")
    func search() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let hit = try await ilse.get(trajectory + "/stories?q=wasmachine")
            #expect(hit.text.contains("Mijn wasmachine ging kapot"))
            #expect(!hit.text.contains("Ik kreeg een brief"))
            let none = try await ilse.get(trajectory + "/stories?q=zeppelin")
            #expect(none.text.contains("Geen verhalen gevonden met deze woorden."))
        }
    }
}

@Suite("Known names and interview links")
struct KnownNamesWebTests {
    @Test("names the team lists are removed from new texts; an interview links to a participant and activity of the trajectory only")
    func names() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let bad = try await ilse.post(trajectory + "/stories/names", ["known_names": "x"])
            #expect(bad.status == .unprocessableContent)
            #expect(try await ilse.post(trajectory + "/stories/names", ["known_names": "Henk Pietersen\nMevrouw Bakker"]).status == .seeOther)
            let page = try await ilse.get(trajectory + "/stories")
            let participant = try #require(page.text.firstMatch(of: /<option value="([a-f0-9-]{36})">C-01<\/option>/).map { String($0.output.1) })
            let saved = try await ilse.post(trajectory + "/stories/interviews", ["text": "Henk Pietersen hielp mevrouw bakker aan de balie.",
                                                                                "participant": participant])
            #expect(saved.status == .seeOther)
            #expect(try await ilse.get(trajectory + "/stories").text.contains("[NAAM] hielp [NAAM] aan de balie."))
            let stranger = try await ilse.post(trajectory + "/stories/interviews", ["text": "Een gesprek.", "participant": "00000000-0000-0000-0000-000000000000"])
            #expect(stranger.status == .unprocessableContent)
            #expect(stranger.text.contains("Deze deelnemer hoort niet bij dit traject."))
            #expect(stranger.text.contains("Een gesprek."), "the typed notes are kept")
        }
    }
}
