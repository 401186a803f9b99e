import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("Community report")
struct ReportWebTests {
    @Test("the public report shows only consented, approved quotes, and a forced quote is refused with nothing stored")
    func consentRule() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let page = try await ilse.get(trajectory + "/report")
            let publicPath = try #require(page.text.firstMatch(of: /href="(\/r\/[^"]+)"/).map { String($0.output.1) })
            let report = try await Browser(client).get(publicPath)
            #expect(report.status == .ok)
            #expect(report.text.contains("steeds opnieuw uitleggen wat er was"))
            #expect(!report.text.contains("Ik kreeg een brief die ik niet begreep"), "that teller gave no publication consent")
            #expect(report.text.contains("Elke aanvrager krijgt vanaf maart één vaste consulent."))
            // Force the non-consented highlight in through the form: refused, nothing stored.
            let insights = try await ilse.get(trajectory + "/insights")
            let all = insights.text.matches(of: /name="highlight" type="checkbox" value="([a-f0-9-]{36})"><label for="[^"]+">“([^”]+)”/)
            let forbidden = try #require(all.first { $0.output.2.contains("Ik kreeg een brief") }.map { String($0.output.1) })
            let forced = try await ilse.post(trajectory + "/report", ["intro": "Nieuwe inleiding", "quote": forbidden, "publish": "1"])
            #expect(forced.status == .unprocessableContent)
            #expect(forced.text.contains("Deze uitspraak mag niet in een openbaar verslag"))
            #expect(forced.text.contains("Nieuwe inleiding"), "what was typed is kept")
            let after = try await Browser(client).get(publicPath)
            #expect(!after.text.contains("Nieuwe inleiding"))
            #expect(!after.text.contains("Ik kreeg een brief die ik niet begreep"))
            #expect(try await Browser(client).get("/r/onbekend").status == .notFound)
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.post(trajectory + "/report", ["intro": "x"]).status == .forbidden)
        }
    }

    @Test("unpublishing removes the public link")
    func unpublish() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let publicPath = try #require(try await ilse.get(trajectory + "/report").text.firstMatch(of: /href="(\/r\/[^"]+)"/).map { String($0.output.1) })
            #expect(try await ilse.post(trajectory + "/report", ["intro": "Besloten"]).status == .seeOther)
            #expect(try await Browser(client).get(publicPath).status == .notFound)
        }
    }
}
