import Foundation
import Testing
@testable import SamenAnalytics

/// Bad input is refused with stable codes; the warnings of issue 14; the CSV template.
@Suite("SROI input, warnings and CSV")
struct SROIInputTests {
    static let header = "stakeholder,outcome,indicator,quantity,proxy,duration,start,deadweight,displacement,attribution,drop_off"

    @Test("percentages, negatives, durations, discount rate and range order are refused by code")
    func problems() {
        var row = SROIHandCheckedTests.row(quantity: -1, proxy: 10, duration: 51, deadweight: 101, dropOff: -5)
        row.ranges[.attribution] = SROIRange(low: 10, high: 20)
        let map = SROIImpactMap(rows: [row], inputs: 0, discountRate: .constant(percent: 21))
        let codes = SROIChecks.problems(map).map { "\($0.row.map(String.init) ?? "-") \($0.column) \($0.code)" }
        #expect(Set(codes) == [
            "- inputs inputs_not_positive", "- discount_rate discount_rate_out_of_range", "0 quantity negative",
            "0 duration duration_out_of_range", "0 deadweight percentage_out_of_range",
            "0 drop_off percentage_out_of_range", "0 attribution range_out_of_order",
        ])
        #expect(throws: SROIInputProblems.self) { try SROIAnalysis(map) }
        let zero = SROIHandCheckedTests.row(duration: 0)
        #expect(SROIChecks.problems(SROIImpactMap(rows: [zero], inputs: 1)).map(\.code) == ["duration_out_of_range"])
    }

    @Test("warnings: ratio above 10, a large row on weak evidence, deflators at zero, a long duration without reason")
    func warnings() throws {
        var weak = SROIHandCheckedTests.row(quantity: 10, proxy: 1000, duration: 6, deadweight: 10,
                                            displacement: 10, attribution: 10, dropOff: 10)
        weak.hasWeakEvidence = true
        let bare = SROIHandCheckedTests.row(proxy: 10, duration: 2)
        let analysis = try SROIAnalysis(SROIImpactMap(rows: [weak, bare], inputs: 100), draws: 10)
        let codes = analysis.warnings.map { "\($0.code) \($0.row.map(String.init) ?? "-")" }
        #expect(codes == ["ratio_above_ten -", "no_ranges -", "large_row_weak_evidence 0",
                          "long_duration_without_reason 0", "deflators_at_zero 1"])
        #expect(analysis.warnings.last?.assumptions == [.deadweight, .displacement, .attribution, .dropOff])
        weak.durationReason = "Woningaanpassing blijft staan (onderzoek X)."
        let reasoned = try SROIAnalysis(SROIImpactMap(rows: [weak], inputs: 1_000_000), draws: 10)
        #expect(!reasoned.warnings.contains { $0.code == "long_duration_without_reason" || $0.code == "ratio_above_ten" })
    }

    @Test("CSV: ';' with decimal commas and ranges reads into rows")
    func readsSemicolonCSV() throws {
        let text = Self.header.replacingOccurrences(of: ",", with: ";") + ";proxy_low;proxy_high\n"
            + "Inwoners;Minder eenzaam;UCLA-score;120;850,5;3;2;25;0;10;20;600;1000\n"
        let rows = try SROICSV.read(text)
        #expect(rows.count == 1)
        #expect(rows[0].row.proxy == 850.5)
        #expect(rows[0].row.startsAfterActivity)
        #expect(rows[0].row.ranges == [.proxy: SROIRange(low: 600, high: 1000)])
    }

    @Test("CSV: every error by row, column and reason, nothing read")
    func reportsAllErrors() {
        let text = Self.header + ",deadweight_low\n"
            + "Inwoners,A,i,abc,10,3,1,20,0,0,0,10\n"
            + "Inwoners,B,i,1,10,0,3,120,0,0,0,\n"
            + "Inwoners,C,i,1,10,2,1,20,0,0,0,30\n"
        do {
            _ = try SROICSV.read(text)
            Issue.record("expected problems")
        } catch {
            let codes = error.problems.map { "\($0.row ?? 0) \($0.column) \($0.code)" }
            #expect(codes == ["1 quantity not_a_number", "1 deadweight_high required", "2 start start_invalid",
                              "2 duration duration_out_of_range", "2 deadweight percentage_out_of_range",
                              "3 deadweight_high required"])
        }
        #expect(throws: SROIInputProblems.self) { try SROICSV.read("stakeholder,outcome\nA,B\n") }
        #expect(throws: SROIInputProblems.self) { try SROICSV.read(Self.header + ",deadweigth_low\n") }
    }

    @Test("CSV: the export reads back to the same rows")
    func roundTrip() throws {
        var row = SROIHandCheckedTests.row(quantity: 12.5, proxy: 800, duration: 4, after: true, deadweight: 30,
                                           dropOff: 15)
        row.outcome = "Minder eenzaam, \"echt\""
        row.indicator = "score"
        row.ranges = [.quantity: SROIRange(low: 10, high: 15), .dropOff: SROIRange(low: 5, high: 25)]
        let item = SROICSV.Row(row: row, outputs: "12 gesprekken", proxySource: "Wellbeing valuation", inputs: 2500)
        // Quoted by hand here; the product's export goes through the web layer's CSV writer.
        let text = SROICSV.cells([item]).map { line in
            line.map { $0.contains(where: { ",\"\n".contains($0) }) ? "\"" + $0.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : $0 }
                .joined(separator: ",")
        }.joined(separator: "\n")
        let back = try SROICSV.read(text)
        #expect(back == [item])
    }

    @Test("the documented JSON holds the keys of issue 14")
    func documentedJSON() throws {
        var row = SROIHandCheckedTests.row(quantity: 10, proxy: 100, duration: 2, dropOff: 10)
        row.ranges[.proxy] = SROIRange(low: 50, high: 150)
        let data = try SROIReportJSON(try SROIAnalysis(SROIImpactMap(rows: [row], inputs: 1000), draws: 100)).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["present_value_by_year", "total_present_value", "net_present_value", "ratio", "net_ratio",
                    "one_at_a_time", "switching_values", "monte_carlo"] {
            #expect(object[key] != nil, "\(key)")
        }
        let carlo = try #require(object["monte_carlo"] as? [String: Any])
        for key in ["p5", "p50", "p95", "probability_above_one"] { #expect(carlo[key] != nil, "\(key)") }
    }
}
