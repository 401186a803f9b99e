import Hummingbird
import SamenCore

/// What the middleware learns about a request before a route sees it.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The language to answer in.
    public var locale: AppLocale = .default
    /// How the organisation behind a citizen page speaks (set by the public routes once they
    /// know the organisation; the default elsewhere).
    public var voice: CitizenVoice = .default
    /// The logged-in person, from the session cookie or an API token.
    public var user: User?
    /// The hash of the session cookie's token, when logged in through the browser.
    public var sessionTokenHash: String?
    /// The CSRF token every form on the page must carry back.
    public var csrfToken: String = ""
    /// True when `csrfToken` is derived from the session (logged in) rather than the
    /// double-submit cookie (anonymous forms).
    public var csrfBoundToSession = false

    /// The key of a one-time notice to show on this page ("saved"), from the notice cookie.
    public var noticeKey: String?
    /// The client's address, for rate limits (never logged, only hashed); behind a trusted
    /// proxy the forwarded one (see `ForwardedRequestMiddleware`).
    public var clientAddress: String
    /// Whether the browser reached us over https (directly or through a trusted proxy).
    public var isHTTPS = false

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Largest body this request may send (larger gets 413): 1 MB for forms and JSON,
    /// more for a Pol.is export (see `uploadLimit(forPath:)`). Set by `UploadGateMiddleware`.
    public var maxUploadSize: Int = AppRequestContext.formLimit

    public static let formLimit = 1_048_576
    /// A Pol.is export of a large conversation: vtaiwan.uberx's votes.csv alone is 2.6 MB.
    public static let polisImportLimit = 32 * 1_048_576

    /// A survey wave of a million respondents is about 92 MB of CSV; it streams into the
    /// parser, so the limit bounds the time an upload may take, not memory.
    public static let surveyImportLimit = 256 * 1_048_576

    /// The body limit for a request path.
    public static func uploadLimit(forPath path: String) -> Int {
        let isPolisImport = path.hasSuffix("/import") && path.contains("/conversations/")
            && (path.hasPrefix("/o/") || path.hasPrefix("/api/v1/organisations/"))
        return isPolisImport ? polisImportLimit : isSurveyImport(path) ? surveyImportLimit : formLimit
    }

    /// `/o/{org}/surveys/{survey}/import` and `/api/v1/organisations/{org}/surveys/{survey}/waves/{wave}/responses`.
    static func isSurveyImport(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        if segments.count == 5, segments[0] == "o", segments[2] == "surveys", segments[4] == "import" { return true }
        return segments.count == 9 && segments[0] == "api" && segments[1] == "v1" && segments[2] == "organisations"
            && segments[4] == "surveys" && segments[6] == "waves" && segments[8] == "responses"
    }

    /// Set by the CSRF middleware when it left a multipart body unread for the handler to
    /// stream; the handler must then check `_csrf` itself before reading anything else.
    public var csrfLeftToHandler = false

    /// The logged-in user, or `unauthenticated`.
    public func requireUser() throws -> User {
        guard let user else { throw SamenError.unauthenticated }
        return user
    }
}
