import Foundation
import Hummingbird
import SamenStore

/// A list page's search, sorting and paging, read from the query string (`q`, `sort`, `dir`,
/// `page`) and turned into what the template shows: sortable column headers with
/// `aria-sort`, a result count and previous/next links. Plain links and a GET form, so it
/// works without JavaScript and every state has its own address.
struct ListPage {
    static let pageSize = 50

    let path: String
    let query: ListQuery
    let page: Int
    let defaultSort: String
    /// Parameters of the page's own (a filter) that its sort and paging links keep.
    var keep: [(String, String)] = []

    /// `sorts` are the keys the store knows; anything else falls back to `defaultSort`.
    init(_ request: Request, path: String, sorts: [String], defaultSort: String, defaultDescending: Bool) {
        // Read as a GET form sends it (`+` a space, `%2B` a plus), which the URI's own parameters do not distinguish.
        let q = FormData.parse(request.uri.query ?? "").fields.compactMapValues(\.first)
        let sort = q["sort"].flatMap { sorts.contains($0) ? $0 : nil } ?? defaultSort
        let descending = q["dir"].map { $0 == "desc" } ?? (sort == defaultSort ? defaultDescending : false)
        page = max(1, q["page"].flatMap { Int($0) } ?? 1)
        let search = String((q["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        query = ListQuery(search: search, sort: sort, descending: descending, offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
        self.path = path
        self.defaultSort = defaultSort
    }

    struct Header {
        let label: String
        let url: String
        /// "ascending", "descending" or "none" (WAI-ARIA).
        let ariaSort: String
        let sorted: Bool
        let ariaSortDescending: Bool
    }

    struct Model {
        let search: String
        let action: String
        let headers: [Header]
        let summary: String
        let previous: String?
        let next: String?
        let hasPaging: Bool
    }

    /// The address of this list with some parameters changed (page back to 1 unless given).
    func link(sort: String? = nil, descending: Bool? = nil, page: Int = 1) -> String {
        var parts = keep
        if !query.search.isEmpty { parts.append(("q", query.search)) }
        parts.append(("sort", sort ?? query.sort))
        parts.append(("dir", (descending ?? query.descending) ? "desc" : "asc"))
        if page > 1 { parts.append(("page", String(page))) }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return path + "?" + parts.map { $0 + "=" + ($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }.joined(separator: "&")
    }

    /// `columns` are (sort key, label); `summary` words the count ({0} shown from {1}, of {2}).
    func model(columns: [(String, String)], total: Int, shown: Int, words: (String) -> String) -> Model {
        let headers = columns.map { key, label in
            let sorted = key == query.sort
            return Header(label: label, url: link(sort: key, descending: sorted ? !query.descending : false),
                          ariaSort: sorted ? (query.descending ? "descending" : "ascending") : "none", sorted: sorted,
                          ariaSortDescending: sorted && query.descending)
        }
        let first = shown == 0 ? 0 : query.offset + 1
        let summary = words("list_summary").replacingOccurrences(of: "{0}", with: "\(first)")
            .replacingOccurrences(of: "{1}", with: "\(query.offset + shown)").replacingOccurrences(of: "{2}", with: "\(total)")
        let previous = page > 1 ? link(page: page - 1) : nil
        let next = query.offset + shown < total ? link(page: page + 1) : nil
        return Model(search: query.search, action: path, headers: headers, summary: summary, previous: previous, next: next,
                     hasPaging: previous != nil || next != nil)
    }
}
