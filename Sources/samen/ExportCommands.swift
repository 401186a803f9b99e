import ArgumentParser
import Logging
import SamenStore
import SamenWeb

/// `samen export open-data` (open data): a Frictionless Data Package of what may be published.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Exports.", subcommands: [OpenData.self])

    struct OpenData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open-data", abstract: "Write open data (Frictionless Data Package in a ZIP) of an organisation or one trajectory.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Short name (slug) of the organisation.") var organisation: String
        @Option(help: "Only this trajectory (its id).") var trajectory: String?
        @Option(help: "Parts, comma-separated: activities, coverage, stories, insights, portfolio (default: all).") var parts: [String] = []
        @Option(help: "Contact for questions about the data (not a person's name).") var contact = ""
        @Argument(help: "The ZIP file to write.") var output: String

        func run() async throws {
            let db = try await Database.open(url: database.configuration().databaseURL, logger: Logger(label: "samen.export"))
            do {
                try await Migrations.run(on: db)
                print(try await OpenDataCommands.export(database: db, organisationSlug: organisation, trajectoryID: trajectory, parts: parts,
                                                        contact: contact, output: output))
                await db.shutdown()
            } catch {
                await db.shutdown()
                throw ValidationError("\(error)")
            }
        }
    }
}
