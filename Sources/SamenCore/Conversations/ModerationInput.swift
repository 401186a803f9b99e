import Foundation

/// A moderation decision on one or more statements: the action and, for a rejection, the reason.
public struct ModerationInput: Sendable, Equatable {
    public var numbers: [Int] = []
    public var action = ""
    public var reason = ""

    public init(numbers: [Int] = [], action: String = "", reason: String = "") {
        self.numbers = numbers; self.action = action; self.reason = reason
    }

    public func validated() throws -> (numbers: [Int], state: StatementState, reason: String) {
        var errors: [SamenError] = []
        if numbers.isEmpty { errors.append(.validation("moderation_nothing_selected", field: "statements")) }
        let state: StatementState? = switch action {
        case "approve": .approved
        case "reject": .rejected
        case "meta": .meta
        default: nil
        }
        if state == nil { errors.append(.validation("moderation_action_invalid", field: "action")) }
        let reason = reason.trimmed
        if reason.count > 500 { errors.append(.validation("moderation_reason_too_long", field: "reason")) }
        if state == .rejected && reason.isEmpty { errors.append(.validation("moderation_reason_required", field: "reason")) }
        try ValidationErrors.check(errors)
        guard let state else { throw ValidationErrors(errors) }
        return (Array(Set(numbers)).sorted(), state, reason)
    }
}
