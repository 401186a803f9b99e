import Logging
import NIOCore
import PostgresKit
import SQLKit
import SQLiteKit

/// An SQLKit database bound to one pooled connection, so the pool can take the
/// connection back when the caller is done with it.
struct LeasedSQLDatabase<Connection: Sendable>: SQLDatabase {
    let connection: Connection
    let base: any SQLDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    // Queries are not logged: they can carry personal data in their binds.
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await base.execute(sql: query, onRow)
    }
}

typealias SQLiteLease = LeasedSQLDatabase<SQLiteConnection>
typealias PostgresLease = LeasedSQLDatabase<PostgresConnection>

extension LeasedSQLDatabase where Connection == SQLiteConnection {
    init(connection: SQLiteConnection) {
        self.init(connection: connection, base: connection.sql())
    }
}

extension LeasedSQLDatabase where Connection == PostgresConnection {
    init(connection: PostgresConnection) {
        self.init(connection: connection, base: connection.sql(queryLogLevel: nil))
    }
}
