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
        subcommands: [Serve.self, Migrate.self, UserCommand.self, Analyze.self, ImportCommand.self, BenchCommand.self],
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
