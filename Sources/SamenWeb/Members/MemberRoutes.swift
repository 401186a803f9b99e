import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The people of one organisation and their roles. Viewing needs any role; changing
/// needs the administrator role.
struct MemberRoutes {
    let services: AppServices
    var renderer: Renderer { services.renderer }

    static let entries = [
        RouteEntry(.get, "/o/:org/members"),
        RouteEntry(.post, "/o/:org/members"),
        RouteEntry(.get, "/o/:org/members/:user"),
        RouteEntry(.post, "/o/:org/members/:user/role"),
        RouteEntry(.post, "/o/:org/members/:user/remove"),
    ]

    func register(on router: Router<AppRequestContext>) {
        router.register(Array(zip(Self.entries, [list, add, detail, changeRole, remove] as [Handler])))
    }

    struct MemberRow {
        let name: String
        let email: String
        let role: String
        let url: String
        let since: String
    }

    struct RoleOption {
        let value: String
        let label: String
        let selected: Bool
    }

    struct ListBody {
        let organisation: String
        let members: [MemberRow]
        let canManage: Bool
        let form: FormState
        let roles: [RoleOption]
        let addPath: String
    }

    func roleOptions(selected: String, _ context: AppRequestContext) -> [RoleOption] {
        Role.allCases.map { RoleOption(value: $0.rawValue, label: renderer.text("role_" + $0.rawValue, context), selected: $0.rawValue == selected) }
    }

    static func date(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewMembers)
        return try await listPage(request, context, membership: membership, form: renderer.form(["role": "member"], context), status: .ok)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, membership: Membership, form: FormState,
                          status: HTTPResponse.Status) async throws -> Response {
        let organisation = membership.organisation
        let members = try await services.organisations.members(organisationID: organisation.id)
        let rows = members.map {
            MemberRow(name: $0.user.displayName, email: $0.user.email, role: renderer.text("role_" + $0.role.rawValue, context),
                      url: Paths.member(organisation.slug, $0.user.id), since: Self.date($0.since))
        }
        let body = ListBody(organisation: organisation.name, members: rows, canManage: membership.role.allows(.manageMembers),
                            form: form, roles: roleOptions(selected: form.fields["role"]?.value ?? "member", context),
                            addPath: Paths.members(organisation.slug))
        return renderer.page("members", title: renderer.text("members_title", context) + " – " + organisation.name, body: body,
                             request: request, context: context, status: status,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    @Sendable func add(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageMembers)
        let form = try await request.form(context)
        let email = IdentityRules.normalisedEmail(form["email"])
        var errors = IdentityRules.checkEmail(email) + IdentityRules.checkDisplayName(form["display_name"])
        var role = Role.member
        switch IdentityRules.checkRole(form["role"]) {
        case .success(let chosen): role = chosen
        case .failure(let error): errors.append(error)
        }
        let password = form["password"]
        if !password.isEmpty { errors += IdentityRules.checkPassword(password) }
        do {
            try ValidationErrors.check(errors)
            let existing = try await services.accounts.users.user(email: email)
            let hash: String? = existing == nil && !password.isEmpty ? try await services.accounts.hash(password) : nil
            _ = try await services.organisations.addMember(organisationID: membership.organisation.id, email: email,
                                                           displayName: form["display_name"].trimmed, passwordHash: hash, role: role)
            return services.cookies.redirect(Paths.members(membership.organisation.slug), notice: "notice_member_added")
        } catch let error as SamenError where error.kind == .conflict || error.kind == .validation {
            errors = [error]
        } catch let failed as ValidationErrors {
            errors = failed.errors
        }
        let values = ["email": form["email"], "display_name": form["display_name"], "role": form["role"]]
        return try await listPage(request, context, membership: membership, form: renderer.form(values, errors: errors, context),
                                  status: .unprocessableContent)
    }

    struct DetailBody {
        let name: String
        let email: String
        let role: String
        let since: String
        let canManage: Bool
        let isSelf: Bool
        let roles: [RoleOption]
        let rolePath: String
        let removePath: String
        let backPath: String
        let form: FormState
    }

    private func member(_ request: Request, _ context: AppRequestContext, _ membership: Membership) async throws -> Member {
        let userID = try request.parameter("user", context)
        guard let member = try await services.organisations.member(organisationID: membership.organisation.id, userID: userID) else {
            throw SamenError.notFound
        }
        return member
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewMembers)
        let member = try await member(request, context, membership)
        return detailPage(request, context, membership: membership, member: member, errors: [], status: .ok)
    }

    private func detailPage(_ request: Request, _ context: AppRequestContext, membership: Membership, member: Member,
                            errors: [SamenError], status: HTTPResponse.Status) -> Response {
        let slug = membership.organisation.slug
        let body = DetailBody(
            name: member.user.displayName, email: member.user.email, role: renderer.text("role_" + member.role.rawValue, context),
            since: Self.date(member.since), canManage: membership.role.allows(.manageMembers),
            isSelf: member.user.id == context.user?.id, roles: roleOptions(selected: member.role.rawValue, context),
            rolePath: Paths.memberRole(slug, member.user.id), removePath: Paths.memberRemove(slug, member.user.id),
            backPath: Paths.members(slug), form: renderer.form(errors: errors, context))
        return renderer.page("member", title: member.user.displayName, body: body, request: request, context: context,
                             status: status, nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    @Sendable func changeRole(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageMembers)
        let member = try await member(request, context, membership)
        let form = try await request.form(context)
        do {
            let role = try IdentityRules.checkRole(form["role"]).get()
            try await services.organisations.setRole(organisationID: membership.organisation.id, userID: member.user.id, role: role)
        } catch let error as SamenError where error.kind == .conflict || error.kind == .validation {
            return detailPage(request, context, membership: membership, member: member, errors: [error], status: error.kind == .conflict ? .conflict : .unprocessableContent)
        }
        return services.cookies.redirect(Paths.member(membership.organisation.slug, member.user.id), notice: "notice_saved")
    }

    @Sendable func remove(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageMembers)
        let member = try await member(request, context, membership)
        do {
            try await services.organisations.removeMember(organisationID: membership.organisation.id, userID: member.user.id)
        } catch let error as SamenError where error.kind == .conflict {
            return detailPage(request, context, membership: membership, member: member, errors: [error], status: .conflict)
        }
        return services.cookies.redirect(Paths.members(membership.organisation.slug), notice: "notice_member_removed")
    }
}
