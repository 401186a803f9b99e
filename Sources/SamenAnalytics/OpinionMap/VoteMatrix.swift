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
    public init(events: [VoteEvent]) {
        self.init(events: events, latestTimeCellLimit: Self.latestTimeCellLimit)
    }

    /// `latestTimeCellLimit` chooses between a time per cell and a sort for unordered events.
    init(events: [VoteEvent], latestTimeCellLimit: Int) {
        var participantSet = IDSet(for: events.lazy.map(\.participant))
        var statementSet = IDSet(for: events.lazy.map(\.statement))
        for event in events {
            _ = participantSet.insert(event.participant)
            _ = statementSet.insert(event.statement)
        }
        let ids = participantSet.sorted()
        let idIndex = IndexLookup(ids)
        var firstVote = [Double](repeating: .infinity, count: ids.count)
        for event in events {
            let i = idIndex[event.participant]
            firstVote[i] = min(firstVote[i], event.timestamp)
        }
        let rows = ids.indices.sorted { (firstVote[$0], ids[$0]) < (firstVote[$1], ids[$1]) }.map { ids[$0] }
        let columns = statementSet.sorted()
        let rowOf = IndexLookup(rows)
        let columnOf = IndexLookup(columns)
        let m = columns.count
        var cells = [Int8](repeating: Self.missing, count: rows.count * m)
        cells.withUnsafeMutableBufferPointer { buffer in
            events.withUnsafeBufferPointer { e in
                @inline(__always) func cell(_ event: VoteEvent) -> Int { rowOf[event.participant] * m + columnOf[event.statement] }
                if Self.inTimeOrder(events) {
                    // The usual case (events read back in time order): the last write is the latest vote.
                    for event in e { buffer[cell(event)] = Int8(clamping: event.vote.signum()) }
                } else if buffer.count <= latestTimeCellLimit {
                    // Keep the latest time per cell instead of sorting (`>=`: a tie goes to the later event).
                    var latest = [Double](repeating: -.infinity, count: buffer.count)
                    for event in e {
                        let index = cell(event)
                        if event.timestamp >= latest[index] {
                            latest[index] = event.timestamp
                            buffer[index] = Int8(clamping: event.vote.signum())
                        }
                    }
                } else {
                    for index in Self.timeOrder(events) {
                        let event = e[Int(index)]
                        buffer[cell(event)] = Int8(clamping: event.vote.signum())
                    }
                }
            }
        }
        self.init(participants: rows, statements: columns, cells: cells)
    }

    /// Above this many cells an unordered event list is sorted rather than given a
    /// time per cell (8 bytes a cell: 128 MB here).
    static let latestTimeCellLimit = 16_000_000

    static func inTimeOrder(_ events: [VoteEvent]) -> Bool {
        for i in events.indices.dropFirst() where events[i].timestamp < events[i - 1].timestamp { return false }
        return true
    }

    /// Event indices in time order, ties in input order. Sorting 4-byte indices on a
    /// key array is several times faster than sorting the events themselves.
    static func timeOrder(_ events: [VoteEvent]) -> [Int32] {
        let times = events.map(\.timestamp)
        var order = (0..<Int32(events.count)).map { $0 }
        times.withUnsafeBufferPointer { t in
            order.sort { a, b in
                let ta = t[Int(a)], tb = t[Int(b)]
                return ta < tb || (ta == tb && a < b)
            }
        }
        return order
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

    /// Whether `count` ids between `low` and `high` are few enough gaps for an array
    /// indexed by id (at most about four slots per id); the same rule for `IDSet`.
    static func arrayFits(low: Int, high: Int, count: Int) -> Bool {
        low >= 0 && high < 4 * count + 1024
    }

    init(_ ids: [Int]) {
        let largest = ids.max() ?? 0
        if Self.arrayFits(low: ids.min() ?? 0, high: largest, count: ids.count) {
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

/// A set of ids: a flag array when the ids are small non-negative integers (the usual
/// case, and several times faster than hashing), else a hash set.
struct IDSet {
    private var flags: [Bool]
    private var hashed: Set<Int> = []
    private let dense: Bool

    /// Sized for the ids of `sample` (any id outside that range must not be inserted).
    init(for sample: some Sequence<Int>) {
        var low = Int.max, high = Int.min, count = 0
        for id in sample {
            low = min(low, id)
            high = max(high, id)
            count += 1
        }
        dense = count > 0 && IndexLookup.arrayFits(low: low, high: high, count: count)
        flags = dense ? [Bool](repeating: false, count: high + 1) : []
    }

    /// True the first time `id` is inserted.
    @inline(__always)
    mutating func insert(_ id: Int) -> Bool {
        guard dense else { return hashed.insert(id).inserted }
        if flags[id] { return false }
        flags[id] = true
        return true
    }

    /// The members, ascending.
    func sorted() -> [Int] {
        dense ? flags.indices.filter { flags[$0] } : hashed.sorted()
    }
}
