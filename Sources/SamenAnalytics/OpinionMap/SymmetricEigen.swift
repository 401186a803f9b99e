/// Eigenvectors of real symmetric matrices, stored row-major as `[Double]`.
enum SymmetricEigen {
    /// All eigenpairs by cyclic Jacobi rotations, eigenvalues descending.
    /// Exact to rounding; O(m³) per sweep, so meant for small matrices.
    static func jacobi(_ matrix: [Double], size m: Int) -> (values: [Double], vectors: [[Double]]) {
        var a = matrix
        var v = [Double](repeating: 0, count: m * m)
        for i in 0..<m { v[i * m + i] = 1 }
        var previousOff = Double.infinity
        for _ in 0..<100 {
            var off = 0.0
            var total = 0.0
            for i in 0..<m {
                for j in 0..<m {
                    total += a[i * m + j] * a[i * m + j]
                    if i != j { off += a[i * m + j] * a[i * m + j] }
                }
            }
            // Converged, or down at rounding level: a sweep that no longer shrinks the
            // off-diagonal part only shuffles rounding errors (without this check a
            // 50 × 50 matrix ran all 100 sweeps).
            if off <= 1e-32 * max(total, .leastNormalMagnitude) || off >= previousOff { break }
            previousOff = off
            for p in 0..<m {
                for q in (p + 1)..<m where a[p * m + q] != 0 {
                    rotate(&a, &v, m: m, p: p, q: q)
                }
            }
        }
        let order = (0..<m).sorted { a[$0 * m + $0] > a[$1 * m + $1] }
        let values = order.map { a[$0 * m + $0] }
        let vectors = order.map { k in (0..<m).map { v[$0 * m + k] } }
        return (values, vectors)
    }

    /// One Jacobi rotation zeroing a[p][q] (numerically stable form).
    private static func rotate(_ a: inout [Double], _ v: inout [Double], m: Int, p: Int, q: Int) {
        let apq = a[p * m + q]
        let theta = (a[q * m + q] - a[p * m + p]) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<m {
            let akp = a[k * m + p], akq = a[k * m + q]
            a[k * m + p] = c * akp - s * akq
            a[k * m + q] = s * akp + c * akq
        }
        for k in 0..<m {
            let apk = a[p * m + k], aqk = a[q * m + k]
            a[p * m + k] = c * apk - s * aqk
            a[q * m + k] = s * apk + c * aqk
        }
        for k in 0..<m {
            let vkp = v[k * m + p], vkq = v[k * m + q]
            v[k * m + p] = c * vkp - s * vkq
            v[k * m + q] = s * vkp + c * vkq
        }
    }

    /// Top `count` eigenpairs by block subspace iteration with Rayleigh–Ritz.
    ///
    /// `apply` multiplies the (positive semi-definite) matrix with a vector,
    /// so large matrices never need to be formed. A block wider than `count`
    /// makes convergence depend on λ(block+1)/λ(count) rather than on the
    /// possibly tiny gap between λ2 and λ3. Stops when every wanted residual
    /// ‖A u − θ u‖ is below `tolerance · θ₁`.
    static func subspaceIteration(
        size m: Int,
        count: Int,
        block: Int = 8,
        tolerance: Double = 1e-13,
        maxIterations: Int = 20_000,
        apply: ([Double]) -> [Double]
    ) -> (values: [Double], vectors: [[Double]]) {
        subspaceIteration(size: m, count: count, block: block, tolerance: tolerance, maxIterations: maxIterations,
                          applyBlock: { $0.map(apply) })
    }

    /// The same, with an operator that takes the whole block at once (one pass over the
    /// data for all vectors).
    static func subspaceIteration(
        size m: Int,
        count: Int,
        block: Int = 8,
        tolerance: Double = 1e-13,
        maxIterations: Int = 20_000,
        applyBlock: ([[Double]]) -> [[Double]]
    ) -> (values: [Double], vectors: [[Double]]) {
        let p = min(m, max(block, count))
        var generator = SplitMix64(seed: 0x5A3E_0001)
        var basis: [[Double]] = (0..<p).map { _ in (0..<m).map { _ in generator.nextUnit() - 0.5 } }
        var values = [Double](repeating: 0, count: p)
        var ritz = basis
        for _ in 0..<maxIterations {
            let q = orthonormalised(basis)
            let z = applyBlock(q)
            var h = [Double](repeating: 0, count: q.count * q.count)
            for i in 0..<q.count {
                for j in i..<q.count {
                    let value = 0.5 * (dot(q[i], z[j]) + dot(q[j], z[i]))
                    h[i * q.count + j] = value
                    h[j * q.count + i] = value
                }
            }
            let small = jacobi(h, size: q.count)
            values = small.values
            ritz = small.vectors.map { combine(q, $0) }
            let images = small.vectors.map { combine(z, $0) }
            let scale = max(abs(values[0]), .leastNormalMagnitude)
            let converged = (0..<min(count, q.count)).allSatisfy { k in
                var residual = 0.0
                for i in 0..<m {
                    let r = images[k][i] - values[k] * ritz[k][i]
                    residual += r * r
                }
                return residual.squareRoot() <= tolerance * scale
            }
            if converged { break }
            basis = images
        }
        return (Array(values.prefix(count)), Array(ritz.prefix(count)))
    }

    /// A block of p vectors of length m as one m × p row-major array (entry j of vector t
    /// at j·p + t), so a loop over the vectors runs over neighbouring memory, and back.
    static func interleaved(_ vectors: [[Double]], size m: Int) -> [Double] {
        let p = vectors.count
        var flat = [Double](repeating: 0, count: m * p)
        for t in 0..<p {
            for j in 0..<m { flat[j * p + t] = vectors[t][j] }
        }
        return flat
    }

    static func deinterleaved(_ flat: [Double], count p: Int, size m: Int) -> [[Double]] {
        (0..<p).map { t in (0..<m).map { flat[$0 * p + t] } }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    /// Σ_k coefficients[k] · vectors[k].
    static func combine(_ vectors: [[Double]], _ coefficients: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: vectors.first?.count ?? 0)
        for (vector, c) in zip(vectors, coefficients) where c != 0 {
            for i in out.indices { out[i] += c * vector[i] }
        }
        return out
    }

    /// Modified Gram–Schmidt, applied twice for stability; drops null vectors.
    static func orthonormalised(_ vectors: [[Double]]) -> [[Double]] {
        var out: [[Double]] = []
        for var v in vectors {
            let original = dot(v, v).squareRoot()
            for _ in 0..<2 {
                for u in out {
                    let projection = dot(u, v)
                    for i in v.indices { v[i] -= projection * u[i] }
                }
            }
            let norm = dot(v, v).squareRoot()
            guard norm > 1e-12 * max(original, .leastNormalMagnitude) else { continue }
            out.append(v.map { $0 / norm })
        }
        return out
    }

    /// Fixes the arbitrary sign: the largest-magnitude entry is made positive.
    static func canonicalSign(_ v: [Double]) -> [Double] {
        guard let index = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[index] < 0 else { return v }
        return v.map { -$0 }
    }
}

/// Small deterministic generator so results never depend on system randomness.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
