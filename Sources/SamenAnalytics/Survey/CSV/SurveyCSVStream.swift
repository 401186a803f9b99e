/// A survey CSV read chunk by chunk as it arrives (an upload's body), into the same dense
/// columns and with the same all-or-nothing report as `SurveyCSVReader.read`. Only the
/// parsed columns are kept, never the file.
///
/// The first bytes are held back until there are enough to see the encoding, a byte-order
/// mark and the separator in the header line (a network chunk can be a few bytes long).
public struct SurveyCSVStream {
    private var parser: SurveyCSVReader.Parser
    private var head: [UInt8] = []
    private var headDone = false
    public private(set) var bytesRead: Int64 = 0

    /// How much of the start is gathered before the first bytes go to the parser.
    static let headSize = 64 * 1024

    public init(template: SurveyCSVTemplate) {
        parser = SurveyCSVReader.Parser(template: template)
    }

    /// True once the file cannot be read further (a wrong encoding): the rest can be skipped.
    public var stopped: Bool { parser.stopped }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        bytesRead += Int64(chunk.count)
        let bytes = chunk.bindMemory(to: UInt8.self)
        guard headDone else {
            head.append(contentsOf: bytes)
            if head.count >= Self.headSize || (head.count >= 4096 && head.contains(UInt8(ascii: "\n"))) { flushHead() }
            return
        }
        parser.feed(bytes)
    }

    private mutating func flushHead() {
        headDone = true
        let gathered = head
        head = []
        gathered.withUnsafeBufferPointer { parser.feed($0) }
    }

    public mutating func finish() throws(SurveyCSVError) -> SurveyCSVData {
        if !headDone { flushHead() }
        return try parser.finish()
    }
}
