import Foundation
@testable import SamenAnalytics
import Testing

/// The large-conversation paths: components without forming XᵀX, and the fast matrix build.
@Suite("Opinion map at scale")
struct OpinionMapScaleTests {
    @Test("components from Xᵀ(X·V) equal those of the formed XᵀX to 1e-9 above the implicit threshold")
    func implicitComponents() {
        let events = SyntheticConversation.events(participants: 600, statements: PrincipalComponents.implicitThreshold + 44,
                                                  votesPerParticipant: 60, seed: 7)
        let matrix = VoteMatrix(events: events).zeroingStatements([3, 5])
        #expect(matrix.columnCount > PrincipalComponents.implicitThreshold)
        let implicit = PrincipalComponents(matrix: matrix, method: .automatic)
        // The formed XᵀX, by the subspace iteration that a real-data test checks against Jacobi.
        let m = matrix.columnCount
        let gram = PrincipalComponents.gram(matrix, center: implicit.center)
        let formed = SymmetricEigen.subspaceIteration(size: m, count: 2) { v in
            (0..<m).map { i in (0..<m).reduce(0.0) { $0 + gram[i * m + $1] * v[$1] } }
        }
        for k in 0..<2 {
            let exact = SymmetricEigen.canonicalSign(formed.vectors[k])
            let error = zip(exact, implicit.components[k]).map { abs($0 - $1) }.max()!
            #expect(error < 1e-9, "component \(k): \(error)")
            #expect(abs(formed.values[k] - implicit.eigenvalues[k]) < 1e-9 * formed.values[0])
        }
    }

    @Test("the matrix build keeps the latest vote and first-vote row order for unordered events")
    func matrixFromUnorderedEvents() {
        let events = [
            VoteEvent(participant: 9, statement: 2, vote: 1, timestamp: 50),
            VoteEvent(participant: 4, statement: 2, vote: -1, timestamp: 10),
            VoteEvent(participant: 9, statement: 2, vote: -1, timestamp: 40),
            VoteEvent(participant: 4, statement: 7, vote: 1, timestamp: 30),
            VoteEvent(participant: 4, statement: 7, vote: 0, timestamp: 30),
            VoteEvent(participant: 1_000_000, statement: 7, vote: 1, timestamp: 10),
        ]
        let matrix = VoteMatrix(events: events)
        #expect(matrix.participants == [4, 1_000_000, 9])
        #expect(matrix.statements == [2, 7])
        #expect(matrix[2, 0] == 1, "latest of participant 9 on statement 2")
        #expect(matrix[0, 1] == 0, "equal times: the later event wins")
        #expect(matrix[1, 0] == VoteMatrix.missing)
    }
}

@Suite("Opinion report edge cases")
struct OpinionReportEdgeTests {
    @Test("no votes, one vote, and two participants give a report, not a crash")
    func tiny() throws {
        let empty = OpinionReport.compute(events: [])
        #expect(empty.participantCount == 0 && empty.groups.isEmpty)
        let one = OpinionReport.compute(events: [VoteEvent(participant: 1, statement: 0, vote: 1, timestamp: 1)], moderatedOut: [0])
        #expect(one.participantCount == 1)
        let two = OpinionReport.compute(events: [VoteEvent(participant: 1, statement: 0, vote: 1, timestamp: 1),
                                                 VoteEvent(participant: 2, statement: 0, vote: -1, timestamp: 2)])
        #expect(two.participants?.count == 2)
        let decoded = try OpinionReport.decode(try two.encoded())
        #expect(decoded == two)
    }
}
