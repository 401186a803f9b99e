/// How much a large data set holds (issue 16): a large municipality at factor 1, and the
/// same proportions at any other factor, so a test fills it at 1/1000 on both databases
/// and the benchmark at 1/10 or 1. Per-parent figures (highlights per story, votes per
/// participant) stay the same at every factor; only the numbers of parents change.
public struct LargeDataShape: Sendable, Equatable {
    public var organisations: Int
    public var trajectories: Int
    public var stories: Int
    public var highlights: Int
    public var insights: Int
    public var personas: Int
    public var stepsPerJourney: Int
    public var surveys: Int
    public var answers: Int
    public var conversations: Int
    public var participants: Int
    public var votes: Int
    public var interventions: Int
    public var experiments: Int
    public var valueRecords: Int

    /// A large municipality: the figures of issue 16 at factor 1.
    public static let large = LargeDataShape(
        organisations: 50, trajectories: 300, stories: 30_000, highlights: 150_000, insights: 3_000, personas: 500,
        stepsPerJourney: 6, surveys: 100, answers: 1_000_000, conversations: 20, participants: 100_000, votes: 5_000_000,
        interventions: 1_500, experiments: 600, valueRecords: 3_000)

    /// The large shape times `factor`; every count at least one (organisations at least two,
    /// so another organisation's data is always there to keep apart).
    public static func scaled(_ factor: Double) -> LargeDataShape {
        func times(_ count: Int, minimum: Int = 1) -> Int { max(minimum, Int((Double(count) * factor).rounded())) }
        let large = Self.large
        let participants = times(large.participants)
        return LargeDataShape(
            organisations: times(large.organisations, minimum: 2), trajectories: times(large.trajectories),
            stories: times(large.stories), highlights: times(large.highlights), insights: times(large.insights),
            personas: times(large.personas), stepsPerJourney: large.stepsPerJourney, surveys: times(large.surveys),
            answers: times(large.answers), conversations: times(large.conversations), participants: participants,
            votes: participants * large.votesPerParticipant, interventions: times(large.interventions),
            experiments: times(large.experiments), valueRecords: times(large.valueRecords))
    }

    /// Each participant votes on this many statements (a conversation has a few more).
    public var votesPerParticipant: Int { max(1, votes / max(1, participants)) }
    public var statementsPerConversation: Int { votesPerParticipant + 10 }
    public var journeys: Int { personas }
    public var journeySteps: Int { personas * stepsPerJourney }
}
