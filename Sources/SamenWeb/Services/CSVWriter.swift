import Foundation
import Hummingbird

/// The one CSV writer of every export in the product (trajectory tables, stories, audit,
/// the conversation's Pol.is files, personal links). A guard test fails when CSV is made
/// anywhere else.
///
/// Formula injection (OWASP "CSV Injection"): a cell that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is prefixed with a single quote, so a spreadsheet shows it as
/// text instead of running it. Two refinements keep data intact:
/// - A plain number (`-1`, `+3`, `-0.5`) is left as it is: it cannot run as a formula, and
///   Pol.is votes (-1) and moderation states must stay numbers for other Pol.is tools.
/// - A cell that already starts with a quote before such a character gets one more quote,
///   so `unguard` (used by the Pol.is importer) gives back exactly what was written: an
///   export of Samen re-imports into Samen with every statement unchanged.
enum CSVWriter {
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether a cell must be prefixed with a quote to be safe (and to round-trip).
    static func needsGuard(_ value: Substring) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        if first == "'" { return needsGuard(value.dropFirst()) }
        guard formulaStarts.contains(first) else { return false }
        return !isPlainNumber(value)
    }

    /// `[+-]digits[.digits]`: a number a spreadsheet reads as a number, never as a formula.
    static func isPlainNumber(_ value: Substring) -> Bool {
        let scalars = value.unicodeScalars
        guard let first = scalars.first, first == "+" || first == "-" else { return false }
        let rest = scalars.dropFirst()
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard !rest.isEmpty, parts.count <= 2 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { ("0"..."9").contains($0) } }
    }

    /// One cell: guarded, then quoted (RFC 4180) when it holds a separator, quote or line break.
    /// Semicolons are quoted too, for spreadsheets set to the Dutch list separator.
    static func cell(_ value: String) -> String {
        // An integer (most cells of a vote export) needs neither guard nor quotes.
        if isInteger(value) { return value }
        return quoted(needsGuard(value[...]) ? "'" + value : value)
    }

    /// RFC 4180 quoting only, when the cell holds a separator, quote or line break.
    static func quoted(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// Records quoted but not guarded, for text that goes to Samen's own template reader
    /// rather than to a spreadsheet (the guard would change a leading `-` the reader must see).
    static func unguardedDocument(_ records: [[String]], lineEnd: String = "\n") -> String {
        records.map { $0.map(quoted).joined(separator: ",") + lineEnd }.joined()
    }

    /// `-?digits`, checked on the UTF-8 bytes (cheap: a large export has millions of them).
    static func isInteger(_ value: String) -> Bool {
        var bytes = value.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// One record, without its line end.
    static func line(_ fields: [String]) -> String { fields.map(cell).joined(separator: ",") }

    /// Records, each ended by `lineEnd` (CRLF as RFC 4180 says; the Pol.is format uses LF).
    static func document(_ records: [[String]], lineEnd: String = "\r\n") -> String {
        records.map { line($0) + lineEnd }.joined()
    }

    /// The reverse of the guard, for importing what `cell` wrote: one leading quote is
    /// removed where `cell` would have added it.
    static func unguard(_ value: String) -> String {
        guard value.hasPrefix("'"), needsGuard(value.dropFirst()) else { return value }
        return String(value.dropFirst())
    }

    /// A CSV download, never cached.
    static func response(_ text: String, filename: String?) -> Response {
        let disposition = filename.map { "attachment; filename=\"\($0)\"" } ?? "attachment"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: disposition,
                                               .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
