import Foundation
import Logging
import SamenCore
import SamenStore

/// The demo conversation of Gemeente Voorbeeld: real-looking Dutch statements and votes
/// from a seeded generator with three opinion groups, so the results page shows groups,
/// representative statements and consensus at once. The same seed gives the same data.
public enum ConversationDemo {
    static let question = "Hoe maken we het aanvragen van bijzondere bijstand makkelijker?"
    static let description = "De gemeente vernieuwt de aanvraag voor bijzondere bijstand. Reageer op de stellingen van anderen: eens, oneens of overslaan. Of schrijf zelf een stelling."

    /// Statement text and how each of three groups leans (+1 agree, −1 disagree, 0 mixed).
    static let statements: [(String, [Int])] = [
        ("Ik wil de aanvraag helemaal online kunnen doen.", [1, -1, 1]),
        ("Ik wil iemand aan de balie kunnen spreken.", [-1, 1, 0]),
        ("Het formulier moet in gewone taal.", [1, 1, 1]),
        ("Ik wil weten hoe lang het duurt voor ik antwoord krijg.", [1, 1, 1]),
        ("De gemeente vraagt te veel bewijsstukken.", [1, 1, -1]),
        ("Controle op misbruik is belangrijker dan snelheid.", [-1, -1, 1]),
        ("Een vaste contactpersoon helpt mij het meest.", [0, 1, 0]),
        ("Ik wil mijn aanvraag kunnen volgen, zoals een pakketje.", [1, -1, 1]),
        ("Bellen met de gemeente kost te veel tijd.", [1, 1, -1]),
        ("Hulp van een vrijwilliger bij het invullen moet standaard zijn.", [0, 1, -1]),
        ("Ik schaam me om bijstand aan te vragen.", [0, 1, 0]),
        ("De brieven van de gemeente zijn moeilijk te begrijpen.", [1, 1, 0]),
        ("Een DigiD is voor mij een drempel.", [-1, 1, -1]),
        ("Ik wil ook 's avonds een vraag kunnen stellen via chat.", [1, -1, 0]),
        ("Als iets ontbreekt, wil ik eerst gebeld worden in plaats van een brief.", [1, 1, 0]),
        ("De regels moeten voor iedereen precies hetzelfde zijn.", [-1, -1, 1]),
        ("Maatwerk is belangrijker dan strakke regels.", [1, 1, -1]),
        ("Ik wil eerdere aanvragen hergebruiken zodat ik niet alles opnieuw hoef te sturen.", [1, 0, 1]),
        ("Schuldhulp en bijzondere bijstand moeten op één plek.", [1, 1, 0]),
        ("Ik vertrouw de gemeente met mijn gegevens.", [1, -1, 1]),
        ("Er moet een afspraak aan huis mogelijk zijn.", [-1, 1, -1]),
        ("Een besluit binnen twee weken is haalbaar.", [1, 0, -1]),
    ]
    static let pending = [
        "Ik wil dat de gemeente mijn inkomen zelf opvraagt bij de Belastingdienst.",
        "Ik wil het formulier ook op papier kunnen krijgen.",
    ]

    /// A small, fast, seeded random generator (SplitMix64).
    typealias Generator = SplitMix64

    /// Creates and fills the demo conversation and computes its results.
    @discardableResult
    public static func load(database: Database, organisationID: String, participants: Int = 140, seed: UInt64 = 2026) async throws -> Conversation {
        let store = ConversationStore(database: database)
        let trajectoryID = try await TrajectoryStore(database: database).list(organisationID: organisationID).first?.id
        let conversation = try await store.create(organisationID: organisationID,
                                                  draft: ConversationDraft(question: question, description: description, moderation: .post,
                                                                           allowStatements: true, trajectoryID: trajectoryID, phase: "verkennen"))
        var random = Generator(state: seed)
        let start: Int64 = 1_780_000_000_000
        var imported = statements.enumerated().map { index, item in
            ImportedStatement(number: index, body: item.0, author: nil, state: .approved, isSeed: true, createdAtMilliseconds: start)
        }
        imported += pending.enumerated().map { offset, text in
            ImportedStatement(number: statements.count + offset, body: text, author: offset, state: .pending, isSeed: false,
                              createdAtMilliseconds: start + 1000)
        }
        var events: [StoredVoteEvent] = []
        for participant in 0..<participants {
            let group = participant % 10 < 4 ? 0 : participant % 10 < 7 ? 1 : 2
            var time = start + Int64(participant) * 60_000
            for (number, item) in statements.enumerated() where random.unit() < 0.8 {
                let lean = item.1[group]
                let roll = random.unit()
                let vote: Int
                if lean == 0 {
                    vote = roll < 0.4 ? 1 : roll < 0.75 ? -1 : 0
                } else {
                    vote = roll < 0.8 ? lean : roll < 0.9 ? -lean : 0
                }
                time += 1000 + Int64(random.next() % 4000)
                events.append(StoredVoteEvent(participant: participant, statement: number, vote: vote, votedAtMilliseconds: time))
            }
        }
        try await ConversationVoteStore(database: database).importConversation(
            organisationID: organisationID, conversationID: conversation.id, statements: imported, events: events)
        try await ConversationResults(database: database, logger: Logger(label: "samen.demo")).recompute(conversationID: conversation.id)
        return conversation
    }
}
