import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The organisation's front page is a dashboard: what needs attention, the latest
/// trajectories with their phase and signals, open conversations, surveys; and the team.
@Suite("Organisation dashboard")
struct DashboardWebTests {
    @Test("the demo organisation's front page lists its trajectories with phase and signals, its open conversations and its surveys")
    func demoDashboard() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let page = try await ilse.get("/o/\(Demo.orgA)")
            #expect(page.status == .ok)
            let html = page.text
            for heading in ["Vraagt aandacht", "Laatste trajecten", "Open gesprekken", "Vragenlijsten", "Het team"] {
                #expect(html.contains(heading), "\(heading)")
            }
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            #expect(html.contains(#"<a href="\#(trajectory)">"#), "the demo trajectory is linked")
            #expect(html.firstMatch(of: /\/o\/gemeente-voorbeeld\/conversations\/[a-f0-9-]{36}"/) != nil, "an open conversation is linked")
            #expect(html.firstMatch(of: /\/o\/gemeente-voorbeeld\/surveys\/[a-f0-9-]{36}"/) != nil, "a survey is linked")
            #expect(html.firstMatch(of: /\b1 signalen\b/) == nil, "one signal is singular")

            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.get("/o/\(Demo.orgA)").text.contains("Laatste trajecten"), "a viewer reads the dashboard too")
        }
    }

    @Test("an organisation without trajectories, conversations or surveys says so in each part")
    func emptyDashboard() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            #expect(try await ilse.post("/organisations", ["name": "Leeg Dorp", "slug": "leeg-dorp"]).status == .seeOther)
            let html = try await ilse.get("/o/leeg-dorp").text
            #expect(html.contains("Nog geen trajecten.") && html.contains("Er is nu geen gesprek open.") && html.contains("Nog geen vragenlijsten."))
        }
    }
}
