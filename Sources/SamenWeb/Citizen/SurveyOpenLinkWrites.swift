import Foundation
import SamenCore
import SamenStore

/// Making, replacing and revoking a wave's open link: facilitators only, audited in the
/// same transaction. The token is a `SurveyLinkCode`, so the poster can also print it as a
/// code to type in at /s.
public struct SurveyOpenLinkWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A new open link for the wave; the old one, if any, stops working.
    public func replace(_ actor: WriteActor, surveyID: String, waveID: String) async throws -> SurveyOpenLinkStore.OpenLink {
        try actor.require(.runTrajectory)
        return try await database.transaction { sql in
            let (link, replaced) = try await SurveyOpenLinkStore.replace(sql: sql, organisationID: actor.organisationID, surveyID: surveyID,
                                                                         waveID: waveID, token: SurveyLinkCode.make())
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "survey_open_link", entityID: waveID,
                                        action: replaced ? .update : .create, fields: ["token"])
            return link
        }
    }

    /// Revokes the wave's open link; 404 when the wave has none (or is not the organisation's).
    public func revoke(_ actor: WriteActor, surveyID: String, waveID: String) async throws {
        try actor.require(.runTrajectory)
        try await database.transaction { sql in
            guard try await SurveyOpenLinkStore.revoke(sql: sql, organisationID: actor.organisationID, surveyID: surveyID, waveID: waveID)
            else { throw SamenError.notFound }
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "survey_open_link", entityID: waveID,
                                        action: .delete, fields: ["token"])
        }
    }
}
