import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Correcting and deleting interventions and maturity assessments, on the shared record
/// flow (`DesignEditRoutes.Kind`: form, stale 409 with both values, delete confirmation).
struct PortfolioEditRoutes: RouteGroup {
    let t: TrajectoryContext
    var flow: DesignEditRoutes { DesignEditRoutes(t: t) }
    var writes: PortfolioWrites { PortfolioWrites(database: t.services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (PortfolioPath.interventionEdit.get, { $0.interventionForm }), (PortfolioPath.interventionEdit.post, { $0.interventionEdit }),
            (PortfolioPath.interventionDelete.get, { $0.interventionDeleteForm }), (PortfolioPath.interventionDelete.post, { $0.interventionDelete }),
            (PortfolioPath.assessmentEdit.get, { $0.assessmentForm }), (PortfolioPath.assessmentEdit.post, { $0.assessmentEdit }),
            (PortfolioPath.assessmentDelete.get, { $0.assessmentDeleteForm }), (PortfolioPath.assessmentDelete.post, { $0.assessmentDelete }),
        ]
    }

    /// An intervention with the trajectory's records it can answer, for its form.
    struct InterventionRecord: Versioned, Sendable {
        var intervention: Intervention
        var choices: InterventionForm.Choices
        var version: Int {
            get { intervention.version }
            set { intervention.version = newValue }
        }
    }

    var intervention: DesignEditRoutes.Kind<InterventionRecord> {
        let form = InterventionForm(t: t)
        return .init(
            load: { request, context, m, tr in
                InterventionRecord(intervention: try await PortfolioRoutes(t: t).intervention(request, context, m, tr),
                                   choices: try await form.choices(m, tr))
            },
            values: { InterventionForm.values($0.intervention) },
            spec: { slug, tr, r, _, context in
                RecordPages.Spec(heading: t.word("intervention_edit_title", context), layout: form.layout(r.choices, context),
                                 action: PortfolioPath.interventionEdit.link(slug, tr.id, r.intervention.id),
                                 back: PortfolioPath.intervention.link(slug, tr.id, r.intervention.id),
                                 deleteLink: PortfolioPath.interventionDelete.link(slug, tr.id, r.intervention.id))
            },
            name: \.intervention.title, deleteTitle: "intervention_delete_title",
            done: { slug, tr, _ in PortfolioPath.portfolio.link(slug, tr.id) },
            save: { actor, r, data, expected in
                _ = try await writes.updateIntervention(actor, current: r.intervention,
                                                        InterventionForm.input(data, onto: InterventionInput(r.intervention)), expected: expected)
            },
            impact: { try await writes.interventionImpact($0.intervention) },
            delete: { try await writes.deleteIntervention($0, $1.intervention, expected: $2) }, linksPassages: false)
    }

    @Sendable func interventionForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(intervention, r, c) }
    @Sendable func interventionEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(intervention, r, c) }
    @Sendable func interventionDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(intervention, r, c) }
    @Sendable func interventionDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(intervention, r, c) }

    /// The assessment of the path, in the trajectory of the path (404 otherwise).
    static func assessment(_ t: TrajectoryContext, _ request: Request, _ context: AppRequestContext, _ m: Membership,
                           _ tr: Trajectory) async throws -> MaturityAssessment {
        guard let found = try await GrowthModelStore(database: t.services.database)
            .assessment(organisationID: m.organisation.id, id: try request.parameter("assessment", context)),
            found.trajectoryID == tr.id else { throw SamenError.notFound }
        return found
    }

    var assessment: DesignEditRoutes.Kind<MaturityAssessment> {
        .init(
            load: { try await Self.assessment(t, $0, $1, $2, $3) },
            values: AssessmentForm.values,
            spec: { slug, tr, a, _, context in
                RecordPages.Spec(heading: t.word("assessment_edit_title", context), layout: AssessmentForm.layout(t, context),
                                 action: PortfolioPath.assessmentEdit.link(slug, tr.id, a.id), back: PortfolioPath.growth.link(slug, tr.id),
                                 deleteLink: PortfolioPath.assessmentDelete.link(slug, tr.id, a.id))
            },
            name: { a in a.assessedOn + " · " + a.dimension }, deleteTitle: "assessment_delete_title",
            done: { slug, tr, _ in PortfolioPath.growth.link(slug, tr.id) },
            save: { actor, a, data, expected in
                _ = try await writes.updateAssessment(actor, current: a, AssessmentForm.input(data), expected: expected)
            },
            impact: { _ in DeletionImpact([]) },
            delete: { try await writes.deleteAssessment($0, $1, expected: $2) }, linksPassages: false)
    }

    @Sendable func assessmentForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.form(assessment, r, c) }
    @Sendable func assessmentEdit(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.edit(assessment, r, c) }
    @Sendable func assessmentDeleteForm(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.deleteForm(assessment, r, c) }
    @Sendable func assessmentDelete(_ r: Request, _ c: AppRequestContext) async throws -> Response { try await flow.delete(assessment, r, c) }
}
