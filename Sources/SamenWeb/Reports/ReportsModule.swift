import Hummingbird
import SamenCore
import SamenStore

/// Trajectory reports per phase and at the end, published as frozen versions, and the
/// public "U zei, wij deden" page of a shared version. Other features add report sections
/// through `ReportSnapshotBuilder.sections`.
enum ReportsModule: FeatureModule {
    static let name = "reports"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let t = TrajectoryContext(services: services)
        TrajectoryReportRoutes(t: t).register(on: router)
        ReportsAPIRoutes(t: t).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] { TrajectoryReportRoutes.organisationEntries + ReportsAPIRoutes.entries }
    static var publicRoutes: [RouteEntry] { TrajectoryReportRoutes.publicEntries }
    static var trajectoryTabs: [(String, String)] { [("/reports", "trajectory_tab_reports")] }
    static var migrations: [Migration] { [.trajectoryReports] }

    /// One published, shared report on the demo trajectory.
    static func loadDemo(_ demo: DemoContext) async throws {
        guard let trajectory = try await TrajectoryStore(database: demo.database).list(organisationID: demo.organisationID).first,
              let organisation = try await OrganisationStore(database: demo.database).all().first(where: { $0.id == demo.organisationID }) else { return }
        _ = try await TrajectoryReportWrites(database: demo.database).publish(
            demo.actor, organisation: organisation, trajectory: trajectory, scope: trajectory.currentPhase.rawValue,
            title: "Tussenstand: " + trajectory.title, share: true)
    }

    static var localeFiles: [String] { ["reports.json"] }
    static var openAPIFragments: [String] { ["reports.json"] }
}
