import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Outcomes and indicators per intervention (issue 14): each intervention's outcomes with
/// their indicator, baseline and readings over time (typed by hand, or read from a survey
/// dimension's gap per wave), a form to add a measurement, and the form for a new outcome.
struct ValueOutcomeRoutes: RouteGroup {
    let t: TrajectoryContext
    var store: ValueOutcomeStore { ValueOutcomeStore(database: t.services.database) }
    var writes: ValueOutcomeWrites { ValueOutcomeWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [(ValuePath.outcomes.get, { $0.page }), (ValuePath.outcomes.post, { $0.create }), (ValuePath.measurements.post, { $0.measure })]
    }

    struct ReadingRow {
        let on: String
        let value: String
        let note: String
        /// Typed by hand (so it has its own edit and delete links); stored, as Mustache would
        /// otherwise find the outcome's links up the context stack for a survey reading.
        let manual: Bool
        let editLink: String?
        let deleteLink: String?
    }
    struct OutcomeView {
        let id: String
        let outcome: String
        let indicator: String
        let direction: String
        let baseline: String
        let source: String
        let readsSurvey: Bool
        let readings: [ReadingRow]
        let noReadings: Bool
        let latest: String
        let editLink: String
        let deleteLink: String
        let measureAction: String
        let canMeasure: Bool
        let measureFields: [MeasureField]
    }
    /// A field of an outcome's own measurement form (ids carry the outcome, as the page holds one form per outcome).
    struct MeasureField {
        let id: String
        let name: String
        let label: String
        let type: String
        let value: String
        let error: String?
    }
    struct Group {
        let intervention: String
        let link: String
        let outcomes: [OutcomeView]
    }
    struct Body {
        let groups: [Group]
        let noOutcomes: Bool
        let noInterventions: Bool
        let canEdit: Bool
        let back: String
        let action: String
        let form: FormState
        let fields: [RecordForm.Field]
        let today: String
    }

    /// The outcome of the path, in the trajectory of the path (404 otherwise).
    static func outcome(_ t: TrajectoryContext, _ request: Request, _ context: AppRequestContext, _ m: Membership,
                        _ tr: Trajectory) async throws -> ValueOutcome {
        guard let found = try await ValueOutcomeStore(database: t.services.database)
            .outcome(organisationID: m.organisation.id, id: try request.parameter("outcome", context)),
            found.trajectoryID == tr.id else { throw SamenError.notFound }
        return found
    }

    /// The measurement of the path, of the outcome of the path (404 otherwise).
    static func measurement(_ t: TrajectoryContext, _ request: Request, _ context: AppRequestContext, _ m: Membership,
                            _ tr: Trajectory) async throws -> (ValueOutcome, ValueMeasurement) {
        let outcome = try await outcome(t, request, context, m, tr)
        guard let found = try await ValueOutcomeStore(database: t.services.database)
            .measurement(organisationID: m.organisation.id, id: try request.parameter("measurement", context)),
            found.outcomeID == outcome.id else { throw SamenError.notFound }
        return (outcome, found)
    }

    /// A reading as the page's language writes it (1.234,5 in Dutch), at most two decimals.
    func number(_ value: Double, _ context: AppRequestContext) -> String { context.numbers.compact(value) }

    @Sendable func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .viewOrganisation)
        return try await render(request, context, m, tr, values: ["direction": "higher"], errors: [], failed: nil, status: .ok)
    }

    /// `failed`: the outcome whose measurement form is shown again with what was typed and its errors.
    func render(_ request: Request, _ context: AppRequestContext, _ m: Membership, _ tr: Trajectory, values: [String: String],
                errors: [SamenError], failed: (id: String, values: [String: String], errors: [SamenError])?,
                status: HTTPResponse.Status) async throws -> Response {
        let slug = m.organisation.slug, org = m.organisation.id
        let outcomes = try await store.outcomes(organisationID: org, trajectoryID: tr.id)
        let readings = try await ValueOutcomeReadings(database: t.services.database)
            .readings(organisationID: org, outcomes: outcomes, measurements: try await store.measurements(organisationID: org, trajectoryID: tr.id))
        let interventions = try await PortfolioStore(database: t.services.database).interventions(organisationID: org, trajectoryID: tr.id)
        let surveys = Dictionary(try await SurveyService(database: t.services.database).surveys.surveys(organisationID: org).map { ($0.id, $0.title) },
                                 uniquingKeysWith: { a, _ in a })
        let canEdit = m.role.allows(.editContent)
        func word(_ key: String) -> String { t.word(key, context) }
        func view(_ o: ValueOutcome) -> OutcomeView {
            let unit = o.unit.isEmpty ? "" : " " + o.unit
            let rows = (readings[o.id] ?? []).map { r in
                ReadingRow(on: r.on, value: number(r.value, context) + unit,
                           note: r.wave.map { word("value_reading_wave") + " " + $0 + " (n = \(r.n ?? 0))" } ?? r.note,
                           manual: r.measurementID != nil,
                           editLink: canEdit ? r.measurementID.map { ValuePath.measurementEdit.link(slug, tr.id, o.id, $0) } : nil,
                           deleteLink: canEdit ? r.measurementID.map { ValuePath.measurementDelete.link(slug, tr.id, o.id, $0) } : nil)
            }
            let mine = failed?.id == o.id ? failed : nil
            return OutcomeView(
                id: o.id, outcome: o.outcome, indicator: o.indicator + (o.unit.isEmpty ? "" : " (\(o.unit))"),
                direction: word("indicator_direction_" + o.direction.rawValue),
                baseline: o.baselineValue.map { number($0, context) + unit + " (" + o.baselineOn + ")" } ?? "–",
                source: o.surveyID.map { word("value_source_survey") + " " + (surveys[$0] ?? "") + ": " + word("dimension_" + o.dimension) }
                    ?? word("value_source_manual"),
                readsSurvey: o.readsSurvey, readings: rows, noReadings: rows.isEmpty, latest: rows.last?.value ?? "–",
                editLink: ValuePath.outcomeEdit.link(slug, tr.id, o.id), deleteLink: ValuePath.outcomeDelete.link(slug, tr.id, o.id),
                measureAction: ValuePath.measurements.link(slug, tr.id, o.id),
                canMeasure: canEdit && !o.readsSurvey,
                measureFields: ValueOutcomeForm.measurementLayout.map { name, kind in
                    let value = mine?.values[name] ?? (name == "measured_on" ? t.today() : "")
                    let error = mine?.errors.first { $0.field == name }.map { word("error_" + $0.code) }
                    let type: String = if case .date = kind { "date" } else { "text" }
                    return MeasureField(id: name + "-" + o.id, name: name, label: word("field_" + name), type: type, value: value, error: error)
                })
        }
        let groups = interventions.compactMap { i -> Group? in
            let mine = outcomes.filter { $0.interventionID == i.id }
            return mine.isEmpty ? nil : Group(intervention: i.title, link: PortfolioPath.intervention.link(slug, tr.id, i.id), outcomes: mine.map(view))
        }
        let form = ValueOutcomeForm(t: t)
        let layout = canEdit ? form.layout(try await form.choices(m, tr, context), context) : []
        let state = t.renderer.form(values, errors: errors, names: ValueOutcomeForm.names, context)
        let body = Body(groups: groups, noOutcomes: outcomes.isEmpty, noInterventions: interventions.isEmpty, canEdit: canEdit,
                        back: ValuePath.register.link(slug, tr.id), action: ValuePath.outcomes.link(slug, tr.id), form: state,
                        fields: RecordForm.fields(layout, state), today: t.today())
        return t.page("value-outcomes", title: word("value_outcomes_title"), body: body, request: request, context: context,
                      membership: m, trajectory: tr, status: status)
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let data = try await request.form(context)
        do {
            let created = try await writes.create(try RecordPages(t: t).actor(m, context), trajectoryID: tr.id, ValueOutcomeForm.input(data))
            return t.services.cookies.redirect(ValuePath.outcomes.link(m.organisation.slug, tr.id) + "#outcome-\(created.id)", notice: "notice_saved")
        } catch let refused as ValidationErrors {
            let typed = Dictionary(uniqueKeysWithValues: ValueOutcomeForm.names.map { ($0, data[$0]) })
            return try await render(request, context, m, tr, values: typed, errors: refused.errors, failed: nil, status: .unprocessableContent)
        }
    }

    @Sendable func measure(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (m, tr) = try await t.access(request, context, for: .editContent)
        let outcome = try await Self.outcome(t, request, context, m, tr)
        let data = try await request.form(context)
        do {
            _ = try await writes.addMeasurement(try RecordPages(t: t).actor(m, context), outcome: outcome, ValueOutcomeForm.measurement(data))
            return t.services.cookies.redirect(ValuePath.outcomes.link(m.organisation.slug, tr.id) + "#outcome-\(outcome.id)", notice: "notice_saved")
        } catch let refused as ValidationErrors {
            let typed = Dictionary(uniqueKeysWithValues: ValueOutcomeForm.measurementNames.map { ($0, data[$0]) })
            return try await render(request, context, m, tr, values: ["direction": "higher"], errors: [],
                                    failed: (outcome.id, typed, refused.errors), status: .unprocessableContent)
        }
    }
}
