import ArgumentParser
import Logging
import SamenStore

/// `samen backup OUT`: SQLite via VACUUM INTO (checked), PostgreSQL via pg_dump, or `--portable` JSON for either.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Write a backup of the database (safe while the server runs).")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "A portable JSON backup that restores into SQLite or PostgreSQL.") var portable = false
    @Argument(help: "The file to write (must not exist).") var output: String

    func run() async throws {
        let url = database.configuration().databaseURL, logger = Logger(label: "samen.backup")
        let db = try await Database.open(url: url, logger: logger)
        do {
            try await Migrations.run(on: db)
            print(try await DatabaseBackup.backup(db, url: url, to: output, portable: portable, logger: logger))
            await db.shutdown()
        } catch {
            await db.shutdown()
            throw ValidationError("\(error)")
        }
    }
}

/// `samen restore IN`: a portable backup or SQLite copy into either database, a pg_dump file into PostgreSQL.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Restore a backup into an empty database.")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Replace everything in a database that is not empty.") var force = false
    @Argument(help: "The backup file.") var input: String

    func run() async throws {
        let url = database.configuration().databaseURL, logger = Logger(label: "samen.restore")
        let db = try await Database.open(url: url, logger: logger)
        do {
            print(try await DatabaseBackup.restore(db, url: url, from: input, force: force, logger: logger))
            await db.shutdown()
        } catch {
            await db.shutdown()
            throw ValidationError("\(error)")
        }
    }
}
