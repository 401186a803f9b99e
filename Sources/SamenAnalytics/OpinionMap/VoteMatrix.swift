/// One vote as recorded: who, on what, how, and when. Signs follow the export
/// convention: agree = +1, disagree = −1, pass = 0.
public struct VoteEvent: Sendable, Hashable {
    public var participant: Int
    public var statement: Int
    public var vote: Int
    /// Milliseconds (any monotone unit works); the latest vote per cell wins.
    public var timestamp: Double

    public init(participant: Int, statement: Int, vote: Int, timestamp: Double) {
        self.participant = participant
        self.statement = statement
        self.vote = vote
        self.timestamp = timestamp
    }
}

/// Participants × statements, one cell per latest vote.
///
/// Cells are stored row-major as `Int8` (−1, 0, +1, or `VoteMatrix.missing`)
/// so that a 100,000 × 5,000 conversation needs 500 MB rather than 4 GB of
/// doubles; numeric work fills and centres rows on the fly.
public struct VoteMatrix: Sendable, Equatable {
    /// Marker for "not voted".
    public static let missing: Int8 = .min

    /// Participant ids in order of their first vote.
    public let participants: [Int]
    /// Statement ids with at least one vote, ascending.
    public let statements: [Int]
    /// Row-major cells, `participants.count × statements.count`.
    public private(set) var cells: [Int8]

    public var rowCount: Int { participants.count }
    public var columnCount: Int { statements.count }

    public init(participants: [Int], statements: [Int], cells: [Int8]) {
        precondition(cells.count == participants.count * statements.count, "cell count mismatch")
        self.participants = participants
        self.statements = statements
        self.cells = cells
    }

    /// Builds the matrix from vote events: rows ordered by each participant's
    /// first vote (ties by id), the latest vote per cell kept (ties: the later event).
    ///
    /// Events are put in time order (stable, so ties keep their order) unless they are
    /// already, and then written cell by cell: the last write is the latest vote.
    public init(events: [VoteEvent]) {
        var ordered = true
        for i in events.indices.dropFirst() where events[i].timestamp < events[i - 1].timestamp {
            ordered = false
            break
        }
        let inTime = ordered ? events : events.enumerated()
            .sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
        // First vote per participant: their first event in time order.
        var firstSeen: [(time: Double, id: Int)] = []
        var seen = Set<Int>()
        var statementSet = Set<Int>()
        for event in inTime {
            if seen.insert(event.participant).inserted { firstSeen.append((event.timestamp, event.participant)) }
            statementSet.insert(event.statement)
        }
        let rows = firstSeen.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map(\.id)
        let columns = statementSet.sorted()
        let rowOf = IndexLookup(rows)
        let columnOf = IndexLookup(columns)
        let m = columns.count
        var cells = [Int8](repeating: Self.missing, count: rows.count * m)
        cells.withUnsafeMutableBufferPointer { buffer in
            for event in inTime {
                buffer[rowOf[event.participant] * m + columnOf[event.statement]] = Int8(clamping: event.vote.signum())
            }
        }
        self.init(participants: rows, statements: columns, cells: cells)
    }

    @inline(__always)
    public subscript(row: Int, column: Int) -> Int8 {
        cells[row * statements.count + column]
    }

    /// The cells of one row.
    public func row(_ row: Int) -> ArraySlice<Int8> {
        cells[(row * columnCount)..<((row + 1) * columnCount)]
    }

    /// Column indices of the given statement ids (ids without votes are ignored).
    public func columnIndices(of statementIDs: some Sequence<Int>) -> Set<Int> {
        let index = Dictionary(uniqueKeysWithValues: statements.enumerated().map { ($1, $0) })
        return Set(statementIDs.compactMap { index[$0] })
    }

    /// The matrix used for the map: every cell of a moderated-out statement
    /// becomes a pass, voted or not. The receiver stays untouched for counts.
    public func zeroingStatements(_ moderatedOut: some Sequence<Int>) -> VoteMatrix {
        let columns = columnIndices(of: moderatedOut)
        guard !columns.isEmpty else { return self }
        var copy = self
        copy.cells.withUnsafeMutableBufferPointer { buffer in
            for row in 0..<rowCount {
                for column in columns { buffer[row * columnCount + column] = 0 }
            }
        }
        return copy
    }

    /// Number of non-missing cells per row.
    public func voteCounts() -> [Int] {
        (0..<rowCount).map { row in self.row(row).reduce(0) { $0 + ($1 == Self.missing ? 0 : 1) } }
    }
}

/// Id → position, by array when the ids are small non-negative integers (the usual case),
/// else by dictionary.
struct IndexLookup {
    private let dense: [Int32]
    private let sparse: [Int: Int]

    init(_ ids: [Int]) {
        let largest = ids.max() ?? 0
        if (ids.min() ?? 0) >= 0 && largest < 4 * ids.count + 1024 {
            var dense = [Int32](repeating: -1, count: largest + 1)
            for (index, id) in ids.enumerated() { dense[id] = Int32(index) }
            self.dense = dense
            sparse = [:]
        } else {
            dense = []
            sparse = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        }
    }

    @inline(__always)
    subscript(_ id: Int) -> Int {
        dense.isEmpty ? sparse[id]! : Int(dense[id])
    }
}
