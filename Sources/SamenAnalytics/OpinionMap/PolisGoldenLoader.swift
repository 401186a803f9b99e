import Foundation

/// Real Pol.is math output (`math-pca2.json`) beside the votes it was computed
/// from (`votes.json`), as collected by the red-dwarf project.
///
/// Pol.is computes in its internal signs (agree = −1), so `center`, the
/// projections and statement positions here are the negatives of export-sign
/// values (with components aligned in sign).
public struct PolisGoldenConversation: Sendable {
    public struct BaseCluster: Sendable, Equatable {
        public var id: Int
        public var members: [Int]
        public var x: Double
        public var y: Double
    }

    public struct GroupCluster: Sendable, Equatable {
        public var id: Int
        /// Base-cluster ids.
        public var members: [Int]
    }

    /// One entry of `repness` or `consensus` (consensus entries lack repness figures).
    public struct StatementEntry: Sendable, Equatable {
        public var statement: Int
        public var successes: Int
        public var trials: Int
        public var probability: Double
        public var probabilityTest: Double
        public var repness: Double?
        public var repnessTest: Double?
        public var direction: String?
        public var isBestAgree: Bool
        public var agreeCount: Int?
    }

    public var events: [VoteEvent]
    public var moderatedOut: Set<Int>
    public var statementIDs: [Int]
    public var center: [Double]
    public var components: [[Double]]
    public var commentProjection: [[Double]]
    public var baseClusters: [BaseCluster]
    public var groupClusters: [GroupCluster]
    public var repness: [Int: [StatementEntry]]
    public var consensusAgree: [StatementEntry]
    public var consensusDisagree: [StatementEntry]
    public var groupAwareConsensus: [Int: Double]
    public var inConversation: [Int]
    public var userVoteCounts: [Int: Int]

    public enum LoadError: Error, Equatable {
        case malformed(String)
    }

    public init(directory: URL) throws {
        let votes = try Self.json(directory.appendingPathComponent("votes.json"))
        guard let voteList = votes as? [[String: Any]] else { throw LoadError.malformed("votes.json") }
        events = try voteList.map { entry in
            guard let participant = Self.int(entry["participant_id"] ?? entry["pid"]),
                  let statement = Self.int(entry["statement_id"] ?? entry["tid"]),
                  let vote = Self.int(entry["vote"]),
                  let time = Self.double(entry["modified"])
            else { throw LoadError.malformed("vote \(entry)") }
            return VoteEvent(participant: participant, statement: statement, vote: vote, timestamp: time)
        }

        guard let math = try Self.json(directory.appendingPathComponent("math-pca2.json")) as? [String: Any],
              let pca = math["pca"] as? [String: Any],
              let base = math["base-clusters"] as? [String: Any]
        else { throw LoadError.malformed("math-pca2.json") }
        moderatedOut = Set(Self.ints(math["mod-out"]))
        statementIDs = Self.ints(math["tids"])
        center = Self.doubles(pca["center"])
        components = (pca["comps"] as? [Any] ?? []).map(Self.doubles)
        commentProjection = (pca["comment-projection"] as? [Any] ?? []).map(Self.doubles)
        let ids = Self.ints(base["id"]), xs = Self.doubles(base["x"]), ys = Self.doubles(base["y"])
        let members = (base["members"] as? [Any] ?? []).map(Self.ints)
        baseClusters = ids.indices.map { BaseCluster(id: ids[$0], members: members[$0], x: xs[$0], y: ys[$0]) }
        groupClusters = (math["group-clusters"] as? [[String: Any]] ?? []).compactMap { group in
            Self.int(group["id"]).map { GroupCluster(id: $0, members: Self.ints(group["members"])) }
        }
        var repness: [Int: [StatementEntry]] = [:]
        for (key, value) in math["repness"] as? [String: Any] ?? [:] {
            guard let group = Int(key) else { continue }
            repness[group] = (value as? [[String: Any]] ?? []).compactMap(Self.entry)
        }
        self.repness = repness
        let consensus = math["consensus"] as? [String: Any] ?? [:]
        consensusAgree = (consensus["agree"] as? [[String: Any]] ?? []).compactMap(Self.entry)
        consensusDisagree = (consensus["disagree"] as? [[String: Any]] ?? []).compactMap(Self.entry)
        groupAwareConsensus = Self.intKeyed(math["group-aware-consensus"], Self.double)
        inConversation = Self.ints(math["in-conv"])
        userVoteCounts = Self.intKeyed(math["user-vote-counts"], Self.int)
    }

    private static func json(_ url: URL) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    }

    private static func entry(_ object: [String: Any]) -> StatementEntry? {
        guard let statement = int(object["tid"]), let successes = int(object["n-success"]),
              let trials = int(object["n-trials"]), let probability = double(object["p-success"]),
              let test = double(object["p-test"])
        else { return nil }
        return StatementEntry(
            statement: statement, successes: successes, trials: trials,
            probability: probability, probabilityTest: test,
            repness: double(object["repness"]), repnessTest: double(object["repness-test"]),
            direction: object["repful-for"] as? String,
            isBestAgree: (object["best-agree"] as? Bool) ?? false,
            agreeCount: int(object["n-agree"])
        )
    }

    /// JSON numbers arrive as NSNumber; some exports write timestamps as strings.
    static func double(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: number.doubleValue
        case let text as String: Double(text)
        default: nil
        }
    }

    static func int(_ value: Any?) -> Int? {
        double(value).flatMap { $0.rounded() == $0 ? Int(exactly: $0) : nil }
    }

    static func ints(_ value: Any?) -> [Int] { (value as? [Any] ?? []).compactMap { int($0) } }
    static func doubles(_ value: Any?) -> [Double] { (value as? [Any] ?? []).compactMap { double($0) } }

    static func intKeyed<T>(_ value: Any?, _ convert: (Any?) -> T?) -> [Int: T] {
        var out: [Int: T] = [:]
        for (key, item) in value as? [String: Any] ?? [:] {
            if let k = Int(key), let v = convert(item) { out[k] = v }
        }
        return out
    }
}
