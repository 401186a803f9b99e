/// Weighted k-means (Lloyd) on map points, deterministic by construction.
public enum KMeans {
    public struct Result: Sendable, Equatable {
        /// Centres of the non-empty clusters, in initialisation order.
        public var centers: [MapPoint]
        /// Cluster index per input point.
        public var assignments: [Int]
        /// Total weight per cluster.
        public var weights: [Double]
    }

    /// Clusters `points` into at most `k` groups.
    ///
    /// Starts from the first `k` distinct points in input order (fewer when there
    /// are fewer distinct points), then alternates nearest-centre assignment
    /// (ties to the lower index) and weighted means until every centre moves
    /// less than `tolerance` or `maxIterations` is reached. A centre that loses
    /// all its points stays put and is dropped from the result.
    public static func cluster(
        _ points: [MapPoint],
        weights: [Double]? = nil,
        k: Int,
        tolerance: Double = 0.01,
        maxIterations: Int = 100
    ) -> Result {
        cluster(
            points,
            weights: weights,
            startingAt: firstDistinct(points, limit: k),
            tolerance: tolerance,
            maxIterations: maxIterations
        )
    }

    /// Lloyd iterations from the given centres (see `cluster(_:weights:k:)`).
    public static func cluster(
        _ points: [MapPoint],
        weights: [Double]? = nil,
        startingAt initialCenters: [MapPoint],
        tolerance: Double = 0.01,
        maxIterations: Int = 100
    ) -> Result {
        let weights = weights ?? [Double](repeating: 1, count: points.count)
        precondition(weights.count == points.count, "one weight per point")
        var centers = initialCenters
        guard !centers.isEmpty else { return Result(centers: [], assignments: [], weights: []) }
        var assignments = [Int](repeating: 0, count: points.count)
        var clusterWeights = [Double](repeating: 0, count: centers.count)
        var moved: [Bool]? = nil
        for _ in 0..<maxIterations {
            IncrementalAssignment.assign(points, centers: centers, moved: moved, assignments: &assignments)
            var sumX = [Double](repeating: 0, count: centers.count)
            var sumY = sumX
            clusterWeights = sumX
            for (i, point) in points.enumerated() {
                let c = assignments[i]
                sumX[c] += weights[i] * point.x
                sumY[c] += weights[i] * point.y
                clusterWeights[c] += weights[i]
            }
            var largestMove = 0.0
            var movedNow = [Bool](repeating: false, count: centers.count)
            for c in centers.indices where clusterWeights[c] > 0 {
                let next = MapPoint(x: sumX[c] / clusterWeights[c], y: sumY[c] / clusterWeights[c])
                movedNow[c] = next != centers[c]
                largestMove = max(largestMove, next.distance(to: centers[c]))
                centers[c] = next
            }
            moved = movedNow
            if largestMove < tolerance { break }
        }
        // Drop empty clusters and renumber.
        var used = [Bool](repeating: false, count: centers.count)
        for a in assignments { used[a] = true }
        var renumber = [Int](repeating: -1, count: centers.count)
        var kept: [MapPoint] = []
        var keptWeights: [Double] = []
        for c in centers.indices where used[c] {
            renumber[c] = kept.count
            kept.append(centers[c])
            keptWeights.append(clusterWeights[c])
        }
        return Result(centers: kept, assignments: assignments.map { renumber[$0] }, weights: keptWeights)
    }

    static func firstDistinct(_ points: [MapPoint], limit: Int) -> [MapPoint] {
        var seen = Set<MapPoint>()
        var out: [MapPoint] = []
        for point in points where out.count < limit && seen.insert(point).inserted {
            out.append(point)
        }
        return out
    }

    static func nearest(_ point: MapPoint, in centers: [MapPoint]) -> Int {
        var best = 0
        var bestDistance = Double.infinity
        for (c, center) in centers.enumerated() {
            let d = point.squaredDistance(to: center)
            if d < bestDistance {
                bestDistance = d
                best = c
            }
        }
        return best
    }

    /// Mean silhouette of the points under `assignments`. A point alone in its
    /// cluster scores 0; with fewer than two clusters the score is 0.
    ///
    /// With `weights`, point i stands for `weights[i]` participants sitting at
    /// the same place (a base cluster at its centre): the result is the plain
    /// silhouette of those participants, so every participant counts once and a
    /// base cluster of one weighs as little as one person. Without weights every
    /// point weighs 1 and this is the textbook silhouette.
    public static func silhouette(_ points: [MapPoint], weights: [Double]? = nil, assignments: [Int]) -> Double {
        guard !points.isEmpty else { return 0 }
        let weights = weights ?? [Double](repeating: 1, count: points.count)
        precondition(weights.count == points.count, "one weight per point")
        let clusterCount = (assignments.max() ?? -1) + 1
        guard clusterCount >= 2 else { return 0 }
        var sizes = [Double](repeating: 0, count: clusterCount)
        for (i, a) in assignments.enumerated() { sizes[a] += weights[i] }
        var total = 0.0
        for (i, point) in points.enumerated() {
            let own = assignments[i]
            // The participant's companions: everyone in its cluster but itself.
            let companions = sizes[own] - 1
            guard companions > 0 else { continue }
            var sums = [Double](repeating: 0, count: clusterCount)
            for (j, other) in points.enumerated() where j != i {
                sums[assignments[j]] += weights[j] * point.distance(to: other)
            }
            let a = sums[own] / companions
            var b = Double.infinity
            for c in 0..<clusterCount where c != own && sizes[c] > 0 {
                b = min(b, sums[c] / sizes[c])
            }
            let denominator = max(a, b)
            total += weights[i] * (denominator > 0 ? (b - a) / denominator : 0)
        }
        return total / sizes.reduce(0, +)
    }
}

/// The assignment step of Lloyd's algorithm, redoing only what the last centre move
/// can have changed. A point whose own centre stayed put was nearest to that centre
/// among all (ties to the lower index), and every other centre that stayed put is at
/// the same distance as before, so only the centres that moved can take it over; a
/// point whose centre moved is scanned in full. The result is exactly plain Lloyd's
/// (same squared distances, same tie rule); only the work differs. The base clusters
/// run k = 100 over every participant, and after a few rounds most centres stop moving.
/// (Distance bounds in the style of Elkan or Hamerly cost as much as the distance
/// itself in two dimensions; measured, they made this step slower.)
enum IncrementalAssignment {
    /// Nearest centre per point. `moved` is nil on the first round (scan everything).
    static func assign(_ points: [MapPoint], centers: [MapPoint], moved: [Bool]?, assignments: inout [Int]) {
        let movedCentres = moved.map { flags in flags.indices.filter { flags[$0] } } ?? []
        if moved != nil && movedCentres.isEmpty { return }
        centers.withUnsafeBufferPointer { c in
            for (i, point) in points.enumerated() {
                if let moved, !moved[assignments[i]] {
                    var best = assignments[i]
                    var bestDistance = point.squaredDistance(to: c[best])
                    for candidate in movedCentres {
                        let d = point.squaredDistance(to: c[candidate])
                        if d < bestDistance || (d == bestDistance && candidate < best) {
                            best = candidate
                            bestDistance = d
                        }
                    }
                    assignments[i] = best
                } else {
                    assignments[i] = KMeans.nearest(point, in: centers)
                }
            }
        }
    }
}
