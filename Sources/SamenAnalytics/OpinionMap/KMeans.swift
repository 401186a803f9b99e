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
        let weights = weights ?? [Double](repeating: 1, count: points.count)
        precondition(weights.count == points.count, "one weight per point")
        var centers = firstDistinct(points, limit: k)
        guard !centers.isEmpty else { return Result(centers: [], assignments: [], weights: []) }
        var assignments = [Int](repeating: 0, count: points.count)
        var clusterWeights = [Double](repeating: 0, count: centers.count)
        for _ in 0..<maxIterations {
            assignments = points.map { nearest($0, in: centers) }
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
            for c in centers.indices where clusterWeights[c] > 0 {
                let moved = MapPoint(x: sumX[c] / clusterWeights[c], y: sumY[c] / clusterWeights[c])
                largestMove = max(largestMove, moved.distance(to: centers[c]))
                centers[c] = moved
            }
            if largestMove < tolerance { break }
        }
        // Drop empty clusters and renumber.
        var renumber = [Int](repeating: -1, count: centers.count)
        var kept: [MapPoint] = []
        var keptWeights: [Double] = []
        for c in centers.indices where assignments.contains(c) {
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
            let dx = point.x - center.x, dy = point.y - center.y
            let d = dx * dx + dy * dy
            if d < bestDistance {
                bestDistance = d
                best = c
            }
        }
        return best
    }

    /// Mean silhouette of the points under `assignments`. A point alone in its
    /// cluster scores 0; with fewer than two clusters the score is 0.
    public static func silhouette(_ points: [MapPoint], assignments: [Int]) -> Double {
        guard !points.isEmpty else { return 0 }
        let clusterCount = (assignments.max() ?? -1) + 1
        guard clusterCount >= 2 else { return 0 }
        var sizes = [Int](repeating: 0, count: clusterCount)
        for a in assignments { sizes[a] += 1 }
        var total = 0.0
        for (i, point) in points.enumerated() {
            let own = assignments[i]
            guard sizes[own] > 1 else { continue }
            var sums = [Double](repeating: 0, count: clusterCount)
            for (j, other) in points.enumerated() where j != i {
                sums[assignments[j]] += point.distance(to: other)
            }
            let a = sums[own] / Double(sizes[own] - 1)
            var b = Double.infinity
            for c in 0..<clusterCount where c != own && sizes[c] > 0 {
                b = min(b, sums[c] / Double(sizes[c]))
            }
            let denominator = max(a, b)
            total += denominator > 0 ? (b - a) / denominator : 0
        }
        return total / Double(points.count)
    }
}
