import Foundation
import Hummingbird
import SamenCore
import SamenStore

/// Changing and deleting surveys and waves in the JSON API: the same use-cases as the web
/// pages, with `If-Match` (412 when stale) and the row version as `ETag`.
struct SurveyWriteAPIRoutes: RouteGroup {
    let services: AppServices
    var writes: SurveyWrites { SurveyWrites(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (SurveyPath.api.patch, { $0.update }), (SurveyPath.api.delete, { $0.delete }), (SurveyPath.apiWave.delete, { $0.deleteWave }),
            (SurveyPath.apiWave.patch, { $0.updateWave }), (SurveyPath.apiItems.patch, { $0.updateItems }),
        ]
    }

    struct SurveyChange: Decodable {
        let title: String?
        let trajectoryId: String?
    }

    /// The role is checked before the body is read, so a viewer gets 403 whatever it sends.
    func access(_ request: Request, _ context: AppRequestContext) async throws -> (WriteActor, Survey) {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        guard let survey = try await SurveyStore(database: services.database)
            .survey(organisationID: membership.organisation.id, id: try request.parameter("survey", context)) else { throw SamenError.notFound }
        return (try RecordFlow.actor(membership, context), survey)
    }

    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, survey) = try await access(request, context)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(SurveyChange.self, request, context)
        let saved = try await writes.updateSurvey(actor, id: survey.id, title: body.title ?? survey.title,
                                                  trajectoryID: body.trajectoryId ?? survey.trajectoryID ?? "", expected: expected)
        return try APIWrites.json(SurveyAPIRoutes.json(saved), version: saved.version)
    }

    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, survey) = try await access(request, context)
        try await writes.deleteSurvey(actor, id: survey.id, expected: try APIWrites.expectedVersion(request))
        return Response(status: .noContent)
    }

    struct WaveChange: Decodable {
        let name: String?
        let startsOn: String?
        let endsOn: String?
    }

    /// Absent fields keep their value; an empty date clears it.
    @Sendable func updateWave(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, survey) = try await access(request, context)
        let (wave, _) = try await writes.wave(actor, surveyID: survey.id, id: try request.parameter("wave", context))
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(WaveChange.self, request, context)
        let saved = try await writes.updateWave(actor, surveyID: survey.id, id: wave.id, name: body.name ?? wave.name,
                                                startsOn: body.startsOn ?? wave.startsOn ?? "", endsOn: body.endsOn ?? wave.endsOn ?? "",
                                                expected: expected)
        return try APIWrites.json(SurveyAPIRoutes.json(saved.wave, version: saved.version), version: saved.version)
    }

    struct ItemsChange: Decodable {
        struct Item: Decodable {
            let id: String
            let textNl: String
            let textEn: String?
            let reverseCoded: Bool?
        }
        let items: [Item]
    }

    /// The listed items get the new wording (English defaults to the Dutch); the others stay.
    @Sendable func updateItems(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, survey) = try await access(request, context)
        let expected = try APIWrites.expectedVersion(request)
        let body = try await APIWrites.decode(ItemsChange.self, request, context)
        let current = Dictionary(survey.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let saved = try await writes.updateItems(actor, surveyID: survey.id, body.items.map {
            SurveyStore.ItemChange(id: $0.id, textNL: $0.textNl, textEN: $0.textEn ?? "",
                                  isReverseCoded: $0.reverseCoded ?? current[$0.id]?.isReverseCoded ?? false)
        }, expected: expected)
        return try APIWrites.json(SurveyAPIRoutes.json(saved), version: saved.version)
    }

    @Sendable func deleteWave(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (actor, survey) = try await access(request, context)
        let waveID = try request.parameter("wave", context)
        guard try await SurveyResponseStore(database: services.database).wave(organisationID: actor.organisationID, surveyID: survey.id,
                                                                               id: waveID) != nil else { throw SamenError.notFound }
        try await writes.deleteWave(actor, surveyID: survey.id, id: waveID, expected: try APIWrites.expectedVersion(request))
        return Response(status: .noContent)
    }
}
