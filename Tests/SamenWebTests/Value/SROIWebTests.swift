import Foundation
import Hummingbird
import HummingbirdTesting
import SamenAnalytics
import SamenWeb
import Testing

/// The SROI page: the demo map's figures in Dutch, the same as the engine computes, always
/// with the range, tornado, switching values and sources; bad input by row, column and reason.
@Suite("SROI on the web")
struct SROIWebTests {
    static let header = "stakeholder,outcome,indicator,quantity,proxy,duration,start,deadweight,displacement,attribution,drop_off"

    @Test("the page computes a map: the ratio with a decimal comma, the range, tornado, switching values and the check figure")
    func computes() async throws {
        try await withApp { client in
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(marco)
            let demo = try await marco.get(trajectory + "/value/sroi")
            #expect(demo.status == .ok)
            for id in ["sroi-range", "sroi-tornado", "sroi-switching", "sroi-histogram", "sroi-assumption-table", "sroi-years"] {
                #expect(demo.text.contains(#"id="\#(id)"#), "\(id)")
            }
            #expect(demo.text.contains("Tijdregistratie team inkomen"), "the proxy's source is listed")
            // The check figure of domain.md: EUR 1,000, 10 % drop-off, 3 years, 3.5 %: PV 2,536.92; inputs 2,000.
            let map = Self.header + "\nInwoners,check,i,1,1000,3,1,0,0,0,10\n"
            let page = try await marco.post(trajectory + "/value/sroi", ["impact_map": map, "inputs": "2000", "discount_rate": ""])
            #expect(page.status == .ok)
            let expected = SROICalculation.result(SROIImpactMap(rows: [SROIRow(stakeholder: "Inwoners", outcome: "check", quantity: 1,
                                                                               proxy: 1000, duration: 3, dropOff: 10)], inputs: 2000))
            let ratio = String(format: "%.2f", expected.ratio).replacingOccurrences(of: ".", with: ",")
            #expect(page.text.contains(#"<td id="sroi-ratio">\#(ratio)</td>"#), "ratio \(ratio) with a decimal comma")
            #expect(page.text.contains("€ 2.537"), "present value in Dutch")
        }
    }

    @Test("bad input: every CSV error by row, column and reason, a field message for the inputs, 422")
    func badInput() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let map = Self.header + "\nInwoners,a,i,-3,1000,0,1,120,0,0,10\n"
            let page = try await ilse.post(trajectory + "/value/sroi", ["impact_map": map, "inputs": "nul", "discount_rate": "25"])
            #expect(page.status == .unprocessableContent)
            for text in [#"id="sroi-problems""#, "Dit getal mag niet negatief zijn.", "De duur moet meer dan 0 en hoogstens 50 jaar zijn.",
                         "Een percentage moet tussen 0 en 100 liggen.", #"id="inputs-error""#, #"id="discount_rate-error""#] {
                #expect(page.text.contains(text), "\(text)")
            }
            #expect(!page.text.contains(#"id="sroi-range""#), "no result from bad input")
        }
    }
}
