import SamenCore
import SQLKit

/// Rules of `SamenCore` that a query has to apply in SQL, written once beside the rule they copy.
enum StorySQL {
    /// `Story.mayBePublished` on the stories aliased `s`: the teller consented to publication
    /// and the story is approved.
    static func mayBePublished() -> SQLQueryString {
        "s.consent_publication = 1 AND s.status = \(bind: Story.Status.approved.rawValue)"
    }
}
