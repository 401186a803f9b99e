import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The organisation's capability catalogue: which capabilities the interventions need, where
/// the shortfall is biggest (`CapabilityShortfall`), the form for a new one, its CSV, and
/// correcting or deleting one on the shared record flow.
struct CapabilityRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var store: CapabilityStore { CapabilityStore(database: services.database) }
    var writes: StrategyWrites { StrategyWrites(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (StrategyPath.capabilities.get, { $0.list }), (StrategyPath.capabilities.post, { $0.create }),
            (StrategyPath.capabilitiesCSV.get, { $0.csv }),
            (StrategyPath.capabilityEdit.get, { $0.editForm }), (StrategyPath.capabilityEdit.post, { $0.edit }),
            (StrategyPath.capabilityDelete.get, { $0.deleteForm }), (StrategyPath.capabilityDelete.post, { $0.delete }),
        ]
    }

    static let names = ["name", "kind", "description", "current_level"]

    static func layout(_ renderer: Renderer, _ context: AppRequestContext) -> [(String, RecordForm.Kind)] {
        let kinds = CapabilityKind.allCases.map { Option(value: $0.rawValue, label: renderer.text("capability_kind_" + $0.rawValue, context), selected: false) }
        return [("name", .text), ("kind", .select(kinds)), ("description", .textarea), ("current_level", .select(levels(renderer, context)))]
    }

    static func levels(_ renderer: Renderer, _ context: AppRequestContext) -> [Option] {
        Capability.levels.map { Option(value: String($0), label: "\($0) – " + renderer.text("capability_level_\($0)", context), selected: false) }
    }

    static func input(_ form: FormData) -> CapabilityInput {
        var input = CapabilityInput()
        input.name = form["name"]; input.kind = form["kind"]; input.description = form["description"]; input.currentLevel = form["current_level"]
        return input
    }

    static func values(_ c: Capability) -> [String: String] {
        ["name": c.name, "kind": c.kind.rawValue, "description": c.description, "current_level": String(c.currentLevel)]
    }

    /// The shortfalls over the interventions that still count (stopped ones need nothing any more).
    func shortfalls(_ organisationID: String) async throws -> [CapabilityShortfall] {
        let needs = try await store.needs(organisationID: organisationID).filter { $0.status != .stopped }.map(\.need)
        return CapabilityShortfall.ranked(try await store.capabilities(organisationID: organisationID), needs: needs)
    }

    struct Row {
        let name: String
        let kind: String
        let description: String
        let current: Int
        let interventions: Int
        let highest: String
        let shortfall: Int
        let short: Bool
        let editLink: String
        let deleteLink: String
    }

    struct Body {
        let rows: [Row]
        let isEmpty: Bool
        let canEdit: Bool
        let action: String
        let csvLink: String
        let form: FormState
        let fields: [RecordForm.Field]
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let m = try await services.membership(request, context, for: .viewOrganisation)
        return try await page(request, context, m, values: ["kind": CapabilityKind.skill.rawValue, "current_level": "2"], errors: [], status: .ok)
    }

    func page(_ request: Request, _ context: AppRequestContext, _ m: Membership, values: [String: String], errors: [SamenError],
              status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug
        let rows = try await shortfalls(m.organisation.id).map { s in
            Row(name: s.capability.name, kind: renderer.text("capability_kind_" + s.capability.kind.rawValue, context),
                description: s.capability.description, current: s.capability.currentLevel, interventions: s.interventions,
                highest: s.highestNeeded.map(String.init) ?? "–", shortfall: s.shortfall, short: s.shortfall > 0,
                editLink: StrategyPath.capabilityEdit.link(slug, s.capability.id), deleteLink: StrategyPath.capabilityDelete.link(slug, s.capability.id))
        }
        let canEdit = m.role.allows(.editContent)
        let state = renderer.form(values, errors: errors, names: Self.names, context)
        let body = Body(rows: rows, isEmpty: rows.isEmpty, canEdit: canEdit, action: StrategyPath.capabilities.link(slug),
                        csvLink: StrategyPath.capabilitiesCSV.link(slug), form: state,
                        fields: canEdit ? RecordForm.fields(Self.layout(renderer, context), state) : [])
        return renderer.page("capabilities", title: renderer.text("capabilities_title", context) + " – " + m.organisation.name, body: body,
                             request: request, context: context, status: status, nav: services.organisationNav(m, current: request.uri.path, context))
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let m = try await services.membership(request, context, for: .editContent)
        let data = try await request.form(context)
        do {
            _ = try await writes.createCapability(try RecordFlow.actor(m, context), Self.input(data))
            return services.cookies.redirect(StrategyPath.capabilities.link(m.organisation.slug), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            return try await page(request, context, m, values: RecordFlow.typed(data, Self.layout(renderer, context)), errors: refused.errors,
                                  status: StrategyModule.status(refused))
        }
    }

    /// The catalogue with every capability's shortfall, as CSV.
    @Sendable func csv(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let m = try await services.membership(request, context, for: .viewOrganisation)
        return CSVWriter.response(try await Self.table(services, m.organisation.id).csv, filename: "vermogens.csv")
    }

    static func table(_ services: AppServices, _ organisationID: String) async throws -> ExportTable {
        let rows = try await CapabilityRoutes(services: services).shortfalls(organisationID)
        return ExportTable(header: ["id", "name", "kind", "description", "current_level", "interventions", "highest_needed_level", "shortfall"],
                           rows: rows.map { [$0.capability.id, $0.capability.name, $0.capability.kind.rawValue, $0.capability.description,
                                             String($0.capability.currentLevel), String($0.interventions),
                                             $0.highestNeeded.map(String.init) ?? "", String($0.shortfall)] })
    }

    // MARK: edit and delete

    func access(_ request: Request, _ context: AppRequestContext) async throws -> (Membership, Capability, RecordFlow) {
        let m = try await services.membership(request, context, for: .editContent)
        guard let found = try await store.capability(organisationID: m.organisation.id, id: try request.parameter("capability", context)) else {
            throw SamenError.notFound
        }
        return (m, found, RecordFlow.organisation(services, request, context, m, canDelete: true))
    }

    func spec(_ slug: String, _ c: Capability, _ context: AppRequestContext) -> RecordFlow.Spec {
        RecordFlow.Spec(heading: renderer.text("capability_edit_title", context), layout: Self.layout(renderer, context),
                        action: StrategyPath.capabilityEdit.link(slug, c.id), back: StrategyPath.capabilities.link(slug),
                        deleteLink: StrategyPath.capabilityDelete.link(slug, c.id))
    }

    @Sendable func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, c, flow) = try await access(request, context)
        return flow.editPage(context, spec(m.organisation.slug, c, context), values: Self.values(c), version: c.version)
    }

    @Sendable func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, c, flow) = try await access(request, context)
        let form = try await request.form(context)
        let actor = try RecordFlow.actor(m, context)
        return try await flow.save(context, spec(m.organisation.slug, c, context), form: form, reload: {
            try await store.capability(organisationID: m.organisation.id, id: c.id).map { (Self.values($0), $0.version) }
        }, write: { _ = try await writes.updateCapability(actor, current: c, Self.input(form), expected: $0) })
    }

    @Sendable func deleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, c, flow) = try await access(request, context)
        let slug = m.organisation.slug
        return flow.deletePage(context, heading: renderer.text("capability_delete_title", context), name: c.name,
                               impact: try await writes.capabilityImpact(c), action: StrategyPath.capabilityDelete.link(slug, c.id),
                               back: StrategyPath.capabilityEdit.link(slug, c.id), version: c.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, c, flow) = try await access(request, context)
        let slug = m.organisation.slug, actor = try RecordFlow.actor(m, context)
        return try await flow.confirmDelete(
            request, context, heading: renderer.text("capability_delete_title", context), name: c.name,
            action: StrategyPath.capabilityDelete.link(slug, c.id), back: StrategyPath.capabilityEdit.link(slug, c.id),
            done: StrategyPath.capabilities.link(slug), impact: { try await writes.capabilityImpact(c) },
            reload: { try await store.capability(organisationID: m.organisation.id, id: c.id)?.version },
            delete: { try await writes.deleteCapability(actor, c, expected: $0) })
    }
}
