import Hummingbird
import SamenCore
import SamenStore

/// The organisations a person belongs to, and each organisation's overview.
struct OrganisationRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, Paths.home), { $0.home }),
            (RouteEntry(.get, Paths.organisations), { $0.list }),
            (RouteEntry(.post, Paths.organisations), { $0.create }),
            (RouteEntry(.get, "/o/:org"), { $0.overview }),
        ]
    }
    /// The organisation's own page (walked by the tenant-isolation test) and the person's list of organisations.
    static var organisationEntries: [RouteEntry] { entries.filter { $0.path.hasPrefix("/o/") } }
    static var accountEntries: [RouteEntry] { entries.filter { !$0.path.hasPrefix("/o/") } }

    @Sendable func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let user = context.user else {
            return .seeOther(try await services.accounts.users.count() == 0 ? Paths.setup : Paths.login)
        }
        let memberships = try await services.organisations.memberships(userID: user.id)
        if memberships.count == 1 { return .seeOther(Paths.organisation(memberships[0].organisation.slug)) }
        return .seeOther(Paths.organisations)
    }

    struct OrganisationItem {
        let name: String
        let url: String
        let role: String
    }

    struct ListBody {
        let items: [OrganisationItem]
        let isEmpty: Bool
        let canCreate: Bool
        let others: [OrganisationItem]
        let hasOthers: Bool
        let form: FormState
        let createPath = Paths.organisations
        let backupsPath = BackupRoutes.page.link()
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await listPage(request, context, form: renderer.form(context), status: .ok)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, form: FormState,
                          status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let memberships = try await services.organisations.memberships(userID: user.id)
        let items = memberships.map {
            OrganisationItem(name: $0.organisation.name, url: Paths.organisation($0.organisation.slug),
                             role: renderer.text("role_" + $0.role.rawValue, context))
        }
        var others: [OrganisationItem] = []
        if user.isSuperadmin {
            let mine = Set(memberships.map(\.organisation.id))
            others = try await services.organisations.all().filter { !mine.contains($0.id) }
                .map { OrganisationItem(name: $0.name, url: "", role: "") }
        }
        let body = ListBody(items: items, isEmpty: items.isEmpty, canCreate: user.isSuperadmin, others: others,
                            hasOthers: !others.isEmpty, form: form)
        return renderer.page("organisations", title: renderer.text("organisations_title", context), body: body,
                             request: request, context: context, status: status)
    }

    /// Superadmins create organisations and become their first administrator.
    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard user.isSuperadmin else { throw SamenError.forbidden }
        let form = try await request.form(context)
        let name = form["name"].trimmed
        let slug = form["slug"].trimmed.isEmpty ? IdentityRules.slug(from: name) : form["slug"].trimmed.lowercased()
        var errors: [SamenError] = []
        if name.isEmpty { errors.append(.validation("organisation_name_required", field: "name")) }
        if name.count > 120 { errors.append(.validation("name_too_long", field: "name")) }
        errors += IdentityRules.checkSlug(slug)
        do {
            try ValidationErrors.check(errors)
            let organisation = try await services.organisations.create(name: name, slug: slug, administratorID: user.id)
            return services.cookies.redirect(Paths.organisation(organisation.slug), notice: "notice_organisation_created")
        } catch let error as SamenError where error.kind == .conflict {
            errors = [error]
        } catch let failed as ValidationErrors {
            errors = failed.errors
        }
        return try await listPage(request, context, form: renderer.form(["name": form["name"], "slug": form["slug"]], errors: errors, context),
                                  status: .unprocessableContent)
    }

    struct OverviewBody {
        let name: String
        let role: String
        let memberCount: Int
        let membersURL: String
        let trajectoriesURL: String
        let canManage: Bool
        let roles: [RoleRow]
        let dashboard: OrganisationDashboard
        let conversationsURL: String
        let surveysURL: String
    }

    struct RoleRow {
        let role: String
        let count: Int
        let description: String
    }

    @Sendable func overview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let organisation = membership.organisation
        let members = try await services.organisations.members(organisationID: organisation.id)
        let roles = Role.allCases.reversed().map { role in
            RoleRow(role: renderer.text("role_" + role.rawValue, context), count: members.filter { $0.role == role }.count,
                    description: renderer.text("role_" + role.rawValue + "_description", context))
        }
        let body = OverviewBody(name: organisation.name, role: renderer.text("role_" + membership.role.rawValue, context),
                                memberCount: members.count, membersURL: Paths.members(organisation.slug),
                                trajectoriesURL: "/o/\(organisation.slug)/trajectories",
                                canManage: membership.role.allows(.manageMembers), roles: roles,
                                dashboard: try await OrganisationDashboard.load(services, membership, context),
                                conversationsURL: "/o/\(organisation.slug)/conversations", surveysURL: "/o/\(organisation.slug)/surveys")
        return renderer.page("organisation", title: organisation.name, body: body, request: request, context: context,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }
}

extension AppServices {
    /// The gate of every organisation route: the person must be logged in and a member
    /// of the organisation in the URL (else 404, so its existence is not revealed), and
    /// their role must allow the action (else 403).
    func membership(_ request: Request, _ context: AppRequestContext, for action: Action) async throws -> Membership {
        let user = try context.requireUser()
        let slug = try request.parameter("org", context)
        guard let membership = try await organisations.membership(userID: user.id, slug: slug) else {
            throw SamenError.notFound
        }
        try membership.role.require(action)
        return membership
    }

    /// The fixed entries; pages call the `Membership` variant below, which adds the modules' entries.
    private func organisationNav(_ organisation: Organisation, current: String, _ context: AppRequestContext) -> [LayoutModel.NavItem] {
        [
            .init(label: renderer.text("nav_organisations", context), url: Paths.organisations, current: current == Paths.organisations),
            .init(label: renderer.text("nav_overview", context), url: Paths.organisation(organisation.slug),
                  current: current == Paths.organisation(organisation.slug)),
            .init(label: renderer.text("nav_account", context), url: Paths.account, current: current == Paths.account),
        ]
    }

    /// The navigation for a member: the feature modules' entries (which may depend on the
    /// role, such as *Wijzigingen* for administrators) after the overview.
    func organisationNav(_ membership: Membership, current: String, _ context: AppRequestContext) -> [LayoutModel.NavItem] {
        var items = organisationNav(membership.organisation, current: current, context)
        items.insert(contentsOf: FeatureModules.navigation(membership, current: current, words: { renderer.text($0, context) }), at: 2)
        return items
    }
}
