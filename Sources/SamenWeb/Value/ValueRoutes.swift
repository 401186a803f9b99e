import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// The value register of a trajectory (Co-VAL, domain.md §6): the value map (beneficiary ×
/// kind, created against destroyed; each cell opens its records), where value is lost (by
/// cause and touchpoint, with the citizens' words), the tagged highlights still waiting to
/// become records (one step each), the records themselves and the new-record form.
struct ValueRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: ValueStore { ValueStore(database: t.services.database) }
    var writes: ValueWrites { ValueWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ValuePath.register.get, { $0.overview }), (ValuePath.register.post, { $0.create }),
            (ValuePath.fromHighlight.post, { $0.fromHighlight }),
        ]
    }

    struct Cell { let created: Int; let destroyed: Int; let link: String; let label: String }
    struct MapRow { let beneficiary: String; let cells: [Cell] }
    struct RecordRow {
        let id: String
        let polarity: String
        let destroyed: Bool
        let beneficiary: String
        let kind: String
        let moment: String
        let creator: String
        let description: String
        let cause: String
        let touchpoint: String
        let quote: String
        let evidenceNote: String
        let editLink: String
        let deleteLink: String
    }
    struct Waiting { let id: String; let quote: String; let tags: String }
    struct Loss { let label: String; let count: Int; let words: [String] }

    struct Body {
        let kinds: [String]
        let map: [MapRow]
        let filter: String?
        let clearLink: String
        let records: [RecordRow]
        let noRecords: Bool
        /// Previous and next, once there are more records than a page holds.
        let list: ListPage.Model?
        let waiting: [Waiting]
        let noWaiting: Bool
        /// "The newest 50 of 1.234": set when more wait than are listed.
        let waitingMore: String?
        let passageSearch: EvidenceRoutes.PassageSearch
        let fromHighlightAction: String
        let lossesByCause: [Loss]
        let lossesByTouchpoint: [Loss]
        let noLosses: Bool
        let canEdit: Bool
        let sroiLink: String
        let analysesLink: String
        let outcomesLink: String
        let action: String
        let form: FormState
        let fields: [RecordForm.Field]
    }

    /// Tagged highlights listed as waiting evidence, newest first.
    static let waitingShown = 50
    static let wordsPerLoss = 3

    @Sendable func overview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await overviewPage(request, context, m, tr, values: [:], errors: [], status: .ok)
    }

    func overviewPage(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String],
                      errors: [SamenError], status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug, org = m.organisation.id
        let records = try await store.records(organisationID: org, trajectoryID: tr.id)
        let evidence = EvidenceStore(database: t.services.database)
        // Only the quotes the records show, the newest waiting evidence and the newest passages
        // as choices (with a search): a large trajectory has 15,000 highlights.
        let quoted = try await evidence.highlights(organisationID: org, trajectoryID: tr.id, ids: records.compactMap(\.highlightID))
        let quotes = Dictionary(quoted.map { ($0.id, $0.quote) }, uniquingKeysWith: { first, _ in first })
        func word(_ key: String) -> String { t.word(key, context) }
        let base = ValuePath.register.link(slug, tr.id)

        let query = request.uri.queryParameters
        let wantedBeneficiary = query.get("beneficiary").flatMap(ValueBeneficiary.init(rawValue:))
        let wantedKind = query.get("kind").flatMap(ValueType.init(rawValue:))
        let shown = records.filter { r in
            (wantedBeneficiary.map { r.beneficiary == $0 } ?? true) && (wantedKind.map { r.valueType == $0 } ?? true)
        }
        let valueMap = ValueMap(records)
        let map = ValueBeneficiary.allCases.filter { $0 != .none }.map { beneficiary in
            MapRow(beneficiary: word("beneficiary_" + beneficiary.rawValue), cells: valueMap.cells.filter { $0.beneficiary == beneficiary }.map {
                Cell(created: $0.created, destroyed: $0.destroyed,
                     link: base + "?beneficiary=\($0.beneficiary.rawValue)&kind=\($0.valueType.rawValue)#records",
                     label: word("beneficiary_" + $0.beneficiary.rawValue) + ", " + word("value_type_" + $0.valueType.rawValue))
            })
        }
        // 50 records a page (a large trajectory has hundreds); the map and the losses count them all.
        var list = ListPage(request, path: base, sorts: ["created"], defaultSort: "created", defaultDescending: false)
        list.keep = [wantedBeneficiary.map { ("beneficiary", $0.rawValue) }, wantedKind.map { ("kind", $0.rawValue) }].compactMap { $0 }
        let page = Array(shown.dropFirst(list.query.offset).prefix(list.query.limit))
        let rows = page.map { r in
            RecordRow(id: r.id, polarity: word("polarity_" + r.polarity.rawValue), destroyed: r.polarity == .destroyed,
                      beneficiary: word("beneficiary_" + r.beneficiary.rawValue), kind: word("value_type_" + r.valueType.rawValue),
                      moment: word("value_moment_" + r.moment.rawValue), creator: word("value_creator_" + r.creator.rawValue),
                      description: r.description, cause: r.cause == .none ? "" : word("value_cause_" + r.cause.rawValue),
                      touchpoint: r.touchpoint, quote: r.highlightID.flatMap { quotes[$0] } ?? "", evidenceNote: r.evidenceNote,
                      editLink: ValuePath.recordEdit.link(slug, tr.id, r.id), deleteLink: ValuePath.recordDelete.link(slug, tr.id, r.id))
        }
        let canEdit = m.role.allows(.editContent)
        let (waitingList, waitingTotal) = canEdit
            ? try await store.waitingEvidence(organisationID: org, trajectoryID: tr.id, limit: Self.waitingShown) : ([], 0)
        let waiting = waitingList.map { h in
            Waiting(id: h.id, quote: h.quote, tags: [word("polarity_" + h.polarity.rawValue),
                                                    h.beneficiary == .none ? nil : word("beneficiary_" + h.beneficiary.rawValue),
                                                    h.valueType == .none ? nil : word("value_type_" + h.valueType.rawValue)]
                .compactMap { $0 }.joined(separator: " · "))
        }
        let lost = records.filter { $0.polarity == .destroyed }
        /// A few of the citizens' words per loss; the count says how many there are.
        func words(_ matching: [ValueRecord]) -> [String] {
            matching.prefix(Self.wordsPerLoss).map { r in r.highlightID.flatMap { quotes[$0] } ?? r.description }
        }
        let losses = ValueMap.losses(records)
        let byCause = losses.byCause.map { cause, count in
            Loss(label: word("value_cause_" + cause.rawValue), count: count, words: words(lost.filter { $0.cause == cause }))
        }
        let byTouchpoint = losses.byTouchpoint.map { touchpoint, count in
            Loss(label: touchpoint.isEmpty ? word("value_touchpoint_unknown") : touchpoint, count: count,
                 words: words(lost.filter { $0.touchpoint == touchpoint }))
        }
        let typed = Set(values["highlight_id"].map { [$0] } ?? [])
        let (choices, passageSearch) = try await EvidenceRoutes(t: t).passageOptions(request, context, m, tr, checked: typed,
                                                                                    action: base + "#value-add")
        let layout = canEdit ? ValueForm(t: t).layout(choices, context) : []
        let state = t.renderer.form(values, errors: errors, names: ValueForm.names, context)
        let filter = wantedBeneficiary != nil || wantedKind != nil
            ? [wantedBeneficiary.map { word("beneficiary_" + $0.rawValue) }, wantedKind.map { word("value_type_" + $0.rawValue) }]
                .compactMap { $0 }.joined(separator: ", ") : nil
        let body = Body(
            kinds: ValueType.allCases.filter { $0 != .none }.map { word("value_type_" + $0.rawValue) }, map: map, filter: filter,
            clearLink: base + "#records", records: rows, noRecords: rows.isEmpty,
            list: shown.count > ListPage.pageSize ? list.model(columns: [], total: shown.count, shown: rows.count, words: word) : nil, waiting: canEdit ? waiting : [],
            noWaiting: waiting.isEmpty || !canEdit,
            waitingMore: waitingTotal > waiting.count
                ? word("value_waiting_more").replacingOccurrences(of: "{shown}", with: context.numbers.integer(waiting.count))
                    .replacingOccurrences(of: "{total}", with: context.numbers.integer(waitingTotal)) : nil,
            passageSearch: passageSearch, fromHighlightAction: ValuePath.fromHighlight.link(slug, tr.id),
            lossesByCause: byCause, lossesByTouchpoint: byTouchpoint, noLosses: lost.isEmpty, canEdit: canEdit,
            sroiLink: ValuePath.sroi.link(slug, tr.id), analysesLink: ValuePath.analyses.link(slug, tr.id), outcomesLink: ValuePath.outcomes.link(slug, tr.id), action: base,
            form: state, fields: RecordForm.fields(layout, state))
        return t.page("value", title: word("value_title"), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        do {
            _ = try await writes.create(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id, ValueForm.input(data))
            return t.services.cookies.redirect(ValuePath.register.link(m.organisation.slug, tr.id) + "#records", notice: "notice_saved")
        } catch let refused as ValidationErrors {
            let typed = RecordPages.typed(data, ValueForm(t: t).layout([], context))
            return try await overviewPage(request, context, m, tr, values: typed, errors: refused.errors, status: .unprocessableContent)
        }
    }

    /// One step: the tagged highlight named in the form becomes a record.
    @Sendable func fromHighlight(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        let highlights = try await EvidenceStore(database: t.services.database)
            .highlights(organisationID: m.organisation.id, trajectoryID: tr.id, ids: [data["highlight_id"]])
        guard let highlight = highlights.first(where: { $0.id == data["highlight_id"] }), highlight.polarity != .none else {
            throw SamenError.notFound
        }
        do {
            _ = try await writes.create(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id, fromHighlight: highlight)
            return t.services.cookies.redirect(ValuePath.register.link(m.organisation.slug, tr.id) + "#records", notice: "notice_saved")
        } catch let refused as ValidationErrors {
            return try await overviewPage(request, context, m, tr, values: ValueForm.values(ValueRecordInput(highlight: highlight)),
                                          errors: refused.errors, status: .unprocessableContent)
        }
    }
}
