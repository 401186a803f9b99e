import Hummingbird

/// The router answers 404 when a path exists but not for the request's method. This turns
/// that case into 405 with an `Allow` header naming the methods the path has (RFC 9110).
/// A 404 thrown by a handler (a record that does not exist) is left alone.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    struct MethodNotAllowed: Error {
        let allowed: [String]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = Self.allowed(path: request.uri.path)
            if !allowed.isEmpty && !allowed.contains(request.method.rawValue) {
                throw MethodNotAllowed(allowed: allowed)
            }
            throw error
        }
    }

    /// The methods registered for routes whose pattern matches the path, sorted; HEAD goes with GET.
    static func allowed(path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var methods = Set<String>()
        for entry in RouteRegistry.registered {
            let pattern = entry.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            guard pattern.count == segments.count else { continue }
            if zip(pattern, segments).allSatisfy({ p, s in p.hasPrefix(":") ? !s.isEmpty : p == s }) {
                methods.insert(entry.method.rawValue)
                if entry.method == .get { methods.insert("HEAD") }
            }
        }
        return methods.sorted()
    }
}
