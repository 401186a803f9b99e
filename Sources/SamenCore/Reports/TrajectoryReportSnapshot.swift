import Foundation

/// What a published trajectory report shows, frozen at the moment of publication: the
/// numbers are stored with the report and never recomputed, so a published version reads the
/// same forever. Counts are of people, with counts under `OpenDataRules.minimumGroupSize` left out.
public struct TrajectoryReportSnapshot: Codable, Sendable, Equatable {
    /// `co_initiation` … `co_evaluation` for a phase report, `final` for the end report.
    public var scope: String
    public var trajectoryTitle: String
    public var service: String
    public var goal: String
    public var generatedOn: String
    public var heard: [Coverage]
    public var said: [Insight]
    public var measured: [Measure]
    public var conversations: [ConversationFinding]
    public var done: [Action]
    /// Sections other features add (experiments and their learning, the value register and the
    /// SROI range): each is a titled list of lines, so the report needs no change to carry them.
    public var extra: [Section]

    public struct Coverage: Codable, Sendable, Equatable {
        public init(phase: String, group: String, participants: Int?) {
            self.phase = phase
            self.group = group
            self.participants = participants
        }

        public var phase: String
        public var group: String
        /// nil when fewer people than the minimum took part.
        public var participants: Int?
    }

    public struct Insight: Codable, Sendable, Equatable {
        public init(id: String, title: String, description: String, quotes: [String]) {
            self.id = id
            self.title = title
            self.description = description
            self.quotes = quotes
        }

        public var id: String
        public var title: String
        public var description: String
        /// Pseudonymised quotes from stories whose tellers consented to publication.
        public var quotes: [String]
    }

    public struct Measure: Codable, Sendable, Equatable {
        public init(survey: String, dimension: String, wave: String, n: Int, gap: Double, change: Double?) {
            self.survey = survey
            self.dimension = dimension
            self.wave = wave
            self.n = n
            self.gap = gap
            self.change = change
        }

        public var survey: String
        public var dimension: String
        public var wave: String
        public var n: Int
        /// Need minus experience (higher: a larger gap).
        public var gap: Double
        /// The gap's change since the previous wave with enough answers, when there is one.
        public var change: Double?
    }

    public struct ConversationFinding: Codable, Sendable, Equatable {
        public init(question: String, participants: Int?, votes: Int) {
            self.question = question
            self.participants = participants
            self.votes = votes
        }

        public var question: String
        public var participants: Int?
        public var votes: Int
    }

    public struct Action: Codable, Sendable, Equatable {
        public init(title: String, status: String, statusSince: String, expectedEffect: String, insightIDs: [String]) {
            self.title = title
            self.status = status
            self.statusSince = statusSince
            self.expectedEffect = expectedEffect
            self.insightIDs = insightIDs
        }

        public var title: String
        public var status: String
        public var statusSince: String
        public var expectedEffect: String
        /// The insights (their ids) this change answers.
        public var insightIDs: [String]

        enum CodingKeys: String, CodingKey {
            case title, status, statusSince, expectedEffect
            case insightIDs = "insight_ids"
        }
    }

    public struct Section: Codable, Sendable, Equatable {
        public var title: String
        public var lines: [String]

        public init(title: String, lines: [String]) {
            self.title = title
            self.lines = lines
        }
    }

    public init(scope: String, trajectoryTitle: String, service: String, goal: String, generatedOn: String, heard: [Coverage], said: [Insight],
                measured: [Measure], conversations: [ConversationFinding], done: [Action], extra: [Section]) {
        self.scope = scope
        self.trajectoryTitle = trajectoryTitle
        self.service = service
        self.goal = goal
        self.generatedOn = generatedOn
        self.heard = heard
        self.said = said
        self.measured = measured
        self.conversations = conversations
        self.done = done
        self.extra = extra
    }

    /// The scopes a report can have: one per phase, and the final report.
    public static var scopes: [String] { Phase.allCases.map(\.rawValue) + ["final"] }
}

/// One published version of a trajectory's report.
public struct PublishedReport: Sendable, Equatable {
    public var id: String
    public var trajectoryID: String
    /// 1, 2, … per trajectory.
    public var number: Int
    public var title: String
    public var snapshot: TrajectoryReportSnapshot
    public var publishedAt: Int64
    public var publishedBy: String
    /// The public "U zei, wij deden" link, when the team chose to share it.
    public var publicToken: String?
    /// When the team took the report back; it stays readable for the team.
    public var withdrawnAt: Int64?
    public var version: Int

    public init(id: String, trajectoryID: String, number: Int, title: String, snapshot: TrajectoryReportSnapshot, publishedAt: Int64,
                publishedBy: String, publicToken: String?, withdrawnAt: Int64?, version: Int) {
        self.id = id
        self.trajectoryID = trajectoryID
        self.number = number
        self.title = title
        self.snapshot = snapshot
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.publicToken = publicToken
        self.withdrawnAt = withdrawnAt
        self.version = version
    }
}
