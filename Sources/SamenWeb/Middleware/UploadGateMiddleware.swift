import Hummingbird
import SamenCore
import SamenStore

/// A fixed number of slots for large uploads, so a few big bodies in flight cannot take
/// the server's memory: a request that finds every slot taken gets 503 with `Retry-After`.
actor UploadSlots {
    let capacity: Int
    private(set) var inUse = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func acquire() -> Bool {
        guard inUse < capacity else { return false }
        inUse += 1
        return true
    }

    func release() {
        inUse = max(0, inUse - 1)
    }
}

/// Decides how much body a request may send, and for the large-upload routes (a Pol.is
/// export, up to 32 MB) checks who is asking *before a byte of the body is read*: logged
/// in, a member of the organisation in the path (else 404) with a role that may run a
/// trajectory (else 403), and a free upload slot (else 503). Everyone else keeps the 1 MB
/// form limit. Sits after the session middleware and before the CSRF check, which is the
/// first to read a form's body.
struct UploadGateMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let organisations: OrganisationStore
    let slots: UploadSlots
    /// What a person must be allowed to do to send a large upload (the import routes' action).
    static let action: Action = .runTrajectory
    static let retryAfterSeconds = 10

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let limit = AppRequestContext.uploadLimit(forPath: request.uri.path)
        guard limit > AppRequestContext.formLimit, ![.get, .head, .options].contains(request.method) else {
            context.maxUploadSize = AppRequestContext.formLimit
            return try await next(request, context)
        }
        let user = try context.requireUser()
        guard let slug = Self.organisationSlug(request.uri.path),
              let membership = try await organisations.membership(userID: user.id, slug: slug) else { throw SamenError.notFound }
        try membership.role.require(Self.action)
        guard await slots.acquire() else {
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: String(Self.retryAfterSeconds)])
        }
        context.maxUploadSize = limit
        do {
            let response = try await next(request, context)
            await slots.release()
            return response
        } catch {
            await slots.release()
            throw error
        }
    }

    /// The organisation in `/o/{slug}/…` or `/api/v1/organisations/{slug}/…`.
    static func organisationSlug(_ path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if segments.count > 1, segments[0] == "o" { return segments[1] }
        if segments.count > 3, segments[0] == "api", segments[1] == "v1", segments[2] == "organisations" { return segments[3] }
        return nil
    }
}
