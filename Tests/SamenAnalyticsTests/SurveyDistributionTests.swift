import Foundation
import Testing
@testable import SamenAnalytics

@Suite("Student t and normal distributions")
struct SurveyDistributionTests {
    struct Fixture: Decodable {
        struct TRow: Decodable { let t, df, cdf, sf, cdfNegative, twoSidedP: Double }
        struct QuantileRow: Decodable { let p, df, quantile: Double }
        struct NormalRow: Decodable { let z, cdf, sf: Double }
        let studentT: [TRow]
        let studentTQuantiles: [QuantileRow]
        let normal: [NormalRow]
    }

    @Test("t tails match scipy.stats.t to 1e-12 relative")
    func studentTTails() throws {
        let fixture = try SurveyFixtures.load(Fixture.self, "distributions")
        var tracker = DeviationTracker(tolerance: 1e-12)
        for row in fixture.studentT {
            let key = "t=\(row.t) df=\(row.df)"
            tracker.check(StudentTDistribution.cdf(row.t, degreesOfFreedom: row.df), row.cdf, "\(key) cdf",
                          relative: true)
            tracker.check(StudentTDistribution.survival(row.t, degreesOfFreedom: row.df), row.sf, "\(key) sf",
                          relative: true)
            tracker.check(StudentTDistribution.cdf(-row.t, degreesOfFreedom: row.df), row.cdfNegative,
                          "\(key) cdf(-t)", relative: true)
            tracker.check(StudentTDistribution.twoSidedPValue(row.t, degreesOfFreedom: row.df), row.twoSidedP,
                          "\(key) two-sided p", relative: true)
        }
        #expect(fixture.studentT.count >= 90)
        tracker.report("t tails")
    }

    @Test("t quantiles match scipy.stats.t.ppf to 1e-12 relative")
    func studentTQuantiles() throws {
        let fixture = try SurveyFixtures.load(Fixture.self, "distributions")
        var tracker = DeviationTracker(tolerance: 1e-12)
        for row in fixture.studentTQuantiles {
            tracker.check(StudentTDistribution.quantile(row.p, degreesOfFreedom: row.df), row.quantile,
                          "p=\(row.p) df=\(row.df)")
        }
        tracker.report("t quantiles")
    }

    @Test("normal tails match scipy.stats.norm to 1e-12 relative")
    func normalTails() throws {
        let fixture = try SurveyFixtures.load(Fixture.self, "distributions")
        var tracker = DeviationTracker(tolerance: 1e-12)
        for row in fixture.normal {
            tracker.check(NormalDistribution.cdf(row.z), row.cdf, "z=\(row.z) cdf", relative: true)
            tracker.check(NormalDistribution.survival(row.z), row.sf, "z=\(row.z) sf", relative: true)
        }
        tracker.report("normal")
    }

    @Test("closed forms: Cauchy (df 1) and df 2")
    func closedForms() {
        for p in [0.6, 0.9, 0.975, 0.999] {
            let cauchy = tan(Double.pi * (p - 0.5))
            #expect(abs(StudentTDistribution.quantile(p, degreesOfFreedom: 1) - cauchy) <= 1e-12 * cauchy)
        }
        for t in [0.25, 1.0, 3.0, 12.0] {
            // df = 2: F(t) = ½ + t / (2 √(2 + t²)).
            let exact = 0.5 + t / (2 * (2 + t * t).squareRoot())
            #expect(abs(StudentTDistribution.cdf(t, degreesOfFreedom: 2) - exact) <= 1e-14)
        }
        #expect(abs(StudentTDistribution.cdf(1, degreesOfFreedom: 1) - 0.75) <= 1e-15)
    }

    @Test("textbook values and symmetry")
    func textbookValues() {
        #expect(abs(StudentTDistribution.quantile(0.975, degreesOfFreedom: 10) - 2.228_138_851_986_274) < 1e-12)
        #expect(abs(NormalDistribution.cdf(1.959_963_984_540_054) - 0.975) < 1e-15)
        #expect(NormalDistribution.cdf(0) == 0.5)
        #expect(StudentTDistribution.quantile(0.5, degreesOfFreedom: 7) == 0)
        #expect(StudentTDistribution.quantile(1, degreesOfFreedom: 7) == .infinity)
        let upper = StudentTDistribution.quantile(0.75, degreesOfFreedom: 4.5)
        #expect(StudentTDistribution.quantile(0.25, degreesOfFreedom: 4.5) == -upper)
        #expect(StudentTDistribution.twoSidedPValue(0, degreesOfFreedom: 3) == 1)
        #expect(StudentTDistribution.twoSidedPValue(.infinity, degreesOfFreedom: 3) == 0)
    }

    @Test("log beta stays accurate where lgamma differences cancel")
    func logBetaLargeArguments() {
        // ln B(a, ½) = ln Γ(a) + ln √π − ln Γ(a + ½) = ln √π − ½ ln a + 1/(8a) + O(a⁻³).
        let a = 5e5
        let asymptotic = 0.5 * log(Double.pi) - 0.5 * log(a) + 1 / (8 * a)
        #expect(abs(SpecialFunctions.logBeta(a, 0.5) - asymptotic) < 1e-14)
        #expect(abs(SpecialFunctions.logBeta(1, 1)) < 1e-15)
        #expect(abs(SpecialFunctions.logBeta(20, 30) - (lgamma(20) + lgamma(30) - lgamma(50))) < 1e-11)
    }
}
