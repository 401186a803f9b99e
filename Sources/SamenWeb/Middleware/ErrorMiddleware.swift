import Foundation
import Hummingbird
import SamenCore

/// Turns every error into an answer a person or program can use: a localised HTML page,
/// or RFC 9457 problem+json with a stable `code` for the API. Nothing else leaks out.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: Renderer
    let cookies: CookiePolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var context = context
            context.locale = cookies.locale(of: request)
            let problem = Problem(error: error)
            if problem.status == .internalServerError {
                // The error's type only: its text could carry personal data.
                context.logger.error("unhandled error", metadata: ["type": "\(type(of: error))", "path": "\(request.uri.path)"])
            }
            let allow = (error as? MethodNotAllowedMiddleware.MethodNotAllowed).map { $0.allowed.joined(separator: ", ") }
            let retryAfter = (error as? HTTPError)?.headers[.retryAfter]
            if request.isAPI {
                var response = problem.json(request: request, translations: renderer.translations, locale: context.locale)
                if let allow { response.headers[.allow] = allow }
                if let retryAfter { response.headers[.retryAfter] = retryAfter }
                return response
            }
            if problem.code == "unauthenticated" {
                let path = request.uri.path
                let back = request.method == .get && LocalPath.isSafe(path)
                    ? "?return_to=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "") : ""
                return .seeOther(Paths.login + back)
            }
            struct ErrorBody {
                let heading: String
                let message: String
                let status: Int
                let code: String
            }
            let message = renderer.translations.text("error_" + problem.code, context.locale)
            let title = problem.title(renderer.translations, context.locale)
            var response = renderer.page(
                "error",
                title: title,
                body: ErrorBody(heading: title, message: message,
                                status: Int(problem.status.code), code: problem.code),
                request: request, context: context, status: problem.status
            )
            if let allow { response.headers[.allow] = allow }
            if let retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        }
    }
}

/// An error reduced to what may be shown: status, stable code and field errors.
struct Problem {
    let status: HTTPResponse.Status
    let code: String
    let fieldErrors: [SamenError]

    init(error: any Error) {
        switch error {
        case let error as SamenError:
            self.init(status: Self.status(error.kind), code: error.code, fieldErrors: error.field == nil ? [] : [error])
        case let errors as ValidationErrors where !errors.errors.isEmpty && errors.errors.allSatisfy({ $0.kind == .conflict }):
            self.init(status: .conflict, code: "rule_conflict", fieldErrors: errors.errors)
        case let errors as ValidationErrors:
            self.init(status: .unprocessableContent, code: "validation_failed", fieldErrors: errors.errors)
        case is MethodNotAllowedMiddleware.MethodNotAllowed:
            self.init(status: .methodNotAllowed, code: "method_not_allowed", fieldErrors: [])
        case is DecodingError:
            self.init(status: .badRequest, code: "malformed_json", fieldErrors: [])
        case let error as any HTTPResponseError:
            self.init(status: error.status, code: Self.code(error.status), fieldErrors: [])
        default:
            self.init(status: .internalServerError, code: "internal_error", fieldErrors: [])
        }
    }

    init(status: HTTPResponse.Status, code: String, fieldErrors: [SamenError]) {
        self.status = status
        self.code = code
        self.fieldErrors = fieldErrors
    }

    static func status(_ kind: SamenError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .validation: .unprocessableContent
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .unauthenticated: .unauthorized
        case .conflict: .conflict
        case .rateLimited: .tooManyRequests
        case .badRequest: .badRequest
        case .stale: .preconditionFailed
        }
    }

    static func code(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthenticated"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "payload_too_large"
        case 412: "stale_version"
        case 415: "unsupported_media_type"
        case 422: "validation_failed"
        case 429: "rate_limited"
        case 503: "service_unavailable"
        default: status.code >= 500 ? "internal_error" : "bad_request"
        }
    }

    /// A short localised title for the status ("Niet gevonden").
    func title(_ translations: Translations, _ locale: AppLocale) -> String {
        translations.lookup("error_title_\(status.code)", locale) ?? translations.text("error_title", locale)
    }

    /// RFC 9457 problem details. `type` is a URN that names the code, so it stays stable.
    func json(request: Request, translations: Translations, locale: AppLocale) -> Response {
        var body: [String: Any] = [
            "type": "urn:samen:problem:\(code)",
            "title": title(translations, locale),
            "status": Int(status.code),
            "code": code,
            "detail": translations.text("error_" + code, locale),
            "instance": request.uri.path,
        ]
        if !fieldErrors.isEmpty {
            body["errors"] = fieldErrors.map {
                ["field": $0.field ?? "", "code": $0.code, "detail": translations.message(for: $0, locale)]
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json", .contentLanguage: locale.rawValue]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
