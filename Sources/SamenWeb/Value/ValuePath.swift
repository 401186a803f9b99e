/// The value feature's URL shapes: the register with its value map, and one record's edit and delete.
enum ValuePath {
    static let register = TrajectoryPath.trajectory.appending("value")
    static let fromHighlight = register.appending("from-highlight")
    static let record = register.appending("records/:record")
    static let recordEdit = record.appending("edit")
    static let recordDelete = record.appending("delete")
}

extension ValuePath {
    /// The SROI calculation of an impact map in the CSV template (nothing is stored).
    static let sroi = register.appending("sroi")
}
