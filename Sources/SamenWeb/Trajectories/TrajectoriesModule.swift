import Hummingbird
import SamenCore
import SamenStore

/// Trajectories and participation: phases, activities, stakeholders, participants,
/// participation records, decisions, representation and the advisor.
enum TrajectoriesModule: FeatureModule {
    static let name = "trajectories"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let t = TrajectoryContext(services: services)
        TrajectoryRoutes(t: t).register(on: router)
        TrajectoryOverviewRoutes(t: t).register(on: router)
        ActivityRoutes(t: t).register(on: router)
        ActivityEditRoutes(t: t).register(on: router)
        StakeholderRoutes(t: t).register(on: router)
        RegisterEditRoutes(t: t).register(on: router)
        RepresentationRoutes(t: t).register(on: router)
        TrajectoryDataRoutes(t: t).register(on: router)
        TrajectoryAPIRoutes(t: t).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] {
        TrajectoryRoutes.entries + TrajectoryOverviewRoutes.entries + ActivityRoutes.entries + ActivityEditRoutes.entries
            + StakeholderRoutes.entries + RegisterEditRoutes.entries + RepresentationRoutes.entries + TrajectoryDataRoutes.entries
            + TrajectoryAPIRoutes.entries
    }

    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? {
        let list = TrajectoryPath.list.link(membership.organisation.slug)
        return LayoutModel.NavItem(label: words("nav_trajectories"), url: list, current: current.hasPrefix(list))
    }

    static var migrations: [Migration] { [.trajectories] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await DemoTrajectories.load(database: demo.database, organisationID: demo.organisationID, owner: demo.actor.displayName)
        try await DemoTrajectories.corrections(database: demo.database, actor: demo.actor)
    }

    static let trajectoryExports = ["stakeholders", "participants", "participation"]

    /// Codes and groups only, never names of people: participants are known by their code.
    static func trajectoryTable(_ name: String, _ c: ExportContext) async throws -> ExportTable? {
        let org = c.membership.organisation.id, store = c.t.participation, id = c.trajectory.id
        switch name {
        case "stakeholders":
            let rows = try await store.stakeholders(organisationID: org, trajectoryID: id).map { s in
                [s.name, s.group.rawValue, s.required ? "1" : "0", s.hardToReach ? "1" : "0", s.lowDigitalSkills ? "1" : "0",
                 s.languageNeeds ? "1" : "0", s.power.map(String.init) ?? "", s.interest.map(String.init) ?? "",
                 s.quadrant?.rawValue ?? "", s.positionDate ?? ""]
            }
            return ExportTable(header: ["name", "group", "required", "hard_to_reach", "low_digital_skills", "language_needs", "power",
                                        "interest", "quadrant", "position_date"], rows: rows)
        case "participants":
            let rows = try await store.participants(organisationID: org, trajectoryID: id).map {
                [$0.code, $0.group.rawValue, $0.vulnerable ? "1" : "0", $0.ageBand, $0.district]
            }
            return ExportTable(header: ["code", "group", "vulnerable", "age_band", "district"], rows: rows)
        case "participation":
            let people = Dictionary(try await store.participants(organisationID: org, trajectoryID: id).map { ($0.id, $0) },
                                    uniquingKeysWith: { a, _ in a })
            let activities = Dictionary(try await store.activities(organisationID: org, trajectoryID: id).map { ($0.id, $0) },
                                        uniquingKeysWith: { a, _ in a })
            let rows = try await store.participations(organisationID: org, trajectoryID: id).map { p in
                let a = activities[p.activityID]
                return [a?.date ?? "", a?.title ?? "", a?.phase.rawValue ?? "", a?.kind.rawValue ?? "", people[p.participantID]?.code ?? "",
                        people[p.participantID]?.group.rawValue ?? "", p.role, p.consent.rawValue, String(p.contributions)]
            }
            return ExportTable(header: ["activity_date", "activity", "phase", "kind", "participant_code", "group", "role", "consent",
                                        "contributions"], rows: rows)
        default:
            return nil
        }
    }

    static var localeFiles: [String] { ["trajectories.json", "writes.json"] }
    static var openAPIFragments: [String] { ["trajectories.json", "trajectory-records.json"] }
}
