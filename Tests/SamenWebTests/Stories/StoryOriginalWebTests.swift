import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The original text of a story is for the roles that review it; a viewer reads only the
/// pseudonymised text, and only a reviewer's reading is named in the audit trail.
@Suite("Who reads a story's original text")
struct StoryOriginalWebTests {
    @Test("a viewer sees only the pseudonymised text; a reviewer sees the original and is named in the trail")
    func viewerSeesPseudonymisedOnly() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let text = "Bel me op 0612345678 of mail naar piet@voorbeeld.nl, want de brief was onduidelijk."
            let created = try await ilse.json(.post, StoryEditWebTests.api(trajectory) + "/stories", token: token, body: #"{"text":"\#(text)"}"#)
            let id = try #require(created.jsonObject["id"] as? String)
            let pseudonymised = try #require(created.jsonObject["text_pseudonymised"] as? String)
            let page = trajectory + "/stories/\(id)"

            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let viewed = try await marco.get(page)
            #expect(viewed.status == .ok)
            #expect(!viewed.text.contains("0612345678") && !viewed.text.contains("piet@voorbeeld.nl"), "no identifiers for a viewer")
            #expect(viewed.text.contains(pseudonymised.htmlEscapedForTest))

            let reviewed = try await ilse.get(page)
            #expect(reviewed.text.contains("0612345678"), "the reviewer sees the original")

            let trail = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/audit?limit=200", token: token)
            let reads = (trail.jsonObject["entries"] as? [[String: Any]] ?? [])
                .filter { $0["action"] as? String == "read_original" && $0["entity_id"] as? String == id }
            #expect(reads.count == 1, "only the reviewer's reading is logged")
            #expect(reads.first?["person"] as? String != nil && reads.allSatisfy { ($0["person"] as? String)?.contains("Marco") != true })
        }
    }
}

extension String {
    /// The escaping the templates apply, for comparing stored text with a page.
    var htmlEscapedForTest: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
