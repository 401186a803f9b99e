/// What a list page asks of a store: a search text, a sort key (each store maps its own
/// keys to columns and ignores others), a direction and a window.
public struct ListQuery: Sendable, Equatable {
    public var search: String
    public var sort: String
    public var descending: Bool
    public var offset: Int
    public var limit: Int

    public init(search: String = "", sort: String = "", descending: Bool = false, offset: Int = 0, limit: Int = 50) {
        self.search = search
        self.sort = sort
        self.descending = descending
        self.offset = max(0, offset)
        self.limit = max(1, limit)
    }

    /// The search text for `LIKE … ESCAPE '\'`: its own %, _ and \ match only themselves.
    public static func likeEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if ["%", "_", "\\"].contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
