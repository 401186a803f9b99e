import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The installation's backups for superadmins: the schedule, whether the last backup
/// succeeded, and the latest runs. Backups cover every organisation, so no organisation's
/// administrator sees this page; a superadmin reaches it from the organisations page.
struct BackupRoutes: RouteGroup {
    let services: AppServices

    static let page = PathPattern("/system/backups")

    static var routes: [(RouteEntry, (Self) -> Handler)] { [(page.get, { $0.show })] }

    struct Run {
        let at: String
        let file: String
        let size: String
        let succeeded: Bool
        let failed: Bool
        let outcome: String
    }

    struct Body {
        let scheduled: Bool
        let directory: String
        let interval: String
        let keep: Int
        let last: Run?
        let runs: [Run]
        let hasRuns: Bool
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        // Not 403: the page does not exist for anyone but a superadmin.
        guard user.isSuperadmin else { throw SamenError.notFound }
        func word(_ key: String) -> String { services.renderer.text(key, context) }
        let runs = try await BackupRunStore(database: services.database).latest(limit: 10).map { run in
            Run(at: AuditRoutes(services: services).time(run.startedAt), file: (run.file as NSString).lastPathComponent,
                size: run.sizeBytes.map { ByteCountFormatter.string(fromByteCount: $0, countStyle: .file) } ?? "–",
                succeeded: run.outcome == .succeeded, failed: run.outcome == .failed,
                outcome: word("backup_outcome_" + run.outcome.rawValue) + (run.errorType.map { " (\($0))" } ?? ""))
        }
        let schedule = try? services.configuration.backup?.get()
        let body = Body(scheduled: schedule != nil, directory: schedule?.directory ?? "", interval: schedule.map { Self.interval($0.interval) { services.renderer.translations.count($0, $1, context.locale) } } ?? "",
                        keep: schedule?.keep ?? 0, last: runs.first, runs: runs, hasRuns: !runs.isEmpty)
        return services.renderer.page("system-backups", title: word("backups_title"), body: body, request: request, context: context)
    }

    /// "6 uur", "30 minuten": the interval in the largest unit that divides it.
    /// `count` gives the unit in the right form for the number ("1 dag", "2 dagen").
    static func interval(_ seconds: Int64, _ count: (String, Int) -> String) -> String {
        for (size, unit) in [(Int64(86_400), "days"), (3600, "hours"), (60, "minutes")] where seconds % size == 0 {
            return count("backup_interval_" + unit, Int(seconds / size))
        }
        return count("backup_interval_seconds", Int(seconds))
    }
}
