import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Holds every authenticated API request to the shape the OpenAPI document gives it before a
/// handler sees it: query parameters and JSON body fields of the declared types, no `null`
/// where none is allowed, no unknown fields; else 422 `validation_failed` with one error per
/// field. Membership of the organisation in the path is checked first (404), so nobody learns
/// anything about another organisation's routes and no large body is read before it.
struct RequestValidationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    struct Operation: @unchecked Sendable {
        let segments: [String]
        let method: String
        let query: [(name: String, required: Bool, schema: [String: Any])]
        let body: [String: Any]?
        let bodyRequired: Bool
    }

    let operations: [Operation]
    let validator: SchemaValidator
    let organisations: OrganisationStore

    init(document: Data, organisations: OrganisationStore) {
        self.organisations = organisations
        let root = (try? JSONSerialization.jsonObject(with: document)) as? [String: Any] ?? [:]
        let components = root["components"] as? [String: Any] ?? [:]
        var validator = SchemaValidator(components: components)
        validator.structural = true
        self.validator = validator
        var operations: [Operation] = []
        for (path, item) in root["paths"] as? [String: Any] ?? [:] {
            for (method, raw) in item as? [String: Any] ?? [:] {
                guard let operation = raw as? [String: Any] else { continue }
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []).map { validator.resolve($0) }
                let query = parameters.filter { $0["in"] as? String == "query" }.compactMap { p -> (String, Bool, [String: Any])? in
                    guard let name = p["name"] as? String else { return nil }
                    return (name, p["required"] as? Bool ?? false, p["schema"] as? [String: Any] ?? [:])
                }
                let body = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
                operations.append(Operation(
                    segments: path.split(separator: "/").map(String.init), method: method.uppercased(),
                    query: query.map { (name: $0.0, required: $0.1, schema: $0.2) }, body: body?["schema"] as? [String: Any],
                    bodyRequired: (operation["requestBody"] as? [String: Any])?["required"] as? Bool ?? false))
            }
        }
        self.operations = operations
    }

    func operation(for request: Request) -> Operation? {
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        return operations.first { op in
            op.method == request.method.rawValue && op.segments.count == segments.count
                && zip(op.segments, segments).allSatisfy { pattern, value in pattern.hasPrefix("{") ? !value.isEmpty : pattern == value }
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.isAPI, let user = context.user, let operation = operation(for: request) else { return try await next(request, context) }
        if let index = operation.segments.firstIndex(of: "{org}") {
            let slug = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)[index]
            guard try await organisations.membership(userID: user.id, slug: slug) != nil else { throw SamenError.notFound }
        }
        var errors: [SamenError] = []
        let query = request.uri.queryParameters
        for parameter in operation.query {
            if let value = query.get(parameter.name) {
                errors += validator.errors(text: value, parameter.schema, path: parameter.name)
            } else if parameter.required {
                errors.append(.validation("required", field: parameter.name))
            }
        }
        var request = request
        if let schema = operation.body, request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            request.body = .init(buffer: buffer)
            guard let json = try? JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed]) else {
                throw SamenError("malformed_json", kind: .badRequest)
            }
            errors += validator.errors(json, schema, path: "")
        }
        try ValidationErrors.check(errors)
        return try await next(request, context)
    }
}
