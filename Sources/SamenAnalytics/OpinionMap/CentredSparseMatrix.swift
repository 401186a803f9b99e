/// X = filled − centre of a vote matrix, stored by rows with only the cells that are not
/// zero: missing cells are filled with their column mean, so they vanish after centring.
/// Used to apply XᵀX to vectors without forming XᵀX.
struct CentredSparseMatrix {
    let columnCount: Int
    var rowStart: [Int]
    var columns: [Int32]
    var values: [Double]

    init(_ matrix: VoteMatrix, center: [Double]) {
        let m = matrix.columnCount
        columnCount = m
        var rowStart = [Int](repeating: 0, count: matrix.rowCount + 1)
        var columns: [Int32] = []
        var values: [Double] = []
        let estimate = matrix.cells.reduce(0) { $0 + ($1 == VoteMatrix.missing ? 0 : 1) }
        columns.reserveCapacity(estimate)
        values.reserveCapacity(estimate)
        matrix.cells.withUnsafeBufferPointer { cells in
            for row in 0..<matrix.rowCount {
                let base = row * m
                for j in 0..<m where cells[base + j] != VoteMatrix.missing {
                    let x = Double(cells[base + j]) - center[j]
                    if x != 0 {
                        columns.append(Int32(j))
                        values.append(x)
                    }
                }
                rowStart[row + 1] = columns.count
            }
        }
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
    }

    /// XᵀX·V for a block of vectors, in one pass over the rows: per row the k dot products
    /// r·vₜ, then r scaled by each of them added to the outputs.
    func gramTimes(_ vectors: [[Double]]) -> [[Double]] {
        let k = vectors.count, m = columnCount
        guard k > 0 else { return [] }
        let interleaved = SymmetricEigen.interleaved(vectors, size: m)
        var out = [Double](repeating: 0, count: m * k)
        var dots = [Double](repeating: 0, count: k)
        interleaved.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                dots.withUnsafeMutableBufferPointer { d in
                    columns.withUnsafeBufferPointer { cols in
                        values.withUnsafeBufferPointer { vals in
                            for row in 0..<(rowStart.count - 1) {
                                let start = rowStart[row], end = rowStart[row + 1]
                                if start == end { continue }
                                for t in 0..<k { d[t] = 0 }
                                for e in start..<end {
                                    let base = Int(cols[e]) * k, x = vals[e]
                                    for t in 0..<k { d[t] += x * v[base + t] }
                                }
                                for e in start..<end {
                                    let base = Int(cols[e]) * k, x = vals[e]
                                    for t in 0..<k { o[base + t] += x * d[t] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return SymmetricEigen.deinterleaved(out, count: k, size: m)
    }
}
