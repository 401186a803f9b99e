import Foundation

/// Special functions behind the survey's t and Wilcoxon tests.
///
/// Only what the Student t distribution needs: the log of the beta function and the
/// regularized incomplete beta function I_x(a, b). Both are written so that the large
/// degrees of freedom of a big survey (a = df/2 in the hundreds of thousands) keep
/// full precision: `logBeta` avoids the cancellation of lgamma(a) − lgamma(a + b) with
/// Stirling corrections (the approach of R's `lbeta`), and the incomplete beta takes
/// both x and y = 1 − x so neither is formed by a cancelling subtraction.
enum SpecialFunctions {
    private static let logSqrt2Pi = 0.918_938_533_204_672_741_780_329_736_4

    /// The remainder of Stirling's series, lgamma(x) − [(x − ½)·ln x − x + ½·ln 2π], for x ≥ 10.
    ///
    /// Seven terms of the asymptotic series give an absolute error below 1e-17 at x = 10.
    static func stirlingCorrection(_ x: Double) -> Double {
        precondition(x >= 10, "stirlingCorrection needs x >= 10")
        let inverse = 1 / x
        let inverseSquared = inverse * inverse
        // Coefficients B_{2k} / (2k (2k − 1)), k = 1…7.
        var series = 1.0 / 156.0
        series = series * inverseSquared - 691.0 / 360_360.0
        series = series * inverseSquared + 1.0 / 1188.0
        series = series * inverseSquared - 1.0 / 1680.0
        series = series * inverseSquared + 1.0 / 1260.0
        series = series * inverseSquared - 1.0 / 360.0
        series = series * inverseSquared + 1.0 / 12.0
        return series * inverse
    }

    /// ln B(a, b) for a, b > 0.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b)
        let q = max(a, b)
        precondition(p > 0, "logBeta needs positive arguments")
        if p >= 10 {
            let correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
            return -0.5 * log(q) + logSqrt2Pi + correction
                + (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q))
        }
        if q >= 10 {
            let correction = stirlingCorrection(q) - stirlingCorrection(p + q)
            return lgamma(p) + correction + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        return lgamma(p) + lgamma(q) - lgamma(p + q)
    }

    /// The regularized incomplete beta function I_x(a, b), given x and y = 1 − x.
    ///
    /// Evaluated with the continued fraction of Numerical Recipes (modified Lentz), on
    /// whichever of I_x(a, b) and 1 − I_y(b, a) converges quickly.
    static func regularizedIncompleteBeta(a: Double, b: Double, x: Double, y: Double) -> Double {
        precondition(a > 0 && b > 0, "regularizedIncompleteBeta needs positive a and b")
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        if x < (a + 1) / (a + b + 2) {
            return betaPrefactor(a: a, b: b, x: x, y: y) * betaContinuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - betaPrefactor(a: a, b: b, x: x, y: y) * betaContinuedFraction(a: b, b: a, x: y) / b
    }

    /// I_x(a, ½) for large a and x near 1, by the asymptotic expansion of DiDonato & Morris
    /// (1992, TOMS 708 "BGRAT", eq. 9–9.6; the form of Boost's `beta_small_b_large_a_series`).
    ///
    /// This is the Student t tail for many degrees of freedom. The continued fraction loses
    /// accuracy there: near x = 1 it effectively works with 1 − x rebuilt from x, so a
    /// rounding of x of 1e-16 becomes a relative error of 1e-16 · a in the result (4e-11 at
    /// 1,000,000 degrees of freedom). The expansion uses ln x = log1p(−y) and converges in a
    /// few terms. Valid for a ≥ 15 and y ≤ 0.35.
    static func regularizedIncompleteBetaHalf(largeA a: Double, x: Double, y: Double) -> Double {
        precondition(a >= 15 && y <= 0.35 && y > 0, "the expansion needs a >= 15 and 0 < y <= 0.35")
        let b = 0.5
        let bMinusOne = b - 1
        let t = a + bMinusOne / 2
        let logX = log1p(-y)
        let u = -t * logX
        // h = u^b e^(−u) / Γ(b); prefix = h · Γ(a + b) / Γ(a) / t^b, with Γ(a + b)/Γ(a) = Γ(b)/B(a, b).
        let logH = b * log(u) - u - lgamma(b)
        let h = exp(logH)
        if h <= Double.leastNormalMagnitude { return 0 }
        let prefix = exp(logH + lgamma(b) - logBeta(a, b) - b * log(t))
        // J₀ = Q(b, u) / h, and Q(½, u) = erfc(√u).
        var j = erfc(u.squareRoot()) / h
        var sum = prefix * j
        var coefficients: [Double] = [1]
        var oddFactorialIndex = 1
        let halfLogXSquared = (logX / 2) * (logX / 2)
        var logXPower = 1.0
        let fourTSquared = 4 * t * t
        var twoNPlusB = b
        for n in 1..<80 {
            oddFactorialIndex += 2
            var coefficient = 0.0
            var factorialIndex = 3
            for m in 1..<n {
                coefficient += (Double(m) * b - Double(n)) * coefficients[n - m] / factorials[factorialIndex]
                factorialIndex += 2
            }
            coefficient = coefficient / Double(n) + bMinusOne / factorials[oddFactorialIndex]
            coefficients.append(coefficient)
            j = (twoNPlusB * (twoNPlusB + 1) * j + (u + twoNPlusB + 1) * logXPower) / fourTSquared
            logXPower *= halfLogXSquared
            twoNPlusB += 2
            let term = prefix * coefficient * j
            sum += term
            if abs(term) <= abs(sum) * Double.ulpOfOne { break }
        }
        return sum
    }

    /// 0! … 170! (all finite doubles).
    private static let factorials: [Double] = {
        var table = [1.0]
        for k in 1...170 { table.append(table[k - 1] * Double(k)) }
        return table
    }()

    /// x^a · y^b / B(a, b), computed in logs.
    private static func betaPrefactor(a: Double, b: Double, x: Double, y: Double) -> Double {
        // ln x and ln y: take log1p of the smaller of the pair so values near 1 keep precision.
        let logX = x < 0.5 ? log(x) : log1p(-y)
        let logY = y < 0.5 ? log(y) : log1p(-x)
        return exp(a * logX + b * logY - logBeta(a, b))
    }

    private static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        // About 1.5 ulp of 1: a tighter bound is only met by delta == 1 exactly, which can take
        // very many iterations (and their rounding errors) when a is large.
        let epsilon = 3e-16
        let maximumIterations = 200_000
        let sum = a + b
        let aPlusOne = a + 1
        let aMinusOne = a - 1
        var c = 1.0
        var d = 1 - sum * x / aPlusOne
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var fraction = d
        for step in 1...maximumIterations {
            let m = Double(step)
            let twoM = 2 * m
            var term = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            fraction *= d * c
            term = -(a + m) * (sum + m) * x / ((a + twoM) * (aPlusOne + twoM))
            d = 1 + term * d
            if abs(d) < tiny { d = tiny }
            c = 1 + term / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) <= epsilon { break }
        }
        return fraction
    }
}
