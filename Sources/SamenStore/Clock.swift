import Foundation
import Synchronization

/// Time as stored: whole seconds since 1970 (BIGINT on both databases, so the same
/// comparisons work everywhere).
public enum Clock {
    public static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}

/// Identifiers are random UUIDs in lowercase text: unguessable, and the same type on both databases.
public enum Identifier {
    public static func make() -> String { UUID().uuidString.lowercased() }

    /// Ids that sort in the order they were made (several writes share one second, and the
    /// audit trail and a status history must keep their order): microseconds since 1970,
    /// strictly increasing in this process, then random characters.
    static func ordered() -> String {
        let micros = lastMicros.withLock { last in
            last = max(last + 1, Int64(Date().timeIntervalSince1970 * 1_000_000))
            return last
        }
        return String(format: "%016llx", micros) + "-" + make().prefix(8)
    }

    static let lastMicros = Mutex<Int64>(0)
}
