/// Seeded synthetic conversations with opinion-group structure, for benchmarks: each
/// participant belongs to one of `groups` latent groups, votes on a random subset of the
/// statements, and mostly follows their group's lean on each statement.
public enum SyntheticConversation {
    /// SplitMix64: small, fast, reproducible.
    public struct Generator: Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        public mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
        public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// About `participants × votesPerParticipant` vote events, in time order.
    public static func events(participants: Int, statements: Int, votesPerParticipant: Int, groups: Int = 4,
                              seed: UInt64 = 42) -> [VoteEvent] {
        var random = Generator(seed: seed)
        // Each group leans agree (+1), disagree (−1) or neither (0) on each statement.
        let lean = (0..<groups).map { _ in (0..<statements).map { _ in Int(random.below(3)) - 1 } }
        var events: [VoteEvent] = []
        events.reserveCapacity(participants * votesPerParticipant)
        var time = 0.0
        var chosen = Set<Int>()
        for participant in 0..<participants {
            let group = random.below(groups)
            let count = max(1, min(statements, votesPerParticipant / 2 + random.below(votesPerParticipant + 1)))
            chosen.removeAll(keepingCapacity: true)
            while chosen.count < count { chosen.insert(random.below(statements)) }
            for statement in chosen.sorted() {
                let roll = random.unit()
                let l = lean[group][statement]
                let vote = l == 0 ? (roll < 0.35 ? 1 : roll < 0.7 ? -1 : 0) : (roll < 0.75 ? l : roll < 0.9 ? -l : 0)
                time += 1
                events.append(VoteEvent(participant: participant, statement: statement, vote: vote, timestamp: time))
            }
        }
        return events
    }
}
