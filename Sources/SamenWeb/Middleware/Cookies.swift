import Foundation
import Hummingbird
import SamenCore

/// The product's cookies, with their security attributes set in one place: HttpOnly,
/// SameSite=Lax, and — when served over https — Secure and the `__Host-` name prefix.
struct CookiePolicy: Sendable {
    let secure: Bool
    let sessionLifetime: Int64

    private func name(_ base: String) -> String { secure ? "__Host-" + base : base }

    var sessionName: String { name("samen_session") }
    var csrfName: String { name("samen_csrf") }
    var languageName: String { name("samen_lang") }
    var noticeName: String { name("samen_notice") }

    private func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func session(_ token: String) -> Cookie { cookie(sessionName, token, maxAge: Int(sessionLifetime)) }
    func expiredSession() -> Cookie { cookie(sessionName, "", maxAge: 0) }
    func csrf(_ token: String) -> Cookie { cookie(csrfName, token, maxAge: nil) }
    func language(_ locale: AppLocale) -> Cookie { cookie(languageName, locale.rawValue, maxAge: 365 * 86_400) }
    /// A one-time notice key ("saved") shown on the next page after a redirect.
    func notice(_ key: String) -> Cookie { cookie(noticeName, key, maxAge: 60) }
    func expiredNotice() -> Cookie { cookie(noticeName, "", maxAge: 0) }

    /// 303 to `location` with a one-time notice ("saved") for the next page.
    func redirect(_ location: String, notice key: String) -> Response {
        var response = Response.seeOther(location)
        response.setCookie(notice(key))
        return response
    }

    /// The language a request asks for: its cookie (pages only), else Accept-Language, else Dutch.
    func locale(of request: Request) -> AppLocale {
        if !request.isAPI, let raw = request.cookies[languageName]?.value, let locale = AppLocale(rawValue: raw) { return locale }
        if let header = request.headers[.acceptLanguage], let locale = AppLocale.fromAcceptLanguage(header) { return locale }
        return .default
    }
}

extension Request {
    /// API requests answer in problem+json rather than HTML.
    var isAPI: Bool { uri.path.hasPrefix("/api/") }
}
