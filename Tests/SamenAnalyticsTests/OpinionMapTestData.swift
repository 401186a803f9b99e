import Foundation
import SamenAnalytics

/// Locates `shared/data/polis`: $SAMEN_SHARED_DIR, else the first ancestor of this
/// file that contains `shared/data/polis` (the repo is cloned beside `shared` in CI).
enum OpinionMapTestData {
    static let polisDirectory: URL? = {
        let fileManager = FileManager.default
        if let shared = ProcessInfo.processInfo.environment["SAMEN_SHARED_DIR"] {
            let url = URL(fileURLWithPath: shared).appendingPathComponent("data/polis")
            if fileManager.fileExists(atPath: url.path) { return url }
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/polis")
            if fileManager.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    static let goldenConversations = [
        "25ptpt-3gp-no-strict-with-meta",
        "50ptpt-3gp-strict-no-meta",
        "below-100-ptpts",
    ]

    static let openDataConversations = [
        "15-per-hour-seattle",
        "bg2050-volunteers",
        "brexit-consensus",
        "canadian-electoral-reform",
        "vtaiwan.uberx",
    ]

    static func golden(_ name: String) throws -> PolisGoldenConversation {
        try PolisGoldenConversation(directory: try directory("golden/\(name)"))
    }

    static func openData(_ name: String) throws -> PolisExport {
        try PolisExport(directory: try directory("openData/\(name)"))
    }

    static func directory(_ relative: String) throws -> URL {
        guard let root = polisDirectory else { throw MissingData() }
        return root.appendingPathComponent(relative)
    }

    struct MissingData: Error {}

    /// Largest absolute difference, or infinity when the lengths differ.
    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    /// `vector` with its sign flipped if that brings it closer to `reference`.
    static func aligned(_ vector: [Double], to reference: [Double]) -> (vector: [Double], sign: Double) {
        let dot = zip(vector, reference).reduce(0) { $0 + $1.0 * $1.1 }
        return dot < 0 ? (vector.map { -$0 }, -1) : (vector, 1)
    }
}
