/// The reports feature's URL shapes: the published versions of a trajectory's report, one
/// version, taking one back, deleting one, the public "U zei, wij deden" page and the API.
enum ReportsPath {
    static let list = TrajectoryPath.trajectory.appending("reports")
    static let report = list.appending(":report")
    static let withdraw = report.appending("withdraw")
    static let delete = report.appending("delete")
    static let publicPage = PathPattern("/u/:token")

    static let api = TrajectoryAPIRoutes.one.appending("reports")
    static let apiReport = api.appending(":report")
}
