import ArgumentParser
import Foundation
import Logging
import SamenAnalytics
import SamenCore
import SamenStore
import SamenWeb
#if canImport(Glibc)
import Glibc
#endif

/// `samen bench survey`: a seeded wave of respondents (8 dimensions × 2 items × need and
/// experience; segments with 4, 5 and 10 levels). Measures (a) the full analysis and (b)
/// importing the same wave from CSV into a fresh SQLite database (or the given empty one), each in a child process
/// so its peak memory (getrusage ru_maxrss) is its own; then runs the pandas/scipy
/// reference on the same file when given a Python and prints the ratio. Never a test.
extension BenchCommand {

    struct BenchSurvey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "survey", abstract: "Benchmark the survey analysis and CSV import.")
        @Option(help: "Respondents in the wave.") var respondents = 1_000_000
        @Option(help: "Where to write the CSV (default: a temporary file).") var file: String?
        @Option(help: "Python with pandas and scipy for the reference (e.g. a venv with pandas and scipy: /path/venv/bin/python); none: skip.") var python: String?
        @Option(help: "The reference script, run from the repository root by default.")
        var referenceScript = "scripts/survey_bench_reference.py"
        @Option(help: "Import into this EMPTY database (e.g. a fresh PostgreSQL) instead of a fresh SQLite file.")
        var databaseURL: String?
        @Option(help: "Internal: run one phase (analysis or import) and print its figures.") var phase: String?

        func run() async throws {
            let path = file ?? FileManager.default.temporaryDirectory.appendingPathComponent("samen-bench-survey.csv").path
            switch phase {
            case "analysis": try SurveyBenchPhases.analysis(respondents: respondents)
            case "import": try await SurveyBenchPhases.importFile(path: path, databaseURL: databaseURL)
            default: try await parent(path: path)
            }
        }

        func parent(path: String) async throws {
            print("Writing \(respondents) seeded respondents to \(path) …")
            try SurveyBenchData.writeCSV(respondents: respondents, to: path)
            let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            let analysis = try Self.child(me, ["bench", "survey", "--respondents", "\(respondents)", "--phase", "analysis"])
            print("(a) full analysis: \(analysis)")
            let imported = try Self.child(me, ["bench", "survey", "--file", path, "--phase", "import"]
                                          + (databaseURL.map { ["--database-url", $0] } ?? []))
            print("(b) CSV import:    \(imported)")
            if let python {
                let reference = try Self.child(python, [referenceScript, path])
                print("pandas/scipy reference: \(reference)")
                if let ours = Self.seconds(analysis, "analysis_s"), let theirs = Self.seconds(reference, "analysis_s") {
                    print(String(format: "ratio (reference analysis / Samen analysis): %.1f×", theirs / ours))
                }
            }
        }

        static func child(_ executable: String, _ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        static func seconds(_ line: String, _ key: String) -> Double? {
            guard let match = line.firstMatch(of: try! Regex("\(key)=([0-9.]+)")),
                  let value = match.output[1].substring else { return nil }
            return Double(value)
        }
    }
}

enum SurveyBenchPhases {
    static func peakMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024 // kilobytes on Linux
    }

    static func analysis(respondents: Int) throws {
        let responses = try SurveyBenchData.responses(respondents: respondents)
        let start = Date()
        let analysis = SurveyGapAnalysis(responses)
        let elapsed = Date().timeIntervalSince(start)
        print(String(format: "analysis_s=%.3f cells=%d peak_mb=%.0f", elapsed, analysis.results.count, peakMegabytes()))
    }

    static func importFile(path: String, databaseURL: String?) async throws {
        let start = Date()
        let benchSurvey = SurveyBenchData.survey
        let template = SurveyCSVTemplate(scale: SurveyScale(minimum: 1, maximum: 7),
                                         dimensionCodes: Set(benchSurvey.items.map(\.dimensionCode)), segmentLevels: [:])
        let data = try SurveyCSVReader.read(path: path, template: template)
        let parsed = Date().timeIntervalSince(start)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samen-bench-\(UUID().uuidString)")
        let database = try await Database.open(
            url: databaseURL ?? "sqlite://" + directory.appendingPathComponent("bench.sqlite").path, logger: Logger(label: "samen.bench"))
        defer { try? FileManager.default.removeItem(at: directory) }
        // A fresh database's schema, organisation, survey and wave are made first and timed
        // apart (`setup_s`): the import's own time is reading the file and storing its rows.
        var setup = 0.0, stored = 0.0
        do {
            let setupStart = Date()
            try await Migrations.run(on: database)
            let organisation = try await OrganisationStore(database: database).create(name: "Bench", slug: "bench")
            let service = SurveyService(database: database)
            let survey = try await service.surveys.create(organisationID: organisation.id, .init(
                title: "Bench", itemsPerDimension: 2,
                segments: [SurveySegmentQuestion(question: .channel, levels: SurveyBenchData.channels),
                           SurveySegmentQuestion(question: .ageBand, levels: SurveyBenchData.ageBands),
                           SurveySegmentQuestion(question: .district, levels: SurveyBenchData.districts)]))
            let wave = try await service.responses.createWave(organisationID: organisation.id, surveyID: survey.id,
                                                              name: "bench", startsOn: nil, endsOn: nil)
            setup = Date().timeIntervalSince(setupStart)
            let storeStart = Date()
            try await service.importData(data, actor: .commandLine(organisationID: organisation.id), survey: survey, wave: wave)
            stored = Date().timeIntervalSince(storeStart)
            await database.shutdown()
        } catch {
            await database.shutdown()
            throw error
        }
        print(String(format: "import_s=%.2f parse_s=%.2f store_s=%.2f setup_s=%.2f rows=%d peak_mb=%.0f", parsed + stored, parsed,
                     stored, setup, data.rowCount, peakMegabytes()) + " database=" + (database.kind == .postgres ? "postgres" : "sqlite"))
    }
}
