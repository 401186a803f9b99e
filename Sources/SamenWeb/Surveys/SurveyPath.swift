/// The survey feature's URL shapes for edits and deletes: each gives the route pattern and builds its links.
enum SurveyPath {
    static let survey = PathPattern("/o/:org/surveys/:survey")
    static let edit = survey.appending("edit")
    static let delete = survey.appending("delete")
    static let waveDelete = survey.appending("waves/:wave/delete")
    static let waveEdit = survey.appending("waves/:wave/edit")
    static let setDelete = PathPattern("/o/:org/dimensions/:set/delete")

    static let api = PathPattern("/api/v1/organisations/:org/surveys/:survey")
    static let apiWave = api.appending("waves/:wave")
    static let apiItems = api.appending("items")
}
