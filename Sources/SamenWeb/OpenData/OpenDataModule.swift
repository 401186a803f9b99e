import Hummingbird
import SamenCore
import SamenStore

/// Open data: what may leave the team, as a Frictionless Data Package (ZIP with CSV files,
/// `datapackage.json`, a README codebook and DCAT metadata), from the page, the API and the
/// command line (`samen export open-data`).
enum OpenDataModule: FeatureModule {
    static let name = "opendata"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        OpenDataRoutes(services: services).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] { OpenDataRoutes.entries }

    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? {
        guard membership.role.allows(.runTrajectory) else { return nil }
        let page = OpenDataRoutes.page.link(membership.organisation.slug)
        return LayoutModel.NavItem(label: words("nav_open_data"), url: page, current: current.hasPrefix(page))
    }

    static var openAPIFragments: [String] { ["opendata.json"] }
}
