import Hummingbird
import SamenCore

/// What the middleware learns about a request before a route sees it.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The language to answer in.
    public var locale: AppLocale = .default
    /// The logged-in person, from the session cookie or an API token.
    public var user: User?
    /// The hash of the session cookie's token, when logged in through the browser.
    public var sessionTokenHash: String?
    /// The CSRF token every form on the page must carry back.
    public var csrfToken: String = ""

    /// The key of a one-time notice to show on this page ("saved"), from the notice cookie.
    public var noticeKey: String?
    /// The client's address, for rate limits (never logged, only hashed).
    public var clientAddress: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Large enough for any form or JSON body of this product; larger bodies get 413.
    public var maxUploadSize: Int { 1_048_576 }

    /// The logged-in user, or `unauthenticated`.
    public func requireUser() throws -> User {
        guard let user else { throw SamenError.unauthenticated }
        return user
    }
}
