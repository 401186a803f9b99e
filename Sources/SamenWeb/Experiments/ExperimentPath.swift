/// The experiments feature's URL shapes: experiments, the learning log, and the story's "led to" in the API.
enum ExperimentPath {
    static let experiments = TrajectoryPath.trajectory.appending("experiments")
    static let experiment = experiments.appending(":experiment")
    static let experimentEdit = experiment.appending("edit")
    static let experimentDelete = experiment.appending("delete")
    static let lessons = TrajectoryPath.trajectory.appending("learning-log")
    static let lessonEdit = lessons.appending(":lesson/edit")
    static let lessonDelete = lessons.appending(":lesson/delete")

    static let api = TrajectoryAPIRoutes.one.appending("experiments")
    static let apiExperiment = api.appending(":experiment")
    static let apiLessons = TrajectoryAPIRoutes.one.appending("lessons")
    static let apiLesson = apiLessons.appending(":lesson")
    static let apiStoryLedTo = StoryAPIRoutes.story.appending("led-to")
}
