/// How many failed logins are tolerated. Failures are counted per account *and* client
/// address together, so someone guessing a password from one address never locks the owner
/// out from another: after `limit` failures of that pair each further try waits twice as
/// long as the one before (30 s, 1, 2, 4, 8 minutes … at most `window`). A looser limit per address
/// (`limit × 20` failures over every account) stops one address from trying many accounts,
/// without twenty mistakes of colleagues behind one office address locking everyone out.
struct LoginThrottle: Sendable {
    let limit: Int
    let window: Int64

    static let clientFactor = 20
    /// The wait after the `limit`-th failure, in seconds; it doubles with each failure after.
    static let firstDelay: Int64 = 30

    /// Seconds the pair must wait after its latest failure, given how many it has had.
    func delay(afterFailures failures: Int) -> Int64 {
        guard failures >= limit else { return 0 }
        let doublings = min(failures - limit, 20)
        return min(window, Self.firstDelay << doublings)
    }

    func allows(pairFailures: Int, latestFailure: Int64?, clientFailures: Int, now: Int64) -> Bool {
        if clientFailures >= limit * Self.clientFactor { return false }
        guard let latestFailure else { return true }
        return now >= latestFailure + delay(afterFailures: pairFailures)
    }
}
