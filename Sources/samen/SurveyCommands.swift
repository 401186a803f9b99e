import ArgumentParser
import Foundation
import Logging
import SamenAnalytics
import SamenCore
import SamenStore
import SamenWeb

/// `samen analyze FILE.csv [--json]`: the full experience-versus-need analysis of a CSV in
/// the documented template (the same figures as the web page), for analysts to script.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse a survey CSV (need.<dimension>.<n>, experience.<dimension>.<n>, segment columns).")

    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Print the documented JSON (results array) instead of a table.") var json = false
    @Option(help: "The answer scale runs from 1 to this: 5, 7 or 10.") var scale: Int = 7
    @Option(help: "A reverse-coded item as dimension.number, e.g. known.2 (repeatable).") var reverse: [String] = []
    @Option(help: "Allowed dimension codes, comma-separated, or 'any' (default: the eight default dimensions).")
    var dimensions: String?
    @Option(help: "Importance-performance crosshair: data-means or scale-midpoint.") var crosshair: String = "data-means"
    @Option(name: .customLong("wave"), help: ArgumentHelp(
        "A wave and its period as NAME=START or NAME=START..END (yyyy-mm-dd), repeatable. Given, every wave in the file must be named, and waves are ordered by their period; without it, in the order they first appear in the file.",
        valueName: "name=period"))
    var wavePeriods: [String] = []
    @Option(help: "Compare the gaps from this wave (with --to; default: the two latest waves).") var from: String?
    @Option(help: "Compare the gaps to this wave (with --from).") var to: String?

    func run() throws {
        guard let option = SurveyScaleOption(rawValue: scale) else { throw ValidationError("--scale must be 5, 7 or 10.") }
        guard let cross = ImportancePerformanceCrosshair(rawValue: crosshair) else {
            throw ValidationError("--crosshair must be data-means or scale-midpoint.")
        }
        let surveyScale = SurveyScale(minimum: 1, maximum: Double(option.rawValue))
        let codes: Set<String>? = switch dimensions {
        case nil: SurveyCSVTemplate.defaultDimensionCodes
        case "any": nil
        case let list?: Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let waves = try Self.waves(wavePeriods)
        guard (from == nil) == (to == nil) else { throw ValidationError("--from and --to go together.") }
        if let from, let to, from == to { throw ValidationError("--from and --to must be two different waves.") }
        let template = SurveyCSVTemplate(scale: surveyScale, dimensionCodes: codes,
                                         segmentLevels: waves.isEmpty ? [:] : ["wave": waves.map(\.name)],
                                         reverseCoded: Set(reverse))
        let data: SurveyCSVData
        do {
            data = try SurveyCSVReader.read(path: file, template: template)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
        let responses = try data.responses(scale: surveyScale, reverseCoded: Set(reverse))
        let analysis = SurveyGapAnalysis(responses)
        let levels = responses.segment(named: "wave")?.levels ?? []
        for name in [from, to].compactMap({ $0 }) where !levels.contains(name) {
            throw ValidationError("The file has no wave named '\(name)'.")
        }
        let report = SurveyAnalysisReport(responses: responses, analysis: analysis, crosshair: cross,
                                          comparedWaves: from.flatMap { from in to.map { (from, $0) } })
        if json {
            FileHandle.standardOutput.write(try report.json())
            print()
        } else {
            print(SurveyTextReport.table(report))
        }
    }
}

extension Analyze {
    /// The waves named with --wave, in time order (the one order of `SurveyWave.isEarlier`;
    /// the order on the command line breaks ties).
    static func waves(_ arguments: [String]) throws -> [SurveyWave] {
        let day = /\d{4}-\d{2}-\d{2}/
        let waves = try arguments.enumerated().map { index, argument -> SurveyWave in
            guard let equals = argument.lastIndex(of: "=") else {
                throw ValidationError("--wave needs NAME=START or NAME=START..END, not '\(argument)'.")
            }
            let name = argument[..<equals].trimmingCharacters(in: .whitespaces)
            let dates = argument[argument.index(after: equals)...].components(separatedBy: "..")
            guard !name.isEmpty, dates.count <= 2, dates.allSatisfy({ $0.wholeMatch(of: day) != nil }) else {
                throw ValidationError("--wave needs NAME=START or NAME=START..END (yyyy-mm-dd), not '\(argument)'.")
            }
            return SurveyWave(id: String(format: "%06d", index), surveyID: "", name: name, startsOn: dates[0],
                              endsOn: dates.count == 2 ? dates[1] : nil, createdAt: Int64(index))
        }
        guard Set(waves.map(\.name)).count == waves.count else { throw ValidationError("--wave names a wave twice.") }
        return waves.inTimeOrder()
    }
}

/// `samen import survey FILE --organisation SLUG --survey ID --wave NAME`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import data.",
                                                    subcommands: [ImportSurvey.self])

    struct ImportSurvey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "survey", abstract: "Import survey answers from a CSV into a wave: all rows or none.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file in the survey's template.") var file: String
        @Option(help: "The organisation's short name (slug).") var organisation: String
        @Option(help: "The survey id (see the survey page or the API).") var survey: String
        @Option(help: "The wave's name or id.") var wave: String

        func run() async throws {
            let configuration = database.configuration()
            let db = try await Database.open(url: configuration.databaseURL, logger: Logger(label: "samen.import"))
            do {
                try await Migrations.run(on: db)
                let count = try await SurveyImportCommand.run(database: db, file: file, organisationSlug: organisation,
                                                              surveyID: survey, wave: wave)
                print("Imported \(count) respondents. (\(count) respondenten geïmporteerd.)")
                await db.shutdown()
            } catch let error as SurveyCSVError {
                await db.shutdown()
                FileHandle.standardError.write(Data(("\n" + error.description + "\n").utf8))
                throw ExitCode(1)
            } catch {
                await db.shutdown()
                throw ValidationError(AccountCommands.describe(error))
            }
        }
    }
}

/// A progress bar on standard error, redrawn at most a few times a second.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private var last = Date.distantPast

    init(_ label: String) { self.label = label }

    func update(_ done: Int64, of total: Int64, force: Bool = false) {
        guard force || Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))%".utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}

enum SurveyImportCommand {
    static func run(database: Database, file: String, organisationSlug: String, surveyID: String, wave: String) async throws -> Int {
        let reading = ProgressBar("Lezen / reading ")
        let storing = ProgressBar("Opslaan / storing")
        var parsed = false
        let count = try await SurveyService(database: database).importFile(
            path: file, organisationSlug: organisationSlug, surveyID: surveyID, wave: wave,
            reading: { reading.update($0, of: $1) },
            storing: { done, total in
                if !parsed {
                    parsed = true
                    reading.update(1, of: 1, force: true)
                    reading.finish()
                }
                storing.update(Int64(done), of: Int64(total))
            })
        storing.update(1, of: 1, force: true)
        storing.finish()
        return count
    }
}

/// The plain-text table of `samen analyze` without --json.
enum SurveyTextReport {
    static func table(_ report: SurveyAnalysisReport) -> String {
        func number(_ value: Double?, _ digits: Int = 2) -> String {
            value.map { String(format: "%.\(digits)f", $0) } ?? "–"
        }
        var lines = ["\(report.respondents) respondents, scale \(Int(report.scaleMin))–\(Int(report.scaleMax))",
                     "dimension    segment                 n    need   exp    gap  [95% CI]          t p     W p     d_z   α need α exp"]
        for result in report.results {
            let segment = result.segment.map { "\($0.variable)=\($0.level)" } ?? "all"
            lines.append([
                result.dimension.padding(toLength: 12, withPad: " ", startingAt: 0),
                String(segment.prefix(22)).padding(toLength: 22, withPad: " ", startingAt: 0),
                String(result.n).leftPadded(6), number(result.needMean).leftPadded(6), number(result.experienceMean).leftPadded(6),
                number(result.gapMean).leftPadded(6), "[\(number(result.gapCiLow)), \(number(result.gapCiHigh))]".leftPadded(16),
                number(result.tP, 4).leftPadded(7), number(result.wilcoxonP, 4).leftPadded(7), number(result.cohensDz).leftPadded(6),
                number(result.alphaNeed).leftPadded(7), number(result.alphaExperience).leftPadded(7),
                result.suppressed ? " (n<10)" : "",
            ].joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
