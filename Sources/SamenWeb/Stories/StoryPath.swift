/// The voice feature's URL shapes (stories, the evidence chain, personas and journeys):
/// each gives the route pattern and builds its links.
enum StoryPath {
    static let stories = TrajectoryPath.stories
    static let story = stories.appending(":story")
    static let storyEdit = story.appending("edit")
    static let storyDelete = story.appending("delete")

    static let highlights = story.appending("highlights")
    static let highlight = highlights.appending(":highlight")
    static let highlightEdit = highlight.appending("edit")
    static let highlightDelete = highlight.appending("delete")

    static let insights = TrajectoryPath.insights
    static let insight = insights.appending(":insight")
    static let insightEdit = insights.appending(":insight/edit")
    static let insightDelete = insights.appending(":insight/delete")

    static let personas = TrajectoryPath.personas
    static let persona = personas.appending(":persona")
    static let personaEdit = persona.appending("edit")
    static let personaDelete = persona.appending("delete")

    static let journey = TrajectoryPath.trajectory.appending("journeys/:journey")
    static let journeyEdit = journey.appending("edit")
    static let journeyDelete = journey.appending("delete")
    static let stepEdit = journey.appending("steps/:step/edit")
    static let stepDelete = journey.appending("steps/:step/delete")
}
