import Foundation
@testable import SamenAnalytics
import Testing

@Suite("Opinion map building blocks")
struct OpinionMapUnitTests {
    @Test func voteMatrixKeepsLatestVoteAndOrders() {
        let matrix = VoteMatrix(events: [
            VoteEvent(participant: 7, statement: 3, vote: 1, timestamp: 20),
            VoteEvent(participant: 5, statement: 1, vote: -1, timestamp: 10),
            VoteEvent(participant: 7, statement: 3, vote: -1, timestamp: 30),  // later: wins
            VoteEvent(participant: 5, statement: 3, vote: 0, timestamp: 40),
        ])
        #expect(matrix.participants == [5, 7])  // 5 voted first
        #expect(matrix.statements == [1, 3])
        #expect(Array(matrix.row(0)) == [-1, 0])
        #expect(Array(matrix.row(1)) == [VoteMatrix.missing, -1])
        let map = matrix.zeroingStatements([3])
        #expect(Array(map.row(1)) == [VoteMatrix.missing, 0])
        #expect(matrix[1, 1] == -1)  // untouched original
    }

    @Test func inConversationTopsUpToFifteen() {
        // 20 participants over 10 statements; participant i votes on i % 10 + 1 statements.
        var events: [VoteEvent] = []
        for participant in 0..<20 {
            for statement in 0..<(participant % 10 + 1) {
                events.append(VoteEvent(participant: participant, statement: statement, vote: 1, timestamp: Double(participant)))
            }
        }
        let matrix = VoteMatrix(events: events)
        // ≥ 7 votes: i % 10 ∈ {6, 7, 8, 9} → rows 6–9 and 16–19. Seven more by activity,
        // ties in row order: 6 votes 5, 15; 5 votes 4, 14; 4 votes 3, 13; 3 votes 2.
        let rows = ConversationMembership.rowsInConversation(matrix)
        #expect(rows == [2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17, 18, 19])
        #expect(ConversationMembership.rowsInConversation(matrix, minimum: 0) == [6, 7, 8, 9, 16, 17, 18, 19])
    }

    @Test func statisticsOnTinyCounts() {
        // Group: 3 agree, 1 disagree, 5 seen. Rest: 1 agree, 3 disagree, 5 seen.
        // pa = 4/7, pd = 2/7; pat = 2·√6·(4/6 − 1/2) = √6/3.
        // rat: p1 = 4/6, p2 = 2/6, pooled = 6/12 = 1/2 → (1/3)/√(1/4 · 2/6) = 2/√3.
        // ra = (4/7)/(2/7) = 2; rd = (2/7)/(4/7) = 1/2.
        let stats = GroupStatementStatistics(
            statement: 0,
            group: VoteCounts(agree: 3, disagree: 1, seen: 5),
            rest: VoteCounts(agree: 1, disagree: 3, seen: 5)
        )
        #expect(abs(stats.pa - 4.0 / 7) < 1e-15)
        #expect(abs(stats.pd - 2.0 / 7) < 1e-15)
        #expect(abs(stats.pat - 6.0.squareRoot() / 3) < 1e-14)
        #expect(abs(stats.rat - 2 / 3.0.squareRoot()) < 1e-14)
        #expect(abs(stats.rdt + 2 / 3.0.squareRoot()) < 1e-14)
        #expect(abs(stats.ra - 2) < 1e-14 && abs(stats.rd - 0.5) < 1e-14)
        #expect(stats.direction == .agree)
        #expect(!stats.passesTests)  // 1.1547 < 1.2816
        // Pooled proportion 1 → z = 0.
        #expect(StatementStatistics.twoProportionTest(4, of: 4, rest: 6, of: 6) == 0)
        #expect(StatementStatistics.twoProportionTest(0, of: 0, rest: 0, of: 0) == 0)
        // Group-informed consensus: (3+1)/(5+2) · (1+1)/(5+2) = 8/49.
        let gic = StatementStatistics.groupInformedConsensus([[stats.group], [stats.rest]])
        #expect(abs(gic[0] - 8.0 / 49) < 1e-15)
    }

    @Test func consensusKeepsSignificantMajorities() {
        // 9 of 10 agree: pa = 10/12, pat = 2·√11·(10/11 − 1/2) ≈ 2.71 → agree consensus.
        // 5 of 10 agree: pa = 6/12 = 0.5, not > 0.5 → none. Statement 2 is moderated out.
        let counts = [
            VoteCounts(agree: 9, disagree: 1, seen: 10),
            VoteCounts(agree: 5, disagree: 5, seen: 10),
            VoteCounts(agree: 10, disagree: 0, seen: 10),
        ]
        let result = RepresentativeStatements.consensus(counts: counts, statements: [0, 1, 2], excluding: [2])
        #expect(result.agree.map(\.statement) == [0])
        #expect(result.disagree.isEmpty)
        #expect(abs(result.agree[0].probabilityTest - 2 * 11.0.squareRoot() * (10.0 / 11 - 0.5)) < 1e-14)
    }

    @Test func representativeFallsBackToBestAgree() {
        // Nothing significant in a 2-person group; statement 1 (both agree, rest mostly not) is the best agree.
        let stats = [
            GroupStatementStatistics(statement: 0, group: VoteCounts(agree: 0, disagree: 0, seen: 2), rest: VoteCounts(agree: 3, disagree: 3, seen: 8)),
            GroupStatementStatistics(statement: 1, group: VoteCounts(agree: 2, disagree: 0, seen: 2), rest: VoteCounts(agree: 2, disagree: 4, seen: 8)),
        ]
        let chosen = RepresentativeStatements.select(stats)
        #expect(chosen.map(\.statement) == [1] && chosen[0].isBestAgree)
        let plain = RepresentativeStatements.select(stats, preferBestAgree: false)
        #expect(plain.count == 1 && !plain[0].isBestAgree)
    }

    @Test func adjustedRandIndexByHand() {
        #expect(AdjustedRandIndex.compute([0, 0, 1, 1, 2], [0, 0, 1, 1, 2]) == 1)
        #expect(AdjustedRandIndex.compute([0, 0, 1, 1, 2], ["b", "b", "a", "a", "c"]) == 1)
        // Table {(0,0):2, (1,0):1, (1,1):1}: index 1, rows 1+1 = 2, columns 3+0 = 3,
        // expected 2·3/6 = 1, max 2.5 → (1 − 1)/(2.5 − 1) = 0.
        #expect(abs(AdjustedRandIndex.compute([0, 0, 1, 1], [0, 0, 0, 1])) < 1e-15)
        // Table {(0,0):2, (0,1):1, (1,1):2}: index 2, rows 3+1 = 4, columns 1+3 = 4,
        // expected 16/10, max 4 → 0.4/2.4 = 1/6.
        #expect(abs(AdjustedRandIndex.compute([0, 0, 0, 1, 1], [0, 0, 1, 1, 1]) - 1.0 / 6) < 1e-15)
    }

    @Test func kMeansSeparatesObviousClusters() {
        let left = (0..<5).map { MapPoint(x: -10 + Double($0) * 0.1, y: 0) }
        let right = (0..<5).map { MapPoint(x: 10 + Double($0) * 0.1, y: 1) }
        let points = zip(left, right).flatMap { [$0, $1] }
        let result = KMeans.cluster(points, k: 2)
        #expect(result.centers.count == 2)
        #expect(abs(result.centers[0].x - -9.8) < 1e-12 && abs(result.centers[1].x - 10.2) < 1e-12)
        #expect(result.assignments == (0..<10).map { $0 % 2 })
        // Identical points: only one distinct point, so one cluster.
        #expect(KMeans.cluster([MapPoint(x: 1, y: 1), MapPoint(x: 1, y: 1)], k: 3).centers.count == 1)
        // Weights pull the centre: (0·3 + 4·1)/4 = 1.
        let weighted = KMeans.cluster([MapPoint(x: 0, y: 0), MapPoint(x: 4, y: 0)], weights: [3, 1], k: 1)
        #expect(weighted.centers == [MapPoint(x: 1, y: 0)])
    }

    @Test func silhouetteByHand() {
        // Points 0, 1 | 10 on a line. Point 0: a = 1, b = 10 → 0.9; point 1: a = 1, b = 9 → 8/9;
        // point 10 is alone → 0. Mean = (0.9 + 8/9)/3.
        let points = [0.0, 1, 10].map { MapPoint(x: $0, y: 0) }
        let score = KMeans.silhouette(points, assignments: [0, 0, 1])
        #expect(abs(score - (0.9 + 8.0 / 9) / 3) < 1e-15)
    }

    @Test func subspaceIterationMatchesJacobi() {
        var generator = SplitMix64(seed: 42)
        let rows = 60, m = 40
        let cells = (0..<(rows * m)).map { _ -> Int8 in
            let r = generator.next() % 4
            return r == 3 ? VoteMatrix.missing : Int8(r) - 1
        }
        let matrix = VoteMatrix(participants: Array(0..<rows), statements: Array(0..<m), cells: cells)
        let exact = PrincipalComponents(matrix: matrix, method: .jacobi)
        let iterative = PrincipalComponents(matrix: matrix, method: .subspaceIteration)
        for k in 0..<2 {
            #expect(abs(exact.eigenvalues[k] - iterative.eigenvalues[k]) < 1e-9 * exact.eigenvalues[0])
            #expect(OpinionMapTestData.maxAbsDifference(exact.components[k], iterative.components[k]) < 1e-9)
        }
    }

    @Test func principalComponentOfOneAxis() {
        // Two opposed camps on statement 0, everyone passes statement 1: the first
        // component is statement 0's axis; centre (0, 0).
        let matrix = VoteMatrix(participants: [0, 1, 2, 3], statements: [0, 1], cells: [1, 0, 1, 0, -1, 0, -1, 0])
        let pca = PrincipalComponents(matrix: matrix)
        #expect(pca.center == [0, 0])
        #expect(pca.components[0] == [1, 0])
        #expect(pca.eigenvalues[0] == 4)
        // Projection: √(2/2) · (1 − 0) · 1 = 1 for the first row.
        #expect(pca.participantPositions(matrix)[0].x == 1)
    }

    @Test func csvReaderHandlesQuotes() {
        let text = "a,b,c\r\n1,\"x, \"\"y\"\"\",\"line\nbreak\"\n2,,\n"
        let records = SimpleCSVReader.records(text)
        #expect(records == [["a", "b", "c"], ["1", "x, \"y\"", "line\nbreak"], ["2", "", ""]])
    }
}
