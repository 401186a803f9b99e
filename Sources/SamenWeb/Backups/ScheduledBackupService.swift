import Foundation
import SamenStore
import ServiceLifecycle

/// Takes the scheduled backups while `samen serve` runs: it looks every half minute (or
/// sooner for a shorter interval) whether the current interval's backup was taken; the
/// unique slot in `backup_runs` lets only one of several servers take it.
struct ScheduledBackupService: Service {
    let backup: ScheduledBackup

    func run() async throws {
        let pause = max(1, min(30, backup.schedule.interval / 2))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await backup.runIfDue()
            } catch {
                backup.logger.error("recording a scheduled backup failed", metadata: ["type": "\(type(of: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(pause)) }
        }
    }
}
