import Hummingbird
import SamenCore
import SamenStore

/// The organisation's team: members and their roles (web; the API's member routes are in `APIRoutes`).
enum MembersModule: FeatureModule {
    static let name = "members"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        MemberRoutes(services: services).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] { MemberRoutes.entries }

    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? {
        let list = Paths.members(membership.organisation.slug)
        return LayoutModel.NavItem(label: words("nav_members"), url: list, current: current.hasPrefix(list))
    }

    /// The members' words live in `core.json` with the accounts they belong to.
    static var localeFiles: [String] { [] }
}
