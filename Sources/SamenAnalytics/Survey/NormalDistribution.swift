import Foundation

/// The standard normal distribution, used for the Wilcoxon normal approximation.
public enum NormalDistribution {
    /// P(Z ≤ z).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// P(Z > z), computed directly so that small upper tails keep their precision.
    public static func survival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }

    /// P(|Z| ≥ |z|).
    public static func twoSidedPValue(_ z: Double) -> Double {
        min(1, 2 * survival(abs(z)))
    }
}
