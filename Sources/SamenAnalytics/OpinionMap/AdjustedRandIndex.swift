/// Agreement between two clusterings of the same items, corrected for chance
/// (Hubert & Arabie 1985): 1 for identical partitions, about 0 for random ones.
public enum AdjustedRandIndex {
    /// - Parameters: `first[i]` and `second[i]` are item i's labels; label values need not match.
    /// - Returns: the index; 1 when both partitions are trivial in the same way
    ///   (the chance-corrected ratio is 0/0 there).
    public static func compute<A: Hashable, B: Hashable>(_ first: [A], _ second: [B]) -> Double {
        precondition(first.count == second.count, "labelings must cover the same items")
        let n = first.count
        guard n > 1 else { return 1 }
        var table: [Pair<A, B>: Int] = [:]
        var rows: [A: Int] = [:]
        var columns: [B: Int] = [:]
        for (a, b) in zip(first, second) {
            table[Pair(a: a, b: b), default: 0] += 1
            rows[a, default: 0] += 1
            columns[b, default: 0] += 1
        }
        func pairs(_ k: Int) -> Double { Double(k) * Double(k - 1) / 2 }
        let index = table.values.reduce(0) { $0 + pairs($1) }
        let rowPairs = rows.values.reduce(0) { $0 + pairs($1) }
        let columnPairs = columns.values.reduce(0) { $0 + pairs($1) }
        let expected = rowPairs * columnPairs / pairs(n)
        let maximum = (rowPairs + columnPairs) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }

    private struct Pair<A: Hashable, B: Hashable>: Hashable {
        var a: A
        var b: B
    }
}
