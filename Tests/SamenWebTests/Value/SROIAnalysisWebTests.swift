import Foundation
import Hummingbird
import HummingbirdTesting
import SamenAnalytics
import SamenWeb
import Testing

/// Stored SROI analyses on the pages and in the API: the demo's analysis with its figures,
/// the form that shows typed values again with per-field messages and the map's problems,
/// the CSV export that imports back, an import with errors that saves nothing, the report,
/// and the API's problem codes.
@Suite("Stored SROI analyses on the web and in the API")
struct SROIAnalysisWebTests {
    static let header = SROIAnalysisWritesTests.header

    /// The demo trajectory's stored analysis: its page link from the list.
    static func demoAnalysis(_ browser: Browser, _ trajectory: String) async throws -> String {
        let list = try await browser.get(trajectory + "/value/sroi-analyses")
        return try #require(list.text.firstMatch(of: /\/value\/sroi-analyses\/[a-f0-9-]{36}/).map { trajectory + String($0.output) })
    }

    @Test("the demo analysis is linked from the register, listed with ratio and range, shown with the scratch page's figures and printable")
    func demo() async throws {
        try await withApp { client in
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(marco)
            #expect(try await marco.get(trajectory + "/value").text.contains(#"id="sroi-analyses-link""#))
            let list = try await marco.get(trajectory + "/value/sroi-analyses")
            #expect(list.status == .ok && list.text.contains("Eén vaste consulent per aanvrager"))
            #expect(!list.text.contains(#"id="sroi-analysis-new""#), "a viewer does not get the new link")
            let page = try await marco.get(try await Self.demoAnalysis(marco, trajectory))
            for id in ["sroi-range", "sroi-tornado", "sroi-switching", "sroi-histogram", "sroi-assumption-table", "sroi-facts"] {
                #expect(page.text.contains(#"id="\#(id)"#), "\(id)")
            }
            // The same figures as the engine computes for the stored map, inputs and rate.
            let token = try await APITests.token(Browser(client), Demo.marco)
            let stored = try await marco.json(.get, StoryEditWebTests.api(trajectory) + "/sroi-analyses", token: token)
            let analysis = try #require((stored.jsonObject["sroi_analyses"] as? [[String: Any]])?.first)
            #expect(analysis["intervention_id"] as? String != nil, "the demo analysis is tied to an intervention")
            let rows = try SROICSV.read(try #require(analysis["impact_map"] as? String))
            let expected = SROICalculation.result(SROIImpactMap(rows: rows.map(\.row), inputs: try #require(analysis["inputs"] as? Double)))
            let ratio = String(format: "%.2f", expected.ratio).replacingOccurrences(of: ".", with: ",")
            #expect(page.text.contains(#"<td id="sroi-ratio">\#(ratio)</td>"#), "ratio \(ratio)")
            #expect(!page.text.contains(#"id="sroi-import-form""#), "a viewer cannot import")
            let report = try await marco.get(try await Self.demoAnalysis(marco, trajectory) + "/report")
            #expect(report.status == .ok)
            for text in [#"id="sroi-report-range""#, #"id="sroi-report-evidence-table""#, "Tijdregistratie team inkomen", ">zwak<", ">middel<",
                         #"id="sroi-warnings""#] {
                #expect(report.text.contains(text), "\(text)")
            }
        }
    }

    @Test("the form shows what was typed with a message per field and the map's problems by row and column; nothing is saved (422)")
    func formRefused() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let fresh = try await ilse.get(trajectory + "/value/sroi-analyses/new")
            #expect(fresh.status == .ok && fresh.text.contains(#"value="3.5""#) && fresh.text.contains(#"value="10000""#))
            let map = Self.header + "\nInwoners,a,i,-3,1000,3,1,0,0,0,10\n"
            let page = try await ilse.post(trajectory + "/value/sroi-analyses", [
                "title": "Mijn eigen titel", "inputs": "veel", "discount_rate": "21", "draws": "10000", "seed": "1", "impact_map": map,
            ])
            #expect(page.status == .unprocessableContent)
            for text in [#"value="Mijn eigen titel""#, #"id="inputs-error""#, #"id="discount_rate-error""#, #"id="impact_map-error""#,
                         #"id="sroi-problems""#, "<td>1</td><td>quantity</td><td>Dit getal mag niet negatief zijn.</td>"] {
                #expect(page.text.contains(text), "\(text)")
            }
            #expect(!(try await ilse.get(trajectory + "/value/sroi-analyses")).text.contains("Mijn eigen titel"), "nothing saved")
        }
    }

    @Test("the CSV export guards cells and imports back unchanged; an import with errors names row and column and saves nothing")
    func exportImport() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let map = Self.header + ",proxy_source\nInwoners,=SOM(A1),i,10,100,2,1,0,0,0,10,@bron\n"
            let created = try await ilse.post(trajectory + "/value/sroi-analyses", ["title": "Export", "inputs": "500", "impact_map": map])
            #expect(created.status == .seeOther)
            let detail = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            let csv = try await ilse.get(detail + "/impact-map.csv")
            #expect(csv.status == .ok && csv.text.contains("'=SOM(A1)") && csv.text.contains("'@bron"), "formula cells are guarded")

            let good = Self.header + "\nInwoners,b,i,20,100,2,1,0,0,0,10\n"
            _ = try await ilse.get(detail)
            let imported = try await UploadWebTests.upload(ilse, detail + "/import", files: [("impact_map_file", "kaart.csv", Data(good.utf8))])
            #expect(imported.status == .seeOther)
            let again = try await ilse.get(detail + "/impact-map.csv")
            let reread = try SROICSV.read(again.text)
            #expect(reread.map(\.row) == (try SROICSV.read(good)).map(\.row), "the export reads back as the imported rows")
            let roundTrip = try await UploadWebTests.upload(ilse, detail + "/import", files: [("impact_map_file", "kaart.csv", Data(again.text.utf8))])
            #expect(roundTrip.status == .seeOther, "the export imports again")
            #expect(try SROICSV.read(try await ilse.get(detail + "/impact-map.csv").text).map(\.row) == reread.map(\.row))

            let bad = Self.header + "\nInwoners,b,i,20,100,60,1,0,0,0,10\nGemeente,c,i,x,100,2,1,0,0,0,10\n"
            let refused = try await UploadWebTests.upload(ilse, detail + "/import", files: [("impact_map_file", "kaart.csv", Data(bad.utf8))])
            #expect(refused.status == .unprocessableContent)
            for text in ["<td>1</td><td>duration</td>", "<td>2</td><td>quantity</td><td>Dit is geen getal.</td>", #"id="impact_map_file-error""#] {
                #expect(refused.text.contains(text), "\(text)")
            }
            #expect(try SROICSV.read(try await ilse.get(detail + "/impact-map.csv").text).map(\.row) == reread.map(\.row), "nothing saved")
            let empty = try await UploadWebTests.upload(ilse, detail + "/import", files: [])
            #expect(empty.status == .unprocessableContent && empty.text.contains(#"id="impact_map_file-error""#))

            let confirm = try await ilse.get(detail + "/delete")
            #expect(confirm.status == .ok && confirm.text.contains("Export"))
            let version = try #require(confirm.text.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) })
            #expect(try await ilse.post(detail + "/delete", ["version": version]).status == .seeOther)
            #expect(try await ilse.get(detail).status == .notFound)
        }
    }

    @Test("the API: create with rows read back, a map that does not read named by row and column (409, 422 beside a bad field), a tiny input refused, 409 for a foreign intervention, 412 when stale, 403 for a viewer, the result")
    func api() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let base = StoryEditWebTests.api(trajectory) + "/sroi-analyses"
            func body(_ map: String, extra: String = "") throws -> String {
                let encoded = String(data: try JSONEncoder().encode(map), encoding: .utf8)!
                return #"{"title":"API","inputs":2000,"impact_map":\#(encoded)\#(extra)}"#
            }
            let good = Self.header + "\nInwoners,a,i,1,1000,3,1,0,0,0,10\n"
            let created = try await ilse.json(.post, base, token: token, body: try body(good))
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"")
            let id = try #require(created.jsonObject["id"] as? String)
            let rows = try #require(created.jsonObject["rows"] as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["drop_off"] as? Double == 10 && rows[0]["row"] as? Int == 1)
            #expect(created.jsonObject["discount_rate"] as? Double == 3.5 && created.jsonObject["intervention_id"] is NSNull)

            let bad = try await ilse.json(.post, base, token: token, body: try body(Self.header + "\nInwoners,a,i,1,1000,3,7,0,0,0,10\n"))
            #expect(bad.status == .conflict && bad.jsonObject["code"] as? String == "sroi_impact_map_invalid")
            let problems = try #require(bad.jsonObject["errors"] as? [[String: Any]])
            #expect(problems.contains { $0["row"] as? Int == 1 && $0["column"] as? String == "start" && $0["code"] as? String == "start_invalid" })
            let both = try await ilse.json(.post, base, token: token, body: try body(Self.header + "\nA,b,i,1,1,1,9,0,0,0,0\n", extra: #","discount_rate":30"#))
            #expect(both.status == .unprocessableContent && (both.jsonObject["errors"] as? [[String: Any]])?.contains { $0["column"] as? String == "start" } == true)
            let tiny = try await ilse.json(.post, base, token: token, body: try body(good).replacingOccurrences(of: "2000", with: "1e-300"))
            #expect(tiny.status == .unprocessableContent, "inputs below one cent would make the ratio infinite")
            let rate = try await ilse.json(.post, base, token: token, body: try body(good, extra: #","discount_rate":30"#))
            #expect(rate.status == .unprocessableContent && (rate.jsonObject["errors"] as? [[String: Any]])?.first?["field"] as? String == "discount_rate")
            let foreign = try await ilse.json(.post, base, token: token, body: try body(good, extra: #","intervention_id":"elders""#))
            #expect(foreign.status == .conflict && foreign.jsonObject["code"] as? String == "rule_conflict")

            let saved = try await ilse.request(.patch, base + "/\(id)", body: #"{"seed":7}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(saved.status == .ok && saved.headers[.eTag] == "\"2\"" && saved.jsonObject["seed"] as? Int == 7)
            let stale = try await ilse.request(.patch, base + "/\(id)", body: #"{"seed":8}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed && stale.jsonObject["code"] as? String == "stale_version")

            let result = try await ilse.json(.get, base + "/\(id)/result", token: token)
            let expected = SROICalculation.result(SROIImpactMap(rows: try SROICSV.read(good).map(\.row), inputs: 2000))
            #expect(result.status == .ok && abs((result.jsonObject["ratio"] as? Double ?? 0) - expected.ratio) < 1e-9)
            #expect((result.jsonObject["monte_carlo"] as? [String: Any])?["seed"] as? Int == 7)

            let marco = Browser(client)
            let viewer = try await APITests.token(marco, Demo.marco)
            #expect(try await marco.json(.get, base + "/\(id)", token: viewer).status == .ok, "a viewer reads")
            #expect(try await marco.json(.post, base, token: viewer, body: try body(good)).status == .forbidden, "a viewer does not write")
            let sanne = Browser(client)
            let other = try await APITests.token(sanne, Demo.sanne)
            #expect(try await sanne.json(.get, base + "/\(id)", token: other).status == .notFound, "another organisation's member")
            #expect(try await ilse.json(.delete, base + "/\(id)", token: token).status == .noContent)
            #expect(try await ilse.json(.get, base + "/\(id)", token: token).status == .notFound)
        }
    }

    @Test("the API writes the map as rows: read back as rows, the same map as its CSV text, problems named rows.<index>.<column> (422), a range around the wrong value 409, rows beside impact_map 409")
    func apiRows() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let base = StoryEditWebTests.api(trajectory) + "/sroi-analyses"
            func row(deadweight: Double = 20, proxyRange: String = #"{"low":800,"high":1500}"#) -> String {
                #"{"stakeholder":"Inwoners","outcome":"Minder stress, \"echt\"","indicator":"i","quantity":12,"proxy":1000,"#
                    + #""proxy_source":"Bron; 2024","duration":3,"start":2,"deadweight":\#(deadweight),"displacement":5,"#
                    + #""attribution":10,"drop_off":25,"evidence_strength":"weak","ranges":{"proxy":\#(proxyRange)}}"#
            }
            let rows = "[" + row() + "," + row(deadweight: 0) + "]"
            let created = try await ilse.json(.post, base, token: token, body: #"{"title":"Rijen","inputs":5000,"rows":\#(rows)}"#)
            #expect(created.status == .created)
            let read = try #require(created.jsonObject["rows"] as? [[String: Any]])
            #expect(read.count == 2 && read[0]["deadweight"] as? Double == 20 && read[1]["deadweight"] as? Double == 0)
            #expect(read[0]["outcome"] as? String == "Minder stress, \"echt\"" && read[0]["proxy_source"] as? String == "Bron; 2024")
            #expect(read[0]["start"] as? Int == 2 && read[0]["weak_evidence"] as? Bool == true)
            #expect(((read[0]["ranges"] as? [String: Any])?["proxy"] as? [String: Any])?["high"] as? Double == 1500)
            let text = try #require(created.jsonObject["impact_map"] as? String)
            let parsed = try SROICSV.read(text)
            #expect(parsed.map(\.row.deadweight) == [20, 0] && parsed[0].row.ranges[.proxy] == SROIRange(low: 800, high: 1500))

            let bad = "[" + row() + "," + row() + "," + row() + "," + row(deadweight: 140) + "]"
            let refused = try await ilse.json(.post, base, token: token, body: #"{"title":"Rijen","inputs":5000,"rows":\#(bad)}"#)
            #expect(refused.status == .unprocessableContent)
            let errors = try #require(refused.jsonObject["errors"] as? [[String: Any]])
            #expect(errors.count == 1 && errors[0]["field"] as? String == "rows.3.deadweight"
                    && errors[0]["code"] as? String == "percentage_out_of_range")
            let order = try await ilse.json(.post, base, token: token,
                                            body: #"{"title":"Rijen","inputs":5000,"rows":[\#(row(proxyRange: #"{"low":1100,"high":1500}"#))]}"#)
            #expect(order.status == .conflict && (order.jsonObject["errors"] as? [[String: Any]])?.first?["field"] as? String == "rows.0.proxy")
            let huge = try await ilse.json(.post, base, token: token,
                                           body: #"{"title":"Rijen","inputs":5000,"rows":[\#(row().replacingOccurrences(of: #""quantity":12"#, with: #""quantity":1e12"#))]}"#)
            #expect(huge.status == .unprocessableContent && (huge.jsonObject["errors"] as? [[String: Any]])?.first?["field"] as? String == "rows.0.quantity")
            let id = try #require(created.jsonObject["id"] as? String)
            let both = try await ilse.request(.patch, base + "/\(id)", body: #"{"rows":\#(rows),"impact_map":"x"}"#, contentType: "application/json",
                                              headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(both.status == .conflict && (both.jsonObject["errors"] as? [[String: Any]])?.first?["field"] as? String == "rows")
            let changed = try await ilse.request(.patch, base + "/\(id)", body: #"{"rows":[\#(row(deadweight: 35))]}"#, contentType: "application/json",
                                                 headers: [.authorization: "Bearer \(token)", .ifMatch: "\"1\""])
            #expect(changed.status == .ok && (changed.jsonObject["rows"] as? [[String: Any]])?.map { $0["deadweight"] as? Double } == [35])
            #expect((try await ilse.json(.get, base + "/\(id)", token: token).jsonObject["rows"] as? [Any])?.count == 1)
        }
    }

    @Test("an intervention's delete page counts its value outcomes (deleted with it) and the stored SROI analyses tied to it (kept, untied)")
    func interventionDeleteCountsValue() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let api = StoryEditWebTests.api(trajectory)
            let analyses = try #require(try await ilse.json(.get, api + "/sroi-analyses", token: token).jsonObject["sroi_analyses"] as? [[String: Any]])
            let intervention = try #require(analyses.compactMap { $0["intervention_id"] as? String }.first)
            let tied = analyses.filter { $0["intervention_id"] as? String == intervention }.count
            let page = try await ilse.get(trajectory + "/portfolio/interventions/\(intervention)/delete")
            #expect(page.status == .ok)
            #expect(page.text.contains("\(tied) × opgeslagen SROI-analyses"), "the tied analyses are counted")
            let outcomes = try #require(page.text.firstMatch(of: /(\d+) × uitkomsten met hun metingen/).flatMap { Int($0.output.1) })
            #expect(outcomes >= 1, "the demo's consultant intervention has outcomes")
        }
    }
}
