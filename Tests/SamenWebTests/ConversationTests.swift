import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// Like `withApp`, plus a second handle on the same database, to run the background
/// recompute and to check what was stored.
func withConversationApp<T: Sendable>(
    kind: DatabaseKind = .sqlite,
    _ body: @escaping @Sendable (any TestClientProtocol, Database) async throws -> T
) async throws -> T {
    let url = try await TestDatabase.makeURL(kind)
    let configuration = SamenConfiguration(databaseURL: url, bcryptCost: 4, loadDemo: true)
    // One database handle for the app and the test, so SQLite has one writer; the app closes it.
    let database = try await Database.open(url: url, logger: Logger(label: "test"))
    do {
        let app = try await buildApplication(configuration: configuration, database: database)
        let result = try await app.test(.router) { client in try await body(client, database) }
        await TestDatabase.drop(url: url, kind: kind)
        return result
    } catch {
        await TestDatabase.drop(url: url, kind: kind)
        throw error
    }
}

@Suite("Conversations on the web")
struct ConversationWebTests {
    static func counts(_ database: Database) async throws -> (votes: Int, events: Int, statements: Int) {
        try await database.read { sql in
            func n(_ table: String) async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            return (try await n("conversation_votes"), try await n("conversation_vote_events"), try await n("conversation_statements"))
        }
    }

    /// Creates a conversation through the facilitator form and returns its detail path and public path.
    static func create(_ browser: Browser, _ fields: [String: String]) async throws -> (detail: String, public: String) {
        let created = try await browser.post("/o/\(Demo.orgA)/conversations", fields)
        #expect(created.status == .seeOther)
        let detail = try #require(created.location)
        let page = try await browser.get(detail)
        let publicPath = try #require(page.text.firstMatch(of: /\/c\/[a-z0-9]{24}/).map { String($0.output) })
        return (detail, publicPath)
    }

    @Test("a facilitator sets up a conversation; bad input is shown per field and nothing is stored")
    func setUp() async throws {
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let before = try await Self.counts(database)
            let bad = try await ilse.post("/o/\(Demo.orgA)/conversations",
                                          ["question": "  ", "moderation": "sometimes", "closes_on": "morgen", "seeds": String(repeating: "x", count: 141)])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Vul een vraag in."))
            #expect(bad.text.contains("Kies vooraf of achteraf modereren."))
            #expect(bad.text.contains("Vul een datum in zoals 2026-12-31."))
            #expect(try await Self.counts(database).statements == before.statements)
            let (detail, publicPath) = try await Self.create(ilse, ["question": "Wat moet de bibliotheek doen?", "moderation": "pre",
                                                                     "allow_statements": "1", "seeds": "Langer open\nMeer stilteplekken"])
            let page = try await ilse.get(detail)
            #expect(page.text.contains("Langer open") && page.text.contains("Meer stilteplekken"))
            #expect(page.text.contains(publicPath))
            let list = try await ilse.get("/o/\(Demo.orgA)/conversations")
            #expect(list.text.contains("Wat moet de bibliotheek doen?"))
            // A viewer sees but cannot change.
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.get(detail).status == .ok)
            #expect(try await marco.post(detail, ["question": "Overgenomen"]).status == .forbidden)
            #expect(try await marco.post("/o/\(Demo.orgA)/conversations", ["question": "Nieuw"]).status == .forbidden)
        }
    }

    @Test("an anonymous participant votes one statement at a time; bad votes store nothing")
    func participate() async throws {
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, publicPath) = try await Self.create(ilse, ["question": "Wat moet de bibliotheek doen?", "moderation": "post",
                                                                     "allow_statements": "1", "seeds": "Langer open\nMeer stilteplekken"])
            let citizen = Browser(client)
            let page = try await citizen.get(publicPath)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"name="vote" value="agree""#))
            let number = try #require(page.text.firstMatch(of: /name="statement" value="(\d+)"/).map { String($0.output.1) })
            let before = try await Self.counts(database)
            // Not one of the three values.
            let wrong = try await citizen.post(publicPath + "/vote", ["statement": number, "vote": "maybe"])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Kies eens, oneens of overslaan."))
            // Without the CSRF token.
            #expect(try await citizen.post(publicPath + "/vote", ["statement": number, "vote": "agree"], csrf: false).status == .forbidden)
            #expect(try await Self.counts(database).events == before.events)
            let voted = try await citizen.post(publicPath + "/vote", ["statement": number, "vote": "agree"])
            #expect(voted.status == .seeOther)
            let next = try await citizen.get(publicPath)
            #expect(next.text.contains("Uw stem is opgeslagen"))
            #expect(next.text.contains("U hebt 1 stelling beantwoord"))
            #expect(try await Self.counts(database).events == before.events + 1)
            // Statements: empty, too long, near-duplicate (pointed out), then added anyway.
            #expect(try await citizen.post(publicPath + "/statements", ["statement": " "]).text.contains("Schrijf een stelling."))
            let long = try await citizen.post(publicPath + "/statements", ["statement": String(repeating: "a", count: 141)])
            #expect(long.status == .unprocessableContent && long.text.contains("hoogstens 140 tekens"))
            let similar = try await citizen.post(publicPath + "/statements", ["statement": "Langer open!"])
            #expect(similar.status == .unprocessableContent && similar.text.contains("lijkt erg op"))
            #expect(try await Self.counts(database).statements == before.statements)
            let added = try await citizen.post(publicPath + "/statements", ["statement": "Langer open!", "confirm": "1"])
            #expect(added.status == .seeOther)
            #expect(try await Self.counts(database).statements == before.statements + 1)
            // The facilitator rejects a statement: voting on it is refused.
            try await ilse.post(detail + "/moderation", ["statements": number, "action": "reject", "reason": "dubbel"])
            let refused = try await citizen.post(publicPath + "/vote", ["statement": number, "vote": "disagree"])
            #expect(refused.status == .conflict && refused.text.contains("kunt u niet (meer) stemmen"))
            // Closed conversation: refused, nothing stored.
            try await ilse.post(detail, ["question": "Wat moet de bibliotheek doen?", "moderation": "post", "closes_on": "2020-01-01"])
            let other = try #require(next.text.firstMatch(of: /name="statement" value="(\d+)"/).map { String($0.output.1) })
            let closed = try await citizen.post(publicPath + "/vote", ["statement": other, "vote": "agree"])
            #expect(closed.status == .conflict && closed.text.contains("Dit gesprek is gesloten"))
            #expect(try await Self.counts(database).events == before.events + 1)
            #expect(try await citizen.get("/c/bestaat-niet").status == .notFound)
        }
    }

    @Test("moderation: bulk actions, a reason is needed to reject, a rejected statement leaves the results")
    func moderationAndResults() async throws {
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let list = try await ilse.get("/o/\(Demo.orgA)/conversations")
            let detail = try #require(list.text.firstMatch(of: /\/o\/gemeente-voorbeeld\/conversations\/[a-f0-9-]{36}/).map { String($0.output) })
            let queue = try await ilse.get(detail + "/moderation")
            #expect(queue.text.contains("Belastingdienst"), "the demo has statements waiting")
            let noReason = try await ilse.post(detail + "/moderation", ["statements": "22", "action": "reject"])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("Geef een reden"))
            let nothing = try await ilse.post(detail + "/moderation", ["action": "approve"])
            #expect(nothing.status == .unprocessableContent)
            let body = "_csrf=\(ilse.cookies["samen_csrf"] ?? "")&statements=22&statements=23&action=approve"
            let bulk = try await ilse.request(.post, detail + "/moderation", body: body, contentType: "application/x-www-form-urlencoded")
            #expect(bulk.status == .seeOther)
            #expect(try await ilse.get(detail + "/moderation").text.contains("Er wachten geen stellingen."))

            let results = try await ilse.get(detail + "/results")
            #expect(results.status == .ok)
            #expect(results.text.contains("<svg") && results.text.contains(#"role="img""#) && results.text.contains("<desc"))
            #expect(results.text.contains("Groep A") && results.text.contains("Groep B"))
            #expect(results.text.contains("Het formulier moet in gewone taal."))
            let marks = results.text.matches(of: #/<(circle|rect|polygon) /#).count
            #expect(marks >= 140, "every demo participant is a point on the map (\(marks) marks)")
            // Reject a statement, recompute in the background runner: it leaves the results.
            let rejected = try await ilse.post(detail + "/moderation", ["statements": "0", "action": "reject", "reason": "test"])
            #expect(rejected.status == .seeOther)
            // The app's own background runner (or this one, whichever claims the job first) recomputes.
            var after = try await ilse.get(detail + "/results")
            for _ in 0..<100 where after.text.contains("Ik wil de aanvraag helemaal online kunnen doen.") {
                await ConversationResults(database: database, logger: Logger(label: "test")).runDue()
                try await Task.sleep(for: .milliseconds(100))
                after = try await ilse.get(detail + "/results")
            }
            #expect(!after.text.contains("Ik wil de aanvraag helemaal online kunnen doen."))
        }
    }

    @Test("another organisation sees none of it")
    func tenancy() async throws {
        try await withConversationApp { client, _ in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let list = try await ilse.get("/o/\(Demo.orgA)/conversations")
            let id = try #require(list.text.firstMatch(of: /conversations\/([a-f0-9-]{36})/).map { String($0.output.1) })
            let sanne = Browser(client)
            try await sanne.logIn(Demo.sanne)
            for path in ["", "/moderation", "/results", "/export/votes.csv"] {
                #expect(try await sanne.get("/o/\(Demo.orgA)/conversations/\(id)\(path)").status == .notFound)
                #expect(try await sanne.get("/o/\(Demo.orgB)/conversations/\(id)\(path)").status == .notFound)
            }
            #expect(try await sanne.post("/o/\(Demo.orgB)/conversations/\(id)/moderation", ["statements": "0", "action": "meta"]).status == .notFound)
            #expect(!(try await sanne.get("/o/\(Demo.orgB)/conversations")).text.contains("bijzondere bijstand"))
        }
    }

    @Test("a personal link keeps one identity across devices")
    func personalLinks() async throws {
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (detail, _) = try await Self.create(ilse, ["question": "Wat moet de bibliotheek doen?", "seeds": "Langer open\nMeer stilteplekken"])
            #expect(try await ilse.post(detail + "/links", ["count": "0"]).status == .unprocessableContent)
            let csv = try await ilse.post(detail + "/links", ["count": "2"])
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let links = csv.text.split(separator: "\n").dropFirst().map(String.init)
            #expect(links.count == 2 && Set(links).count == 2)
            let phone = Browser(client)
            let page = try await phone.get(links[0])
            let number = try #require(page.text.firstMatch(of: /name="statement" value="(\d+)"/).map { String($0.output.1) })
            let token = String(links[0].split(separator: "=").last!)
            #expect(page.text.contains(#"name="p" value="\#(token)""#))
            #expect(try await phone.post(links[0].components(separatedBy: "?")[0] + "/vote", ["statement": number, "vote": "pass", "p": token]).status == .seeOther)
            let laptop = Browser(client)
            #expect(try await laptop.get(links[0]).text.contains("U hebt 1 stelling beantwoord"), "same person on another device")
            #expect(try await laptop.get(links[1]).text.contains("U hebt 0 stellingen beantwoord"), "another link is another person")
            #expect(try await Self.counts(database).votes >= 1)
        }
    }

    @Test("adding statements is rate limited per client; the refusal stores nothing")
    func statementRateLimit() async throws {
        try await withConversationApp { client, database in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let (_, publicPath) = try await Self.create(ilse, ["question": "Wat moet de bibliotheek doen?", "allow_statements": "1"])
            let citizen = Browser(client)
            try await citizen.get(publicPath)
            var statuses: [HTTPResponse.Status] = []
            let ideas = ["Langer open op zondag", "Meer stilteplekken", "Gratis printen", "Een koffiehoek",
                         "Hulp bij DigiD", "Boeken in andere talen", "Spelletjesmiddag"]
            for idea in ideas {
                statuses.append(try await citizen.post(publicPath + "/statements", ["statement": idea]).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .seeOther })
            #expect(statuses.last == .tooManyRequests)
            let before = try await Self.counts(database).statements
            let refused = try await citizen.post(publicPath + "/statements", ["statement": "Nog een idee"])
            #expect(refused.text.contains("U stuurt erg veel tegelijk"))
            #expect(try await Self.counts(database).statements == before)
        }
    }
}
