import SamenAnalytics
import SamenCore
import SamenStore

extension SurveyService {
    /// `samen import survey`: streams a CSV file in the survey's template into a wave of an
    /// organisation's survey, all rows or none. Throws `SurveyCSVError` listing every
    /// problem, or `SamenError` (`not_found` with the field that names what is missing).
    public func importFile(path: String, organisationSlug: String, surveyID: String, wave: String,
                           reading: ((Int64, Int64) -> Void)? = nil,
                           storing: ((Int, Int) -> Void)? = nil) async throws -> Int {
        let organisations = try await OrganisationStore(database: database).all()
        guard let organisation = organisations.first(where: { $0.slug == organisationSlug }) else {
            throw SamenError("not_found", kind: .notFound, field: "organisation")
        }
        guard let survey = try await surveys.survey(organisationID: organisation.id, id: surveyID) else {
            throw SamenError("not_found", kind: .notFound, field: "survey")
        }
        let waves = try await responses.waves(organisationID: organisation.id, surveyID: survey.id)
        guard let target = waves.first(where: { $0.id == wave || $0.name == wave }) else {
            throw SamenError("not_found", kind: .notFound, field: "wave")
        }
        let data = try SurveyCSVReader.read(path: path, template: Self.template(for: survey, wave: target), progress: reading)
        try await importData(data, actor: .commandLine(organisationID: organisation.id), survey: survey, wave: target) {
            storing?($0, data.rowCount)
        }
        return data.rowCount
    }
}
