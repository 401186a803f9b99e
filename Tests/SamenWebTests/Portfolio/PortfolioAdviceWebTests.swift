import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The portfolio's advisor signals (13–17) beside the twelve challenges: on the trajectory
/// page with reason and advice, in the API, and dismissible with a reason like the others.
@Suite("Portfolio signals in the advisor")
struct PortfolioAdviceWebTests {
    @Test("the demo shows portfolio signals; one is dismissed with its reason; the API lists them; a viewer cannot dismiss")
    func demoSignals() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let page = try await ilse.get(trajectory).text
            // The demo rates "Gekend worden" managed (4) while the latest wave shows a large gap there.
            let contradiction = try #require(page.firstMatch(of: /id="challenge-17"(?s:.)*?<\/article>/).map { String($0.output) })
            #expect(contradiction.contains("Gekend worden"), "the dimension is named in words, not as a code")
            // The demo's second experiment ended weeks ago without a learning card.
            let overdue = try #require(page.firstMatch(of: /id="challenge-16"(?s:.)*?<\/article>/).map { String($0.output) })
            #expect(overdue.contains("leerkaart"))
            let portfolioSignals = (13...17).filter { page.contains(#"id="challenge-\#($0)""#) }
            #expect(portfolioSignals.count >= 2, "at least two portfolio signals fire on the demo: \(portfolioSignals)")

            let id = try #require(trajectory.split(separator: "/").last.map(String.init))
            let api = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/trajectories/\(id)", token: token)
            let warnings = try #require(api.jsonObject["warnings"] as? [[String: Any]])
            #expect(Set(warnings.compactMap { $0["challenge"] as? Int }).isSuperset(of: portfolioSignals))

            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.post(trajectory + "/challenges/17/dismiss", ["reason": "nee"]).status == .forbidden)
            #expect(try await ilse.post(trajectory + "/challenges/18/dismiss", ["reason": "bestaat niet"]).status == .notFound)
            #expect(try await ilse.post(trajectory + "/challenges/17/dismiss", ["reason": "Herbeoordeling staat gepland"]).status == .seeOther)
            let after = try await ilse.get(trajectory).text
            #expect(!after.contains(#"id="challenge-17""#))
            #expect(after.contains("Herbeoordeling staat gepland"))
        }
    }
}
