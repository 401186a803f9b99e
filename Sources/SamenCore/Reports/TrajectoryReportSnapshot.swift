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
    /// The representation score per variable with target shares (none where no shares were set).
    public var representation: [RepresentationScore] = []
    public var said: [Insight]
    public var measured: [Measure]
    public var conversations: [ConversationFinding]
    public var done: [Action]
    public var experiments: [ExperimentFinding] = []
    public var worth = Worth(register: [], sroi: nil)
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
        public init(question: String, participants: Int?, votes: Int, mapped: Bool = false, groups: [OpinionGroupFinding] = [],
                    commonGround: [CommonGroundFinding] = []) {
            self.question = question
            self.participants = participants
            self.votes = votes
            self.mapped = mapped
            self.groups = groups
            self.commonGround = commonGround
        }

        public var question: String
        public var participants: Int?
        public var votes: Int
        /// Whether an opinion map had been computed (without one there are no groups to report).
        public var mapped: Bool
        public var groups: [OpinionGroupFinding]
        /// Empty on a mapped conversation: no statement on which every group leans the same way.
        public var commonGround: [CommonGroundFinding]

        enum CodingKeys: String, CodingKey { case question, participants, votes, mapped, groups, commonGround }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            question = try c.decode(String.self, forKey: .question)
            participants = try c.decodeIfPresent(Int.self, forKey: .participants)
            votes = try c.decode(Int.self, forKey: .votes)
            mapped = try c.decodeIfPresent(Bool.self, forKey: .mapped) ?? false
            groups = try c.decodeIfPresent([OpinionGroupFinding].self, forKey: .groups) ?? []
            commonGround = try c.decodeIfPresent([CommonGroundFinding].self, forKey: .commonGround) ?? []
        }
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

    enum CodingKeys: String, CodingKey {
        case scope, trajectoryTitle, service, goal, generatedOn, heard, representation, said, measured, conversations, done, experiments, worth, extra
    }

    /// Reads reports published before representation, experiments and worth were part of
    /// a report: those parts read as empty, the rest exactly as stored.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scope = try c.decode(String.self, forKey: .scope)
        trajectoryTitle = try c.decode(String.self, forKey: .trajectoryTitle)
        service = try c.decode(String.self, forKey: .service)
        goal = try c.decode(String.self, forKey: .goal)
        generatedOn = try c.decode(String.self, forKey: .generatedOn)
        heard = try c.decode([Coverage].self, forKey: .heard)
        representation = try c.decodeIfPresent([RepresentationScore].self, forKey: .representation) ?? []
        said = try c.decode([Insight].self, forKey: .said)
        measured = try c.decode([Measure].self, forKey: .measured)
        conversations = try c.decode([ConversationFinding].self, forKey: .conversations)
        done = try c.decode([Action].self, forKey: .done)
        experiments = try c.decodeIfPresent([ExperimentFinding].self, forKey: .experiments) ?? []
        worth = try c.decodeIfPresent(Worth.self, forKey: .worth) ?? Worth(register: [], sroi: nil)
        extra = try c.decode([Section].self, forKey: .extra)
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
