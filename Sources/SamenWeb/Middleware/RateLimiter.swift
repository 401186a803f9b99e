import Foundation

/// A token bucket per key (for example a hashed client address plus an endpoint), kept in
/// this process's memory. For public endpoints where a database round-trip per request
/// would cost too much (votes, survey answers, stories); login throttling is in the
/// database instead, so that it holds across servers. With several servers behind a load
/// balancer each enforces its own share, which is the usual trade-off.
public actor RateLimiter {
    struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let capacity: Double
    private let refillPerSecond: Double
    private var buckets: [String: Bucket] = [:]
    private var lastSweep: Double = 0

    /// `capacity` requests at once, refilled at `perSecond`.
    public init(capacity: Int, perSecond: Double) {
        self.capacity = Double(capacity)
        self.refillPerSecond = perSecond
    }

    /// Takes one token for `key`; false when the bucket is empty (answer 429).
    public func allow(_ key: String, now: Double = Date().timeIntervalSince1970) -> Bool {
        sweep(now)
        var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
        bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * refillPerSecond)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return false
        }
        bucket.tokens -= 1
        buckets[key] = bucket
        return true
    }

    /// Forgets full buckets now and then, so memory stays bounded by active clients.
    private func sweep(_ now: Double) {
        guard now - lastSweep > 60 else { return }
        lastSweep = now
        buckets = buckets.filter { min(capacity, $0.value.tokens + (now - $0.value.updated) * refillPerSecond) < capacity }
    }
}
