import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("Surveys on the web")
struct SurveyWebTests {
    static func surveyPath(_ html: String) throws -> String {
        try #require(html.firstMatch(of: /\/o\/gemeente-voorbeeld\/surveys\/[a-f0-9-]{36}/).map { String($0.output) })
    }

    /// Creates a small survey (default set, 1–5, channel with two answers) and one wave; returns its path.
    static func smallSurvey(_ ilse: Browser, title: String = "Klein onderzoek") async throws -> String {
        let created = try await ilse.post("/o/\(Demo.orgA)/surveys", [
            "title": title, "dimension_set": "default-8", "scale": "5", "items_per_dimension": "1",
            "levels_channel": "balie\nwebsite", "levels_age_band": "", "asks_nps": "1"])
        #expect(created.status == .seeOther)
        let path = try #require(created.location)
        #expect(try await ilse.post(path + "/waves", ["name": "Ronde 1", "starts_on": "2026-01-01", "ends_on": "2026-02-01"]).status == .seeOther)
        return path
    }

    @Test("the demo survey's analysis shows gaps with intervals, the IPA chart with its crosshair, segments and waves")
    func demoAnalysis() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let list = try await ilse.get("/o/\(Demo.orgA)/surveys")
            #expect(list.status == .ok)
            #expect(list.text.contains("Ervaring met de aanvraag bijzondere bijstand"))
            let path = try Self.surveyPath(list.text)
            let page = try await ilse.get(path + "/analysis")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<svg") && html.contains("role=\"img\"") && html.contains("<desc id=\"gap-desc\">"))
            #expect(html.contains("Gekend worden") && html.contains("Hier op inzetten") && html.contains("Zo doorgaan"))
            #expect(html.contains("Kruis op het gemiddelde van de data: behoefte"), "the crosshair is always labelled")
            #expect(html.contains("330"), "330 respondents over two waves")
            #expect(html.contains("Voorjaar 2026") && html.contains("Najaar 2026"))
            #expect(html.contains("Verschil in kloof van Voorjaar 2026 naar Najaar 2026"), "March came before September")
            let known = try #require(html.firstMatch(of: /<tr><th scope="row">Gekend worden<\/th><td>(-?[0-9,]+)<\/td>.*?<td>(De kloof werd [a-z]+)<\/td><\/tr>/))
            #expect(known.output.1.hasPrefix("-") && known.output.2 == "De kloof werd kleiner", "the gap on Gekend worden fell")
            let midpoint = try await ilse.get(path + "/analysis?crosshair=scale-midpoint&segment=age_band")
            #expect(midpoint.text.contains("Kruis op het midden van de schaal: behoefte 4,00, ervaring 4,00"))
            #expect(midpoint.text.contains("Gekend worden · 65 en ouder"))
            try await ilse.post("/language", ["lang": "en", "return_to": path])
            let english = try await ilse.get(path + "/analysis")
            #expect(english.text.contains("Being known") && english.text.contains("Concentrate here"))
        }
    }

    @Test("cells under 10 are marked for the team and hidden outside it, charts included")
    func suppression() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await Self.smallSurvey(ilse)
            let detail = try await ilse.get(path)
            let wave = try #require(detail.text.firstMatch(of: /<option value="([a-f0-9-]{36})">Ronde 1/).map { String($0.output.1) })
            let header = "need.known.1;experience.known.1;need.trust.1;experience.trust.1;channel"
            let rows = (0..<14).map { "\(4 + $0 % 2);\(2 + $0 % 3);5;\(3 + $0 % 2);\($0 < 3 ? "website" : "balie")" }
            let imported = try await ilse.post(path + "/import", ["wave": wave, "csv": ([header] + rows).joined(separator: "\n")])
            #expect(imported.status == .seeOther)
            let team = try await ilse.get(path + "/analysis?segment=channel")
            #expect(team.text.contains("Gekend worden · website") && team.text.contains("n &lt; 10"))
            let outside = try await ilse.get(path + "/analysis?segment=channel&audience=public")
            #expect(outside.text.contains("verborgen: minder dan 10 personen"))
            #expect(!outside.text.contains("Gekend worden · website: "), "the small cell is not in the chart description")
            #expect(team.text.contains("Gekend worden · website: "))
        }
    }

    @Test("building a survey: bad input shows every message and stores nothing; a viewer may not build")
    func buildSurvey() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let bad = try await ilse.post("/o/\(Demo.orgA)/surveys", ["title": " ", "scale": "6", "items_per_dimension": "9",
                                                                     "dimension_set": "default-8"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Geef de vragenlijst een titel.") && bad.text.contains("Kies een schaal: 1–5, 1–7 of 1–10.")
                    && bad.text.contains("Kies 1 tot 5 vragen per dimensie."))
            let badWave = try await ilse.post(try await Self.smallSurvey(ilse) + "/waves", ["name": "", "starts_on": "2026-05-01",
                                                                                            "ends_on": "2026-04-01"])
            #expect(badWave.status == .unprocessableContent)
            #expect(badWave.text.contains("Geef de meetronde een naam.") && badWave.text.contains("De einddatum ligt voor de begindatum."))
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.get("/o/\(Demo.orgA)/surveys").status == .ok)
            let forbidden = try await marco.post("/o/\(Demo.orgA)/surveys", ["title": "Niet toegestaan", "scale": "7",
                                                                              "items_per_dimension": "1", "dimension_set": "default-8"])
            #expect(forbidden.status == .forbidden)
            #expect(!(try await ilse.get("/o/\(Demo.orgA)/surveys").text.contains("Niet toegestaan")))
        }
    }

    @Test("a bad CSV is refused with every error by row and column, and nothing is stored; then items lock after a good one")
    func importCSV() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await Self.smallSurvey(ilse)
            let detail = try await ilse.get(path)
            #expect(detail.text.contains("respondent;need.known.1;experience.known.1;need.tailored.1"))
            let wave = try #require(detail.text.firstMatch(of: /<option value="([a-f0-9-]{36})">Ronde 1/).map { String($0.output.1) })
            let bad = try await ilse.post(path + "/import", ["wave": wave, "csv": "need.known.1;experience.known.1;channel\n3;9;balie\n4;2;fax\n"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("het bestand heeft 2 fouten"))
            #expect(bad.text.contains("<td>2</td><td>experience.known.1</td><td>Dit antwoord valt buiten de schaal. (9)</td>"))
            #expect(bad.text.contains("<td>3</td><td>channel</td><td>Dit antwoord komt niet voor in de vragenlijst. (fax)</td>"))
            let unknown = try await ilse.post(path + "/import", ["wave": wave, "csv": "need.speed.1;experience.speed.1\n3;3\n"])
            #expect(unknown.text.contains("Deze dimensie zit niet in de vragenlijst."))
            let empty = try await ilse.post(path + "/import", ["wave": wave, "csv": ""])
            #expect(empty.text.contains("Het bestand is leeg."))
            #expect(try await ilse.get(path).text.contains("<dt>Aantal ingevulde vragenlijsten</dt><dd>0</dd>"))
            let good = try await ilse.post(path + "/import", ["wave": wave, "csv": "need.known.1;experience.known.1;channel\n3;2,5;balie\n4;2;\n"])
            #expect(good.status == .seeOther)
            let after = try await ilse.get(path)
            #expect(after.text.contains("<dt>Aantal ingevulde vragenlijsten</dt><dd>2</dd>"))
            #expect(!after.text.contains("id=\"items-form\""), "items are fixed once answered")
            let locked = try await ilse.post(path + "/items", [:])
            #expect(locked.status == .conflict)
        }
    }

    @Test("the public form: anonymous, step by step with progress, 'weet ik niet', one submission per link")
    func publicForm() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try await Self.smallSurvey(ilse)
            let detail = try await ilse.get(path)
            let linksPath = try #require(detail.text.firstMatch(of: /\/o\/gemeente-voorbeeld\/surveys\/[a-f0-9-]{36}\/waves\/[a-f0-9-]{36}\/links/).map { String($0.output) })
            let made = try await ilse.post(linksPath, ["count": "2"])
            let links = made.text.matches(of: /\/s\/[0-9A-Z]{12}(?=<)/).map { String($0.output) }
            #expect(links.count == 2)
            let citizen = Browser(client)
            let first = try await citizen.get(links[0])
            #expect(first.status == .ok)
            #expect(first.text.contains("Stap 1 van 9") && first.text.contains("<progress max=\"9\" value=\"1\""))
            #expect(first.text.contains("weet ik niet") && !first.text.contains("logout-form"))
            #expect(try await citizen.post(links[0], ["step": "1", "n0": "5"], csrf: false).status == .forbidden)
            let invalid = try await citizen.post(links[0], ["step": "1", "n0": "8", "e0": "dk"])
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("Kies een van de antwoorden."))
            var fields = ["step": "1", "n0": "5", "e0": "dk"]
            var page = try await citizen.post(links[0], fields)
            #expect(page.text.contains("Stap 2 van 9") && page.text.contains("name=\"n0\" value=\"5\""))
            for step in 2...8 {
                fields["step"] = String(step)
                fields["n\(step - 1)"] = "4"
                fields["e\(step - 1)"] = "2"
                page = try await citizen.post(links[0], fields)
            }
            #expect(page.text.contains("Stap 9 van 9") && page.text.contains("Contact via"))
            fields["step"] = "9"
            fields["seg_channel"] = "website"
            fields["nps"] = "8"
            let sent = try await citizen.post(links[0], fields)
            #expect(sent.status == .ok && sent.text.contains("Bedankt!"), "\(sent.status) \(sent.text.suffix(1500))")
            let again = try await citizen.post(links[0], fields)
            #expect(again.status == .conflict && again.text.contains("al ingevuld"))
            #expect(try await citizen.get(links[0]).status == .conflict)
            #expect(try await citizen.get("/s/bestaat-niet").status == .notFound)
            let after = try await ilse.get(path)
            #expect(after.text.contains("<dt>Aantal ingevulde vragenlijsten</dt><dd>1</dd>"))
            #expect(after.text.contains("<td>1 / 2</td>"))
        }
    }

    @Test("an organisation copies the default dimension set and renames a dimension; the version goes up")
    func dimensionSets() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let copied = try await ilse.post("/o/\(Demo.orgA)/dimensions", ["source": "default-8", "name": "Onze dimensies"])
            #expect(copied.status == .seeOther)
            let page = try await ilse.get("/o/\(Demo.orgA)/dimensions")
            let savePath = try #require(page.text.firstMatch(of: /\/o\/gemeente-voorbeeld\/dimensions\/[a-f0-9-]{36}/).map { String($0.output) })
            var fields = ["set_name": "Onze dimensies"]
            for (index, code) in ["known", "tailored"].enumerated() {
                fields["code_\(index)"] = code
                fields["name_nl_\(index)"] = index == 0 ? "Gekend en herkend" : "Maatwerk"
            }
            fields["code_2"] = "Snel!"
            fields["name_nl_2"] = "Snelheid"
            let bad = try await ilse.post(savePath, fields)
            #expect(bad.status == .unprocessableContent && bad.text.contains("Een code bestaat uit kleine letters"))
            fields["code_2"] = "speed"
            #expect(try await ilse.post(savePath, fields).status == .seeOther)
            let after = try await ilse.get("/o/\(Demo.orgA)/dimensions")
            #expect(after.text.contains("Gekend en herkend") && after.text.contains("v2") && after.text.contains("value=\"speed\""))
            let sanne = Browser(client)
            try await sanne.logIn(Demo.sanne)
            #expect(!(try await sanne.get("/o/\(Demo.orgB)/dimensions").text.contains("Onze dimensies")))
        }
    }
}

@Suite("Surveys in the JSON API")
struct SurveyAPITests {
    @Test("list, detail, analysis (documented JSON) and a CSV import that is all or nothing")
    func api() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = "/api/v1/organisations/\(Demo.orgA)/surveys"
            let list = try await ilse.json(.get, base, token: token)
            let surveys = try #require(list.jsonObject["surveys"] as? [[String: Any]])
            let id = try #require(surveys.first?["id"] as? String)
            let detail = try await ilse.json(.get, "\(base)/\(id)", token: token)
            #expect(detail.jsonObject["responses"] as? Int == 330)
            let waves = try #require(detail.jsonObject["waves"] as? [[String: Any]])
            let analysis = try await ilse.json(.get, "\(base)/\(id)/analysis?crosshair=scale-midpoint", token: token)
            #expect(analysis.status == .ok)
            let results = try #require(analysis.jsonObject["results"] as? [[String: Any]])
            #expect(results.first?["dimension"] as? String == "known" && results.first?["n"] as? Int != nil)
            #expect((analysis.jsonObject["importance_performance"] as? [String: Any])?["crosshair"] as? String == "scale-midpoint")
            let wave = try #require(waves.first?["id"] as? String)
            let path = "\(base)/\(id)/waves/\(wave)/responses"
            let bad = try await ilse.request(.post, path, body: "need.known.1,experience.known.1\n8,2\n", contentType: "text/csv",
                                             headers: [.authorization: "Bearer \(token)"])
            #expect(bad.status == .unprocessableContent && bad.jsonObject["code"] as? String == "csv_invalid")
            let errors = try #require(bad.jsonObject["errors"] as? [[String: Any]])
            #expect(errors.first?["row"] as? Int == 2 && errors.first?["column"] as? String == "need.known.1")
            let good = try await ilse.request(.post, path, body: "need.known.1,experience.known.1\n6,2\n", contentType: "text/csv",
                                              headers: [.authorization: "Bearer \(token)"])
            #expect(good.status == .created && good.jsonObject["imported"] as? Int == 1)
            #expect(try await ilse.json(.get, "\(base)/\(id)", token: token).jsonObject["responses"] as? Int == 331)
            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            let forbidden = try await marco.request(.post, path, body: "need.known.1,experience.known.1\n6,2\n", contentType: "text/csv",
                                                    headers: [.authorization: "Bearer \(viewer)"])
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test("the public form is rate limited per client")
    func rateLimited() async throws {
        try await withApp { client in
            let citizen = Browser(client)
            _ = try await citizen.get("/login")
            var statuses: [Int] = []
            // The bucket refills at 0.5/s, so on a busy machine a few more than 40 may pass before it runs dry.
            for _ in 0..<200 where statuses.last != 429 {
                statuses.append(Int(try await citizen.post("/s/onbekend", ["step": "1"]).status.code))
            }
            #expect(statuses.prefix(40).allSatisfy { $0 == 404 })
            #expect(statuses.last == 429)
        }
    }
}

@Suite("Survey analysis: scores and weighting")
struct SurveyWeightingWebTests {
    @Test("the report mark is summarised; weighting by age band shows weighted means and Kish's n; bad margins say why")
    func weighting() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let path = try SurveyWebTests.surveyPath(try await ilse.get("/o/\(Demo.orgA)/surveys").text) + "/analysis"
            let plain = try await ilse.get(path)
            #expect(plain.text.contains("Rapportcijfer (1–10)") && plain.text.contains("Weging naar de bevolking"))
            #expect(!plain.text.contains("Gewogen gemiddelden per dimensie"))
            let shares = ["share_age_band_0=10", "share_age_band_1=30", "share_age_band_2=35", "share_age_band_3=25"]
            let weighted = try await ilse.get(path + "?" + shares.joined(separator: "&"))
            #expect(weighted.text.contains("Gewogen met poststratificatie.") && weighted.text.contains("Effectieve steekproefgrootte (Kish):"))
            #expect(weighted.text.contains("Gewogen gemiddelden per dimensie"))
            let raking = try await ilse.get(path + "?" + shares.joined(separator: "&") + "&share_channel_0=50&share_channel_1=30&share_channel_2=20")
            #expect(raking.text.contains("Gewogen met raking"))
            let missing = try await ilse.get(path + "?share_age_band_0=10&share_age_band_1=30")
            #expect(missing.text.contains("Geef ook een aandeel voor: 45-64"))
            let invalid = try await ilse.get(path + "?share_age_band_0=veel")
            #expect(invalid.text.contains("Vul alleen getallen van 0 of meer in"))
        }
    }
}
