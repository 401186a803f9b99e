import Foundation
import HTTPTypes
import Hummingbird

/// Headers that keep pages safe in the browser: no framing, no sniffing, no inline
/// scripts, no referrer leaks, and HSTS over https. Outermost in the chain, so every
/// answer carries them: pages, redirects, static files, error pages, problem+json, 404/405.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Only reached if something below the error middleware let an error through.
            response = try error.response(from: request, context: context)
        }
        Self.apply(to: &response.headers, https: context.isHTTPS)
        return response
    }

    static func apply(to headers: inout HTTPFields, https: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if https {
            headers[.strictTransportSecurity] = "max-age=31536000"
        }
    }
}

/// Refuses a path with an empty, `.` or `..` segment (`//api/v1/…`, `/api//v1`, `/o/./x`)
/// with 404 before anyone looks at it. The router ignores empty segments, but the API's
/// authentication split (`Request.isAPI`) and every prefix rule read the path as written,
/// so such a path could reach an API handler through the page rules.
struct PathSegmentsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isCanonical(request.uri.path) else { throw HTTPError(.notFound) }
        return try await next(request, context)
    }

    static func isCanonical(_ path: String) -> Bool {
        guard path != "/" else { return true }
        guard path.hasPrefix("/") else { return false }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        return segments.allSatisfy { segment in
            let decoded = segment.removingPercentEncoding ?? String(segment)
            return !segment.isEmpty && decoded != "." && decoded != ".." && !decoded.contains("/") && !decoded.contains("\\")
        }
    }
}
