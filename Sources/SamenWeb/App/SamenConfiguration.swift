import Foundation
import SamenStore

/// Everything that can be configured, built in one place from the environment with safe
/// development defaults; command-line flags override it.
public struct SamenConfiguration: Sendable {
    /// `sqlite:///path` (the default, under `dataDirectory`) or `postgres://...`.
    public var databaseURL: String
    public var host: String
    public var port: Int
    public var dataDirectory: String
    /// Set when the public address is https (or SAMEN_SECURE_COOKIES=1): cookies get `Secure`.
    public var secureCookies: Bool
    /// bcrypt work factor. 12 in production; tests lower it to stay fast.
    public var bcryptCost: UInt8
    /// Load the demo organisation at start when the database has no users yet.
    public var loadDemo: Bool
    public var sessionLifetime: Int64
    /// Failed logins of one account from one address in `loginWindow` seconds before that pair
    /// must wait (growing waits, see `LoginThrottle`); 20× that per address over all accounts.
    public var loginAttemptLimit: Int
    public var loginWindow: Int64
    public var logLevel: String
    /// Proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed (IPs or CIDRs,
    /// from `SAMEN_TRUSTED_PROXIES`); from anyone else those headers are ignored.
    public var trustedProxies: [String] = []
    /// A bearer token that opens `/metrics` from anywhere (`SAMEN_METRICS_TOKEN`); without
    /// it `/metrics` answers only to loopback.
    public var metricsToken: String?
    /// Large uploads (Pol.is exports) processed at once; more wait outside with 503.
    public var maxConcurrentUploads: Int = 4
    /// The public address (`SAMEN_BASE_URL`, e.g. `https://samen.example.nl`) that links handed
    /// out on paper start with; empty: the address the request came in on.
    public var baseURL: String = ""
    /// Scheduled backups (`SAMEN_BACKUP_DIR`, `SAMEN_BACKUP_INTERVAL`, `SAMEN_BACKUP_KEEP`); nil: none.
    /// A failure (a bad interval or count) stops `samen serve` with its message.
    public var backup: Result<BackupSchedule, BackupSchedule.Invalid>?

    public init(
        databaseURL: String? = nil,
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: String = "./samen-data",
        secureCookies: Bool = false,
        bcryptCost: UInt8 = 12,
        loadDemo: Bool = false,
        sessionLifetime: Int64 = 12 * 3600,
        loginAttemptLimit: Int = 5,
        loginWindow: Int64 = 15 * 60,
        logLevel: String = "info"
    ) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL ?? "sqlite://" + (dataDirectory as NSString).appendingPathComponent("samen.sqlite")
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.loadDemo = loadDemo
        self.sessionLifetime = sessionLifetime
        self.loginAttemptLimit = loginAttemptLimit
        self.loginWindow = loginWindow
        self.logLevel = logLevel
    }

    /// The configuration the environment describes (`SAMEN_DATABASE_URL`, `SAMEN_HOST`,
    /// `SAMEN_PORT`, `SAMEN_DATA_DIR`, `SAMEN_BASE_URL`, `SAMEN_SECURE_COOKIES`,
    /// `SAMEN_BCRYPT_COST`, `SAMEN_LOG_LEVEL`, `SAMEN_TRUSTED_PROXIES`, `SAMEN_METRICS_TOKEN`,
    /// `SAMEN_MAX_CONCURRENT_UPLOADS`, `SAMEN_BACKUP_DIR`, `SAMEN_BACKUP_INTERVAL`, `SAMEN_BACKUP_KEEP`).
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> SamenConfiguration {
        let dataDirectory = env["SAMEN_DATA_DIR"] ?? "./samen-data"
        let baseURL = env["SAMEN_BASE_URL"] ?? ""
        var configuration = SamenConfiguration(
            databaseURL: env["SAMEN_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            host: env["SAMEN_HOST"] ?? "127.0.0.1",
            port: env["SAMEN_PORT"].flatMap(Int.init) ?? 8080,
            dataDirectory: dataDirectory,
            secureCookies: baseURL.hasPrefix("https://") || env["SAMEN_SECURE_COOKIES"] == "1",
            bcryptCost: env["SAMEN_BCRYPT_COST"].flatMap(UInt8.init).map { max(4, min(31, $0)) } ?? 12,
            logLevel: env["SAMEN_LOG_LEVEL"] ?? "info"
        )
        configuration.trustedProxies = (env["SAMEN_TRUSTED_PROXIES"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        configuration.metricsToken = env["SAMEN_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.maxConcurrentUploads = env["SAMEN_MAX_CONCURRENT_UPLOADS"].flatMap(Int.init).map { max(1, $0) } ?? 4
        configuration.baseURL = baseURL
        configuration.backup = BackupSchedule.from(environment: env)
        return configuration
    }
}
