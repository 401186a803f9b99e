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

extension ValuePath {
    /// The register in the JSON API.
    static let apiRecords = TrajectoryAPIRoutes.one.appending("value-records")
    static let apiRecord = apiRecords.appending(":record")
}

extension ValuePath {
    /// Outcomes and indicators per intervention, with their measurements.
    static let outcomes = register.appending("outcomes")
    static let outcome = outcomes.appending(":outcome")
    static let outcomeEdit = outcome.appending("edit")
    static let outcomeDelete = outcome.appending("delete")
    static let measurements = outcome.appending("measurements")
    static let measurementEdit = measurements.appending(":measurement/edit")
    static let measurementDelete = measurements.appending(":measurement/delete")

    static let apiOutcomes = TrajectoryAPIRoutes.one.appending("value-outcomes")
    static let apiOutcome = apiOutcomes.appending(":outcome")
    static let apiMeasurements = apiOutcome.appending("measurements")
    static let apiMeasurement = apiMeasurements.appending(":measurement")
}
