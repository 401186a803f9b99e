/// A conversation: a question that many people answer with short statements and votes.
public struct Conversation: Sendable, Equatable {
    public var id: String
    public var organisationID: String
    public var trajectoryID: String?
    public var phase: String
    public var question: String
    public var description: String
    public var moderation: ModerationMode
    public var allowStatements: Bool
    public var opensAt: Int64?
    public var closesAt: Int64?
    /// The unguessable part of the public link.
    public var publicToken: String
    public var createdAt: Int64
    public var updatedAt: Int64
    /// The row version (optimistic concurrency).
    public var version: Int
    /// Who may join as a new participant, and the cap per address per hour when capped.
    public var participation: ParticipationMode = .open
    public var addressCap: Int?
    /// The facilitator chose to leave participants from addresses with many participants
    /// (`ParticipationRules.manyPerAddress`) out of the opinion map.
    public var leavesOutCrowdedAddresses = false

    public init(id: String, organisationID: String, trajectoryID: String?, phase: String, question: String, description: String,
                moderation: ModerationMode, allowStatements: Bool, opensAt: Int64?, closesAt: Int64?, publicToken: String,
                createdAt: Int64, updatedAt: Int64, version: Int = 1) {
        self.id = id; self.organisationID = organisationID; self.trajectoryID = trajectoryID; self.phase = phase
        self.question = question; self.description = description; self.moderation = moderation; self.allowStatements = allowStatements
        self.opensAt = opensAt; self.closesAt = closesAt; self.publicToken = publicToken; self.createdAt = createdAt
        self.updatedAt = updatedAt; self.version = version
    }

    /// Open when the opening time (if any) has passed and the closing time (if any) has not.
    public func isOpen(at now: Int64) -> Bool {
        if let opensAt, now < opensAt { return false }
        if let closesAt, now >= closesAt { return false }
        return true
    }
}

/// What a facilitator sets up; the store fills in ids, token and times.
public struct ConversationDraft: Sendable, Equatable {
    public var question: String
    public var description: String
    public var moderation: ModerationMode
    public var allowStatements: Bool
    public var opensAt: Int64?
    public var closesAt: Int64?
    public var trajectoryID: String?
    public var phase: String
    public var participation: ParticipationMode = .open
    public var addressCap: Int?

    public init(question: String, description: String = "", moderation: ModerationMode = .post, allowStatements: Bool = true,
                opensAt: Int64? = nil, closesAt: Int64? = nil, trajectoryID: String? = nil, phase: String = "") {
        self.question = question
        self.description = description
        self.moderation = moderation
        self.allowStatements = allowStatements
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.trajectoryID = trajectoryID
        self.phase = phase
    }
}

/// One statement. `number` is its id within the conversation (Pol.is `comment-id`).
public struct ConversationStatement: Sendable, Equatable {
    public var number: Int
    public var body: String
    /// The participant who wrote it; nil for seed statements.
    public var author: Int?
    public var isSeed: Bool
    public var state: StatementState
    public var reason: String
    /// Participants who voted on it (latest votes).
    public var voteCount: Int
    public var createdAt: Int64
    /// The row version (optimistic concurrency).
    public var version: Int

    public init(number: Int, body: String, author: Int?, isSeed: Bool, state: StatementState, reason: String, voteCount: Int,
                createdAt: Int64, version: Int = 1) {
        self.number = number; self.body = body; self.author = author; self.isSeed = isSeed; self.state = state
        self.reason = reason; self.voteCount = voteCount; self.createdAt = createdAt; self.version = version
    }

    /// Whether participants see it: approved or meta, or not yet moderated under post-moderation.
    public func isVisible(_ mode: ModerationMode) -> Bool {
        switch state {
        case .approved, .meta: true
        case .pending: mode == .post
        case .rejected: false
        }
    }
}

/// Counts for the overview and the results page.
public struct ConversationFigures: Sendable, Equatable {
    public var participants: Int
    public var voters: Int
    public var votes: Int
    public var voteEvents: Int
    public var statementsByState: [StatementState: Int]

    public init(participants: Int, voters: Int, votes: Int, voteEvents: Int, statementsByState: [StatementState: Int]) {
        self.participants = participants; self.voters = voters; self.votes = votes; self.voteEvents = voteEvents
        self.statementsByState = statementsByState
    }

    public var statements: Int { statementsByState.values.reduce(0, +) }
    /// No statements, participants or votes yet: the only state a Pol.is import goes into.
    public var isEmpty: Bool { statements == 0 && voteEvents == 0 && participants == 0 }
}

/// One vote as it happened (Pol.is `votes.csv` row).
public struct StoredVoteEvent: Sendable, Equatable {
    public var participant: Int
    public var statement: Int
    public var vote: Int
    public var votedAtMilliseconds: Int64

    public init(participant: Int, statement: Int, vote: Int, votedAtMilliseconds: Int64) {
        self.participant = participant
        self.statement = statement
        self.vote = vote
        self.votedAtMilliseconds = votedAtMilliseconds
    }
}

/// A statement as it comes from an import (Pol.is `comments.csv` row).
public struct ImportedStatement: Sendable, Equatable {
    public var number: Int
    public var body: String
    public var author: Int?
    public var state: StatementState
    public var isSeed: Bool
    public var createdAtMilliseconds: Int64

    public init(number: Int, body: String, author: Int?, state: StatementState, isSeed: Bool, createdAtMilliseconds: Int64) {
        self.number = number
        self.body = body
        self.author = author
        self.state = state
        self.isSeed = isSeed
        self.createdAtMilliseconds = createdAtMilliseconds
    }
}

/// The last computed opinion map of a conversation, as JSON.
public struct StoredResult: Sendable, Equatable {
    public var computedAt: Int64
    public var voteEvents: Int
    public var durationMilliseconds: Int
    public var body: String

    public init(computedAt: Int64, voteEvents: Int, durationMilliseconds: Int, body: String) {
        self.computedAt = computedAt
        self.voteEvents = voteEvents
        self.durationMilliseconds = durationMilliseconds
        self.body = body
    }
}
