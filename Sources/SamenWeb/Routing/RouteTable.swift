import Hummingbird

/// One route: method and path template (`:org`, `:user` name parameters). Routes are
/// registered from tables of these, so tests can walk every route that exists.
public struct RouteEntry: Sendable, Hashable, CustomStringConvertible {
    public let method: HTTPRequest.Method
    public let path: String

    public init(_ method: HTTPRequest.Method, _ path: String) {
        self.method = method
        self.path = path
    }

    public var description: String { "\(method.rawValue) \(path)" }
}

typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

extension Router where Context == AppRequestContext {
    func register(_ table: [(RouteEntry, Handler)]) {
        RouteRegistry.note(table.map(\.0))
        for (entry, handler) in table {
            on(RouterPath(entry.path), method: entry.method, use: handler)
        }
    }
}

/// The routes that show or change one organisation's data. The tenant-isolation test
/// visits each of them as a member of another organisation and expects 404.
public enum RouteCatalog {
    public static var organisationScoped: [RouteEntry] {
        OrganisationRoutes.organisationEntries + APIRoutes.organisationEntries + FeatureModules.organisationRoutes
    }
    /// Citizens' pages and the account's own routes: registered through tables, outside any organisation.
    public static var publicEntries: [RouteEntry] {
        AuthRoutes.entries + AccountRoutes.entries + OrganisationRoutes.accountEntries + FeatureModules.publicRoutes
    }
    public static var api: [RouteEntry] { APIRoutes.entries + FeatureModules.apiRoutes }
}

extension Request {
    /// A path parameter that the route template guarantees.
    func parameter(_ name: String, _ context: AppRequestContext) throws -> String {
        guard let value = context.parameters.get(name) else { throw HTTPError(.badRequest) }
        return value
    }
}
