/// A streaming CSV tokenizer over bytes (RFC 4180 plus what spreadsheets write: `,` or
/// `;` separators, CRLF or LF line ends, quoted fields with `""` escapes and line breaks).
///
/// Why hand-written rather than SwiftCSV or CSV.swift: the survey import must stream a
/// wave of a million respondents (≈ 35 million fields, ~100 MB) in seconds with bounded
/// memory. Those libraries decode the file into Swift `String`s per field (SwiftCSV
/// loads the whole file as one String first); here bytes are fed in fixed-size chunks,
/// one record at a time is kept, and numeric fields are parsed straight from the bytes.
struct CSVRecordTokenizer {
    let separator: UInt8
    /// The current record: the unescaped bytes of all its fields, and where each ends.
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []
    private var inQuotes = false
    private var quotePending = false
    private var fieldStart = true
    /// True while the unterminated record has any content.
    private var recordHasContent = false

    init(separator: UInt8) {
        self.separator = separator
        bytes.reserveCapacity(1024)
        ends.reserveCapacity(64)
    }

    static let quote = UInt8(ascii: "\"")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// Feeds a chunk; calls `record` for every complete record (its fields via `fieldRange(_:)`).
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, record: (inout CSVRecordTokenizer) -> Void) {
        for byte in chunk {
            if inQuotes {
                if quotePending {
                    quotePending = false
                    if byte == Self.quote {
                        bytes.append(byte)
                        continue
                    }
                    inQuotes = false
                    // fall through: the byte after a closing quote is read as unquoted
                } else if byte == Self.quote {
                    quotePending = true
                    continue
                } else {
                    bytes.append(byte)
                    continue
                }
            }
            switch byte {
            case separator:
                ends.append(bytes.count)
                fieldStart = true
                recordHasContent = true
            case Self.newline:
                ends.append(bytes.count)
                record(&self)
                reset()
            case Self.carriageReturn:
                continue
            case Self.quote where fieldStart:
                inQuotes = true
                fieldStart = false
                recordHasContent = true
            default:
                bytes.append(byte)
                fieldStart = false
                recordHasContent = true
            }
        }
    }

    /// Ends the input: emits a last record without a line end. Returns false when the
    /// file ends inside a quoted field.
    mutating func finish(record: (inout CSVRecordTokenizer) -> Void) -> Bool {
        if inQuotes && !quotePending { return false }
        if recordHasContent || !bytes.isEmpty {
            ends.append(bytes.count)
            record(&self)
        }
        reset()
        return true
    }

    private mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        inQuotes = false
        quotePending = false
        fieldStart = true
        recordHasContent = false
    }

    var fieldCount: Int { ends.count }

    /// True for a line with nothing on it.
    var isBlank: Bool { ends.count == 1 && ends[0] == 0 }

    func fieldRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    func string(_ index: Int) -> String? {
        String(validating: bytes[fieldRange(index)], as: UTF8.self)
    }

    /// Chooses `;` or `,` from the header line: whichever occurs more outside quotes (`;`
    /// on a tie, as Dutch spreadsheets write it).
    static func detectSeparator(_ head: some Sequence<UInt8>) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for byte in head {
            if byte == quote { quoted.toggle() }
            if quoted { continue }
            if byte == newline { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > 0 && semicolons >= commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }
}
