/// Minimal RFC 4180 reader for the Pol.is CSV exports.
///
/// Hand-written because SamenAnalytics depends on nothing but Foundation and the
/// exports need only this much: comma separators, double-quoted fields with
/// doubled quotes, commas and newlines inside quotes, CRLF or LF line ends.
public enum SimpleCSVReader {
    /// All records, header included, as arrays of fields.
    public static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = text.utf8.startIndex
        let bytes = text.utf8
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index = bytes.index(after: index)
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inQuotes = true
            case UInt8(ascii: ","): endField()
            case UInt8(ascii: "\r"): break
            case UInt8(ascii: "\n"):
                endField()
                records.append(record)
                record.removeAll(keepingCapacity: true)
            default: field.append(byte)
            }
        }
        if !field.isEmpty || !record.isEmpty {
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
