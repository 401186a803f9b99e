import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Editing a survey's title and trajectory link, and deleting a survey, a wave or an own
/// dimension set, each after a confirmation page of its own that lists what goes with it.
struct SurveyEditRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var writes: SurveyWrites { SurveyWrites(database: services.database) }
    var store: SurveyStore { SurveyStore(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (SurveyPath.edit.get, { $0.editForm }), (SurveyPath.edit.post, { $0.edit }),
            (SurveyPath.delete.get, { $0.deleteForm }), (SurveyPath.delete.post, { $0.delete }),
            (SurveyPath.waveEdit.get, { $0.waveEditForm }), (SurveyPath.waveEdit.post, { $0.waveEdit }),
            (SurveyPath.waveDelete.get, { $0.waveDeleteForm }), (SurveyPath.waveDelete.post, { $0.waveDelete }),
            (SurveyPath.setDelete.get, { $0.setDeleteForm }), (SurveyPath.setDelete.post, { $0.setDelete }),
        ]
    }

    func access(_ request: Request, _ context: AppRequestContext) async throws -> (Membership, WriteActor, RecordFlow) {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        return (membership, try RecordFlow.actor(membership, context),
                RecordFlow.organisation(services, request, context, membership, canDelete: true))
    }

    func survey(_ request: Request, _ context: AppRequestContext, _ membership: Membership) async throws -> Survey {
        guard let survey = try await store.survey(organisationID: membership.organisation.id, id: try request.parameter("survey", context)) else {
            throw SamenError.notFound
        }
        return survey
    }

    // MARK: surveys

    static func values(_ s: Survey) -> [String: String] { ["title": s.title, "trajectory_id": s.trajectoryID ?? ""] }

    func spec(_ slug: String, _ s: Survey, _ trajectories: [Option], _ context: AppRequestContext) -> RecordFlow.Spec {
        RecordFlow.Spec(heading: renderer.text("survey_edit_title", context), layout: [("title", .text), ("trajectory_id", .select(trajectories))],
                        action: SurveyPath.edit.link(slug, s.id), back: SurveyPath.survey.link(slug, s.id),
                        deleteLink: SurveyPath.delete.link(slug, s.id))
    }

    func trajectories(_ membership: Membership, _ context: AppRequestContext) async throws -> [Option] {
        try await ConversationRoutes(services: services).trajectoryOptions(membership, selected: "", context)
    }

    @Sendable func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, _, flow) = try await access(request, context)
        let s = try await survey(request, context, membership)
        return flow.editPage(context, spec(membership.organisation.slug, s, try await trajectories(membership, context), context),
                             values: Self.values(s), version: s.version)
    }

    @Sendable func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        let s = try await survey(request, context, membership)
        let form = try await request.form(context)
        return try await flow.save(context, spec(membership.organisation.slug, s, try await trajectories(membership, context), context), form: form,
                                   reload: {
            try await store.survey(organisationID: membership.organisation.id, id: s.id).map { (Self.values($0), $0.version) }
        }, write: { _ = try await writes.updateSurvey(actor, id: s.id, title: form["title"], trajectoryID: form["trajectory_id"], expected: $0) })
    }

    @Sendable func deleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        let s = try await survey(request, context, membership)
        let slug = membership.organisation.slug
        return flow.deletePage(context, heading: renderer.text("survey_delete_title", context), name: s.title,
                               impact: try await writes.surveyImpact(actor, id: s.id), action: SurveyPath.delete.link(slug, s.id),
                               back: SurveyPath.survey.link(slug, s.id), version: s.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        let s = try await survey(request, context, membership)
        let slug = membership.organisation.slug
        return try await flow.confirmDelete(
            request, context, heading: renderer.text("survey_delete_title", context), name: s.title, action: SurveyPath.delete.link(slug, s.id),
            back: SurveyPath.survey.link(slug, s.id), done: Paths.surveys(slug), impact: { try await writes.surveyImpact(actor, id: s.id) },
            reload: { try await store.survey(organisationID: membership.organisation.id, id: s.id)?.version },
            delete: { try await writes.deleteSurvey(actor, id: s.id, expected: $0) })
    }

    // MARK: waves

    func wave(_ request: Request, _ context: AppRequestContext, _ membership: Membership, _ s: Survey) async throws -> SurveyWave {
        guard let wave = try await SurveyResponseStore(database: services.database)
            .wave(organisationID: membership.organisation.id, surveyID: s.id, id: try request.parameter("wave", context)) else {
            throw SamenError.notFound
        }
        return wave
    }

    func waveSpec(_ slug: String, _ s: Survey, _ wave: SurveyWave, _ context: AppRequestContext) -> RecordFlow.Spec {
        RecordFlow.Spec(heading: renderer.text("wave_edit_title", context) + ": " + wave.name,
                        layout: [("name", .text), ("starts_on", .date), ("ends_on", .date)],
                        action: SurveyPath.waveEdit.link(slug, s.id, wave.id), back: SurveyPath.survey.link(slug, s.id),
                        deleteLink: SurveyPath.waveDelete.link(slug, s.id, wave.id))
    }

    @Sendable func waveEditForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        let s = try await survey(request, context, membership)
        let (wave, version) = try await writes.wave(actor, surveyID: s.id, id: try request.parameter("wave", context))
        return flow.editPage(context, waveSpec(membership.organisation.slug, s, wave, context), values: SurveyWrites.values(wave),
                             version: version)
    }

    @Sendable func waveEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        let s = try await survey(request, context, membership)
        let (wave, _) = try await writes.wave(actor, surveyID: s.id, id: try request.parameter("wave", context))
        let form = try await request.form(context)
        return try await flow.save(context, waveSpec(membership.organisation.slug, s, wave, context), form: form, reload: {
            (try? await writes.wave(actor, surveyID: s.id, id: wave.id)).map { (SurveyWrites.values($0.wave), $0.version) }
        }, write: {
            _ = try await writes.updateWave(actor, surveyID: s.id, id: wave.id, name: form["name"], startsOn: form["starts_on"],
                                            endsOn: form["ends_on"], expected: $0)
        })
    }

    @Sendable func waveDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        let s = try await survey(request, context, membership)
        let wave = try await wave(request, context, membership, s)
        let slug = membership.organisation.slug
        return flow.deletePage(context, heading: renderer.text("wave_delete_title", context), name: s.title + " – " + wave.name,
                               impact: try await writes.waveImpact(actor, id: wave.id), action: SurveyPath.waveDelete.link(slug, s.id, wave.id),
                               back: SurveyPath.survey.link(slug, s.id), version: try await writes.waveVersion(actor, id: wave.id))
    }

    @Sendable func waveDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        let s = try await survey(request, context, membership)
        let wave = try await wave(request, context, membership, s)
        let slug = membership.organisation.slug
        return try await flow.confirmDelete(
            request, context, heading: renderer.text("wave_delete_title", context), name: s.title + " – " + wave.name,
            action: SurveyPath.waveDelete.link(slug, s.id, wave.id), back: SurveyPath.survey.link(slug, s.id), done: SurveyPath.survey.link(slug, s.id),
            impact: { try await writes.waveImpact(actor, id: wave.id) }, reload: { try? await writes.waveVersion(actor, id: wave.id) },
            delete: { try await writes.deleteWave(actor, surveyID: s.id, id: wave.id, expected: $0) })
    }

    // MARK: dimension sets

    func dimensionSet(_ request: Request, _ context: AppRequestContext, _ membership: Membership) async throws -> DimensionSet {
        guard let set = try await store.dimensionSet(organisationID: membership.organisation.id, id: try request.parameter("set", context)) else {
            throw SamenError.notFound
        }
        return set
    }

    /// A refused delete names the surveys that were made with the set.
    func setPage(_ context: AppRequestContext, _ flow: RecordFlow, _ slug: String, _ set: DimensionSet, _ actor: WriteActor,
                 refusal: SamenError? = nil) async throws -> Response {
        let users = try await writes.surveysUsing(actor, setID: set.id)
        let impact = DeletionImpact([])
        var response = flow.deletePage(context, heading: renderer.text("dimension_set_delete_title", context), name: set.name, impact: impact,
                                       action: SurveyPath.setDelete.link(slug, set.id), back: Paths.dimensionSets(slug),
                                       version: set.isDefault ? 0 : try await writes.dimensionSetVersion(actor, id: set.id),
                                       refusal: refusal ?? (set.isDefault ? SamenError("dimension_set_default", kind: .conflict)
                                                            : users.isEmpty ? nil : SamenError("dimension_set_in_use", kind: .conflict)),
                                       refusalDetail: users.joined(separator: ", "))
        if refusal == nil && (set.isDefault || !users.isEmpty) { response.status = .ok }
        return response
    }

    @Sendable func setDeleteForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        return try await setPage(context, flow, membership.organisation.slug, try await dimensionSet(request, context, membership), actor)
    }

    @Sendable func setDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (membership, actor, flow) = try await access(request, context)
        let set = try await dimensionSet(request, context, membership)
        let form = try await request.form(context)
        do {
            try await writes.deleteDimensionSet(actor, id: set.id, expected: RecordForm.version(form["version"]))
            return services.cookies.redirect(Paths.dimensionSets(membership.organisation.slug), notice: "notice_deleted")
        } catch let error as SamenError where error.kind == .conflict || error.kind == .stale {
            return try await setPage(context, flow, membership.organisation.slug, set, actor, refusal: error)
        }
    }
}
