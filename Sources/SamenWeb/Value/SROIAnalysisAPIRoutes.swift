import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// Stored SROI analyses in the JSON API: `ETag` / `If-Match` (412 when stale), every write
/// through `SROIAnalysisWrites`, the use-case of the pages; a map that does not read is a
/// problem (409, or 422 beside field errors) whose errors name row and column; `result` is the `samen sroi --json` document.
struct SROIAnalysisAPIRoutes: RouteGroup {
    let t: TrajectoryContext
    typealias J = SROIAnalysisJSON
    var writes: SROIAnalysisWrites { SROIAnalysisWrites(database: t.services.database) }
    var store: ValueSROIAnalysisStore { ValueSROIAnalysisStore(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ValuePath.apiAnalyses.get, { $0.list }), (ValuePath.apiAnalyses.post, { $0.create }),
            (ValuePath.apiAnalysis.get, { $0.get }), (ValuePath.apiAnalysis.patch, { $0.update }), (ValuePath.apiAnalysis.delete, { $0.delete }),
            (ValuePath.apiAnalysisResult.get, { $0.result }),
        ]
    }

    func actor(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Membership, Trajectory) {
        let (membership, trajectory) = try await t.access(request, context, for: .viewOrganisation)
        return (try RecordPages(t: t).actor(membership, context), membership, trajectory)
    }

    /// problem+json with the field errors and every problem of the map with its row and column: 422
    /// when a field breaks its rule too, 409 when only the map's text does not read (the body itself
    /// is schema-valid: the API's convention for a valid body that breaks a rule, as `rule_conflict`).
    func problem(_ refused: SROIAnalysisRefused, _ request: Request, _ context: AppRequestContext) throws -> Response {
        let fields: [[String: Any]] = refused.errors.map { ["field": $0.field ?? "", "code": $0.code, "detail": t.word("error_" + $0.code, context)] }
        let rows: [[String: Any]] = refused.problems.map {
            ["field": "impact_map", "row": $0.row.map { $0 as Any } ?? NSNull(), "column": $0.column, "code": $0.code,
             "detail": t.word("sroi_problem_" + $0.code, context)]
        }
        let onlyMap = refused.errors.allSatisfy { $0.field == "impact_map" }
        let status: HTTPResponse.Status = onlyMap ? .conflict : .unprocessableContent
        let body: [String: Any] = [
            "type": "urn:samen:problem:sroi_impact_map_invalid", "title": t.word("error_title_\(status.code)", context), "status": Int(status.code),
            "code": "sroi_impact_map_invalid", "detail": t.word("error_sroi_impact_map_invalid", context), "instance": request.uri.path,
            "errors": fields + rows,
        ]
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return Response(status: status, headers: [.contentType: "application/problem+json", .contentLanguage: context.locale.rawValue],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A body with both `rows` and `impact_map` is refused (409 on `rows`: each is schema-valid, together
    /// they are two maps); rows are bounds-checked before the write.
    func refusing(_ request: Request, _ context: AppRequestContext, _ body: J.Body,
                  _ write: () async throws -> Response) async throws -> Response {
        if let rows = body.rows {
            if body.impactMap != nil {
                return try rowsProblem([("rows", "sroi_rows_with_impact_map", "error_sroi_rows_with_impact_map")], request, context)
            }
            let bounds = J.boundErrors(rows)
            if !bounds.isEmpty { return try rowsProblem(bounds, request, context) }
        }
        do {
            return try await write()
        } catch let refused as SROIAnalysisRefused {
            if body.rows != nil { return try rowsProblem(J.rowErrors(refused), request, context) }
            return try problem(refused, request, context)
        }
    }

    /// problem+json for a map written as rows, every problem naming its row's field: 409 when
    /// every error is a conflict of values the schema cannot state, 422 otherwise.
    func rowsProblem(_ errors: [(field: String, code: String, word: String)], _ request: Request,
                     _ context: AppRequestContext) throws -> Response {
        let conflict = errors.allSatisfy { J.conflictCodes.contains($0.code) || $0.code == "sroi_rows_with_impact_map" }
        let status: HTTPResponse.Status = conflict ? .conflict : .unprocessableContent
        let code = conflict ? "sroi_impact_map_invalid" : "validation_failed"
        let body: [String: Any] = [
            "type": "urn:samen:problem:\(code)", "title": t.word("error_title_\(status.code)", context), "status": Int(status.code),
            "code": code, "detail": t.word("error_sroi_impact_map_invalid", context), "instance": request.uri.path,
            "errors": errors.map { ["field": $0.field, "code": $0.code, "detail": t.word($0.word, context)] },
        ]
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return Response(status: status,
                        headers: [.contentType: "application/problem+json", .contentLanguage: context.locale.rawValue],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let all = try await store.analyses(organisationID: m.organisation.id, trajectoryID: tr.id).map(J.AnalysisJSON.init)
        return try APIWrites.list("sroi_analyses", try APIWrites.page(all, request, sorts: ["title": { $0.title < $1.title }]))
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let body = try await APIWrites.decode(J.Body.self, request, context)
        return try await refusing(request, context, body) {
            let created = try await writes.create(actor, trajectoryID: tr.id, body.merged(onto: ValueSROIAnalysisInput()))
            return try StoryAPIRoutes.created(J.AnalysisJSON(created), version: created.version,
                                              location: ValuePath.apiAnalysis.link(m.organisation.slug, tr.id, created.id))
        }
    }

    @Sendable func get(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await SROIAnalysisRoutes.analysis(t, request, context, m, tr)
        return try APIWrites.json(J.AnalysisJSON(found), version: found.version)
    }

    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await SROIAnalysisRoutes.analysis(t, request, context, m, tr)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(J.Body.self, request, context)
        return try await refusing(request, context, body) {
            let saved = try await writes.update(actor, current: current, body.merged(onto: ValueSROIAnalysisInput(current)), expected: expected)
            return try APIWrites.json(J.AnalysisJSON(saved), version: saved.version)
        }
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, m, tr) = try await actor(request, context)
        let current = try await SROIAnalysisRoutes.analysis(t, request, context, m, tr)
        try await writes.delete(actor, current, expected: try APIWrites.expectedVersion(request))
        return StoryAPIRoutes.noContent
    }

    /// The computed figures (`SROIReportJSON`, the document of `samen sroi --json`).
    @Sendable func result(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, m, tr) = try await actor(request, context)
        let found = try await SROIAnalysisRoutes.analysis(t, request, context, m, tr)
        let (computed, _) = try SROIStoredResult.compute(found)
        var response = Response(status: .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(bytes: try SROIReportJSON(computed).encoded())))
        response.headers[.eTag] = APIWrites.etag(found.version)
        return response
    }
}
