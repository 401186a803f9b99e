import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The JSON API under /api/v1, authenticated with personal API tokens (Bearer). Every
/// route here is described in `Resources/openapi.json`; a test keeps the two in step.
struct APIRoutes: RouteGroup {
    let services: AppServices

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, Paths.openAPI), { $0.openAPI }),
            (RouteEntry(.get, "/api/v1/me"), { $0.me }),
            (RouteEntry(.get, "/api/v1/organisations"), { $0.organisations }),
            (RouteEntry(.get, "/api/v1/organisations/:org"), { $0.organisation }),
            (RouteEntry(.get, "/api/v1/organisations/:org/members"), { $0.members }),
            (RouteEntry(.post, "/api/v1/organisations/:org/members"), { $0.addMember }),
            (RouteEntry(.patch, "/api/v1/organisations/:org/members/:user"), { $0.changeMember }),
            (RouteEntry(.delete, "/api/v1/organisations/:org/members/:user"), { $0.removeMember }),
        ]
    }
    /// The routes inside an organisation, for the tenant-isolation walk.
    static var organisationEntries: [RouteEntry] { entries.filter { $0.path.hasPrefix("/api/v1/organisations/:org") } }

    struct OrganisationJSON: Encodable {
        let id: String
        let slug: String
        let name: String
        let role: String?
    }

    struct MemberJSON: Encodable {
        let id: String
        let email: String
        let displayName: String
        let role: String
        let version: Int
    }

    struct MeJSON: Encodable {
        let id: String
        let email: String
        let displayName: String
        let locale: String
        let organisations: [OrganisationJSON]
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppRequestContext) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw SamenError("unsupported_media_type", kind: .badRequest)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch {
            throw SamenError("malformed_json", kind: .badRequest)
        }
    }

    @Sendable func openAPI(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: services.openAPIDocument))
    }

    @Sendable func me(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let memberships = try await services.organisations.memberships(userID: user.id)
        return try Self.json(MeJSON(id: user.id, email: user.email, displayName: user.displayName, locale: user.locale.rawValue,
                                    organisations: memberships.map(Self.organisationJSON)))
    }

    static func organisationJSON(_ membership: Membership) -> OrganisationJSON {
        OrganisationJSON(id: membership.organisation.id, slug: membership.organisation.slug,
                         name: membership.organisation.name, role: membership.role.rawValue)
    }

    static func memberJSON(_ member: Member) -> MemberJSON {
        MemberJSON(id: member.user.id, email: member.user.email, displayName: member.user.displayName, role: member.role.rawValue,
                   version: member.version)
    }

    @Sendable func organisations(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let memberships = try await services.organisations.memberships(userID: user.id)
        return try Self.json(["organisations": memberships.map(Self.organisationJSON)])
    }

    @Sendable func organisation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        return try Self.json(Self.organisationJSON(membership))
    }

    @Sendable func members(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewMembers)
        let members = try await services.organisations.members(organisationID: membership.organisation.id)
        return try Self.json(["members": members.map(Self.memberJSON)])
    }

    /// A new member: `display_name` and `password` are needed only when the e-mail has no account yet.
    struct NewMemberJSON: Decodable {
        let email: String
        let displayName: String?
        let role: String?
        let password: String?
    }
    var writes: MemberWrites { MemberWrites(database: services.database, accounts: services.accounts) }
    func memberActor(_ request: Request, _ context: AppRequestContext) async throws -> WriteActor {
        try RecordFlow.actor(try await services.membership(request, context, for: .manageMembers), context)
    }
    @Sendable func addMember(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let actor = try await memberActor(request, context)
        let body = try await APIWrites.decode(NewMemberJSON.self, request, context)
        let member = try await writes.add(actor, MemberInput(email: body.email, displayName: body.displayName ?? "",
                                                             role: body.role ?? Role.member.rawValue, password: body.password ?? ""))
        return try APIWrites.json(Self.memberJSON(member), version: member.version, status: .created)
    }
    struct MemberChangeJSON: Decodable {
        let role: String
    }
    @Sendable func changeMember(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let actor = try await memberActor(request, context)
        let userID = try request.parameter("user", context)
        _ = try await writes.member(actor, userID: userID)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(MemberChangeJSON.self, request, context)
        let changed = try await writes.changeRole(actor, userID: userID, role: body.role, expected: expected)
        return try APIWrites.json(Self.memberJSON(changed), version: changed.version)
    }
    @Sendable func removeMember(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let actor = try await memberActor(request, context)
        try await writes.remove(actor, userID: try request.parameter("user", context), expected: try APIWrites.expectedVersion(request))
        return Response(status: .noContent)
    }
}
extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
