import Foundation
import Logging
import PostgresKit
import SamenCore
import SQLiteKit
import SQLKit

/// One imported respondent as stored: the packed answers (`SurveyAnswerPacking`) and the
/// segment and score columns. Made straight from the parsed columns, so a large import
/// builds no per-row arrays or dictionaries.
public struct SurveyImportRow: Sendable {
    public var answers: String
    public var channel: String?
    public var persona: String?
    public var district: String?
    public var ageBand: String?
    public var nps: Int?
    public var ces: Int?
    public var mark: Int?

    public init(answers: String, channel: String? = nil, persona: String? = nil, district: String? = nil,
                ageBand: String? = nil, nps: Int? = nil, ces: Int? = nil, mark: Int? = nil) {
        self.answers = answers
        self.channel = channel
        self.persona = persona
        self.district = district
        self.ageBand = ageBand
        self.nps = nps
        self.ces = ces
        self.mark = mark
    }

    init(_ sheet: SurveyAnswerSheet) {
        self.init(answers: SurveyAnswerPacking.pack(need: sheet.need, experience: sheet.experience),
                  channel: sheet.segments[.channel], persona: sheet.segments[.persona], district: sheet.segments[.district],
                  ageBand: sheet.segments[.ageBand], nps: sheet.nps, ces: sheet.ces, mark: sheet.mark)
    }
}

/// The bulk insert of an import, inside the caller's transaction. Where the time went
/// before (13.9 s for a million rows into SQLite): every value went through SQLKit's
/// Codable encoder and query builder, each statement's text was built anew, and random
/// version-4 ids put every row in a random page of the primary-key index. Now the values
/// go to the driver as its own types (SQLite: `SQLiteData`, one statement text for every
/// full batch; PostgreSQL: nine arrays unnested in one statement), and the ids of one
/// import ascend, so each row is appended to the indexes.
struct SurveyAnswerBulkInsert {
    let organisationID: String
    let surveyID: String
    let waveID: String
    let source: String
    let submittedAt: Int64
    var ids: SurveyImportIdentifiers

    /// SQLite allows 32,766 bound values a statement: 9 a row, 5 for the constant columns.
    static let sqliteRowsPerStatement = 3_600
    /// PostgreSQL takes a batch as nine array parameters, so only memory bounds it.
    static let postgresRowsPerStatement = 20_000

    static func rowsPerStatement(_ kind: DatabaseKind) -> Int {
        kind == .postgres ? postgresRowsPerStatement : sqliteRowsPerStatement
    }

    mutating func insert(sql: any SQLDatabase, _ rows: [SurveyImportRow]) async throws {
        guard !rows.isEmpty else { return }
        if let lease = sql as? SQLiteLease {
            try await insertSQLite(lease.connection, rows)
        } else if let lease = sql as? PostgresLease {
            try await insertPostgres(lease.connection, logger: sql.logger, rows)
        } else {
            try await insertPortable(sql: sql, rows)
        }
    }

    static let columns = """
        INSERT INTO survey_responses (id, organisation_id, survey_id, wave_id, source, answers, channel, persona,
                                      district, age_band, nps, ces, mark, submitted_at)
        """

    /// `SELECT column1, ?1 … FROM (VALUES (?, …), …)`: the constant columns are bound
    /// once (?1–?5), each `?` after them takes the next number.
    static func sqliteStatement(rows: Int) -> String {
        var text = columns + """
             SELECT column1, ?1, ?2, ?3, ?4, column2, column3, column4, column5, column6, column7, column8, column9, ?5
            FROM (VALUES
            """
        text.reserveCapacity(text.utf8.count + rows * 22)
        for index in 0..<rows { text += index == 0 ? "(?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?)" }
        return text + ") AS v"
    }

    static let sqliteFullStatement = sqliteStatement(rows: sqliteRowsPerStatement)

    mutating func insertSQLite(_ connection: SQLiteConnection, _ rows: [SurveyImportRow]) async throws {
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        func integer(_ value: Int?) -> SQLiteData { value.map { .integer($0) } ?? .null }
        var binds: [SQLiteData] = [.text(organisationID), .text(surveyID), .text(waveID), .text(source),
                                   .integer(Int(submittedAt))]
        binds.reserveCapacity(5 + rows.count * 9)
        for row in rows {
            binds += [.text(ids.next()), .text(row.answers), text(row.channel), text(row.persona), text(row.district),
                      text(row.ageBand), integer(row.nps), integer(row.ces), integer(row.mark)]
        }
        let statement = rows.count == Self.sqliteRowsPerStatement ? Self.sqliteFullStatement : Self.sqliteStatement(rows: rows.count)
        try await connection.query(statement, binds) { _ in }
    }

    /// Missing segments travel as empty text and missing scores as -1 (PostgresNIO has no
    /// arrays of optionals); a stored level is never empty and a score never negative.
    static let postgresStatement = columns + """
         SELECT v.id, $1, $2, $3, $4, v.answers, NULLIF(v.channel, ''), NULLIF(v.persona, ''), NULLIF(v.district, ''),
               NULLIF(v.age_band, ''), NULLIF(v.nps, -1), NULLIF(v.ces, -1), NULLIF(v.mark, -1), $5
        FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::bigint[],
                    $14::bigint[]) AS v(id, answers, channel, persona, district, age_band, nps, ces, mark)
        """

    mutating func insertPostgres(_ connection: PostgresConnection, logger: Logger, _ rows: [SurveyImportRow]) async throws {
        var idColumn: [String] = [], answers: [String] = [], channel: [String] = [], persona: [String] = []
        var district: [String] = [], ageBand: [String] = [], nps: [Int64] = [], ces: [Int64] = [], mark: [Int64] = []
        idColumn.reserveCapacity(rows.count)
        answers.reserveCapacity(rows.count)
        for row in rows {
            idColumn.append(ids.next())
            answers.append(row.answers)
            channel.append(row.channel ?? "")
            persona.append(row.persona ?? "")
            district.append(row.district ?? "")
            ageBand.append(row.ageBand ?? "")
            nps.append(Int64(row.nps ?? -1))
            ces.append(Int64(row.ces ?? -1))
            mark.append(Int64(row.mark ?? -1))
        }
        var binds = PostgresBindings(capacity: 14)
        for constant in [organisationID, surveyID, waveID, source] { binds.append(constant) }
        binds.append(submittedAt)
        for column in [idColumn, answers, channel, persona, district, ageBand] { binds.append(column) }
        for column in [nps, ces, mark] { binds.append(column) }
        let result = try await connection.query(PostgresQuery(unsafeSQL: Self.postgresStatement, binds: binds), logger: logger)
        for try await _ in result {}
    }

    /// Any other SQLKit database (none in the product today): one multi-row insert.
    mutating func insertPortable(sql: any SQLDatabase, _ rows: [SurveyImportRow]) async throws {
        var insert = sql.insert(into: "survey_responses").columns(
            "id", "organisation_id", "survey_id", "wave_id", "source", "answers", "channel", "persona", "district",
            "age_band", "nps", "ces", "mark", "submitted_at")
        for row in rows {
            let values: [any Encodable & Sendable] = [ids.next(), organisationID, surveyID, waveID, source, row.answers,
                                                      row.channel, row.persona, row.district, row.ageBand, row.nps, row.ces,
                                                      row.mark, submittedAt]
            insert = insert.values(values.map { SQLBind($0) })
        }
        try await insert.run()
    }
}

/// Ids for the rows of one import: version-7-shaped UUIDs (time in milliseconds first),
/// whose last 62 bits start at a random value and count up, so an import's ids ascend,
/// follow the file's order and do not meet another import's.
struct SurveyImportIdentifiers {
    private let high: UInt64
    private var low: UInt64

    init(milliseconds: UInt64 = UInt64(max(0, Date().timeIntervalSince1970 * 1000))) {
        var random = SystemRandomNumberGenerator()
        high = (milliseconds << 16) | 0x7000 | (random.next() & 0x0FFF)
        // Room for 2^32 rows before the random part would carry.
        low = 0x8000_0000_0000_0000 | (random.next() & 0x3FFF_FFFF_0000_0000)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    mutating func next() -> String {
        defer { low &+= 1 }
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            func put(_ word: UInt64, _ nibbles: Range<Int>) {
                for nibble in nibbles {
                    buffer[position] = Self.hex[Int((word >> UInt64(60 - 4 * nibble)) & 0xF)]
                    position += 1
                }
            }
            func dash() {
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            put(high, 0..<8); dash(); put(high, 8..<12); dash(); put(high, 12..<16); dash()
            put(low, 0..<4); dash(); put(low, 4..<16)
            return position
        }
    }
}
