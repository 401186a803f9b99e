import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// What one intervention needs of the organisation's capabilities on its horizon: the list
/// with each need's shortfall, the form for a new need, and correcting or deleting one on the
/// shared record flow (`DesignEditRoutes.Kind`).
struct CapabilityNeedRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: CapabilityStore { CapabilityStore(database: t.services.database) }
    var writes: StrategyWrites { StrategyWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (StrategyPath.needs.get, { $0.list }), (StrategyPath.needs.post, { $0.create }),
            (StrategyPath.needEdit.get, { $0.needForm }), (StrategyPath.needEdit.post, { $0.needEdit }),
            (StrategyPath.needDelete.get, { $0.needDeleteForm }), (StrategyPath.needDelete.post, { $0.needDelete }),
        ]
    }

    static let names = ["capability_id", "needed_level"]

    func layout(_ catalogue: [Capability], _ context: AppRequestContext) -> [(String, RecordForm.Kind)] {
        let choices = [Option(value: "", label: t.word("capability_choose", context), selected: false)]
            + catalogue.map { Option(value: $0.id, label: $0.name + " (" + t.word("capability_kind_" + $0.kind.rawValue, context) + ")", selected: false) }
        return [("capability_id", .select(choices)), ("needed_level", .select(CapabilityRoutes.levels(t.renderer, context)))]
    }

    static func input(_ form: FormData) -> CapabilityNeedInput {
        CapabilityNeedInput(capabilityID: form["capability_id"], neededLevel: form["needed_level"])
    }

    struct Row {
        let name: String
        let kind: String
        let current: Int
        let needed: Int
        let shortfall: Int
        let editLink: String
        let deleteLink: String
    }

    struct Body {
        let intervention: Intervention
        let horizon: String
        let rows: [Row]
        let isEmpty: Bool
        let catalogueEmpty: Bool
        let canEdit: Bool
        let action: String
        let back: String
        let capabilitiesLink: String
        let form: FormState
        let fields: [RecordForm.Field]
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        let i = try await PortfolioRoutes(t: t).intervention(request, context, m, tr)
        return try await page(request, context, m, tr, i, values: ["needed_level": "3"], errors: [], status: .ok)
    }

    func page(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, _ i: Intervention, values: [String: String],
              errors: [SamenError], status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug, org = m.organisation.id
        let catalogue = try await store.capabilities(organisationID: org)
        let rows = try await store.needs(organisationID: org, interventionID: i.id).compactMap { n -> Row? in
            guard let c = catalogue.first(where: { $0.id == n.capabilityID }) else { return nil }
            return Row(name: c.name, kind: t.word("capability_kind_" + c.kind.rawValue, context), current: c.currentLevel, needed: n.neededLevel,
                       shortfall: CapabilityShortfall.of(n.neededLevel, current: c.currentLevel),
                       editLink: StrategyPath.needEdit.link(slug, tr.id, i.id, n.id), deleteLink: StrategyPath.needDelete.link(slug, tr.id, i.id, n.id))
        }
        let canEdit = m.role.allows(.editContent)
        let state = t.renderer.form(values, errors: errors, names: Self.names, context)
        let body = Body(intervention: i, horizon: t.word("horizon_" + i.horizon.rawValue, context), rows: rows, isEmpty: rows.isEmpty,
                        catalogueEmpty: catalogue.isEmpty, canEdit: canEdit, action: StrategyPath.needs.link(slug, tr.id, i.id),
                        back: PortfolioPath.intervention.link(slug, tr.id, i.id), capabilitiesLink: StrategyPath.capabilities.link(slug),
                        form: state, fields: canEdit ? RecordForm.fields(layout(catalogue, context), state) : [])
        return t.page("capability-needs", title: t.word("needs_title", context) + ": " + i.title, body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let i = try await PortfolioRoutes(t: t).intervention(request, context, m, tr)
        let data = try await request.form(context)
        do {
            _ = try await writes.createNeed(try RecordPages(t: t).actor(m, context), intervention: i, Self.input(data))
            return t.services.cookies.redirect(StrategyPath.needs.link(m.organisation.slug, tr.id, i.id), notice: "notice_saved")
        } catch let refused as ValidationErrors {
            return try await page(request, context, m, tr, i, values: RecordPages.typed(data, layout([], context)), errors: refused.errors,
                                  status: StrategyModule.status(refused))
        }
    }

    /// A need with its intervention and the catalogue, for its form.
    struct NeedRecord: Versioned, Sendable {
        var intervention: Intervention
        var need: CapabilityNeed
        var catalogue: [Capability]
        var version: Int {
            get { need.version }
            set { need.version = newValue }
        }
    }

    /// The need of the path, of the intervention of the path, in the trajectory of the path (404 otherwise).
    func record(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory) async throws -> NeedRecord {
        let i = try await PortfolioRoutes(t: t).intervention(request, context, m, tr)
        guard let need = try await store.need(organisationID: m.organisation.id, id: try request.parameter("need", context)),
              need.interventionID == i.id else { throw SamenError.notFound }
        return NeedRecord(intervention: i, need: need, catalogue: try await store.capabilities(organisationID: m.organisation.id))
    }

    var need: DesignEditRoutes.Kind<NeedRecord> {
        .init(
            load: record,
            values: { ["capability_id": $0.need.capabilityID, "needed_level": String($0.need.neededLevel)] },
            spec: { slug, tr, r, _, context in
                RecordPages.Spec(heading: t.word("need_edit_title", context), layout: layout(r.catalogue, context),
                                 action: StrategyPath.needEdit.link(slug, tr.id, r.intervention.id, r.need.id),
                                 back: StrategyPath.needs.link(slug, tr.id, r.intervention.id),
                                 deleteLink: StrategyPath.needDelete.link(slug, tr.id, r.intervention.id, r.need.id))
            },
            name: { r in (r.catalogue.first { $0.id == r.need.capabilityID }?.name ?? r.need.capabilityID) + " · " + r.intervention.title },
            deleteTitle: "need_delete_title",
            done: { slug, tr, r in StrategyPath.needs.link(slug, tr.id, r.intervention.id) },
            save: { actor, r, data, expected in
                _ = try await writes.updateNeed(actor, intervention: r.intervention, current: r.need, Self.input(data), expected: expected)
            },
            impact: { _ in DeletionImpact([]) },
            delete: { try await writes.deleteNeed($0, intervention: $1.intervention, $1.need, expected: $2) }, linksPassages: false)
    }

    var flow: DesignEditRoutes { DesignEditRoutes(t: t) }
    @Sendable func needForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(need, r, c) }
    @Sendable func needEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(need, r, c) }
    @Sendable func needDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(need, r, c) }
    @Sendable func needDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(need, r, c) }
}
