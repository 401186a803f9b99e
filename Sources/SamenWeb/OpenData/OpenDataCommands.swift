import Foundation
import SamenCore
import SamenStore

/// What `samen export open-data` does, as a library function (the command is a thin shell).
public enum OpenDataCommands {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes the package of an organisation (or one of its trajectories) to `output`; returns a one-line report.
    public static func export(database: Database, organisationSlug: String, trajectoryID: String?, parts: [String], contact: String,
                              output: String) async throws -> String {
        let organisation = try await ConversationCommands.organisation(database, slug: organisationSlug)
        var chosen = Set<OpenDataPart>()
        for name in parts.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let part = OpenDataPart(rawValue: name) else {
                throw Failure(description: "Unknown part \(name); choose from \(OpenDataPart.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            chosen.insert(part)
        }
        let package: OpenDataPackage
        let export = OpenDataExport(database: database)
        let asked = OpenDataExport.Request(organisation: organisation, trajectoryID: trajectoryID,
                                           parts: chosen.isEmpty ? Set(OpenDataPart.allCases) : chosen, contact: contact)
        do {
            package = try await export.package(asked)
        } catch let error as SamenError where error.kind == .notFound {
            throw Failure(description: "Organisation \(organisationSlug) has no trajectory \(trajectoryID ?? "").")
        }
        let data = try OpenDataArchive.zip(package)
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        try await export.recordExport(.commandLine(organisationID: organisation.id), asked)
        let rows = package.tables.map { "\($0.schema.name) \($0.rows.count)" }.joined(separator: ", ")
        return "Wrote \(output) (\(data.count) bytes): \(rows)."
    }
}
