import Foundation
import Hummingbird
import Synchronization

/// One URL shape, used both to register a route and to build its links, so a link can
/// never drift from the route it points at (the idea of SwiftPackageIndex-Server's
/// `SiteURL`). Parameters are `:name` segments; `link` fills them in order, percent-encoded,
/// and stops the program when given the wrong number (tests reach every link).
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    public let parameters: [String]

    public init(_ pattern: String) {
        self.pattern = pattern
        parameters = pattern.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    public var description: String { pattern }

    public func link(_ values: String...) -> String {
        precondition(values.count == parameters.count, "\(pattern) takes \(parameters.count) values, got \(values.count)")
        var remaining = values[...]
        return "/" + pattern.split(separator: "/").map { segment -> String in
            guard segment.hasPrefix(":"), let value = remaining.popFirst() else { return String(segment) }
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? value
        }.joined(separator: "/")
    }

    /// A deeper path under this one: `activity.appending("edit")`.
    public func appending(_ suffix: String) -> PathPattern { PathPattern(pattern + "/" + suffix) }

    public var get: RouteEntry { RouteEntry(.get, pattern) }
    public var post: RouteEntry { RouteEntry(.post, pattern) }
    public var patch: RouteEntry { RouteEntry(.patch, pattern) }
    public var delete: RouteEntry { RouteEntry(.delete, pattern) }
}

/// A group of routes declared as one table of (route, handler) pairs: the table is the
/// only list, so the catalogue (`entries`) and the registration cannot disagree, and no
/// handler is paired with a route by its position in another list.
protocol RouteGroup {
    static var routes: [(RouteEntry, (Self) -> Handler)] { get }
}

extension RouteGroup {
    static var entries: [RouteEntry] { routes.map(\.0) }

    func register(on router: Router<AppRequestContext>) {
        router.register(Self.routes.map { ($0.0, $0.1(self)) })
    }
}

/// Every route registered through a table, for the guard test that the route catalogue
/// (and so the tenant-isolation walk) covers all of them.
public enum RouteRegistry {
    static let seen = Mutex<Set<RouteEntry>>([])
    public static var registered: Set<RouteEntry> { seen.withLock { $0 } }
    static func note(_ entries: [RouteEntry]) { seen.withLock { $0.formUnion(entries) } }
}
