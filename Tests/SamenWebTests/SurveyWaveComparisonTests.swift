import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Waves are ordered by their period, never by name, and any two can be compared. The
/// waves are made in an order that is neither alphabetical nor in time: Najaar (September),
/// Voorjaar (March), Zomer (June); in time they run Voorjaar, Zomer, Najaar.
@Suite("Survey waves in time order, any two compared")
struct SurveyWaveComparisonTests {
    struct Setup {
        let path: String
        /// Wave ids by name.
        let waves: [String: String]
    }

    /// A 1–7 survey with one item per dimension; per wave 12 rows on "Gekend worden" whose gap is
    /// `gap` or `gap + 1`, so the mean gaps are Voorjaar 3,5, Zomer 2,5, Najaar 1,5.
    static func threeWaves(_ ilse: Browser) async throws -> Setup {
        let created = try await ilse.post("/o/\(Demo.orgA)/surveys", [
            "title": "Drie rondes", "dimension_set": "default-8", "scale": "7", "items_per_dimension": "1",
            "levels_channel": "balie\nwebsite", "levels_age_band": ""])
        let path = try #require(created.location)
        for (name, start, end) in [("Najaar 2026", "2026-09-01", "2026-10-15"), ("Voorjaar 2026", "2026-03-01", "2026-04-15"),
                                   ("Zomer 2026", "2026-06-01", "2026-07-15")] {
            #expect(try await ilse.post(path + "/waves", ["name": name, "starts_on": start, "ends_on": end]).status == .seeOther)
        }
        let detail = try await ilse.get(path).text
        var waves: [String: String] = [:]
        for match in detail.matches(of: /<option value="([a-f0-9-]{36})">([^<]+)<\/option>/) {
            waves[String(match.output.2)] = String(match.output.1)
        }
        for (name, gap) in [("Voorjaar 2026", 3), ("Zomer 2026", 2), ("Najaar 2026", 1)] {
            let wave = try #require(waves[name])
            let rows = (0..<12).map { "\(6 + $0 % 2);\(6 - gap);balie" }
            let imported = try await ilse.post(path + "/import", [
                "wave": wave, "csv": (["need.known.1;experience.known.1;channel"] + rows).joined(separator: "\n")])
            #expect(imported.status == .seeOther, "\(name): \(imported.text.prefix(300))")
        }
        return Setup(path: path, waves: waves)
    }

    @Test("the page orders waves by period, compares the two latest by default and any chosen pair, and says which way the gap went")
    func web() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let setup = try await Self.threeWaves(ilse)
            let page = try await ilse.get(setup.path + "/analysis").text
            let rows = page.matches(of: /Gekend worden · (Voorjaar|Zomer|Najaar) 2026<\/th>/).map { String($0.output.1) }
            #expect(rows == ["Voorjaar", "Zomer", "Najaar"], "the wave table runs in time order")
            #expect(page.contains("Verschil in kloof van Zomer 2026 naar Najaar 2026"), "default: the two latest in time")
            #expect(page.contains("<th scope=\"row\">Gekend worden</th><td>-1,00</td>"))
            #expect(page.contains("De kloof werd kleiner") && !page.contains("De kloof werd groter"))
            // The choice is a plain GET form with two selects, the default pair selected.
            #expect(page.contains("<form id=\"wave-compare\" method=\"get\""))
            let fromSelect = try #require(page.firstMatch(of: /<select id="from_wave" name="from_wave">(.*?)<\/select>/)).output.1
            #expect(fromSelect.matches(of: />([^<]+)<\/option>/).map { String($0.output.1) } == ["Voorjaar 2026", "Zomer 2026", "Najaar 2026"])
            #expect(fromSelect.contains("value=\"\(setup.waves["Zomer 2026"]!)\" selected"))

            let later = try #require(setup.waves["Najaar 2026"])
            let earlier = try #require(setup.waves["Voorjaar 2026"])
            let chosen = try await ilse.get(setup.path + "/analysis?from_wave=\(earlier)&to_wave=\(later)").text
            #expect(chosen.contains("Verschil in kloof van Voorjaar 2026 naar Najaar 2026"))
            #expect(chosen.contains("<th scope=\"row\">Gekend worden</th><td>-2,00</td>") && chosen.contains("De kloof werd kleiner"))
            let backwards = try await ilse.get(setup.path + "/analysis?from_wave=\(later)&to_wave=\(earlier)").text
            #expect(backwards.contains("Verschil in kloof van Najaar 2026 naar Voorjaar 2026"))
            #expect(backwards.contains("<td>2,00</td>") && backwards.contains("De kloof werd groter"))

            let same = try await ilse.get(setup.path + "/analysis?from_wave=\(later)&to_wave=\(later)")
            #expect(same.status == .ok && same.text.contains("Kies twee verschillende meetrondes."))
            #expect(!same.text.contains("Verschil in kloof van"), "a wrong choice compares nothing rather than another pair")
            let unknown = try await ilse.get(setup.path + "/analysis?from_wave=nope&to_wave=\(later)")
            #expect(unknown.text.contains("Deze meetronde hoort niet bij de vragenlijst."))
            try await ilse.post("/language", ["lang": "en", "return_to": setup.path])
            let english = try await ilse.get(setup.path + "/analysis").text
            #expect(english.contains("Change in gap from Zomer 2026 to Najaar 2026") && english.contains("The gap became smaller"))
        }
    }

    @Test("the API lists waves and results in time order and compares the pair asked for; a bad pair is a rule_conflict naming why")
    func api() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let setup = try await Self.threeWaves(ilse)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = "/api/v1/organisations/\(Demo.orgA)/surveys/" + setup.path.split(separator: "/").last!
            let detail = try await ilse.json(.get, base, token: token)
            let waves = try #require(detail.jsonObject["waves"] as? [[String: Any]])
            #expect(waves.compactMap { $0["name"] as? String } == ["Voorjaar 2026", "Zomer 2026", "Najaar 2026"])

            let analysis = try await ilse.json(.get, base + "/analysis", token: token).jsonObject
            let results = try #require(analysis["results"] as? [[String: Any]])
            let waveLevels = results.filter { $0["dimension"] as? String == "known" }
                .compactMap { ($0["segment"] as? [String: Any]).flatMap { $0["variable"] as? String == "wave" ? $0["level"] as? String : nil } }
            #expect(waveLevels == ["Voorjaar 2026", "Zomer 2026", "Najaar 2026"])
            let known = try #require((analysis["wave_differences"] as? [[String: Any]])?.first { $0["dimension"] as? String == "known" })
            #expect(known["from_wave"] as? String == "Zomer 2026" && known["to_wave"] as? String == "Najaar 2026")
            #expect(abs((known["difference"] as? Double ?? 0) + 1) < 1e-12)

            let later = try #require(setup.waves["Najaar 2026"])
            let earlier = try #require(setup.waves["Voorjaar 2026"])
            let chosen = try await ilse.json(.get, base + "/analysis?from_wave=\(later)&to_wave=\(earlier)", token: token).jsonObject
            let back = try #require((chosen["wave_differences"] as? [[String: Any]])?.first { $0["dimension"] as? String == "known" })
            #expect(back["from_wave"] as? String == "Najaar 2026" && back["to_wave"] as? String == "Voorjaar 2026")
            #expect(abs((back["difference"] as? Double ?? 0) - 2) < 1e-12)

            for (query, code) in [("from_wave=\(later)&to_wave=\(later)", "waves_same"), ("from_wave=nope&to_wave=\(later)", "wave_unknown"),
                                  ("from_wave=\(later)", "wave_required")] {
                let bad = try await ilse.json(.get, base + "/analysis?" + query, token: token)
                #expect(SurveyInstrumentWritesTests.firstErrorCode(bad) == code, "\(query)")
                #expect(bad.status == .conflict && bad.jsonObject["code"] as? String == "rule_conflict", "\(query)")
            }
        }
    }
}
