import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The people of one organisation and their roles. Viewing needs any role; changing
/// needs the administrator role.
struct MemberRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var writes: MemberWrites { MemberWrites(database: services.database, accounts: services.accounts) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (MemberPath.list.get, { $0.list }), (MemberPath.list.post, { $0.add }), (MemberPath.member.get, { $0.detail }),
            (MemberPath.role.post, { $0.changeRole }), (MemberPath.remove.get, { $0.removeForm }), (MemberPath.remove.post, { $0.remove }),
        ]
    }

    /// The web form as plain input; the rules (a name only for a new account) are the use-case's.
    static func input(_ form: FormData) -> MemberInput {
        MemberInput(email: form["email"], displayName: form["display_name"], role: form["role"], password: form["password"])
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
        let errors: [SamenError]
        do {
            _ = try await writes.add(try RecordFlow.actor(membership, context), Self.input(form))
            return services.cookies.redirect(Paths.members(membership.organisation.slug), notice: "notice_member_added")
        } catch let error as SamenError where error.kind == .conflict || error.kind == .validation {
            errors = [error]
        } catch let failed as ValidationErrors {
            errors = failed.errors
        }
        let values = ["email": form["email"], "display_name": form["display_name"], "role": form["role"]]
        return try await listPage(request, context, membership: membership, form: renderer.form(values, errors: errors, labels: ["role": renderer.text("column_role", context)], context),
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
        let version: String
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
            backPath: Paths.members(slug), version: String(member.version), form: renderer.form(errors: errors, labels: ["role": renderer.text("column_role", context)], context))
        return renderer.page("member", title: member.user.displayName, body: body, request: request, context: context,
                             status: status, nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    /// A stale version (someone changed the role meanwhile) shows the page again with the role as stored now.
    @Sendable func changeRole(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageMembers)
        let member = try await member(request, context, membership)
        let form = try await request.form(context)
        do {
            _ = try await writes.changeRole(try RecordFlow.actor(membership, context), userID: member.user.id, role: form["role"],
                                            expected: RecordForm.version(form["version"]))
        } catch let error as SamenError where error.kind == .conflict || error.kind == .stale {
            let now = try await self.member(request, context, membership)
            return detailPage(request, context, membership: membership, member: now, errors: [error], status: .conflict)
        } catch let failed as ValidationErrors {
            return detailPage(request, context, membership: membership, member: member, errors: failed.errors, status: .unprocessableContent)
        }
        return services.cookies.redirect(Paths.member(membership.organisation.slug, member.user.id), notice: "notice_saved")
    }

    @Sendable func removeForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageMembers)
        let member = try await member(request, context, membership)
        let slug = membership.organisation.slug
        return RecordFlow.organisation(services, request, context, membership, canDelete: true).deletePage(
            context, heading: renderer.text("member_remove_title", context), name: member.user.displayName, impact: DeletionImpact([]),
            action: MemberPath.remove.link(slug, member.user.id), back: MemberPath.member.link(slug, member.user.id), version: member.version)
    }

    /// The confirmed removal; the last administrator is refused on the confirmation page (409).
    @Sendable func remove(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageMembers)
        let member = try await member(request, context, membership)
        let slug = membership.organisation.slug
        let actor = try RecordFlow.actor(membership, context)
        return try await RecordFlow.organisation(services, request, context, membership, canDelete: true).confirmDelete(
            request, context, heading: renderer.text("member_remove_title", context), name: member.user.displayName,
            action: MemberPath.remove.link(slug, member.user.id), back: MemberPath.member.link(slug, member.user.id),
            done: MemberPath.list.link(slug), impact: { DeletionImpact([]) },
            reload: { try await services.organisations.member(organisationID: membership.organisation.id, userID: member.user.id)?.version },
            delete: { try await writes.remove(actor, userID: member.user.id, expected: $0) })
    }
}

/// The member pages' URL shapes.
enum MemberPath {
    static let list = PathPattern("/o/:org/members")
    static let member = list.appending(":user")
    static let role = member.appending("role")
    static let remove = member.appending("remove")
    static let api = PathPattern("/api/v1/organisations/:org/members")
    static let apiOne = api.appending(":user")
}
