import Foundation
import SamenAnalytics
import Testing

/// Real Pol.is CSV exports: our one-shot groups against Pol.is's `group-id`.
@Suite("Opinion map on Pol.is openData exports")
struct OpinionMapOpenDataTests {
    @Test("latest vote per cell equals participants-votes.csv", arguments: OpinionMapTestData.openDataConversations)
    func loader(name: String) throws {
        let export = try OpinionMapTestData.openData(name)
        let votes = VoteMatrix(events: export.events)
        let text = try String(
            contentsOf: OpinionMapTestData.directory("openData/\(name)/participants-votes.csv"), encoding: .utf8
        )
        let rows = SimpleCSVReader.rows(text)
        let rowOf = Dictionary(uniqueKeysWithValues: votes.participants.enumerated().map { ($1, $0) })
        var mismatches = 0
        var checked = 0
        for row in rows {
            guard let participant = row["participant"].flatMap({ Int($0) }) else { continue }
            for (column, statement) in votes.statements.enumerated() {
                let expected = row[String(statement)].flatMap { Int($0) }.map { Int8($0) } ?? VoteMatrix.missing
                let ours = rowOf[participant].map { votes[$0, column] } ?? VoteMatrix.missing
                checked += 1
                if ours != expected { mismatches += 1 }
            }
        }
        #expect(rows.count == votes.rowCount)
        #expect(checked > 0 && mismatches == 0)
    }

    @Test("adjusted Rand index of our groups against Pol.is's", arguments: OpinionMapTestData.openDataConversations)
    func adjustedRandIndex(name: String) throws {
        let export = try OpinionMapTestData.openData(name)
        let start = Date()
        let map = OpinionMap(events: export.events, moderatedOut: export.moderatedOut)
        let seconds = Date().timeIntervalSince(start)
        let ours = map.groupOfParticipant
        let shared = ours.keys.filter { (export.polisGroups[$0] ?? nil) != nil }.sorted()
        let ari = AdjustedRandIndex.compute(shared.map { ours[$0]! }, shared.map { export.polisGroups[$0]!! })
        let polisGroupCount = Set(export.polisGroups.values.compactMap { $0 }).count
        let polisGrouped = export.polisGroups.values.filter { $0 != nil }.count
        print("""
            [opinion-map openData] \(name): \(map.votes.rowCount) participants × \(map.votes.columnCount) statements; \
            grouped ours \(ours.count) Pol.is \(polisGrouped); groups ours \(map.groups.groupCount) \
            Pol.is \(polisGroupCount); ARI on \(shared.count) shared \(ari); \(String(format: "%.2f", seconds)) s
            """)
        // Sanity only: better than chance. Pol.is's groups depend on its update
        // history (warm starts, sticky membership, k changing after four wins),
        // so a one-shot run may legitimately split differently; see the printed ARI.
        #expect(ari > 0.1)
    }

    /// Median over the five openData conversations of red-dwarf 0.4.0's ARI against
    /// Pol.is (`scripts/opinion_reference.py`, random_state 42); issue 6 asks for at least this.
    static let redDwarfMedianARI = 0.636

    @Test("median ARI against Pol.is is at least red-dwarf's")
    func medianAgainstRedDwarf() throws {
        var scores: [Double] = []
        for name in OpinionMapTestData.openDataConversations {
            let export = try OpinionMapTestData.openData(name)
            let ours = OpinionMap(events: export.events, moderatedOut: export.moderatedOut).groupOfParticipant
            let shared = ours.keys.filter { (export.polisGroups[$0] ?? nil) != nil }.sorted()
            scores.append(AdjustedRandIndex.compute(shared.map { ours[$0]! }, shared.map { export.polisGroups[$0]!! }))
        }
        let median = scores.sorted()[scores.count / 2]
        print("[opinion-map openData] median ARI \(median) over \(scores.count) conversations")
        #expect(scores.count == 5)
        #expect(median >= Self.redDwarfMedianARI)
    }

    @Test("subspace iteration equals Jacobi on a real conversation")
    func iterativeComponentsMatchExact() throws {
        let export = try OpinionMapTestData.openData("canadian-electoral-reform")
        let matrix = VoteMatrix(events: export.events).zeroingStatements(export.moderatedOut)
        let exact = PrincipalComponents(matrix: matrix, method: .jacobi)
        let iterative = PrincipalComponents(matrix: matrix, method: .subspaceIteration)
        let error = (0..<2).map {
            OpinionMapTestData.maxAbsDifference(exact.components[$0], iterative.components[$0])
        }.max()!
        print("[opinion-map openData] canadian-electoral-reform: subspace iteration vs Jacobi max abs error \(error)")
        #expect(error < 1e-9)
    }
}
