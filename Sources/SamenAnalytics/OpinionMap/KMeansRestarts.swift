/// Several starts for the small k-means on base-cluster centres.
///
/// Lloyd's algorithm stops in the nearest local optimum of its start. Pol.is
/// escapes a poor one over time because it warm-starts every update from the
/// previous groups; a one-shot run has no history, and from the single
/// "first k distinct points" start it can keep a split that puts most of one
/// opinion camp with the other (seen on Pol.is openData). So the grouping step
/// runs the Pol.is start plus a fixed number of k-means++ starts from a seeded
/// generator and keeps the lowest weighted within-cluster sum of squares, the
/// quantity k-means minimises. The seed is fixed, so results stay reproducible.
extension KMeans {
    /// The best of the Pol.is start and `restarts` seeded k-means++ starts.
    /// Ties keep the earlier start, so with `restarts == 0` this is `cluster(_:weights:k:)`.
    public static func bestOfStarts(
        _ points: [MapPoint],
        weights: [Double]? = nil,
        k: Int,
        restarts: Int,
        seed: UInt64 = 42
    ) -> Result {
        let weights = weights ?? [Double](repeating: 1, count: points.count)
        var best = cluster(points, weights: weights, k: k)
        guard best.centers.count == k, restarts > 0 else { return best }
        var bestCost = withinSumOfSquares(points, weights: weights, result: best)
        var generator = SplitMix64(seed: seed)
        for _ in 0..<restarts {
            let start = plusPlusStart(points, weights: weights, k: k, generator: &generator)
            guard start.count == k else { continue }
            let candidate = cluster(points, weights: weights, startingAt: start)
            guard candidate.centers.count == k else { continue }
            let cost = withinSumOfSquares(points, weights: weights, result: candidate)
            if cost < bestCost * (1 - 1e-12) {
                best = candidate
                bestCost = cost
            }
        }
        return best
    }

    /// Σ weightᵢ · |pointᵢ − nearest centre|², with points reassigned to the final centres.
    public static func withinSumOfSquares(_ points: [MapPoint], weights: [Double], result: Result) -> Double {
        var total = 0.0
        for (i, point) in points.enumerated() {
            total += weights[i] * point.squaredDistance(to: result.centers[nearest(point, in: result.centers)])
        }
        return total
    }

    /// k-means++ seeding (Arthur & Vassilvitskii 2007) with weights: the first
    /// centre is drawn by weight, each next one by weight × squared distance to
    /// the nearest centre so far. Fewer than k when the points run out.
    static func plusPlusStart(
        _ points: [MapPoint],
        weights: [Double],
        k: Int,
        generator: inout SplitMix64
    ) -> [MapPoint] {
        guard !points.isEmpty, k > 0 else { return [] }
        var centers = [points[draw(weights, generator: &generator)]]
        var nearestSquared = points.map { $0.squaredDistance(to: centers[0]) }
        while centers.count < k {
            let mass = zip(weights, nearestSquared).map { $0 * $1 }
            guard mass.reduce(0, +) > 0 else { break }
            let next = points[draw(mass, generator: &generator)]
            centers.append(next)
            for i in points.indices { nearestSquared[i] = min(nearestSquared[i], points[i].squaredDistance(to: next)) }
        }
        return centers
    }

    /// Index drawn with probability proportional to `mass`.
    private static func draw(_ mass: [Double], generator: inout SplitMix64) -> Int {
        let total = mass.reduce(0, +)
        var target = generator.nextUnit() * total
        for (i, m) in mass.enumerated() {
            target -= m
            if target < 0 { return i }
        }
        return mass.lastIndex { $0 > 0 } ?? 0
    }
}
