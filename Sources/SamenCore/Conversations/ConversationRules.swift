import Foundation

/// Whether statements by participants show before a moderator saw them.
public enum ModerationMode: String, Sendable, CaseIterable, Codable {
    /// Nothing a participant writes shows until a moderator approves it.
    case pre
    /// A new statement shows at once; a moderator can still remove it.
    case post
}

/// Where a statement is in moderation. Rejected and meta statements leave every result.
public enum StatementState: String, Sendable, CaseIterable, Codable {
    case pending
    case approved
    case rejected
    case meta

    /// Statements the opinion map treats as moderated out.
    public var isModeratedOut: Bool { self == .rejected || self == .meta }
}

/// A vote as a participant casts it. Raw values are the export signs (agree = +1).
public enum VoteValue: Int, Sendable, CaseIterable, Codable {
    case agree = 1
    case pass = 0
    case disagree = -1

    /// The form value (`agree`, `disagree`, `pass`), or nil for anything else.
    public init?(word: String) {
        switch word {
        case "agree": self = .agree
        case "disagree": self = .disagree
        case "pass": self = .pass
        default: return nil
        }
    }

    public var word: String {
        switch self {
        case .agree: "agree"
        case .disagree: "disagree"
        case .pass: "pass"
        }
    }
}

/// Input rules for conversations, statements and votes.
public enum ConversationRules {
    public static let maximumStatementLength = 140
    public static let maximumQuestionLength = 300
    public static let maximumDescriptionLength = 4000

    public static func checkQuestion(_ question: String, field: String = "question") -> [SamenError] {
        let trimmed = question.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("conversation_question_required", field: field)] }
        if trimmed.count > maximumQuestionLength { return [.validation("conversation_question_too_long", field: field)] }
        return []
    }

    public static func checkDescription(_ text: String, field: String = "description") -> [SamenError] {
        text.count > maximumDescriptionLength ? [.validation("conversation_description_too_long", field: field)] : []
    }

    /// A statement: 1 to 140 characters after trimming.
    public static func checkStatement(_ body: String, field: String = "statement") -> [SamenError] {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [.validation("statement_required", field: field)] }
        if trimmed.count > maximumStatementLength { return [.validation("statement_too_long", field: field)] }
        return []
    }

    public static func checkVote(_ word: String, field: String = "vote") -> Result<VoteValue, SamenError> {
        VoteValue(word: word).map { .success($0) } ?? .failure(.validation("vote_invalid", field: field))
    }

    public static func checkDates(opensAt: Int64?, closesAt: Int64?, field: String = "closes_at") -> [SamenError] {
        if let opensAt, let closesAt, closesAt <= opensAt { return [SamenError("conversation_dates_order", kind: .conflict, field: field)] }
        return []
    }

    /// Lowercased words without punctuation, for comparing statements.
    public static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Similarity of two statements: the Jaccard index of their word sets (0...1).
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = Set(words(a)), y = Set(words(b))
        if x.isEmpty && y.isEmpty { return 1 }
        return Double(x.intersection(y).count) / Double(x.union(y).count)
    }

    /// From this similarity on, a new statement is pointed out as a near-duplicate.
    public static let nearDuplicateThreshold = 0.7

    /// The most similar existing statement at or above the threshold, if any.
    public static func nearDuplicate(of body: String, among existing: [String]) -> String? {
        var best: (score: Double, text: String)?
        for text in existing {
            let score = similarity(body, text)
            if score >= nearDuplicateThreshold && score > (best?.score ?? -1) { best = (score, text) }
        }
        return best?.text
    }
}
