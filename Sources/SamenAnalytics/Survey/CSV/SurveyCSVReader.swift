import Foundation

/// Reads a survey CSV in the documented template into dense columns, all or nothing:
/// every problem is collected (row, column, reason) and the file is refused if there is one.
public enum SurveyCSVReader {
    public static func read(path: String, template: SurveyCSVTemplate,
                            progress: ((_ bytesRead: Int64, _ totalBytes: Int64) -> Void)? = nil) throws(SurveyCSVError) -> SurveyCSVData {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SurveyCSVError(issues: [SurveyCSVIssue(row: 0, column: nil, code: "unreadable", value: path)], totalCount: 1)
        }
        defer { try? handle.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        var parser = Parser(template: template)
        var read: Int64 = 0
        while true {
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty { break }
            read += Int64(data.count)
            data.withUnsafeBytes { parser.feed($0.bindMemory(to: UInt8.self)) }
            progress?(read, total)
            if parser.stopped { break }
        }
        return try parser.finish()
    }

    public static func read(bytes: [UInt8], template: SurveyCSVTemplate) throws(SurveyCSVError) -> SurveyCSVData {
        var parser = Parser(template: template)
        bytes.withUnsafeBufferPointer { parser.feed($0) }
        return try parser.finish()
    }

    public static func read(text: String, template: SurveyCSVTemplate) throws(SurveyCSVError) -> SurveyCSVData {
        try read(bytes: Array(text.utf8), template: template)
    }

    enum Role {
        case need(Int)
        case experience(Int)
        case segment(Int)
        case score(String)
        case ignored
    }

    struct Parser {
        let template: SurveyCSVTemplate
        var tokenizer: CSVRecordTokenizer?
        var started = false
        var stopped = false
        var row = 0
        var header: [String] = []
        var roles: [Role] = []
        var items: [SurveyCSVItem] = []
        var need: [[Double]] = []
        var experience: [[Double]] = []
        var segmentNames: [String] = []
        var segmentIndex: [[String: Int32]] = []
        var segmentLevels: [[String]] = []
        var segmentValues: [[Int32]] = []
        var scores: [String: [Double]] = [:]
        var rowCount = 0
        var issues: [SurveyCSVIssue] = []
        var issueCount = 0

        init(template: SurveyCSVTemplate) { self.template = template }

        mutating func issue(_ row: Int, _ column: String?, _ code: String, _ value: String? = nil) {
            issueCount += 1
            if issues.count < SurveyCSVError.listedLimit { issues.append(SurveyCSVIssue(row: row, column: column, code: code, value: value)) }
        }

        mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
            guard !stopped, !chunk.isEmpty else { return }
            var body = chunk
            if !started {
                started = true
                if chunk.starts(with: [0xFF, 0xFE]) || chunk.starts(with: [0xFE, 0xFF]) || chunk.prefix(4096).contains(0) {
                    issue(0, nil, "encoding")
                    stopped = true
                    return
                }
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { body = UnsafeBufferPointer(rebasing: chunk[3...]) }
                tokenizer = CSVRecordTokenizer(separator: CSVRecordTokenizer.detectSeparator(body))
            }
            guard var current = tokenizer else { return }
            tokenizer = nil // keep the buffers uniquely referenced while feeding
            current.feed(body) { record in self.record(record) }
            tokenizer = current
        }

        mutating func finish() throws(SurveyCSVError) -> SurveyCSVData {
            if !stopped, var current = tokenizer {
                tokenizer = nil
                if !current.finish(record: { record in self.record(record) }) { issue(row + 1, nil, "unterminated_quote") }
            }
            if !stopped && header.isEmpty { issue(0, nil, "empty_file") }
            if !stopped && !header.isEmpty && rowCount == 0 && issueCount == 0 { issue(0, nil, "no_rows") }
            guard issueCount == 0 else { throw SurveyCSVError(issues: issues, totalCount: issueCount) }
            let segments = segmentNames.indices.map {
                SurveySegmentVariable(name: segmentNames[$0], levels: segmentLevels[$0], levelIndices: segmentValues[$0])
            }
            return SurveyCSVData(rowCount: rowCount, items: items, need: need, experience: experience,
                                 segments: segments, scores: scores)
        }

        mutating func record(_ record: CSVRecordTokenizer) {
            row += 1
            if header.isEmpty && row == 1 {
                readHeader(record)
                return
            }
            if record.isBlank || stopped { return }
            guard record.fieldCount == header.count else {
                issue(row, nil, "field_count", "\(record.fieldCount)/\(header.count)")
                return
            }
            rowCount += 1
            record.bytes.withUnsafeBufferPointer { bytes in
                for (index, role) in roles.enumerated() {
                    let range = record.fieldRange(index)
                    switch role {
                    case .need(let item):
                        need[item].append(answer(bytes, range, column: index, bounds: template.scale.minimum...template.scale.maximum))
                    case .experience(let item):
                        experience[item].append(answer(bytes, range, column: index, bounds: template.scale.minimum...template.scale.maximum))
                    case .score(let name):
                        scores[name, default: []].append(answer(bytes, range, column: index, bounds: SurveyCSVTemplate.scoreRanges[name]!))
                    case .segment(let segment):
                        segmentValues[segment].append(level(record, index, segment: segment))
                    case .ignored:
                        break
                    }
                }
            }
        }

        /// A number on the scale from the bytes of one field; NaN when missing.
        mutating func answer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, column: Int,
                             bounds: ClosedRange<Double>) -> Double {
            var start = range.lowerBound
            var end = range.upperBound
            while start < end && (bytes[start] == 32 || bytes[start] == 9) { start += 1 }
            while end > start && (bytes[end - 1] == 32 || bytes[end - 1] == 9) { end -= 1 }
            if start == end { return .nan }
            var value = 0.0
            var negative = false
            var position = start
            if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
                negative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            var digits = 0
            var fraction = 0.0
            var scale = 1.0
            var sawPoint = false
            var valid = position < end
            while position < end {
                let byte = bytes[position]
                if byte >= 48 && byte <= 57 {
                    digits += 1
                    if sawPoint {
                        scale /= 10
                        fraction += Double(byte - 48) * scale
                    } else {
                        value = value * 10 + Double(byte - 48)
                    }
                } else if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")) && !sawPoint {
                    sawPoint = true
                } else {
                    valid = false
                    break
                }
                position += 1
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            guard valid && digits > 0 else {
                if Self.missingWords.contains(text.lowercased()) { return .nan }
                issue(row, header[column], "not_a_number", text)
                return .nan
            }
            value = (value + fraction) * (negative ? -1 : 1)
            if !bounds.contains(value) {
                issue(row, header[column], "outside_scale", text)
                return .nan
            }
            return value
        }

        static let missingWords: Set<String> = [
            "na", "n/a", "-", "?", "weet ik niet", "weet niet", "wn", "dk", "don't know", "dont know", "don’t know",
        ]

        /// Recently seen raw field bytes per segment column and their level, so the common
        /// case (a handful of distinct answers in a million rows) makes no String at all.
        var segmentSeen: [[([UInt8], Int32)]] = []

        mutating func level(_ record: CSVRecordTokenizer, _ index: Int, segment: Int) -> Int32 {
            let range = record.fieldRange(index)
            if segment < segmentSeen.count {
                for (bytes, level) in segmentSeen[segment] where bytes.count == range.count {
                    if record.bytes.withUnsafeBufferPointer({ bytes.elementsEqual($0[range]) }) { return level }
                }
            } else {
                segmentSeen.append(contentsOf: Array(repeating: [], count: segment + 1 - segmentSeen.count))
            }
            let issuesBefore = issueCount
            let level = slowLevel(record, index, segment: segment)
            if issueCount == issuesBefore && segmentSeen[segment].count < 64 {
                segmentSeen[segment].append((Array(record.bytes[range]), level))
            }
            return level
        }

        mutating func slowLevel(_ record: CSVRecordTokenizer, _ index: Int, segment: Int) -> Int32 {
            guard let raw = record.string(index) else {
                issue(row, header[index], "encoding")
                return SurveySegmentVariable.missing
            }
            let value = raw.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { return SurveySegmentVariable.missing }
            if let known = segmentIndex[segment][value] { return known }
            let name = segmentNames[segment]
            if let allowed = template.segmentLevels[name] {
                if let position = allowed.firstIndex(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) {
                    segmentIndex[segment][value] = Int32(position)
                    return Int32(position)
                }
                issue(row, header[index], "unknown_level", value)
                return SurveySegmentVariable.missing
            }
            let next = Int32(segmentLevels[segment].count)
            segmentLevels[segment].append(value)
            segmentIndex[segment][value] = next
            return next
        }
    }
}
