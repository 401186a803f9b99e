extension Array {
    /// The array cut into consecutive pieces of at most `size` (the last may be shorter): lists
    /// of ids are bound in pieces so one statement stays under SQLite's limit of bound values.
    func boundSlices(of size: Int = 500) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}
