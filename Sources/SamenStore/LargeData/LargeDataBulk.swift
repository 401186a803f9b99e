import Foundation
import SQLKit

/// Bulk writing for the large data set: multi-row INSERTs of bound values, as many rows a
/// statement as the database allows, rows made one batch at a time so the largest table
/// never sits in memory whole.
enum LargeDataBulk {
    /// Bound values a statement: SQLite allows 32,766, PostgreSQL 65,535.
    static let bindsPerStatement = 30_000

    static func insert(sql: any SQLDatabase, table: String, columns: [String], count: Int,
                       row: (Int) -> [any Encodable & Sendable]) async throws {
        let perStatement = min(2_000, max(1, bindsPerStatement / max(1, columns.count)))
        var start = 0
        while start < count {
            let end = min(count, start + perStatement)
            var insert = sql.insert(into: table).columns(columns)
            for index in start..<end { insert = insert.values(row(index).map { SQLBind($0) }) }
            try await insert.run()
            start = end
        }
    }

    /// A fixed point in time (2026-01-01) for every `created_at`, so two runs with one seed
    /// store the same rows.
    static let epoch: Int64 = 1_767_225_600
}

/// Ids that are the same on every run: a version-4-shaped UUID whose first group names the
/// table and whose last group counts the rows.
enum LargeDataID {
    static func make(_ table: UInt32, _ number: Int) -> String {
        let head = String(table, radix: 16)
        let tail = String(number, radix: 16)
        return String(repeating: "0", count: max(0, 8 - head.count)) + head + "-0000-4000-8000-"
            + String(repeating: "0", count: max(0, 12 - tail.count)) + tail
    }

    static let organisation: UInt32 = 0x1a00_0001
    static let trajectory: UInt32 = 0x1a00_0002
    static let story: UInt32 = 0x1a00_0003
    static let highlight: UInt32 = 0x1a00_0004
    static let insight: UInt32 = 0x1a00_0005
    static let persona: UInt32 = 0x1a00_0006
    static let journey: UInt32 = 0x1a00_0007
    static let step: UInt32 = 0x1a00_0008
    static let intervention: UInt32 = 0x1a00_0009
    static let experiment: UInt32 = 0x1a00_000a
    static let valueRecord: UInt32 = 0x1a00_000b
    static let activity: UInt32 = 0x1a00_000c
    static let stakeholder: UInt32 = 0x1a00_000d
    static let participant: UInt32 = 0x1a00_000e
    static let decision: UInt32 = 0x1a00_000f
    static let lesson: UInt32 = 0x1a00_0010
    static let storyLink: UInt32 = 0x1a00_0011
    static let valueOutcome: UInt32 = 0x1a00_0012
    static let valueMeasurement: UInt32 = 0x1a00_0013
    static let sroiAnalysis: UInt32 = 0x1a00_0014
}

/// Plain Dutch sentences (ASCII only, so character offsets are the same in every encoding)
/// that stories, quotes and cards are made of.
enum LargeDataText {
    static let sentences = [
        "Ik moest drie keer bellen voordat iemand mij kon helpen.",
        "De medewerker aan de balie nam echt de tijd voor mij.",
        "Het formulier op de website was lang en ik begreep niet alles.",
        "Na twee weken kreeg ik nog steeds geen antwoord op mijn vraag.",
        "Mijn buurvrouw heeft mij geholpen met het invullen.",
        "Ik voelde me niet serieus genomen toen ik uitlegde wat er aan de hand was.",
        "De brief was in moeilijke taal geschreven.",
        "Toen ik eenmaal de juiste persoon sprak, ging het snel.",
        "Ik wist niet bij welk loket ik moest zijn.",
        "Het was fijn dat ik een vaste contactpersoon kreeg.",
        "Ik moest mijn verhaal steeds opnieuw vertellen.",
        "De afspraak werd twee keer verzet zonder uitleg.",
    ]
    static let districts = ["Centrum", "Noord", "Oost", "Zuid", "West", "Haven"]
    static let channels = ["balie", "telefoon", "website"]
    static let touchpoints = ["aanvraag", "intake", "brief", "telefoon", "balie", "website"]
    static let services = ["Bijzondere bijstand", "Schuldhulp", "Wmo-ondersteuning", "Parkeervergunning", "Jeugdhulp"]
    static let names = ["Anna", "Bram", "Chantal", "Dirk", "Esra", "Femke", "Gerrit", "Hatice", "Ivo", "Jasmijn"]
}
