import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// What every writable API resource shares: versions as `ETag` / `If-Match`, list pages
/// with `limit`, `cursor` and `sort`, and request bodies whose type errors name the field.
enum APIWrites {
    /// The version an `If-Match` header names (`"3"`, `W/"3"`); nil when absent or `*`.
    /// A value that is no version of ours matches no record: the write is refused as stale
    /// (412), but only after the body's own checks, like any other stale version.
    static func expectedVersion(_ request: Request) throws -> Int? {
        guard let raw = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty, raw != "*" else { return nil }
        let tag = raw.hasPrefix("W/") ? String(raw.dropFirst(2)) : raw
        return Int(tag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) ?? -1
    }

    static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// A JSON answer that carries the record's version as its `ETag`.
    static func json(_ value: some Encodable, version: Int, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try APIRoutes.json(value, status: status)
        response.headers[.eTag] = etag(version)
        return response
    }

    /// Decodes a JSON body. A value of the wrong type or out of range for its field is a
    /// `validation_failed` problem naming that field; only a body that is not JSON at all is `malformed_json`.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppRequestContext) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw SamenError("unsupported_media_type", kind: .badRequest)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else { throw SamenError("malformed_json", kind: .badRequest) }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ValidationErrors([field(error)])
        }
    }

    static func field(_ error: DecodingError) -> SamenError {
        let path: [any CodingKey]
        let code: String
        switch error {
        case .typeMismatch(_, let context): path = context.codingPath; code = "invalid_type"
        case .valueNotFound(_, let context): path = context.codingPath; code = "required"
        case .keyNotFound(let key, let context): path = context.codingPath + [key]; code = "required"
        case .dataCorrupted(let context): path = context.codingPath; code = "invalid_type"
        @unknown default: path = []; code = "invalid_type"
        }
        let name = path.map { key in key.intValue.map(String.init) ?? snakeCase(key.stringValue) }.joined(separator: ".")
        return .validation(code, field: name.isEmpty ? "body" : name)
    }

    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    /// One page of a list, sorted by a named key (`sort=date` or `sort=-date`), after `cursor` (an offset we issued).
    struct Page<T> {
        let items: [T]
        let nextCursor: String?
        let total: Int
    }

    static func page<T>(_ all: [T], _ request: Request, sorts: [String: (T, T) -> Bool], defaultSort: String? = nil) throws -> Page<T> {
        let list = try listQuery(request, sorts: Set(sorts.keys), defaultSort: defaultSort)
        var items = all
        if let less = sorts[list.sort] {
            // Stable: equal keys keep the store's order.
            items = items.enumerated().sorted { a, b in
                if less(a.element, b.element) { return !list.descending }
                if less(b.element, a.element) { return list.descending }
                return a.offset < b.offset
            }.map(\.element)
        }
        return page(Array(items.dropFirst(list.offset).prefix(list.limit)), list, total: items.count)
    }

    /// A page the store cut itself (`ListQuery`'s window), with the total that matches.
    static func page<T>(_ items: [T], _ list: ListQuery, total: Int) -> Page<T> {
        Page(items: items, nextCursor: list.offset + items.count < total ? String(list.offset + items.count) : nil, total: total)
    }

    /// The window and sort a list request asks for: `limit` (1–200, 50), `cursor` (an offset we
    /// issued), `sort=key` or `sort=-key` (one of `sorts`), and `q`, a search text where the list has one.
    static func listQuery(_ request: Request, sorts: Set<String>, defaultSort: String? = nil) throws -> ListQuery {
        let query = request.uri.queryParameters
        var limit = 50
        if let raw = query.get("limit") {
            guard let value = Int(raw), (1...200).contains(value) else { throw ValidationErrors([.validation("limit_invalid", field: "limit")]) }
            limit = value
        }
        var offset = 0
        if let raw = query.get("cursor") {
            guard let value = Int(raw), value >= 0 else { throw ValidationErrors([.validation("cursor_invalid", field: "cursor")]) }
            offset = value
        }
        var sort = "", descending = false
        if let raw = query.get("sort") ?? defaultSort {
            descending = raw.hasPrefix("-")
            sort = descending ? String(raw.dropFirst()) : raw
            guard sorts.contains(sort) else { throw ValidationErrors([.validation("sort_invalid", field: "sort")]) }
        }
        let rawSearch = query.get("q") ?? ""
        // The schema's maxLength counts code points, as unicodeScalars does.
        guard rawSearch.unicodeScalars.count <= 200 else { throw ValidationErrors([.validation("search_too_long", field: "q")]) }
        let search = rawSearch.trimmingCharacters(in: .whitespacesAndNewlines)
        return ListQuery(search: search, sort: sort, descending: descending, offset: offset, limit: limit)
    }

    /// A list answer: `{"<name>": [...], "next_cursor": …, "total": n}`.
    static func list<T: Encodable>(_ name: String, _ page: Page<T>) throws -> Response {
        try APIRoutes.json(Envelope(items: page.items, name: name, nextCursor: page.nextCursor, total: page.total))
    }

    struct Envelope<T: Encodable>: Encodable {
        let items: [T]
        let name: String
        let nextCursor: String?
        let total: Int
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(items, forKey: Key(name))
            try container.encode(nextCursor, forKey: Key("next_cursor"))
            try container.encode(total, forKey: Key("total"))
        }
    }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ value: String) { stringValue = value }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension KeyedDecodingContainer {
    /// A key that may be absent (keep what is stored), `null` (clear it) or a value. A blank
    /// string is none of these: the OpenAPI document asks for at least one visible character,
    /// so it is refused like a value of the wrong type instead of being read as "clear".
    func nullableText(_ key: Key) throws -> String?? {
        guard contains(key) else { return .none }
        if try decodeNil(forKey: key) { return .some(nil) }
        let text = try decode(String.self, forKey: key)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "blank")
        }
        return .some(text)
    }
}
