import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import SamenCore
import SamenStore
import ServiceLifecycle

/// The Prometheus registry behind `/metrics`. swift-metrics can be bootstrapped once per
/// process, so the registry is process-wide and created on first use.
enum MetricsRegistry {
    static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// Everything the routes share, built once at start.
struct AppServices: Sendable {
    let configuration: SamenConfiguration
    let database: Database
    let renderer: Renderer
    let accounts: AccountService
    let organisations: OrganisationStore
    let cookies: CookiePolicy
    let staticFiles: [String: (contentType: String, body: ByteBuffer)]
    let openAPIDocument: ByteBuffer
    /// Public votes go through one group commit per process.
    let voteIntake: VoteGroupCommit
}

/// Purges expired sessions and story originals past their retention date at start and
/// hourly, and closes the database when the server stops (debug builds abort on unclosed
/// SQLite connections).
struct DatabaseService: Service {
    let database: Database
    let sessions: SessionStore

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = try? await sessions.purgeExpired()
            _ = try? await AuditStore(database: database).purgeExpired()
            _ = try? await StoryStore(database: database).purgeExpired(today: CalendarDate(unixTime: Clock.now()).description)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
        await database.shutdown()
    }
}

/// The folder with templates, locales, static files and the OpenAPI document.
public func resourcesDirectory() -> URL {
    // Foundation on Linux already reports the copied `Resources` folder as the bundle's
    // resource URL; on Darwin it is one level deeper.
    let base = Bundle.module.resourceURL ?? Bundle.module.bundleURL
    if FileManager.default.fileExists(atPath: base.appendingPathComponent("locales").path) { return base }
    return base.appendingPathComponent("Resources")
}

/// Builds the web application: opens the database, migrates it, loads the demo data when
/// asked, and wires middleware and routes.
/// `database`, when given, is used instead of opening `configuration.databaseURL`: a test that
/// also reads and writes the database itself then shares the app's connections and its one
/// SQLite writer (a second handle would be a second writer, waiting on SQLite's lock). The
/// application closes it when it stops.
public func buildApplication(configuration: SamenConfiguration, logger: Logger? = nil,
                             database given: Database? = nil) async throws -> some ApplicationProtocol {
    let logger = logger ?? {
        var logger = Logger(label: "samen")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        return logger
    }()
    let schedule = try configuration.backup?.get()
    let database: Database
    if let given { database = given } else { database = try await Database.open(url: configuration.databaseURL, logger: logger) }
    let router: Router<AppRequestContext>
    do {
        try await Migrations.run(on: database)
        if configuration.loadDemo {
            try await DemoData.loadIfEmpty(database: database, configuration: configuration, logger: logger)
        }
        router = try await buildRouter(database: database, configuration: configuration)
    } catch {
        // Close the connections before giving up: an unclosed SQLite connection aborts debug builds.
        await database.shutdown()
        throw error
    }
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Samen"),
        logger: logger
    )
    app.addServices(DatabaseService(database: database, sessions: SessionStore(database: database)))
    app.addServices(ConversationJobService(database: database, logger: logger))
    if let schedule {
        app.addServices(ScheduledBackupService(backup: ScheduledBackup(database: database, url: configuration.databaseURL, schedule: schedule,
                                                                       logger: logger)))
    }
    return app
}

/// The router alone, for in-process tests that bring their own database.
public func buildRouter(database: Database, configuration: SamenConfiguration) async throws -> Router<AppRequestContext> {
    let resources = resourcesDirectory()
    let services = AppServices(
        configuration: configuration,
        database: database,
        renderer: try await Renderer.load(resources: resources),
        accounts: AccountService(database: database, configuration: configuration),
        organisations: OrganisationStore(database: database),
        cookies: CookiePolicy(secure: configuration.secureCookies, sessionLifetime: configuration.sessionLifetime),
        staticFiles: try loadStaticFiles(resources.appendingPathComponent("static")),
        openAPIDocument: ByteBuffer(bytes: try OpenAPIDocument.load(from: resources.appendingPathComponent("openapi"))),
        voteIntake: VoteGroupCommit(store: ConversationVoteStore(database: database))
    )
    _ = MetricsRegistry.shared
    // Make the decoy hash now, so the first login with an unknown e-mail takes no longer than later ones.
    Task { [accounts = services.accounts] in _ = try? await accounts.decoyHash() }
    let router = Router(context: AppRequestContext.self)
    // Order matters: the security headers wrap everything (errors and redirects too); the
    // path check runs before anyone reads the path; who is asking is known before a large
    // body is read (upload gate), and the CSRF check is the first to read a form.
    router.add(middleware: ForwardedRequestMiddleware(proxies: TrustedProxies(configuration.trustedProxies), secure: configuration.secureCookies))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware(renderer: services.renderer, cookies: services.cookies))
    router.add(middleware: PathSegmentsMiddleware())
    router.add(middleware: SessionMiddleware(accounts: services.accounts, cookies: services.cookies))
    router.add(middleware: UploadGateMiddleware(organisations: services.organisations,
                                                slots: UploadSlots(capacity: configuration.maxConcurrentUploads)))
    router.add(middleware: CSRFMiddleware(cookies: services.cookies))
    router.add(middleware: MethodNotAllowedMiddleware())
    router.add(middleware: RequestValidationMiddleware(document: Data(buffer: services.openAPIDocument), organisations: services.organisations))
    SystemRoutes(services: services).register(on: router)
    AuthRoutes(services: services).register(on: router)
    OrganisationRoutes(services: services).register(on: router)
    AccountRoutes(services: services).register(on: router)
    APIRoutes(services: services).register(on: router)
    FeatureModules.register(on: router, services: services)
    return router
}

private func loadStaticFiles(_ directory: URL) throws -> [String: (contentType: String, body: ByteBuffer)] {
    var files: [String: (contentType: String, body: ByteBuffer)] = [:]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in names where !name.hasPrefix(".") {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let type: String = switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        default: "application/octet-stream"
        }
        files[name] = (type, ByteBuffer(bytes: data))
    }
    return files
}
