import SamenCore
import SQLKit

/// The organisation's citizen voice (form of address, language of its own texts), stored
/// on the organisation's row (migration 021).
public struct CitizenVoiceStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The voice of an organisation; the default for one that is not there.
    public func voice(organisationID: String) async throws -> CitizenVoice {
        try await database.read { sql in
            Self.decode(try await sql.raw("""
                SELECT address_form, content_language FROM organisations WHERE id = \(bind: organisationID)
                """).first())
        }
    }

    /// The voice of the organisation a trajectory belongs to (a story link knows only its trajectory).
    public func voice(trajectoryID: String) async throws -> CitizenVoice {
        try await database.read { sql in
            Self.decode(try await sql.raw("""
                SELECT o.address_form, o.content_language FROM organisations o
                JOIN trajectories t ON t.organisation_id = o.id WHERE t.id = \(bind: trajectoryID)
                """).first())
        }
    }

    static func decode(_ row: (any SQLRow)?) -> CitizenVoice {
        guard let row else { return .default }
        return CitizenVoice(addressForm: (try? row.decode(column: "address_form", as: String.self)).flatMap(AddressForm.init) ?? .u,
                            contentLanguage: (try? row.decode(column: "content_language", as: String.self)).flatMap(AppLocale.init) ?? .nl)
    }

    /// Sets the voice (administrators only; audited with the names of the changed fields).
    @discardableResult
    public func setVoice(_ voice: CitizenVoice, actor: WriteActor) async throws -> CitizenVoice {
        try actor.require(.manageOrganisation)
        let current = try await self.voice(organisationID: actor.organisationID)
        var fields: [String] = []
        if current.addressForm != voice.addressForm { fields.append("address_form") }
        if current.contentLanguage != voice.contentLanguage { fields.append("content_language") }
        guard !fields.isEmpty else { return voice }
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE organisations SET address_form = \(bind: voice.addressForm.rawValue),
                    content_language = \(bind: voice.contentLanguage.rawValue) WHERE id = \(bind: actor.organisationID)
                """).run()
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "organisation", entityID: actor.organisationID,
                                        action: .update, fields: fields)
        }
        return voice
    }
}
