/// Who may join a conversation as a new participant. A cookie is free to clear, so "open"
/// lets one person vote many times; the facilitator chooses per conversation.
public enum ParticipationMode: String, Sendable, CaseIterable {
    /// Anyone with the public link; a participant is a cookie.
    case open
    /// Only people with a personal link (`?p=…`) that the facilitator handed out.
    case personalLinks = "personal_links"
    /// Open, but at most `addressCap` new participants per client address per hour (a
    /// town-hall session shares one address, so the cap is the facilitator's number).
    case capped
}

public enum ParticipationRules {
    /// Addresses with at least this many participants count as "many" on the results page.
    public static let manyPerAddress = 5
    /// The window of the per-address cap.
    public static let capWindowSeconds: Int64 = 3600
    public static let capRange = 1...10_000

    /// Whether a new participant may join: nil when yes, else the refusal. `kind` is how they
    /// identify ("link" for a personal link, "cookie" otherwise); `recentFromAddress` is how
    /// many participants joined from their address within the last hour.
    public static func admit(mode: ParticipationMode, cap: Int?, kind: String, recentFromAddress: Int) -> SamenError? {
        switch mode {
        case .open:
            return nil
        case .personalLinks:
            return kind == "link" ? nil : SamenError("participation_personal_link_required", kind: .forbidden)
        case .capped:
            guard kind != "link" else { return nil }
            return recentFromAddress >= (cap ?? 1) ? SamenError("participation_address_cap", kind: .rateLimited) : nil
        }
    }

    /// Checks the form's mode and cap: a cap that is given must be a whole number in
    /// `capRange`; it is needed for a capped conversation and dropped for the other modes.
    public static func check(mode raw: String, cap rawCap: String) -> (ParticipationMode, Int?, [SamenError]) {
        guard let mode = ParticipationMode(rawValue: raw.trimmed) else {
            return (.open, nil, [.validation("conversation_participation_invalid", field: "participation")])
        }
        let text = rawCap.trimmed
        let cap = Int(text).flatMap { capRange.contains($0) ? $0 : nil }
        if cap == nil && !text.isEmpty {
            return (mode, nil, [.validation("conversation_address_cap_invalid", field: "address_cap")])
        }
        // A capped conversation without a cap: in the API this can depend on the stored record
        // (a change of mode only), which a request schema cannot state, so it is a conflict (409).
        if cap == nil && mode == .capped {
            return (mode, nil, [SamenError("conversation_address_cap_invalid", kind: .conflict, field: "address_cap")])
        }
        return (mode, mode == .capped ? cap : nil, [])
    }
}
