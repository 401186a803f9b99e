/// Every URL the product links to, built in one place so templates never hard-code one.
public enum Paths {
    public static let home = "/"
    public static let login = "/login"
    public static let logout = "/logout"
    public static let setup = "/setup"
    public static let language = "/language"
    public static let organisations = "/organisations"
    public static let account = "/account"
    public static let accountPassword = "/account/password"
    public static let accountTokens = "/account/tokens"
    public static let accessibility = "/accessibility"
    public static let help = "/help"
    public static let stylesheet = "/static/samen.css"
    public static let health = "/healthz"
    public static let metrics = "/metrics"
    public static let openAPI = "/api/v1/openapi.json"

    public static func revokeToken(_ id: String) -> String { "/account/tokens/\(id)/revoke" }
    public static func organisation(_ slug: String) -> String { "/o/\(slug)" }
    public static func members(_ slug: String) -> String { "/o/\(slug)/members" }
    public static func member(_ slug: String, _ userID: String) -> String { "/o/\(slug)/members/\(userID)" }
    public static func memberRole(_ slug: String, _ userID: String) -> String { "/o/\(slug)/members/\(userID)/role" }
    public static func memberRemove(_ slug: String, _ userID: String) -> String { "/o/\(slug)/members/\(userID)/remove" }

    /// Only local paths may be used as a return address (no open redirects); anything else
    /// becomes the home page. The rule is `LocalPath.isSafe`.
    public static func safeReturn(_ raw: String) -> String {
        LocalPath.isSafe(raw) ? raw : home
    }
}
