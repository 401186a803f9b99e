/// An async lock that lets one SQLite transaction write at a time inside this process.
///
/// SQLite allows one writer per file. Without this lock, concurrent transactions block
/// NIO thread-pool threads inside SQLite's busy handler while the transaction that holds
/// the lock waits for a free thread to commit: a stall that ends in "database is locked".
/// Waiting here suspends a task instead of blocking a thread. (PostgreSQL needs no such lock.)
actor WriterLock {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
