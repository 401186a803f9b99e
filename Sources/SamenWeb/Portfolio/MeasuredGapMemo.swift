import Foundation
import SamenCore
import SamenStore

/// The measured gaps of a survey, kept in this process while nothing they come from changes.
///
/// Computing them analyses every answer of the survey (10,000 a survey at the large size),
/// and the trajectory list, the overview and the portfolio pages ask for them on every
/// request. The key holds all they depend on — the survey (items, segments, version), its
/// waves (names and dates pick the latest) and a stamp of its answers (count, first and last
/// time) — so a changed survey, wave or answer set is computed afresh. Each app server keeps
/// its own (one entry a survey); servers need not agree, since each checks the database.
final class MeasuredGapMemo: @unchecked Sendable {
    typealias Key = SurveyMemoKey

    static let shared = MeasuredGapMemo()

    private let lock = NSLock()
    private var computed: [ObjectIdentifier: Int] = [:]
    private var entries: [SurveyMemoKey.Slot: (key: Key, gaps: [String: GrowthModelRoutes.MeasuredGap])] = [:]

    func gaps(_ key: Key) -> [String: GrowthModelRoutes.MeasuredGap]? {
        lock.withLock { entries[key.slot].flatMap { $0.key == key ? $0.gaps : nil } }
    }

    func keep(_ gaps: [String: GrowthModelRoutes.MeasuredGap], for key: Key) {
        lock.withLock {
            entries[key.slot] = (key, gaps)
            computed[key.database, default: 0] += 1
        }
    }

    /// How many times gaps were computed (not found kept) for surveys of this database.
    func computations(_ database: Database) -> Int {
        lock.withLock { computed[ObjectIdentifier(database)] ?? 0 }
    }
}
