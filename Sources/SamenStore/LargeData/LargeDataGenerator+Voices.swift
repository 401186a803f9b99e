import Foundation
import SamenCore
import SQLKit

extension LargeDataGenerator {
    // MARK: surveys

    /// Surveys through the survey store (the instrument, its items and segments as the app
    /// makes them), answers through its bulk import: the packed answer column stays the
    /// store's own format.
    func writeSurveys(organisationID: String) async throws {
        let surveys = SurveyStore(database: database)
        let responses = SurveyResponseStore(database: database)
        let ages = SurveyRules.defaultLevels[.ageBand] ?? ["onbekend"]
        var random = SplitMix64(state: seed &+ 3)
        for n in 0..<shape.surveys {
            let survey = try await surveys.create(organisationID: organisationID, .init(
                title: "Enquête \(n + 1): \(LargeDataText.services[n % LargeDataText.services.count])",
                trajectoryID: LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)), itemsPerDimension: 2, asksMark: true,
                segments: [SurveySegmentQuestion(question: .channel, levels: LargeDataText.channels),
                           SurveySegmentQuestion(question: .ageBand, levels: ages)]))
            let wave = try await responses.createWave(organisationID: organisationID, surveyID: survey.id, name: "Meting 2026",
                                                      startsOn: "2026-03-01", endsOn: "2026-04-30")
            let count = shape.answers / shape.surveys + (n == 0 ? shape.answers % shape.surveys : 0)
            let items = survey.items.count
            try await responses.importAnswers(organisationID: organisationID, surveyID: survey.id, waveID: wave.id, count: count) { _ in
                let mood = Double(random.below(3)) - 1
                let need = (0..<items).map { _ -> Double? in Double(4 + random.below(4)) }
                let experience = (0..<items).map { _ -> Double? in random.below(20) == 0 ? nil : min(7, max(1, Double(2 + random.below(5)) + mood)) }
                return SurveyAnswerSheet(need: need, experience: experience,
                                         segments: [.channel: random.pick(LargeDataText.channels), .ageBand: random.pick(ages)],
                                         mark: 5 + random.below(5))
            }
        }
    }

    // MARK: conversations

    /// Conversations with their seed statements through the conversation store; the
    /// participants and votes — the millions — are made by the database itself from a
    /// number series (INSERT … SELECT), as the vote path would have left them: the latest
    /// vote per cell, each vote also in the event history, every statement's `vote_count`
    /// and the conversation's `next_participant` in step, and a map recompute queued.
    func writeConversations(organisationID: String) async throws {
        let people = max(1, shape.participants / shape.conversations)
        let perPerson = shape.votesPerParticipant
        let statements = shape.statementsPerConversation
        for n in 0..<shape.conversations {
            try await database.transaction { sql in
                let draft = ConversationDraft(
                    question: "Gesprek \(n + 1): hoe maken we de \(LargeDataText.services[n % LargeDataText.services.count].lowercased()) beter?",
                    trajectoryID: LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)))
                let seeds = (0..<statements).map { "Stelling \($0 + 1): \(LargeDataText.sentences[$0 % LargeDataText.sentences.count])" }
                let conversation = try await ConversationRecordWrites.create(sql: sql, organisationID: organisationID, draft: draft, seeds: seeds)
                try await writeVotes(sql: sql, conversationID: conversation.id, people: people, perPerson: perPerson, statements: statements)
            }
        }
    }

    private func writeVotes(sql: any SQLDatabase, conversationID: String, people: Int, perPerson: Int, statements: Int) async throws {
        let series: SQLQueryString = """
            WITH RECURSIVE p(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM p WHERE i + 1 < \(bind: people)),
                           k(j) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT j + 1 FROM k WHERE j + 1 < \(bind: perPerson))
            """
        try await sql.raw(series + """
             INSERT INTO conversation_participants (conversation_id, number, token_hash, kind, created_at)
            SELECT \(bind: conversationID), i, \(bind: "large:") || CAST(i AS TEXT), 'cookie', \(bind: LargeDataBulk.epoch) + i FROM p
            """).run()
        // Participant p votes on the statements p, p+1, … (wrapping): distinct cells. Three
        // opinion groups (p mod 3) agree or disagree per statement, with a little noise.
        let salt = Int(seed % 5)
        try await sql.raw(series + """
             INSERT INTO conversation_votes (conversation_id, participant, statement, vote, voted_at_ms)
            SELECT \(bind: conversationID), i, (i + j) % \(bind: statements),
                   ((i % 3) * 7 + ((i + j) % \(bind: statements)) * 13 + (i * 31 + j * 17 + \(bind: salt)) % 5) % 3 - 1,
                   \(bind: LargeDataBulk.epoch * 1000) + i * 60000 + j * 1000
            FROM p CROSS JOIN k
            """).run()
        try await sql.raw("""
            INSERT INTO conversation_vote_events (conversation_id, participant, statement, vote, voted_at_ms)
            SELECT conversation_id, participant, statement, vote, voted_at_ms FROM conversation_votes
            WHERE conversation_id = \(bind: conversationID)
            """).run()
        try await sql.raw("""
            UPDATE conversation_statements SET vote_count = (
                SELECT COUNT(*) FROM conversation_votes v
                WHERE v.conversation_id = conversation_statements.conversation_id AND v.statement = conversation_statements.number)
            WHERE conversation_id = \(bind: conversationID)
            """).run()
        try await sql.raw("""
            UPDATE conversations SET next_participant = \(bind: people) WHERE id = \(bind: conversationID)
            """).run()
        try await JobStore.enqueue(sql: sql, kind: JobStore.recomputeConversation, subjectID: conversationID, delay: 0)
    }
}
