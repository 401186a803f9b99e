import Foundation

/// Time as stored: whole seconds since 1970 (BIGINT on both databases, so the same
/// comparisons work everywhere).
public enum Clock {
    public static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}

/// Identifiers are random UUIDs in lowercase text: unguessable, and the same type on both databases.
public enum Identifier {
    public static func make() -> String { UUID().uuidString.lowercased() }
}
