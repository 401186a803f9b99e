import Foundation
import SamenCore
import SQLKit

/// Fills a migrated database with a seeded large municipality (issue 16): the one
/// organisation given gets the trajectories, stories, evidence, design cards, portfolio,
/// surveys and conversations of `shape`; further organisations get one trajectory each.
/// Rows go in through bulk INSERTs in transactions (never through the web layer), with the
/// columns and invariants the stores keep (vote counters, participant numbering, the
/// packed survey answers), so every page of the app reads them as its own.
public struct LargeDataGenerator: Sendable {
    public let database: Database
    public let shape: LargeDataShape
    public let seed: UInt64

    public init(database: Database, shape: LargeDataShape, seed: UInt64 = 16) {
        self.database = database
        self.shape = shape
        self.seed = seed
    }

    /// What was written, table by table, and how long each part took.
    public struct Report: Sendable {
        public var rows: [(table: String, count: Int)] = []
        public var seconds: [(part: String, seconds: Double)] = []
        public var busiestTrajectoryID = ""
    }

    /// The trajectory a story, persona or card of number `index` belongs to: one in ten to
    /// the first trajectory (a large municipality has one busy trajectory), the rest spread.
    func trajectory(of index: Int) -> Int {
        index % 10 == 0 ? 0 : index % shape.trajectories
    }

    public func fill(organisationID: String, progress: @Sendable (String) -> Void = { _ in }) async throws -> Report {
        var report = Report()
        func timed(_ part: String, _ body: () async throws -> Void) async throws {
            let start = Date()
            try await body()
            let seconds = Date().timeIntervalSince(start)
            report.seconds.append((part, seconds))
            progress("\(part): \(String(format: "%.1f", seconds)) s")
        }
        try await timed("organisations and trajectories") { try await writeOrganisations(organisationID: organisationID) }
        try await timed("activities, stakeholders, participants") { try await writeRegister() }
        try await timed("stories and highlights") { try await writeStories() }
        try await timed("insights, personas and journeys") { try await writeDesign() }
        try await timed("portfolio, experiments and value") { try await writePortfolio() }
        try await timed("surveys and answers") { try await writeSurveys(organisationID: organisationID) }
        try await timed("conversations and votes") { try await writeConversations(organisationID: organisationID) }
        report.rows = [("organisations", shape.organisations - 1), ("trajectories", shape.trajectories + shape.organisations - 1),
                       ("stories", shape.stories), ("highlights", shape.highlights), ("insights", shape.insights),
                       ("personas", shape.personas), ("journeys", shape.journeys), ("journey_steps", shape.journeySteps),
                       ("interventions", shape.interventions), ("experiments", shape.experiments),
                       ("value_records", shape.valueRecords), ("surveys", shape.surveys), ("survey_responses", shape.answers),
                       ("conversations", shape.conversations), ("conversation_participants", shape.participants),
                       ("conversation_votes", shape.conversations * (shape.participants / shape.conversations) * shape.votesPerParticipant)]
        report.busiestTrajectoryID = LargeDataID.make(LargeDataID.trajectory, 0)
        return report
    }

    // MARK: organisations and trajectories

    func writeOrganisations(organisationID: String) async throws {
        let others = shape.organisations - 1
        try await database.transaction { sql in
            try await LargeDataBulk.insert(sql: sql, table: "organisations", columns: ["id", "slug", "name", "created_at"],
                                           count: others) { n in
                [LargeDataID.make(LargeDataID.organisation, n), "groot-\(n + 1)", "Gemeente Groot \(n + 1)", LargeDataBulk.epoch]
            }
            var random = SplitMix64(state: seed)
            // The large organisation's trajectories first (numbers 0..<T), then one per other organisation.
            let total = shape.trajectories + others
            let columns = ["id", "organisation_id", "title", "service", "goal", "target_groups", "owner", "start_date", "end_date", "created_at"]
            try await LargeDataBulk.insert(sql: sql, table: "trajectories", columns: columns, count: total) { n in
                let owner = n < shape.trajectories ? organisationID : LargeDataID.make(LargeDataID.organisation, n - shape.trajectories)
                let service = random.pick(LargeDataText.services)
                let end: String? = n % 3 == 0 ? "2027-06-30" : nil
                return [LargeDataID.make(LargeDataID.trajectory, n), owner, "Traject \(n + 1): \(service)", service,
                        "Een \(service.lowercased()) die aansluit bij wat inwoners nodig hebben.", "inwoners, ketenpartners",
                        random.pick(LargeDataText.names), "2026-0\(1 + n % 9)-15", end, LargeDataBulk.epoch + Int64(n)]
            }
            try await LargeDataBulk.insert(sql: sql, table: "trajectory_phases", columns: ["trajectory_id", "phase", "status", "changed_at"],
                                           count: total) { n in
                [LargeDataID.make(LargeDataID.trajectory, n), Phase.coInitiation.rawValue, PhaseStatus.open.rawValue, LargeDataBulk.epoch]
            }
        }
    }

    // MARK: stories and highlights

    var highlightsPerStory: Int { max(1, shape.highlights / shape.stories) }

    /// Story `n`'s text: a few sentences, chosen by the story's own seed so a highlight
    /// can find its quote again without keeping the text.
    func storySentences(_ n: Int) -> [String] {
        var random = SplitMix64(state: seed ^ UInt64(n) &* 0x2545_F491_4F6C_DD1D)
        return (0..<(3 + random.below(4))).map { _ in random.pick(LargeDataText.sentences) }
    }

    func writeStories() async throws {
        let ages = SurveyRules.defaultLevels[.ageBand] ?? ["onbekend"]
        try await database.transaction { sql in
            let columns = ["id", "trajectory_id", "source", "status", "original_text", "pseudonymised_text", "consent_internal",
                           "consent_publication", "consent_reuse", "age_band", "district", "channel", "special_category",
                           "retention_date", "created_at"]
            try await LargeDataBulk.insert(sql: sql, table: "stories", columns: columns, count: shape.stories) { n in
                let text = storySentences(n).joined(separator: " ")
                let source = n % 3 == 0 ? Story.Source.interview : .publicLink
                return [LargeDataID.make(LargeDataID.story, n), LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)),
                        source.rawValue, (n % 4 == 0 ? Story.Status.submitted : .approved).rawValue, text, text, 1, n % 2, n % 5 == 0 ? 1 : 0,
                        ages[n % ages.count], LargeDataText.districts[n % LargeDataText.districts.count],
                        LargeDataText.channels[n % LargeDataText.channels.count], 0, "2030-01-01", LargeDataBulk.epoch + Int64(n)]
            }
            let dimensions = SurveyRules.defaultDimensions.map(\.code)
            let columns2 = ["id", "story_id", "start_offset", "end_offset", "quote", "dimensions", "touchpoint", "polarity",
                            "beneficiary", "value_type", "tags", "created_at"]
            let perStory = highlightsPerStory
            try await LargeDataBulk.insert(sql: sql, table: "highlights", columns: columns2, count: shape.highlights) { h in
                let story = min(shape.stories - 1, h / perStory)
                let sentences = storySentences(story)
                let which = (h % perStory) % sentences.count
                let start = sentences[..<which].reduce(0) { $0 + $1.count + 1 }
                let quote = sentences[which]
                let polarity: ValuePolarity = h % 3 == 0 ? .destroyed : .created
                return [LargeDataID.make(LargeDataID.highlight, h), LargeDataID.make(LargeDataID.story, story), start,
                        start + quote.count, quote, dimensions[h % dimensions.count] + "," + dimensions[(h / 7) % dimensions.count],
                        LargeDataText.touchpoints[h % LargeDataText.touchpoints.count], polarity.rawValue,
                        ValueBeneficiary.user.rawValue, ValueType.inUse.rawValue, h % 2 == 0 ? "wachttijd" : "bejegening",
                        LargeDataBulk.epoch + Int64(h)]
            }
        }
    }

    /// The first highlight of the `k`-th story of trajectory `t` (wrapping), for links that
    /// must stay within one trajectory.
    func highlight(trajectory t: Int, _ k: Int, stories: [[Int]]) -> String? {
        let list = stories[t]
        guard !list.isEmpty, list[k % list.count] * highlightsPerStory < shape.highlights else { return nil }
        return LargeDataID.make(LargeDataID.highlight, list[k % list.count] * highlightsPerStory)
    }

    var storiesByTrajectory: [[Int]] {
        var result = Array(repeating: [Int](), count: shape.trajectories)
        for n in 0..<shape.stories { result[trajectory(of: n)].append(n) }
        return result
    }
}
