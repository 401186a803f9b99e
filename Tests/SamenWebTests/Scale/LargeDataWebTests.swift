import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import SQLKit
import Testing

/// The large data set of issue 16 at 1/1000: the counts the shape promises, rows that keep
/// the stores' invariants, and pages that render them.
@Suite("Large data set")
struct LargeDataWebTests {
    static let factor = 0.001

    static func count(_ database: Database, _ query: SQLQueryString) async throws -> Int {
        try await database.read { sql in
            try await sql.raw(query).first().map { try $0.decode(column: "n", as: Int.self) } ?? -1
        }
    }

    static func fill(_ database: Database) async throws -> LargeDataGenerator.Report {
        try await LargeDemo.fill(database: database, configuration: SamenConfiguration(databaseURL: "", bcryptCost: 4, loadDemo: true),
                                 factor: factor, seed: 7, logger: Logger(label: "test"))
    }

    @Test("at 1/1000 the set has the promised counts and consistent rows", arguments: TestDatabase.kinds)
    func consistent(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { _, database in
            let shape = LargeDataShape.scaled(Self.factor)
            _ = try await Self.fill(database)
            func n(_ query: SQLQueryString) async throws -> Int { try await Self.count(database, query) }
            #expect(try await n("SELECT COUNT(*) AS n FROM organisations WHERE slug LIKE 'groot-%'") == shape.organisations - 1)
            let large = "(SELECT id FROM trajectories WHERE id LIKE '1a000002-%')"
            #expect(try await n("SELECT COUNT(*) AS n FROM trajectories WHERE id LIKE '1a000002-%'") == shape.trajectories + shape.organisations - 1)
            #expect(try await n("SELECT COUNT(*) AS n FROM stories WHERE trajectory_id IN \(unsafeRaw: large)") == shape.stories)
            #expect(try await n("SELECT COUNT(*) AS n FROM highlights WHERE id LIKE '1a000004-%'") == shape.highlights)
            #expect(try await n("SELECT COUNT(*) AS n FROM insights WHERE trajectory_id IN \(unsafeRaw: large)") == shape.insights)
            #expect(try await n("SELECT COUNT(*) AS n FROM journey_steps WHERE id LIKE '1a000008-%'") == shape.journeySteps)
            #expect(try await n("SELECT COUNT(*) AS n FROM surveys WHERE title LIKE 'Enquête %'") == shape.surveys)
            #expect(try await n("""
                SELECT COUNT(*) AS n FROM survey_responses r JOIN survey_waves w ON w.id = r.wave_id JOIN surveys s ON s.id = w.survey_id
                WHERE s.title LIKE 'Enquête %'
                """) == shape.answers)
            let conversations = "(SELECT id FROM conversations WHERE question LIKE 'Gesprek %')"
            #expect(try await n("SELECT COUNT(*) AS n FROM conversation_participants WHERE conversation_id IN \(unsafeRaw: conversations)")
                    == shape.participants)
            #expect(try await n("SELECT COUNT(*) AS n FROM conversation_votes WHERE conversation_id IN \(unsafeRaw: conversations)") == shape.votes)
            #expect(try await n("SELECT COUNT(*) AS n FROM conversation_vote_events WHERE conversation_id IN \(unsafeRaw: conversations)")
                    == shape.votes, "every vote is in the history too")
            #expect(try await n("SELECT COUNT(*) AS n FROM conversation_results WHERE conversation_id IN \(unsafeRaw: conversations)")
                    == shape.conversations, "every map is computed")
            // Invariants the stores keep.
            #expect(try await n("""
                SELECT COUNT(*) AS n FROM conversation_statements s WHERE s.vote_count <> (SELECT COUNT(*) FROM conversation_votes v
                    WHERE v.conversation_id = s.conversation_id AND v.statement = s.number)
                """) == 0, "vote counters in step")
            #expect(try await n("""
                SELECT COUNT(*) AS n FROM conversations c WHERE c.next_participant <> (SELECT COUNT(*) FROM conversation_participants p
                    WHERE p.conversation_id = c.id) AND c.id IN \(unsafeRaw: conversations)
                """) == 0, "participant numbering in step")
            #expect(try await n("""
                SELECT COUNT(*) AS n FROM highlights h JOIN stories s ON s.id = h.story_id
                WHERE substr(s.pseudonymised_text, CAST(h.start_offset + 1 AS INTEGER), CAST(h.end_offset - h.start_offset AS INTEGER)) <> h.quote
                """) == 0, "every quote is the passage its offsets name")
            #expect(try await n("""
                SELECT COUNT(*) AS n FROM insight_highlights ih JOIN insights i ON i.id = ih.insight_id JOIN highlights h ON h.id = ih.highlight_id
                JOIN stories s ON s.id = h.story_id WHERE s.trajectory_id <> i.trajectory_id
                """) == 0, "an insight groups highlights of its own trajectory")
            #expect(try await n("""
                SELECT COUNT(*) AS n FROM experiments e JOIN interventions i ON i.id = e.intervention_id WHERE e.trajectory_id <> i.trajectory_id
                """) == 0)
            #expect(try await n("""
                SELECT COUNT(*) AS n FROM value_records v JOIN highlights h ON h.id = v.highlight_id JOIN stories s ON s.id = h.story_id
                WHERE s.trajectory_id <> v.trajectory_id
                """) == 0)
            #expect(try await n("""
                SELECT COUNT(*) AS n FROM participations pa JOIN participants p ON p.id = pa.participant_id JOIN activities a ON a.id = pa.activity_id
                WHERE p.trajectory_id <> a.trajectory_id
                """) == 0)
            await #expect(throws: LargeDemo.AlreadyFilled.self, "a second fill is refused") { _ = try await Self.fill(database) }
        }
    }

    @Test("the same seed gives the same rows")
    func reproducible() async throws {
        func fingerprint() async throws -> [String] {
            try await withConversationApp { _, database in
                _ = try await Self.fill(database)
                return try await database.read { sql in
                    let stories = try await sql.raw("SELECT id, pseudonymised_text FROM stories WHERE id LIKE '1a000003-%' ORDER BY id").all()
                        .map { try $0.decode(column: "id", as: String.self) + $0.decode(column: "pseudonymised_text", as: String.self) }
                    let votes = try await sql.raw("""
                        SELECT SUM(v.vote * (v.participant + 1) * (v.statement + 3)) AS n FROM conversation_votes v
                        JOIN conversations c ON c.id = v.conversation_id WHERE c.question LIKE 'Gesprek %'
                        """).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
                    return stories + ["\(votes)"]
                }
            }
        }
        let first = try await fingerprint()
        #expect(first.count > 10)
        #expect(try await fingerprint() == first)
    }

    @Test("the facilitator's pages render the generated trajectory, survey and conversation", arguments: TestDatabase.kinds)
    func pages(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let report = try await Self.fill(database)
            let fatima = Browser(client)
            try await fatima.logIn(PageBench.facilitatorEmail)
            let org = "/o/\(Demo.orgA)"
            let list = try await fatima.get("\(org)/trajectories")
            #expect(list.status == .ok)
            #expect(list.text.contains("Traject 1: "))
            let trajectory = report.busiestTrajectoryID
            let page = try await fatima.get("\(org)/trajectories/\(trajectory)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Traject 1: "))
            let stories = try await fatima.get("\(org)/trajectories/\(trajectory)/stories")
            #expect(stories.status == .ok)
            #expect(LargeDataStoriesCheck.containsAStory(stories.text))
            let surveyID = try #require(try await database.read { sql in
                try await sql.raw("SELECT id FROM surveys WHERE title LIKE 'Enquête 1:%'").first()?.decode(column: "id", as: String.self)
            })
            let analysis = try await fatima.get("\(org)/surveys/\(surveyID)/analysis")
            #expect(analysis.status == .ok)
            let conversationID = try #require(try await database.read { sql in
                try await sql.raw("SELECT id FROM conversations WHERE question LIKE 'Gesprek 1:%'").first()?.decode(column: "id", as: String.self)
            })
            #expect(try await fatima.get("\(org)/conversations/\(conversationID)/results").status == .ok)
        }
    }
}

enum LargeDataStoriesCheck {
    /// The generated stories are made of these sentences; a list page shows at least one.
    static func containsAStory(_ page: String) -> Bool {
        ["Ik moest drie keer bellen", "De medewerker aan de balie", "Het formulier op de website", "De brief was in moeilijke taal",
         "Ik wist niet bij welk loket", "Mijn buurvrouw heeft mij"].contains { page.contains($0) }
    }
}
