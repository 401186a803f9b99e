import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// Building the instrument: the list of surveys, a new survey, its items, waves, answer
/// links and the CSV import. Viewing needs any role; changing needs a facilitator.
struct SurveyRoutes: RouteGroup {
    let services: AppServices
    let surveys: SurveyService
    var renderer: Renderer { services.renderer }
    var writes: SurveyWrites { SurveyWrites(database: services.database) }

    init(services: AppServices) {
        self.services = services
        self.surveys = SurveyService(database: services.database)
    }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, "/o/:org/surveys"), { $0.list }),
            (RouteEntry(.post, "/o/:org/surveys"), { $0.create }),
            (RouteEntry(.get, "/o/:org/surveys/:survey"), { $0.detail }),
            (RouteEntry(.post, "/o/:org/surveys/:survey/items"), { $0.saveItems }),
            (RouteEntry(.post, "/o/:org/surveys/:survey/waves"), { $0.addWave }),
            (RouteEntry(.post, "/o/:org/surveys/:survey/waves/:wave/links"), { $0.makeLinks }),
            (RouteEntry(.post, "/o/:org/surveys/:survey/import"), { $0.importCSV }),
        ]
    }


    struct SurveyRow {
        let title: String
        let url: String
        let trajectory: String
        let scale: String
        let dimensions: Int
    }

    struct ListBody {
        let rows: [SurveyRow]
        let isEmpty: Bool
        let canBuild: Bool
        let form: FormState
        let sets: [Option]
        let trajectories: [Option]
        let scales: [Option]
        let createPath: String
        let dimensionsPath: String
        let channelLevels: String
        let ageLevels: String
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        return try await listPage(request, context, membership, form: renderer.form(context), status: .ok)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, _ membership: Membership, form: FormState,
                          status: HTTPResponse.Status) async throws -> Response {
        let organisation = membership.organisation
        let all = try await surveys.surveys.surveys(organisationID: organisation.id)
        let sets = try await surveys.surveys.dimensionSets(organisationID: organisation.id)
        let trajectoryList = try await TrajectoryStore(database: services.database).list(organisationID: organisation.id)
        let trajectoryNames = Dictionary(trajectoryList.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let chosenTrajectory = form.fields["trajectory"]?.value ?? ""
        let chosenSet = form.fields["dimension_set"]?.value ?? DimensionSet.defaultID
        let chosenScale = form.fields["scale"]?.value ?? String(SurveyScaleOption.default.rawValue)
        let body = ListBody(
            rows: all.map {
                SurveyRow(title: $0.title, url: Paths.survey(organisation.slug, $0.id),
                          trajectory: $0.trajectoryID.flatMap { trajectoryNames[$0] } ?? "–", scale: "1–\($0.scale.rawValue)",
                          dimensions: $0.dimensionCodes.count)
            },
            isEmpty: all.isEmpty, canBuild: membership.role.allows(.runTrajectory), form: form,
            sets: sets.map { Option(value: $0.id, label: "\($0.name) (v\($0.version))", selected: $0.id == chosenSet) },
            trajectories: [Option(value: "", label: renderer.text("survey_no_trajectory", context), selected: chosenTrajectory.isEmpty)]
                + trajectoryList.map { Option(value: $0.id, label: $0.title, selected: $0.id == chosenTrajectory) },
            scales: SurveyScaleOption.allCases.map {
                Option(value: String($0.rawValue), label: "1–\($0.rawValue)", selected: String($0.rawValue) == chosenScale)
            },
            createPath: Paths.surveys(organisation.slug), dimensionsPath: Paths.dimensionSets(organisation.slug),
            channelLevels: form.fields["levels_channel"]?.value ?? SurveyRules.defaultLevels[.channel]!.joined(separator: "\n"),
            ageLevels: form.fields["levels_age_band"]?.value ?? SurveyRules.defaultLevels[.ageBand]!.joined(separator: "\n"))
        return renderer.page("surveys", title: renderer.text("surveys_title", context) + " – " + organisation.name, body: body,
                             request: request, context: context, status: status,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let form = try await request.form(context)
        var levels: [SegmentQuestion: String] = [:]
        for question in SegmentQuestion.allCases { levels[question] = form["levels_" + question.rawValue] }
        let errors: [SamenError]
        do {
            let survey = try await writes.createSurvey(try RecordFlow.actor(membership, context), .init(
                title: form["title"], trajectoryID: form["trajectory"], dimensionSetID: form["dimension_set"], scale: form["scale"],
                itemsPerDimension: form["items_per_dimension"], asksNPS: form["asks_nps"] == "1", asksCES: form["asks_ces"] == "1",
                asksMark: form["asks_mark"] == "1", levels: levels))
            return services.cookies.redirect(Paths.survey(membership.organisation.slug, survey.id), notice: "notice_survey_created")
        } catch let error as SamenError where error.kind == .validation {
            errors = [error]
        } catch let failed as ValidationErrors {
            errors = failed.errors
        }
        var values: [String: String] = [:]
        for name in ["title", "trajectory", "scale", "items_per_dimension", "dimension_set", "levels_channel", "levels_persona",
                     "levels_district", "levels_age_band"] { values[name] = form[name] }
        return try await listPage(request, context, membership, form: renderer.form(values, errors: errors, context),
                                  status: .unprocessableContent)
    }

    func survey(_ request: Request, _ context: AppRequestContext, _ membership: Membership) async throws -> Survey {
        guard let survey = try await surveys.surveys.survey(organisationID: membership.organisation.id,
                                                            id: try request.parameter("survey", context)) else {
            throw SamenError.notFound
        }
        return survey
    }

    @Sendable func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let survey = try await survey(request, context, membership)
        return try await SurveyDetailPage(routes: self).render(request, context, membership, survey)
    }

    @Sendable func saveItems(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let survey = try await survey(request, context, membership)
        let form = try await request.form(context)
        let items = survey.items.map {
            SurveyStore.ItemChange(id: $0.id, textNL: form["text_nl_\($0.id)"], textEN: form["text_en_\($0.id)"],
                                  isReverseCoded: form["reverse_\($0.id)"] == "1")
        }
        do {
            _ = try await writes.updateItems(try RecordFlow.actor(membership, context), surveyID: survey.id, items,
                                             expected: RecordForm.version(form["version"]))
        } catch let error as SamenError where error.kind == .stale {
            // Someone saved the items (or the survey) first: the page shows what is stored now.
            let current = try await self.survey(request, context, membership)
            return try await SurveyDetailPage(routes: self).render(request, context, membership, current,
                                                                   itemErrors: [SamenError("survey_items_stale", kind: .stale, field: "items")],
                                                                   status: .conflict)
        } catch let failed as ValidationErrors {
            let conflict = failed.errors.allSatisfy { $0.kind == .conflict }
            return try await SurveyDetailPage(routes: self).render(request, context, membership, survey, itemErrors: failed.errors,
                                                                   status: conflict ? .conflict : .unprocessableContent)
        }
        return services.cookies.redirect(Paths.survey(membership.organisation.slug, survey.id), notice: "notice_saved")
    }

    @Sendable func addWave(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let survey = try await survey(request, context, membership)
        let form = try await request.form(context)
        let start = form["starts_on"].trimmed
        let end = form["ends_on"].trimmed
        let errors: [SamenError]
        do {
            _ = try await writes.createWave(try RecordFlow.actor(membership, context), surveyID: survey.id, name: form["name"],
                                            startsOn: start, endsOn: end)
            return services.cookies.redirect(Paths.survey(membership.organisation.slug, survey.id), notice: "notice_wave_added")
        } catch let error as SamenError where error.kind == .conflict {
            errors = [error]
        } catch let failed as ValidationErrors {
            errors = failed.errors
        }
        let values = ["name": form["name"], "starts_on": start, "ends_on": end]
        return try await SurveyDetailPage(routes: self).render(
            request, context, membership, survey, waveForm: renderer.form(values, errors: errors, context),
            status: .unprocessableContent)
    }

    /// Makes links and hands them out once, as the form asks: on the page, as a CSV file or
    /// as letters to print (`SurveyLinkSheet`).
    @Sendable func makeLinks(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let survey = try await survey(request, context, membership)
        let waveID = try request.parameter("wave", context)
        let form = try await request.form(context)
        guard let wave = try await surveys.responses.wave(organisationID: membership.organisation.id, surveyID: survey.id, id: waveID)
        else { throw SamenError.notFound }
        let format = SurveyLinkSheet.Format(rawValue: form["format"]) ?? .page
        let tokens = try await writes.createLinks(try RecordFlow.actor(membership, context), surveyID: survey.id, waveID: waveID,
                                                  count: form["count"])
        let base = SurveyLinkSheet.baseURL(services.configuration, request, context)
        let letters = SurveyLinkSheet.letters(tokens, base: base, withQR: format == .letters,
                                              label: renderer.text("survey_letter_qr_label", context))
        switch format {
        case .csv:
            return SurveyLinkSheet.csv(letters, waveName: wave.name)
        case .letters:
            struct LettersBody {
                let title: String
                let surveyTitle: String
                let count: Int
                let letters: [SurveyLinkSheet.Letter]
                let codeAddress: String
                let backPath: String
            }
            let title = renderer.text("survey_letters_title", context) + " – " + wave.name
            return renderer.page("survey-letters", title: title, body: LettersBody(
                title: title, surveyTitle: survey.title, count: letters.count, letters: letters, codeAddress: base + Paths.publicSurveyCode,
                backPath: Paths.survey(membership.organisation.slug, survey.id)), request: request, context: context,
                nav: services.organisationNav(membership, current: request.uri.path, context))
        case .page:
            return try await SurveyDetailPage(routes: self).render(request, context, membership, survey, newLinks: letters)
        }
    }

    /// The import form: a file (multipart, streamed into the parser) or pasted text; all
    /// rows or none, and a refused file comes back with its report by row and column.
    @Sendable func importCSV(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let survey = try await survey(request, context, membership)
        let waves = try await surveys.responses.waves(organisationID: membership.organisation.id, surveyID: survey.id)
        let upload: SurveyUploadReader.Form
        if context.csrfLeftToHandler {
            upload = try await SurveyUploadReader.form(
                request, limit: context.maxUploadSize, expectedCSRF: context.csrfBoundToSession ? context.csrfToken : "",
                fileField: "csv_file", textField: "csv",
                template: { id in waves.first { $0.id == id }.map { SurveyService.template(for: survey, wave: $0) } })
        } else {
            let form = try await request.form(context)
            var pasted = SurveyUploadReader.Form(wave: form["wave"], pasted: form["csv"])
            if let wave = waves.first(where: { $0.id == form["wave"] }) {
                do { pasted.result = .success(try SurveyCSVReader.read(text: form["csv"], template: SurveyService.template(for: survey, wave: wave))) }
                catch { pasted.result = .failure(error) }
            }
            upload = pasted
        }
        guard let wave = waves.first(where: { $0.id == upload.wave }) else {
            throw ValidationErrors([.validation("wave_required", field: "wave")])
        }
        do {
            let data: SurveyCSVData
            switch upload.result {
            case .success(let parsed): data = parsed
            case .failure(let error): throw error
            case nil: data = try SurveyCSVReader.read(text: "", template: SurveyService.template(for: survey, wave: wave))
            }
            try await surveys.importData(data, actor: try RecordFlow.actor(membership, context), survey: survey, wave: wave)
            return services.cookies.redirect(Paths.survey(membership.organisation.slug, survey.id), notice: "notice_survey_imported")
        } catch let error as SurveyCSVError {
            return try await SurveyDetailPage(routes: self).render(request, context, membership, survey, importError: error,
                                                                   csv: upload.pasted, chosenWave: wave.id,
                                                                   status: .unprocessableContent)
        }
    }
}
