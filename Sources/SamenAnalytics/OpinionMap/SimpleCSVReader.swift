/// Why a CSV text is not valid RFC 4180, and where: the record (1 = the first, the header)
/// and the physical line (1-based) where the problem starts.
public struct CSVSyntaxError: Error, Equatable, Sendable {
    /// `unclosed_quote`: a quoted field runs to the end of the file. `quote_misplaced`: a
    /// quote inside an unquoted field, or text right after a closing quote.
    public var code: String
    public var record: Int
    public var line: Int
}

/// Minimal RFC 4180 reader for the Pol.is CSV exports.
///
/// Hand-written because SamenAnalytics depends on nothing but Foundation and the
/// exports need only this much: comma separators, double-quoted fields with
/// doubled quotes, commas and newlines inside quotes, CRLF or LF line ends.
public enum SimpleCSVReader {
    /// All records, header included, as arrays of fields. Lenient: a stray quote is read as
    /// best it can be (for trusted reference data; imports use `strictRecords`).
    public static func records(_ text: String) -> [[String]] {
        (try? read(text, strict: false)) ?? []
    }

    /// All records, refusing what RFC 4180 does not allow, so that one stray quote cannot
    /// silently merge many rows into one field.
    public static func strictRecords(_ text: String, separator: UInt8 = UInt8(ascii: ",")) throws(CSVSyntaxError) -> [[String]] {
        try read(text, strict: true, separator: separator)
    }

    static func read(_ text: String, strict: Bool, separator: UInt8 = UInt8(ascii: ",")) throws(CSVSyntaxError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        /// The current field was quoted and its closing quote has been read.
        var closedQuote = false
        var line = 1
        var quoteLine = 1
        var index = text.utf8.startIndex
        let bytes = text.utf8
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            closedQuote = false
        }
        func error(_ code: String, _ at: Int) -> CSVSyntaxError {
            CSVSyntaxError(code: code, record: records.count + 1, line: at)
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index = bytes.index(after: index)
                    } else {
                        inQuotes = false
                        closedQuote = true
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case separator: endField()
            case UInt8(ascii: "\r"): break
            case UInt8(ascii: "\n"):
                endField()
                records.append(record)
                record.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\""):
                if strict && (!field.isEmpty || closedQuote) { throw error("quote_misplaced", line) }
                inQuotes = true
                quoteLine = line
            default:
                if strict && closedQuote { throw error("quote_misplaced", line) }
                field.append(byte)
            }
        }
        if strict && inQuotes { throw CSVSyntaxError(code: "unclosed_quote", record: records.count + 1, line: quoteLine) }
        if !field.isEmpty || !record.isEmpty || closedQuote {
            endField()
            records.append(record)
        }
        return records
    }

    /// Records after the header, each as a header → field dictionary.
    public static func rows(_ text: String) -> [[String: String]] {
        let all = records(text)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { fields in
            var row: [String: String] = [:]
            for (name, value) in zip(header, fields) { row[name] = value }
            return row
        }
    }
}
