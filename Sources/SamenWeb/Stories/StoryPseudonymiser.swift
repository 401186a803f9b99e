import SamenCore
import SamenStore

extension StoryStore {
    /// The pseudonymiser for a trajectory: the standard detectors plus the names the team
    /// listed for it.
    func pseudonymiser(trajectoryID: String) async throws -> Pseudonymiser {
        Pseudonymiser(knownNames: try await knownNames(trajectoryID: trajectoryID), currentYear: CalendarDate(unixTime: Clock.now()).year)
    }
}
