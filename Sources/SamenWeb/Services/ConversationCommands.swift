import Foundation
import SamenCore
import SamenStore

/// What `samen conversation import|export` do, as library functions (the command is a thin shell).
public enum ConversationCommands {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func organisation(_ database: Database, slug: String) async throws -> Organisation {
        guard let organisation = try await OrganisationStore(database: database).all().first(where: { $0.slug == slug }) else {
            throw Failure(description: "No organisation with the short name \(slug).")
        }
        return organisation
    }

    /// Creates a conversation from a Pol.is export folder, all or nothing; returns a one-line report.
    public static func importFolder(database: Database, organisationSlug: String, directory: String, question: String?) async throws -> String {
        let organisation = try await organisation(database, slug: organisationSlug)
        let url = URL(fileURLWithPath: directory)
        let parsed = try PolisTransfer.parse(directory: url)
        let title = (question ?? parsed.topic ?? url.lastPathComponent).trimmingCharacters(in: .whitespacesAndNewlines)
        var input = ConversationInput()
        input.question = String(title.prefix(ConversationRules.maximumQuestionLength))
        input.description = String((parsed.description ?? "").prefix(ConversationRules.maximumDescriptionLength))
        let conversation = try await ConversationWrites(database: database).create(.commandLine(organisationID: organisation.id), input)
        do {
            try await ConversationVoteStore(database: database).importConversation(
                organisationID: organisation.id, conversationID: conversation.id, statements: parsed.statements, events: parsed.events)
        } catch {
            // Nothing half: the empty conversation goes too.
            try? await database.transaction { sql in
                try await sql.raw("DELETE FROM conversations WHERE id = \(bind: conversation.id) AND organisation_id = \(bind: organisation.id)").run()
            }
            throw error
        }
        return "Imported \(parsed.statements.count) statements and \(parsed.events.count) votes into conversation \(conversation.id)."
    }

    /// Writes the Pol.is export files of a conversation into a folder.
    public static func exportFolder(database: Database, organisationSlug: String, conversationID: String, directory: String) async throws -> String {
        let organisation = try await organisation(database, slug: organisationSlug)
        guard let conversation = try await ConversationStore(database: database).conversation(organisationID: organisation.id, id: conversationID) else {
            throw Failure(description: "No conversation \(conversationID) in \(organisationSlug).")
        }
        let files = try await PolisTransfer.export(database: database, organisationID: organisation.id, conversation: conversation)
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return "Wrote \(files.keys.sorted().joined(separator: ", ")) to \(directory)."
    }
}
