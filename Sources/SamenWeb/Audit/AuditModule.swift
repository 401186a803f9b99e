import Hummingbird
import SamenCore
import SamenStore

/// The audit trail (*Wijzigingen*): who changed what and when, for administrators.
enum AuditModule: FeatureModule {
    static let name = "audit"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        AuditRoutes(services: services).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] { AuditRoutes.entries }

    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? {
        guard membership.role.allows(.manageOrganisation) else { return nil }
        let page = AuditRoutes.page.link(membership.organisation.slug)
        return LayoutModel.NavItem(label: words("nav_audit"), url: page, current: current.hasPrefix(page))
    }

    /// Migration 10 also adds the row versions every feature's records carry.
    static var migrations: [Migration] { [.writeSide] }
    static var openAPIFragments: [String] { ["audit.json"] }
}
