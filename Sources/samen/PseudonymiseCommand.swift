import ArgumentParser
import Foundation
import SamenCore

/// `samen pseudonymise [FILE]`: the story pseudonymiser on a file or standard input.
struct PseudonymiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pseudonymise",
        abstract: "Replace names, addresses, phone numbers and other direct identifiers by placeholders.")

    @Argument(help: "The text file (default: standard input).") var file: String?
    @Flag(help: "Print {\"text\", \"spans\": [{\"kind\", \"start\", \"end\"}]} with Character offsets into the original.")
    var json = false
    @Option(name: .customLong("known-name"), help: "A name to replace as well (repeatable), as the team lists for a trajectory.")
    var knownNames: [String] = []

    func run() throws {
        let data = try file.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } ?? FileHandle.standardInput.readDataToEndOfFile()
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let result = Pseudonymiser(knownNames: knownNames, currentYear: year).pseudonymise(String(decoding: data, as: UTF8.self))
        if json {
            print(try result.json())
        } else {
            print(result.text, terminator: "")
        }
    }
}
