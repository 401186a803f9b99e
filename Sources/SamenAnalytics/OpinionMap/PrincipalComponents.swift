/// Centre and top two principal components of a (map) vote matrix, in export signs.
///
/// Missing cells are filled with their column mean, so after centring they
/// contribute exactly zero; XᵀX is therefore accumulated from voted cells only.
public struct PrincipalComponents: Sendable, Equatable {
    public enum Method: Sendable {
        /// Jacobi on XᵀX when there are few statements, subspace iteration otherwise.
        case automatic
        /// All eigenpairs of XᵀX by Jacobi rotations (O(m³)).
        case jacobi
        /// Block subspace iteration on XᵀX; converged to a 1e-13 relative residual.
        case subspaceIteration
    }

    /// Column means over non-missing cells.
    public let center: [Double]
    /// Unit eigenvectors of XᵀX for the two largest eigenvalues (sign: largest entry positive).
    public let components: [[Double]]
    /// The two largest eigenvalues of XᵀX.
    public let eigenvalues: [Double]

    public init(center: [Double], components: [[Double]], eigenvalues: [Double]) {
        self.center = center
        self.components = components
        self.eigenvalues = eigenvalues
    }

    public init(matrix: VoteMatrix, method: Method = .automatic) {
        let m = matrix.columnCount
        let center = Self.columnMeans(matrix)
        let useJacobi: Bool
        switch method {
        case .automatic: useJacobi = m <= 128
        case .jacobi: useJacobi = true
        case .subspaceIteration: useJacobi = false
        }
        var result: (values: [Double], vectors: [[Double]])
        if m == 0 {
            result = ([], [])
        } else if useJacobi {
            result = SymmetricEigen.jacobi(Self.gram(matrix, center: center), size: m)
        } else if m > Self.implicitThreshold {
            // Many statements: never form XᵀX (m² memory, scattered writes); apply
            // Xᵀ(X·V) on the sparse centred matrix instead, all block vectors per pass.
            let sparse = CentredSparseMatrix(matrix, center: center)
            result = SymmetricEigen.subspaceIteration(size: m, count: 2, applyBlock: sparse.gramTimes)
        } else {
            let gram = Self.gram(matrix, center: center)
            result = SymmetricEigen.subspaceIteration(size: m, count: 2, applyBlock: { Self.multiply(gram, size: m, $0) })
        }
        var components = result.vectors.prefix(2).map(SymmetricEigen.canonicalSign)
        var values = Array(result.values.prefix(2))
        while components.count < 2 {
            components.append([Double](repeating: 0, count: m))
            values.append(0)
        }
        self.init(center: center, components: components, eigenvalues: values)
    }

    /// Above this many statements the components are found without forming XᵀX.
    public static let implicitThreshold = 256

    static func columnMeans(_ matrix: VoteMatrix) -> [Double] {
        let m = matrix.columnCount
        var sums = [Double](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: m)
        matrix.cells.withUnsafeBufferPointer { cells in
            for row in 0..<matrix.rowCount {
                let base = row * m
                for j in 0..<m where cells[base + j] != VoteMatrix.missing {
                    sums[j] += Double(cells[base + j])
                    counts[j] += 1
                }
            }
        }
        return (0..<m).map { counts[$0] == 0 ? 0 : sums[$0] / Double(counts[$0]) }
    }

    /// A·V for a symmetric m × m matrix A and a block of vectors. The block is
    /// interleaved (m × p) so the innermost loop runs over the p vectors: independent
    /// lanes the compiler vectorises, where one dot product at a time is a serial sum.
    static func multiply(_ a: [Double], size m: Int, _ vectors: [[Double]]) -> [[Double]] {
        let p = vectors.count
        guard p > 0 else { return [] }
        let interleaved = SymmetricEigen.interleaved(vectors, size: m)
        var out = [Double](repeating: 0, count: m * p)
        a.withUnsafeBufferPointer { g in
            interleaved.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<m {
                        let row = i * m, target = i * p
                        for j in 0..<m {
                            let x = g[row + j]
                            if x == 0 { continue }
                            let source = j * p
                            for t in 0..<p { o[target + t] += x * v[source + t] }
                        }
                    }
                }
            }
        }
        return SymmetricEigen.deinterleaved(out, count: p, size: m)
    }

    /// XᵀX (row-major m × m) with X = filled − centre.
    static func gram(_ matrix: VoteMatrix, center: [Double]) -> [Double] {
        let m = matrix.columnCount
        var gram = [Double](repeating: 0, count: m * m)
        var indices: [Int] = []
        var values: [Double] = []
        indices.reserveCapacity(m)
        values.reserveCapacity(m)
        gram.withUnsafeMutableBufferPointer { g in
            matrix.cells.withUnsafeBufferPointer { cells in
                for row in 0..<matrix.rowCount {
                    indices.removeAll(keepingCapacity: true)
                    values.removeAll(keepingCapacity: true)
                    let base = row * m
                    for j in 0..<m where cells[base + j] != VoteMatrix.missing {
                        let x = Double(cells[base + j]) - center[j]
                        if x != 0 {
                            indices.append(j)
                            values.append(x)
                        }
                    }
                    for a in indices.indices {
                        let ia = indices[a] * m
                        let va = values[a]
                        for b in a..<indices.count { g[ia + indices[b]] += va * values[b] }
                    }
                }
            }
            for i in 0..<m {
                for j in (i + 1)..<m { g[j * m + i] = g[i * m + j] }
            }
        }
        return gram
    }
}
