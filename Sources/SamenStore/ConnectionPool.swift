/// A small async pool of database connections.
///
/// Written here rather than taken from async-kit because async-kit's pool is
/// EventLoopFuture-based and keyed per event loop, while Samen wants one async code path
/// for both drivers (so transactions are the same code on SQLite and PostgreSQL).
actor ConnectionPool<Connection: Sendable> {
    struct PoolClosed: Error {}

    private let maximum: Int
    private let open: @Sendable () async throws -> Connection
    private let close: @Sendable (Connection) async -> Void
    private let isUsable: @Sendable (Connection) -> Bool
    private var idle: [Connection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<Connection, any Error>] = []
    private var isClosed = false

    init(
        maximum: Int,
        open: @escaping @Sendable () async throws -> Connection,
        close: @escaping @Sendable (Connection) async -> Void,
        isUsable: @escaping @Sendable (Connection) -> Bool
    ) {
        self.maximum = max(1, maximum)
        self.open = open
        self.close = close
        self.isUsable = isUsable
    }

    func acquire() async throws -> Connection {
        if isClosed { throw PoolClosed() }
        while let connection = idle.popLast() {
            if isUsable(connection) { return connection }
            openCount -= 1
            await close(connection)
        }
        if openCount < maximum {
            openCount += 1
            do {
                return try await open()
            } catch {
                openCount -= 1
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    func release(_ connection: Connection) async {
        if isClosed || !isUsable(connection) {
            openCount -= 1
            await close(connection)
            await serveWaiterWithNewConnection()
            return
        }
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    /// After a broken connection is dropped, a waiter would otherwise wait forever.
    private func serveWaiterWithNewConnection() async {
        guard !isClosed, !waiters.isEmpty, openCount < maximum else { return }
        let waiter = waiters.removeFirst()
        openCount += 1
        do {
            waiter.resume(returning: try await open())
        } catch {
            openCount -= 1
            waiter.resume(throwing: error)
        }
    }

    /// Connections open now, idle or leased.
    var openConnections: Int { openCount }

    func shutdown() async {
        isClosed = true
        for waiter in waiters { waiter.resume(throwing: PoolClosed()) }
        waiters.removeAll()
        let toClose = idle
        idle.removeAll()
        for connection in toClose {
            openCount -= 1
            await close(connection)
        }
    }
}
