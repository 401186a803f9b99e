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
/// Codable encoder and query builder, each statement's text was built anew, and every row
/// wrote a text id, its organisation and survey, two indexes and three foreign-key checks.
/// Now the values go to the driver as its own types (SQLite: `SQLiteData`, one statement
/// text for every full batch; PostgreSQL: `COPY`), and a row
/// holds only its wave, its answers and the database's own integer key (migration 023).
struct SurveyAnswerBulkInsert {
    let waveID: String
    let source: String
    let submittedAt: Int64

    /// SQLite allows 32,766 bound values a statement: 8 a row, 3 for the constant columns.
    static let sqliteRowsPerStatement = 4_000
    /// PostgreSQL takes a batch as one `COPY`, so only memory bounds it.
    static let postgresRowsPerStatement = 20_000

    static func rowsPerStatement(_ kind: DatabaseKind) -> Int {
        kind == .postgres ? postgresRowsPerStatement : sqliteRowsPerStatement
    }

    func insert(sql: any SQLDatabase, _ rows: [SurveyImportRow]) async throws {
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
        INSERT INTO survey_responses (wave_id, source, answers, channel, persona, district, age_band, nps, ces, mark, submitted_at)
        """

    /// `SELECT ?1, ?2, column1 … FROM (VALUES (?, …), …)`: the constant columns are bound
    /// once (?1–?3), each `?` after them takes the next number.
    static func sqliteStatement(rows: Int) -> String {
        var text = columns + """
             SELECT ?1, ?2, column1, column2, column3, column4, column5, column6, column7, column8, ?3
            FROM (VALUES
            """
        text.reserveCapacity(text.utf8.count + rows * 20)
        for index in 0..<rows { text += index == 0 ? "(?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?)" }
        return text + ") AS v"
    }

    static let sqliteFullStatement = sqliteStatement(rows: sqliteRowsPerStatement)

    func insertSQLite(_ connection: SQLiteConnection, _ rows: [SurveyImportRow]) async throws {
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        func integer(_ value: Int?) -> SQLiteData { value.map { .integer($0) } ?? .null }
        var binds: [SQLiteData] = [.text(waveID), .text(source), .integer(Int(submittedAt))]
        binds.reserveCapacity(3 + rows.count * 8)
        for row in rows {
            binds += [.text(row.answers), text(row.channel), text(row.persona), text(row.district),
                      text(row.ageBand), integer(row.nps), integer(row.ces), integer(row.mark)]
        }
        let statement = rows.count == Self.sqliteRowsPerStatement ? Self.sqliteFullStatement : Self.sqliteStatement(rows: rows.count)
        try await connection.query(statement, binds) { _ in }
    }

    /// PostgreSQL takes the rows by `COPY … FROM STDIN` in its text format (one line a row, tabs
    /// between the columns, `\N` for none): no statement to plan and no parameters to bind, so
    /// a batch costs little more than its bytes. The rows go in the file's order, which the key
    /// numbers keep. Inside the caller's transaction like the rest, so a failing row undoes all.
    func insertPostgres(_ connection: PostgresConnection, logger: Logger, _ rows: [SurveyImportRow]) async throws {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rows.count * 96)
        let constant = Self.copyText(waveID) + "\t" + Self.copyText(source) + "\t"
        let submitted = "\t" + String(submittedAt) + "\n"
        for row in rows {
            buffer.writeString(constant)
            buffer.writeString(Self.copyText(row.answers))
            for segment in [row.channel, row.persona, row.district, row.ageBand] {
                buffer.writeString("\t")
                buffer.writeString(segment.map(Self.copyText) ?? "\\N")
            }
            for score in [row.nps, row.ces, row.mark] {
                buffer.writeString("\t")
                buffer.writeString(score.map { String($0) } ?? "\\N")
            }
            buffer.writeString(submitted)
        }
        try await connection.copyFrom(table: "survey_responses", columns: Self.columnNames, logger: logger) { writer in
            try await writer.write(buffer)
        }
    }

    static let columnNames = ["wave_id", "source", "answers", "channel", "persona", "district", "age_band", "nps", "ces", "mark",
                              "submitted_at"]

    /// A value in `COPY`'s text format: a backslash, tab, newline or carriage return would end or
    /// change the field, so each is written as its escape.
    static func copyText(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 9 || $0 == 10 || $0 == 13 }) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Any other SQLKit database (none in the product today): one multi-row insert.
    func insertPortable(sql: any SQLDatabase, _ rows: [SurveyImportRow]) async throws {
        var insert = sql.insert(into: "survey_responses").columns(
            "wave_id", "source", "answers", "channel", "persona", "district", "age_band", "nps", "ces", "mark", "submitted_at")
        for row in rows {
            let values: [any Encodable & Sendable] = [waveID, source, row.answers, row.channel, row.persona, row.district,
                                                      row.ageBand, row.nps, row.ces, row.mark, submittedAt]
            insert = insert.values(values.map { SQLBind($0) })
        }
        try await insert.run()
    }
}
