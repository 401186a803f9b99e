import Hummingbird
import SamenCore
import SamenStore

/// Scheduled backups of the whole installation (`SAMEN_BACKUP_DIR`, see docs/operations.md):
/// the runs' table, and the superadmins' page that shows whether the last backup succeeded.
/// The backups themselves are taken by `ScheduledBackupService` in `samen serve`.
enum BackupsModule: FeatureModule {
    static let name = "backups"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        BackupRoutes(services: services).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] { [] }
    /// Outside any organisation; the page answers only to superadmins.
    static var publicRoutes: [RouteEntry] { BackupRoutes.entries }
    static var migrations: [Migration] { [.backups] }
}
