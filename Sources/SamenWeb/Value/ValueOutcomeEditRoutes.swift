import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Correcting and deleting outcomes and measurements, on the shared record flow
/// (`DesignEditRoutes.Kind`: form, stale 409 with both values, delete confirmation).
struct ValueOutcomeEditRoutes: RouteGroup {
    let t: TrajectoryContext
    var flow: DesignEditRoutes { DesignEditRoutes(t: t) }
    var writes: ValueOutcomeWrites { ValueOutcomeWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (ValuePath.outcomeEdit.get, { $0.outcomeForm }), (ValuePath.outcomeEdit.post, { $0.outcomeEdit }),
            (ValuePath.outcomeDelete.get, { $0.outcomeDeleteForm }), (ValuePath.outcomeDelete.post, { $0.outcomeDelete }),
            (ValuePath.measurementEdit.get, { $0.measurementForm }), (ValuePath.measurementEdit.post, { $0.measurementEdit }),
            (ValuePath.measurementDelete.get, { $0.measurementDeleteForm }), (ValuePath.measurementDelete.post, { $0.measurementDelete }),
        ]
    }

    /// The layout of the outcome form needs the trajectory's interventions and surveys; the
    /// flow's `spec` is synchronous, so `load` reads them and hands them on with the record.
    struct Loaded: Versioned, Sendable {
        var outcome: ValueOutcome
        let organisationID: String
        let choices: ValueOutcomeForm.Choices
        var version: Int {
            get { outcome.version }
            set { outcome.version = newValue }
        }
    }

    var outcome: DesignEditRoutes.Kind<Loaded> {
        var kind = DesignEditRoutes.Kind<Loaded>(
            load: { request, context, m, tr in
                let form = ValueOutcomeForm(t: t)
                return Loaded(outcome: try await ValueOutcomeRoutes.outcome(t, request, context, m, tr), organisationID: m.organisation.id,
                              choices: try await form.choices(m, tr, context))
            },
            values: { ValueOutcomeForm.values($0.outcome) },
            spec: { slug, tr, r, _, context in
                RecordPages.Spec(heading: t.word("value_outcome_edit_title", context), layout: ValueOutcomeForm(t: t).layout(r.choices, context),
                                 action: ValuePath.outcomeEdit.link(slug, tr.id, r.outcome.id), back: ValuePath.outcomes.link(slug, tr.id),
                                 deleteLink: ValuePath.outcomeDelete.link(slug, tr.id, r.outcome.id))
            },
            name: { r in r.outcome.outcome.count > 80 ? String(r.outcome.outcome.prefix(80)) + "…" : r.outcome.outcome },
            deleteTitle: "value_outcome_delete_title",
            done: { slug, tr, r in ValuePath.outcomes.link(slug, tr.id) + "#outcome-\(r.outcome.id)" },
            save: { actor, r, data, expected in
                _ = try await writes.update(actor, current: r.outcome, ValueOutcomeForm.input(data), expected: expected)
            },
            impact: { r in try await ValueOutcomeStore(database: t.services.database).impact(organisationID: r.organisationID, outcomeID: r.outcome.id) },
            delete: { try await writes.delete($0, $1.outcome, expected: $2) })
        kind.linksPassages = false
        return kind
    }

    struct LoadedMeasurement: Versioned, Sendable {
        let outcome: ValueOutcome
        var measurement: ValueMeasurement
        var version: Int {
            get { measurement.version }
            set { measurement.version = newValue }
        }
    }

    var measurement: DesignEditRoutes.Kind<LoadedMeasurement> {
        var kind = DesignEditRoutes.Kind<LoadedMeasurement>(
            load: { request, context, m, tr in
                let (outcome, measurement) = try await ValueOutcomeRoutes.measurement(t, request, context, m, tr)
                return LoadedMeasurement(outcome: outcome, measurement: measurement)
            },
            values: { ValueOutcomeForm.values($0.measurement) },
            spec: { slug, tr, r, _, context in
                RecordPages.Spec(heading: t.word("value_measurement_edit_title", context), layout: ValueOutcomeForm.measurementLayout,
                                 action: ValuePath.measurementEdit.link(slug, tr.id, r.outcome.id, r.measurement.id),
                                 back: ValuePath.outcomes.link(slug, tr.id) + "#outcome-\(r.outcome.id)",
                                 deleteLink: ValuePath.measurementDelete.link(slug, tr.id, r.outcome.id, r.measurement.id))
            },
            name: { r in r.measurement.measuredOn + ": " + ValueOutcomeInput.text(r.measurement.value) },
            deleteTitle: "value_measurement_delete_title",
            done: { slug, tr, r in ValuePath.outcomes.link(slug, tr.id) + "#outcome-\(r.outcome.id)" },
            save: { actor, r, data, expected in
                _ = try await writes.updateMeasurement(actor, outcome: r.outcome, current: r.measurement, ValueOutcomeForm.measurement(data),
                                                       expected: expected)
            },
            impact: { _ in DeletionImpact([]) },
            delete: { try await writes.deleteMeasurement($0, $1.measurement, expected: $2) })
        kind.linksPassages = false
        return kind
    }

    @Sendable func outcomeForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(outcome, r, c) }
    @Sendable func outcomeEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(outcome, r, c) }
    @Sendable func outcomeDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(outcome, r, c) }
    @Sendable func outcomeDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(outcome, r, c) }
    @Sendable func measurementForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(measurement, r, c) }
    @Sendable func measurementEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(measurement, r, c) }
    @Sendable func measurementDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response {
        try await flow.deleteForm(measurement, r, c)
    }
    @Sendable func measurementDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(measurement, r, c) }
}
