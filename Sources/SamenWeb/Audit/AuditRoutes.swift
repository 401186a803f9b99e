import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// *Wijzigingen*: the audit trail for administrators, filtered by trajectory, person, kind
/// of record and date, paginated, exportable as CSV, and in the API. The retention period
/// is set here too.
struct AuditRoutes: RouteGroup {
    let services: AppServices

    static let page = PathPattern("/o/:org/audit")
    static let csv = PathPattern("/o/:org/audit/export.csv")
    static let retention = page.appending("retention")
    static let api = PathPattern("/api/v1/organisations/:org/audit")

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(page.get, { $0.list }), (csv.get, { $0.export }), (retention.post, { $0.setRetention }), (api.get, { $0.apiList })]
    }

    /// Every kind of record the trail names (a guard test checks that each `entity:` written in the sources is here).
    static let entities = ["trajectory", "activity", "participation", "participant", "stakeholder", "decision", "story", "highlight",
                           "insight", "persona", "journey", "journey_step", "survey", "survey_items", "survey_wave", "survey_links",
                           "survey_import", "dimension_set", "conversation", "conversation_statement", "community_report", "member", "organisation", "intervention", "maturity_assessment",
                           "experiment", "lesson", "capability", "capability_need", "scenario_set",
                           "value_record", "trajectory_report", "value_outcome", "value_measurement", "open_data_export",
                           "value_sroi_analysis", "survey_open_link"]

    var store: AuditStore { AuditStore(database: services.database) }

    func filter(_ request: Request) throws -> AuditFilter {
        let q = request.uri.queryParameters
        func value(_ name: String) -> String? { q.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        var errors: [SamenError] = []
        for name in ["from", "to"] { if let raw = value(name), CalendarDate(raw) == nil { errors.append(.validation("date_invalid", field: name)) } }
        if let entity = value("kind"), !Self.entities.contains(entity) { errors.append(.validation("audit_kind_invalid", field: "kind")) }
        try ValidationErrors.check(errors)
        return AuditFilter(trajectoryID: value("trajectory"), actorID: value("person"), entity: value("kind"), from: value("from"), to: value("to"))
    }

    struct Row {
        let at: String
        let person: String
        let kind: String
        let action: String
        let record: String
        let fields: String
    }

    struct Body {
        let rows: [Row]
        let isEmpty: Bool
        let total: Int
        let trajectories: [Option]
        let people: [Option]
        let kinds: [Option]
        let from: String
        let to: String
        let action: String
        let csvLink: String
        let nextLink: String?
        let firstLink: String?
        let retentionAction: String
        let retentionDays: Int
        let form: FormState
    }

    func time(_ at: Int64) -> String {
        let date = CalendarDate(unixTime: at).description
        let seconds = Int(at % 86_400)
        return date + " " + String(format: "%02d:%02d", seconds / 3600, (seconds % 3600) / 60) + " UTC"
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageOrganisation)
        return try await listPage(request, context, membership, retentionErrors: [], status: .ok)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, retentionErrors: [SamenError],
                          status: HTTPResponse.Status) async throws -> Response {
        let org = membership.organisation
        let words = { (key: String) in services.renderer.text(key, context) }
        let query = request.uri.queryParameters
        var errors: [SamenError] = retentionErrors
        var filter = AuditFilter()
        do { filter = try self.filter(request) } catch let failure as ValidationErrors { errors += failure.errors }
        let page = try await store.entries(organisationID: org.id, filter: filter, limit: 50, cursor: query.get("cursor"))
        let trajectories = try await TrajectoryStore(database: services.database).list(organisationID: org.id)
        let titles = Dictionary(trajectories.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let members = try await services.organisations.members(organisationID: org.id)
        let rows = page.entries.map { e in
            Row(at: time(e.at), person: e.actorName, kind: words("audit_kind_" + e.entity), action: words("audit_action_" + e.action.rawValue),
                record: e.trajectoryID.flatMap { titles[$0] } ?? "",
                fields: e.fields.map { services.renderer.translations.lookup("field_" + $0, context.locale) ?? $0 }.joined(separator: ", "))
        }
        var base = URLComponents()
        base.queryItems = [("trajectory", filter.trajectoryID), ("person", filter.actorID), ("kind", filter.entity), ("from", filter.from),
                           ("to", filter.to)].compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        func link(_ path: String, cursor: String?) -> String {
            var components = base
            if let cursor { components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "cursor", value: cursor)] }
            return path + (components.percentEncodedQuery.map { $0.isEmpty ? "" : "?" + $0 } ?? "")
        }
        let all = Option(value: "", label: words("audit_filter_all"), selected: false)
        let body = Body(
            rows: rows, isEmpty: rows.isEmpty, total: page.total,
            trajectories: [all] + trajectories.map { Option(value: $0.id, label: $0.title, selected: $0.id == filter.trajectoryID) },
            people: [all] + members.map { Option(value: $0.user.id, label: $0.user.displayName, selected: $0.user.id == filter.actorID) },
            kinds: [all] + Self.entities.map { Option(value: $0, label: words("audit_kind_" + $0), selected: $0 == filter.entity) },
            from: filter.from ?? "", to: filter.to ?? "", action: Self.page.link(org.slug),
            csvLink: link(Self.csv.link(org.slug), cursor: nil), nextLink: page.nextCursor.map { link(Self.page.link(org.slug), cursor: $0) },
            firstLink: query.get("cursor") == nil ? nil : link(Self.page.link(org.slug), cursor: nil),
            retentionAction: Self.retention.link(org.slug), retentionDays: try await store.retentionDays(organisationID: org.id),
            form: services.renderer.form(["retention_days": query.get("retention_days") ?? ""], errors: errors,
                                         names: ["retention_days", "from", "to", "kind"], context))
        return services.renderer.page("audit", title: words("audit_title"), body: body, request: request, context: context, status: status,
                                      nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    /// Every matching entry (not only one page), newest first, as CSV with formula-safe cells.
    @Sendable func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageOrganisation)
        let filter = try self.filter(request)
        var records = [["at", "person_id", "person", "trajectory_id", "entity", "entity_id", "action", "fields"]]
        var cursor: String?
        repeat {
            let page = try await store.entries(organisationID: membership.organisation.id, filter: filter, limit: 500, cursor: cursor)
            for e in page.entries {
                records.append([time(e.at), e.actorID ?? "", e.actorName, e.trajectoryID ?? "", e.entity, e.entityID, e.action.rawValue,
                                e.fields.joined(separator: " ")])
            }
            cursor = page.nextCursor
        } while cursor != nil
        return CSVWriter.response(CSVWriter.document(records), filename: "wijzigingen.csv")
    }

    @Sendable func setRetention(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageOrganisation)
        let form = try await request.form(context)
        let user = try context.requireUser()
        let actor = WriteActor(organisationID: membership.organisation.id, userID: user.id, displayName: user.displayName, role: membership.role)
        do {
            guard let days = Int(form["retention_days"].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationErrors([.validation("audit_retention_invalid", field: "retention_days")])
            }
            try await store.setRetentionDays(days, actor: actor)
            return services.cookies.redirect(Self.page.link(membership.organisation.slug), notice: "notice_saved")
        } catch let errors as ValidationErrors {
            return try await listPage(request, context, membership, retentionErrors: errors.errors, status: .unprocessableContent)
        }
    }

    struct EntryJSON: Encodable {
        let id: String
        let at: Int64
        let personId: String?
        let person: String
        let trajectoryId: String?
        let entity: String
        let entityId: String
        let action: String
        let fields: [String]
    }

    @Sendable func apiList(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .manageOrganisation)
        let query = request.uri.queryParameters
        var limit = 50
        if let raw = query.get("limit") {
            guard let value = Int(raw), (1...200).contains(value) else { throw ValidationErrors([.validation("limit_invalid", field: "limit")]) }
            limit = value
        }
        let page = try await store.entries(organisationID: membership.organisation.id, filter: try filter(request), limit: limit,
                                           cursor: query.get("cursor"))
        let entries = page.entries.map {
            EntryJSON(id: $0.id, at: $0.at, personId: $0.actorID, person: $0.actorName, trajectoryId: $0.trajectoryID, entity: $0.entity,
                      entityId: $0.entityID, action: $0.action.rawValue, fields: $0.fields)
        }
        return try APIWrites.list("entries", APIWrites.Page(items: entries, nextCursor: page.nextCursor, total: page.total))
    }
}
