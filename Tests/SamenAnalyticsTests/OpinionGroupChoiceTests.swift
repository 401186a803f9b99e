@testable import SamenAnalytics
import Testing

/// How opinion groups are chosen from base clusters: several k-means starts and a
/// silhouette that counts participants (see `KMeans.bestOfStarts`).
@Suite("Opinion groups from base clusters")
struct OpinionGroupChoiceTests {
    /// Four corners of a wide rectangle. Started from the first two points (the
    /// left edge), Lloyd splits top from bottom and stays there (cost 16); the
    /// left/right split costs 1.
    static let rectangle = [MapPoint(x: 0, y: 0), MapPoint(x: 0, y: 1), MapPoint(x: 4, y: 0), MapPoint(x: 4, y: 1)]

    @Test func firstDistinctStartCanStick() {
        let weights = [Double](repeating: 1, count: 4)
        let single = KMeans.cluster(Self.rectangle, k: 2)
        #expect(single.assignments == [0, 1, 0, 1])
        #expect(abs(KMeans.withinSumOfSquares(Self.rectangle, weights: weights, result: single) - 16) < 1e-12)

        let best = KMeans.bestOfStarts(Self.rectangle, k: 2, restarts: OpinionGroups.Choice.samen.restarts)
        #expect(best.assignments[0] == best.assignments[1] && best.assignments[2] == best.assignments[3])
        #expect(best.assignments[0] != best.assignments[2])
        #expect(abs(KMeans.withinSumOfSquares(Self.rectangle, weights: weights, result: best) - 1) < 1e-12)
    }

    @Test func withoutRestartsItIsThePolisStart() {
        var generator = SplitMix64(seed: 7)
        let points = (0..<60).map { _ in MapPoint(x: generator.nextUnit() * 4, y: generator.nextUnit() * 3) }
        let weights = points.indices.map { Double($0 % 5 + 1) }
        for k in 2...5 {
            #expect(KMeans.bestOfStarts(points, weights: weights, k: k, restarts: 0)
                    == KMeans.cluster(points, weights: weights, k: k))
        }
    }

    @Test func moreStartsNeverCostMore() {
        var generator = SplitMix64(seed: 11)
        for trial in 0..<20 {
            let points = (0..<40).map { _ in MapPoint(x: generator.nextUnit() * 10, y: generator.nextUnit() * 10) }
            let weights = points.map { _ in Double(1 + generator.next() % 9) }
            let k = 2 + trial % 4
            let polis = KMeans.cluster(points, weights: weights, k: k)
            let best = KMeans.bestOfStarts(points, weights: weights, k: k, restarts: OpinionGroups.Choice.samen.restarts)
            #expect(KMeans.withinSumOfSquares(points, weights: weights, result: best)
                    <= KMeans.withinSumOfSquares(points, weights: weights, result: polis) + 1e-9)
            #expect(best.centers.count == k)
        }
    }

    /// A base centre of weight w is w participants at one place: its weighted
    /// silhouette must equal the plain silhouette of the points written out w times.
    @Test func weightedSilhouetteIsTheSilhouetteOfTheParticipants() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<10 {
            let centres = (0..<12).map { _ in MapPoint(x: generator.nextUnit() * 6, y: generator.nextUnit() * 6) }
            let counts = centres.map { _ in Int(1 + generator.next() % 5) }
            let groups = centres.indices.map { $0 % 3 }
            let weighted = KMeans.silhouette(centres, weights: counts.map(Double.init), assignments: groups)
            var expanded: [MapPoint] = [], expandedGroups: [Int] = []
            for (i, count) in counts.enumerated() {
                expanded += Array(repeating: centres[i], count: count)
                expandedGroups += Array(repeating: groups[i], count: count)
            }
            let plain = KMeans.silhouette(expanded, assignments: expandedGroups)
            #expect(abs(weighted - plain) < 1e-12)
        }
        // Unit weights are the textbook silhouette.
        let line = [0.0, 1, 10].map { MapPoint(x: $0, y: 0) }
        #expect(KMeans.silhouette(line, weights: [1, 1, 1], assignments: [0, 0, 1])
                == KMeans.silhouette(line, assignments: [0, 0, 1]))
    }

    @Test func aLoneBaseClusterOfSeveralPeopleIsNotASingleton() {
        // Base centre 0 holds three participants and is alone in its group: they sit
        // together (a = 0), so each scores 1, where an unweighted singleton scores 0.
        let points = [MapPoint(x: 0, y: 0), MapPoint(x: 5, y: 0), MapPoint(x: 6, y: 0)]
        let weighted = KMeans.silhouette(points, weights: [3, 1, 1], assignments: [0, 1, 1])
        // Participants at 5 and 6: a = 1, b = 5 and 6 → 0.8 and 5/6.
        #expect(abs(weighted - (3 * 1 + 0.8 + 5.0 / 6) / 5) < 1e-12)
    }
}

@Suite("k-means with Elkan's bounds")
struct KMeansBoundsTests {
    /// Plain Lloyd, written out as opinion-map.md §5 describes it, as the reference.
    static func plainLloyd(_ points: [MapPoint], k: Int) -> (centers: [MapPoint], assignments: [Int]) {
        var centers = KMeans.firstDistinct(points, limit: k)
        var assignments = [Int](repeating: 0, count: points.count)
        for _ in 0..<100 {
            assignments = points.map { p in
                centers.indices.min { a, b in
                    let da = (p.x - centers[a].x) * (p.x - centers[a].x) + (p.y - centers[a].y) * (p.y - centers[a].y)
                    let db = (p.x - centers[b].x) * (p.x - centers[b].x) + (p.y - centers[b].y) * (p.y - centers[b].y)
                    return da < db || (da == db && a < b)
                }!
            }
            var largest = 0.0
            for c in centers.indices {
                let members = points.indices.filter { assignments[$0] == c }
                guard !members.isEmpty else { continue }
                let moved = MapPoint(x: members.map { points[$0].x }.reduce(0, +) / Double(members.count),
                                     y: members.map { points[$0].y }.reduce(0, +) / Double(members.count))
                largest = max(largest, moved.distance(to: centers[c]))
                centers[c] = moved
            }
            if largest < 0.01 { break }
        }
        return (centers, assignments)
    }

    @Test func boundsChangeNothingButTheWork() {
        var generator = SplitMix64(seed: 5)
        for trial in 0..<6 {
            // Blobs plus noise, with duplicated points (ties) as in real conversations.
            var points: [MapPoint] = []
            for i in 0..<(300 + 50 * trial) {
                let blob = Double(i % 4)
                points.append(MapPoint(x: blob * 2 + generator.nextUnit(), y: (blob.truncatingRemainder(dividingBy: 2)) * 3 + generator.nextUnit()))
                if i % 7 == 0 { points.append(points[points.count - 1]) }
            }
            let k = [5, 20, 100][trial % 3]
            let reference = Self.plainLloyd(points, k: k)
            let fast = KMeans.cluster(points, k: k)
            // Renumbering drops empty clusters; compare the partition and the kept centres.
            let keptReference = Array(Set(reference.assignments)).sorted()
            #expect(fast.centers.count == keptReference.count)
            let renumber = Dictionary(uniqueKeysWithValues: keptReference.enumerated().map { ($1, $0) })
            #expect(fast.assignments == reference.assignments.map { renumber[$0]! })
            for (index, c) in keptReference.enumerated() {
                #expect(abs(fast.centers[index].x - reference.centers[c].x) < 1e-12)
                #expect(abs(fast.centers[index].y - reference.centers[c].y) < 1e-12)
            }
        }
    }
}

@Suite("Vote matrix from unordered events")
struct VoteMatrixOrderTests {
    @Test func everyPathKeepsTheLatestVote() {
        var generator = SplitMix64(seed: 9)
        var events: [VoteEvent] = []
        for t in 0..<3_000 {
            // Coarse times make many ties; sparse ids (×1000) exercise the hashed lookups too.
            let participant = Int(generator.next() % 120) * (t % 2 == 0 ? 1 : 1000)
            events.append(VoteEvent(participant: participant, statement: Int(generator.next() % 40),
                                    vote: Int(generator.next() % 3) - 1, timestamp: Double(t / 7)))
        }
        let inOrder = VoteMatrix(events: events)
        // Shuffle, keeping ties in their original order so "the later event" stays the same one.
        var unordered = events
        unordered.shuffle(using: &generator)
        var sameTime: [Double: [VoteEvent]] = Dictionary(grouping: events, by: \.timestamp)
        for i in unordered.indices {
            unordered[i] = sameTime[unordered[i].timestamp]!.removeFirst()
        }
        #expect(!VoteMatrix.inTimeOrder(unordered))
        #expect(VoteMatrix(events: unordered) == inOrder)
        #expect(VoteMatrix(events: unordered, latestTimeCellLimit: 0) == inOrder)
    }
}
