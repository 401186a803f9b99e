import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SamenCore
import SamenStore
import SamenWeb

/// The `samen` command. Each subcommand is a thin shell over a library function.
@main
struct Samen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samen",
        abstract: "Samen: co-creation workbench for public services.",
        subcommands: [Serve.self, Migrate.self, UserCommand.self, Purge.self, OpinionCommand.self, ConversationCommand.self,
                      Analyze.self, ImportCommand.self, BenchCommand.self, PseudonymiseCommand.self,
                      SROICommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self,
                      DemoCommand.self],
        defaultSubcommand: Serve.self
    )
}

/// Options shared by every subcommand that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "Database URL: sqlite:///path/file.sqlite or postgres://user:pass@host:port/db (env SAMEN_DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "Folder for the embedded SQLite database (env SAMEN_DATA_DIR; default ./samen-data).")
    var dataDir: String?

    func configuration() -> SamenConfiguration {
        var env = ProcessInfo.processInfo.environment
        if let dataDir { env["SAMEN_DATA_DIR"] = dataDir }
        if let databaseURL { env["SAMEN_DATABASE_URL"] = databaseURL }
        return SamenConfiguration.fromEnvironment(env)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on (env SAMEN_HOST).") var host: String?
    @Option(help: "Port to listen on (env SAMEN_PORT; default 8080).") var port: Int?
    @Flag(help: "Load the demo organisation into an empty database.") var demo = false

    func run() async throws {
        var configuration = database.configuration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        configuration.loadDemo = demo
        let app = try await buildApplication(configuration: configuration)
        let url = "http://\(configuration.host):\(configuration.port)"
        print("Samen draait op \(url)  (Samen is running at \(url))")
        if demo {
            print("Demo-login: \(DemoData.loginEmail) / \(DemoData.loginPassword)")
        }
        try await app.runService()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = database.configuration()
        let db = try await Database.open(url: configuration.databaseURL, logger: Logger(label: "samen.migrate"))
        do {
            let applied = try await Migrations.run(on: db)
            print(applied.isEmpty ? "Schema is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))")
            await db.shutdown()
        } catch {
            await db.shutdown()
            throw error
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an administrator with an organisation (the first account), or a member to an organisation.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "E-mail address (the login).") var email: String
        @Option(help: "Full name.") var name: String
        @Option(help: "Organisation name; created when it does not exist yet.") var organisation: String
        @Option(help: "Role: administrator, facilitator, member or viewer.") var role: String = "administrator"
        @Flag(help: "May create organisations (installation administrator).") var superadmin = false

        func run() async throws {
            print("Wachtwoord (password, min. \(IdentityRules.minimumPasswordLength) tekens): ", terminator: "")
            guard let password = readLine(strippingNewline: true) else { throw ValidationError("No password given.") }
            let configuration = database.configuration()
            let db = try await Database.open(url: configuration.databaseURL, logger: Logger(label: "samen.user"))
            do {
                try await Migrations.run(on: db)
                let message = try await AccountCommands.addUser(
                    database: db, configuration: configuration, email: email, name: name, password: password,
                    organisationName: organisation, role: role, superadmin: superadmin)
                print(message)
                await db.shutdown()
            } catch {
                await db.shutdown()
                throw ValidationError(AccountCommands.describe(error))
            }
        }
    }
}

struct Purge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete the original text of stories past their retention date (the server also does this hourly).")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = database.configuration()
        let db = try await Database.open(url: configuration.databaseURL, logger: Logger(label: "samen.purge"))
        do {
            try await Migrations.run(on: db)
            let purged = try await StoryStore(database: db).purgeExpired(today: CalendarDate(unixTime: Clock.now()).description)
            print("Purged the original text of \(purged) stories.")
            await db.shutdown()
        } catch {
            await db.shutdown()
            throw error
        }
    }
}

/// `samen opinion DIR [--json]` (conversations): the opinion map of a Pol.is export folder.
struct OpinionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinion", abstract: "Opinion map of a Pol.is export folder (comments.csv and votes.csv or participants-votes.csv).")
    @Argument(help: "The export folder.") var directory: String
    @Flag(help: "Print the full result as JSON (participants, groups, consensus, statements, timings).") var json = false

    func run() async throws {
        do { print(try OpinionCLI.run(directory: directory, json: json)) } catch let error as PolisImportError {
            throw ValidationError("Cannot read the export: \(error)")
        }
    }
}

/// `samen bench opinion [--polis]` (conversations): benchmarks, never timed tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Benchmarks (never timed tests).",
                                                    subcommands: [Opinion.self, BenchSurvey.self, BenchPseudonymiser.self, BenchSROI.self,
                                                                  BenchPages.self])

    struct Opinion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Opinion map: wall time and peak memory on seeded synthetic conversations, or ARI on Pol.is openData (--polis).")
        @Flag(help: "Adjusted Rand index of our groups against Pol.is's on each openData conversation.") var polis = false
        @Option(help: "Folder with the openData conversations (for --polis).") var data = "../shared/data/polis/openData"
        @Option(help: "JSON from scripts/opinion_reference.py with red-dwarf's figures, printed beside ours.") var reference: String?
        @Option(help: "One size only, PxS (for example 10000x1000).") var only: String?
        @Option(help: "Seed of the generator.") var seed: UInt64 = 42

        func run() async throws {
            if polis { return try OpinionBenchmark.polis(directory: data, reference: reference) }
            if let only { return try OpinionBenchmark.synthetic(only, seed: seed) }
            for size in ["10000x1000", "100000x5000"] { // one process per size: its own peak memory
                let process = Process()
                process.executableURL = Bundle.main.executableURL
                process.arguments = ["bench", "opinion", "--only", size, "--seed", String(seed)]
                try process.run()
                process.waitUntilExit()
            }
        }
    }
}

/// `samen conversation import|export` (conversations): Pol.is export folders in and out.
struct ConversationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conversation", abstract: "Pol.is import and export.",
                                                    subcommands: [Import.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a conversation from a Pol.is export folder (all or nothing).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Short name (slug) of the organisation.") var organisation: String
        @Option(help: "The question (default: the topic in summary.csv).") var question: String?
        @Argument(help: "The export folder.") var directory: String

        func run() async throws {
            let db = try await Database.open(url: database.configuration().databaseURL, logger: Logger(label: "samen.conversation"))
            do {
                try await Migrations.run(on: db)
                print(try await ConversationCommands.importFolder(database: db, organisationSlug: organisation, directory: directory, question: question))
                await db.shutdown()
            } catch {
                await db.shutdown()
                throw ValidationError("\(error)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a conversation as a Pol.is export folder.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Short name (slug) of the organisation.") var organisation: String
        @Argument(help: "The conversation id.") var conversation: String
        @Argument(help: "The folder to write.") var directory: String

        func run() async throws {
            let db = try await Database.open(url: database.configuration().databaseURL, logger: Logger(label: "samen.conversation"))
            do {
                print(try await ConversationCommands.exportFolder(database: db, organisationSlug: organisation, conversationID: conversation, directory: directory))
                await db.shutdown()
            } catch {
                await db.shutdown()
                throw ValidationError("\(error)")
            }
        }
    }
}
