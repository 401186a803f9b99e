import Foundation

extension RouteCatalog {
    /// Fills a route template's `:name` segments. A value is looked up first by the segment
    /// with the collection before it (`stories/:story`, `statements/:number`: one name can mean
    /// different records in different places), then by the name alone; a name without a value
    /// gets `fallback`. The tenant-isolation walk and the page benchmark fill routes with this.
    public static func fill(_ template: String, values: [String: String],
                            fallback: String = "00000000-0000-0000-0000-000000000000") -> String {
        var previous = ""
        return template.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            defer { previous = String(part) }
            guard part.hasPrefix(":") else { return String(part) }
            return values["\(previous)/\(part)"] ?? values[String(part)] ?? fallback
        }.joined(separator: "/")
    }

    /// Every GET route of the catalogue (pages and API), each once, in a stable order.
    public static var getRoutes: [RouteEntry] {
        Array(Set((organisationScoped + publicEntries + api).filter { $0.method == .get })).sorted { $0.path < $1.path }
    }
}
