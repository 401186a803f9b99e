/// The trajectory feature's URL shapes: each gives the route pattern and builds its links.
enum TrajectoryPath {
    static let list = PathPattern("/o/:org/trajectories")
    static let trajectory = PathPattern("/o/:org/trajectories/:trajectory")
    static let edit = trajectory.appending("edit")
    static let delete = trajectory.appending("delete")
    static let phase = trajectory.appending("phase")
    static let dismiss = trajectory.appending("challenges/:challenge/dismiss")
    static let export = trajectory.appending("export/:file")
    static let stories = trajectory.appending("stories")
    static let insights = trajectory.appending("insights")
    static let personas = trajectory.appending("personas")
    static let report = trajectory.appending("report")

    static let activities = trajectory.appending("activities")
    static let activity = activities.appending(":activity")
    static let activityEdit = activity.appending("edit")
    static let activityDelete = activity.appending("delete")

    static let participation = activity.appending("participation")
    static let participationEdit = participation.appending(":participant/edit")
    static let participationDelete = participation.appending(":participant/delete")

    static let participants = trajectory.appending("participants")
    static let participantEdit = participants.appending(":participant/edit")
    static let participantDelete = participants.appending(":participant/delete")

    static let stakeholders = trajectory.appending("stakeholders")
    static let stakeholderPosition = stakeholders.appending(":stakeholder/position")
    static let stakeholderEdit = stakeholders.appending(":stakeholder/edit")
    static let stakeholderDelete = stakeholders.appending(":stakeholder/delete")

    static let representation = trajectory.appending("representation")
    static let decisions = trajectory.appending("decisions")
    static let decisionEdit = decisions.appending(":decision/edit")
    static let decisionDelete = decisions.appending(":decision/delete")
}
