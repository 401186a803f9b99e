import Hummingbird
import SamenCore

/// The browser a citizen answers an open survey link in: a random token in a long-lived
/// HttpOnly cookie, made on the first visit. The server keeps only a hash of it with the
/// wave (`hash(waveID:)`), so one browser answers a wave once while nobody can tell which
/// answer was whose.
struct OpenSurveyBrowser {
    let token: String
    let isNew: Bool
    let cookieName: String
    let secure: Bool

    init(_ request: Request, _ cookies: CookiePolicy) {
        cookieName = cookies.secure ? "__Host-samen_survey_browser" : "samen_survey_browser"
        secure = cookies.secure
        if let value = request.cookies[cookieName]?.value, value.count >= 32, value.count <= 100 {
            (token, isNew) = (value, false)
        } else {
            (token, isNew) = (Secrets.token(), true)
        }
    }

    func hash(waveID: String) -> String { Secrets.sha256("open-survey:" + waveID + ":" + token) }

    /// Sets the cookie on the response when this visit made it.
    func remember(_ response: inout Response) {
        guard isNew else { return }
        response.setCookie(Cookie(name: cookieName, value: token, maxAge: 365 * 86_400, path: "/", secure: secure,
                                  httpOnly: true, sameSite: .lax))
    }
}
