/// Base clusters and opinion groups for the participants in the conversation.
public struct OpinionGroups: Sendable, Equatable {
    public struct BaseCluster: Sendable, Equatable {
        public var center: MapPoint
        /// Matrix row indices, ascending.
        public var members: [Int]
        /// Index into `groupCenters`.
        public var group: Int
    }

    public var baseClusters: [BaseCluster]
    /// Centres of the opinion groups (weighted means of their base centres).
    public var groupCenters: [MapPoint]
    /// Mean silhouette per candidate k that was tried.
    public var silhouettes: [Int: Double]
    /// Opinion group per matrix row; nil for rows not in the conversation.
    public var groupOfRow: [Int?]

    public var groupCount: Int { groupCenters.count }

    /// Matrix rows per group, ascending.
    public var membersByGroup: [[Int]] {
        var members = [[Int]](repeating: [], count: groupCount)
        for cluster in baseClusters { members[cluster.group].append(contentsOf: cluster.members) }
        return members.map { $0.sorted() }
    }

    public init(baseClusters: [BaseCluster], groupCenters: [MapPoint], silhouettes: [Int: Double], rowCount: Int) {
        self.baseClusters = baseClusters
        self.groupCenters = groupCenters
        self.silhouettes = silhouettes
        var groupOfRow = [Int?](repeating: nil, count: rowCount)
        for cluster in baseClusters {
            for row in cluster.members { groupOfRow[row] = cluster.group }
        }
        self.groupOfRow = groupOfRow
    }

    /// One-shot clustering (Pol.is updates incrementally, so its groups can differ).
    ///
    /// - Parameters:
    ///   - positions: map positions of every matrix row.
    ///   - inConversation: the rows to cluster, in row order.
    ///   - baseClusterCount: k for the base clusters (100 in Pol.is).
    ///   - maxGroups: upper bound on the number of opinion groups.
    public init(
        positions: [MapPoint],
        inConversation: [Int],
        baseClusterCount: Int = 100,
        maxGroups: Int = 5,
        choice groupChoice: Choice = .samen
    ) {
        let points = inConversation.map { positions[$0] }
        let base = KMeans.cluster(points, k: baseClusterCount)
        var baseMembers = [[Int]](repeating: [], count: base.centers.count)
        for (i, cluster) in base.assignments.enumerated() { baseMembers[cluster].append(inConversation[i]) }

        // Up to `baseClusterCount` participants every base cluster is one participant (or
        // several with the very same votes), so this step is Pol.is's own computation on
        // the participants, and the Pol.is start alone reproduces Pol.is (golden tests).
        // Above it, base clusters pool participants and Pol.is's pools depend on its
        // history; the Pol.is start has no claim to fidelity there, so take the best start.
        var effective = groupChoice
        if points.count <= baseClusterCount { effective.restarts = 0 }
        let choice = Self.chooseGroups(baseCenters: base.centers, weights: base.weights, maxGroups: maxGroups, choice: effective)
        let clusters = base.centers.indices.map {
            BaseCluster(center: base.centers[$0], members: baseMembers[$0].sorted(), group: choice.assignments[$0])
        }
        self.init(
            baseClusters: clusters,
            groupCenters: choice.centers,
            silhouettes: choice.silhouettes,
            rowCount: positions.count
        )
    }

    /// Weighted k-means on the base centres for k = 2 ... min(maxGroups, 2 + ⌊bases/12⌋),
    /// keeping the k with the best mean silhouette (ties to the larger k).
    ///
    /// Two choices beyond opinion-map.md §5, both because a one-shot run has no
    /// Pol.is history to correct it (see `KMeans.bestOfStarts`): each k keeps the
    /// best of several seeded starts (only above 100 participants, see the caller),
    /// and the silhouette counts participants (each base centre weighted by its
    /// members) rather than base clusters, the same weights the k-means means use.
    /// `Choice.asWritten` is the method exactly as written there.
    static func chooseGroups(
        baseCenters: [MapPoint],
        weights: [Double],
        maxGroups: Int,
        choice: Choice
    ) -> (centers: [MapPoint], assignments: [Int], silhouettes: [Int: Double]) {
        let distinct = Set(baseCenters).count
        guard distinct >= 2 else {
            let all = KMeans.cluster(baseCenters, weights: weights, k: 1)
            return (all.centers, all.assignments, [:])
        }
        let upper = min(maxGroups, 2 + baseCenters.count / 12, distinct)
        var best: (score: Double, result: KMeans.Result)?
        var silhouettes: [Int: Double] = [:]
        for k in 2...max(2, upper) {
            let result = KMeans.bestOfStarts(baseCenters, weights: weights, k: k, restarts: choice.restarts)
            let score = KMeans.silhouette(
                baseCenters,
                weights: choice.participantSilhouette ? weights : nil,
                assignments: result.assignments
            )
            silhouettes[k] = score
            if best == nil || score >= best!.score { best = (score, result) }
        }
        return (best!.result.centers, best!.result.assignments, silhouettes)
    }

    /// How opinion groups are chosen from the base clusters.
    public struct Choice: Sendable, Equatable {
        /// Seeded k-means++ starts tried besides the Pol.is start for each k.
        public var restarts: Int
        public var participantSilhouette: Bool
        public init(restarts: Int, participantSilhouette: Bool) {
            self.restarts = restarts
            self.participantSilhouette = participantSilhouette
        }
        /// Samen's default: several starts, silhouette over participants.
        public static let samen = Choice(restarts: 16, participantSilhouette: true)
        /// opinion-map.md §5 to the letter: one start, silhouette over base centres.
        public static let asWritten = Choice(restarts: 0, participantSilhouette: false)
    }
}

/// Section 2: who is placed in groups.
public enum ConversationMembership {
    /// Rows with at least min(7, statements) votes in the untouched matrix
    /// (passes and votes on moderated statements count). When fewer than
    /// `minimum` qualify, the most active others join (ties in row order).
    /// Returned in row order.
    public static func rowsInConversation(_ raw: VoteMatrix, minimum: Int = 15) -> [Int] {
        let counts = raw.voteCounts()
        let threshold = min(7, raw.columnCount)
        var chosen = Set(counts.indices.filter { counts[$0] >= threshold && counts[$0] > 0 })
        if chosen.count < minimum {
            let others = counts.indices
                .filter { !chosen.contains($0) && counts[$0] > 0 }
                .sorted { (counts[$0], -$0) > (counts[$1], -$1) }
            chosen.formUnion(others.prefix(minimum - chosen.count))
        }
        return chosen.sorted()
    }
}
