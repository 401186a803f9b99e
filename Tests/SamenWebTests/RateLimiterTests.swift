import Testing
@testable import SamenWeb

@Suite("Rate limiter")
struct RateLimiterTests {
    @Test("a bucket empties, refills over time, and keys are independent")
    func bucket() async {
        let limiter = RateLimiter(capacity: 3, perSecond: 1)
        for _ in 0..<3 { #expect(await limiter.allow("a", now: 100)) }
        #expect(await !limiter.allow("a", now: 100))
        #expect(await limiter.allow("b", now: 100))
        #expect(await !limiter.allow("a", now: 100.5))
        #expect(await limiter.allow("a", now: 101.1))
        #expect(await !limiter.allow("a", now: 101.2))
        #expect(await limiter.allow("a", now: 200), "refilled after a long pause")
    }
}
