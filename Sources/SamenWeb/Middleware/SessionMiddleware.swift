import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import SamenCore

/// Finds who is asking — from the session cookie for pages, from a Bearer token for the
/// API — and in which language to answer.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService
    let cookies: CookiePolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.locale = cookies.locale(of: request)
        if request.isAPI {
            if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
                let token = String(header.dropFirst("bearer ".count)).trimmed
                guard let user = try await accounts.user(apiToken: token) else {
                    throw SamenError("invalid_token", kind: .unauthenticated)
                }
                context.user = user
            }
        } else if let token = request.cookies[cookies.sessionName]?.value, !token.isEmpty {
            if let (user, tokenHash) = try await accounts.user(sessionToken: token) {
                context.user = user
                context.sessionTokenHash = tokenHash
                context.csrfToken = Secrets.csrfToken(forSession: token)
                context.csrfBoundToSession = true
            }
        }
        context.noticeKey = request.cookies[cookies.noticeName].map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        var response = try await next(request, context)
        if context.noticeKey != nil && response.status.code < 300 {
            response.setCookie(cookies.expiredNotice())
        }
        return response
    }
}

/// Protects every form against cross-site request forgery. Each form sends back `_csrf`:
/// when logged in, a token derived from the session (`Secrets.csrfToken(forSession:)`), so a
/// token from another session — even one planted in the cookie — is refused; for the
/// anonymous forms (login, citizens' forms) a double-submit token, random and kept in an
/// HttpOnly cookie. A cross-site page can make the browser send cookies but cannot read them
/// to fill the field. API calls carry a Bearer token instead of cookies and need no CSRF token.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cookies: CookiePolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let existing = request.cookies[cookies.csrfName]?.value ?? ""
        if !context.csrfBoundToSession {
            context.csrfToken = existing.count >= 32 ? existing : Secrets.token()
        }
        let expected = context.csrfBoundToSession ? context.csrfToken : existing
        let unsafe = ![.get, .head, .options].contains(request.method)
        if unsafe && !request.isAPI && Self.checksWhileStreaming(request) {
            context.csrfLeftToHandler = true
        } else if unsafe && !request.isAPI {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            let sent = Self.token(in: buffer, contentType: request.headers[.contentType] ?? "")
            guard !expected.isEmpty, Secrets.constantTimeEquals(sent, expected) else {
                throw SamenError("csrf_invalid", kind: .forbidden)
            }
        }
        var response = try await next(request, context)
        if existing != context.csrfToken {
            response.setCookie(cookies.csrf(context.csrfToken))
        }
        return response
    }
}

extension CSRFMiddleware {
    /// The survey import form streams its file: its body is not collected here, and the
    /// handler checks the `_csrf` part, which the form sends first (`SurveyUploadReader.form`).
    static func checksWhileStreaming(_ request: Request) -> Bool {
        request.method == .post && AppRequestContext.isSurveyImport(request.uri.path) && request.uri.path.hasPrefix("/o/")
            && (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data")
    }

    /// The `_csrf` field of a urlencoded or multipart form body.
    static func token(in buffer: ByteBuffer, contentType: String) -> String {
        if contentType.lowercased().hasPrefix("multipart/form-data"), let boundary = multipartBoundary(contentType) {
            struct Token: Decodable { let _csrf: String? }
            return (try? FormDataDecoder().decode(Token.self, from: buffer, boundary: boundary))?._csrf ?? ""
        }
        return FormData.parse(String(buffer: buffer))["_csrf"]
    }

    static func multipartBoundary(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
