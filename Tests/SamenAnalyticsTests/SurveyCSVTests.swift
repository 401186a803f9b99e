import Foundation
import Testing
@testable import SamenAnalytics

@Suite("Survey CSV template")
struct SurveyCSVTests {
    static let seven = SurveyScale(minimum: 1, maximum: 7)
    static let template = SurveyCSVTemplate(scale: seven, dimensionCodes: SurveyCSVTemplate.defaultDimensionCodes)

    func issues(_ text: String, _ template: SurveyCSVTemplate = Self.template) -> [SurveyCSVIssue] {
        do {
            _ = try SurveyCSVReader.read(text: text, template: template)
            return []
        } catch {
            return error.issues
        }
    }

    @Test("semicolons, a BOM, decimal commas, quoted fields, CRLF and 'weet ik niet' are read")
    func dutchSpreadsheet() throws {
        let text = "\u{FEFF}respondent;need.known.1;experience.known.1;need.known.2;experience.known.2;channel\r\n"
            + "1;6;3,5;5;\"4\";\"balie; loket\"\r\n"
            + "2;7;weet ik niet;6;5;\"tele\"\"foon\"\r\n"
            + "3;5;4;;2;\r\n"
        let data = try SurveyCSVReader.read(bytes: Array(text.utf8), template: Self.template)
        #expect(data.rowCount == 3)
        #expect(data.items.map(\.key) == ["known.1", "known.2"])
        #expect(data.experience[0][0] == 3.5)
        #expect(data.experience[0][1].isNaN && data.need[1][2].isNaN)
        let channel = try #require(data.segments.first)
        #expect(channel.levels == ["balie; loket", "tele\"foon"])
        #expect(channel.levelIndices == [0, 1, -1])
    }

    @Test("commas as separator, quoted decimal commas, LF, no final newline")
    func commaSeparated() throws {
        let text = "need.trust.1,experience.trust.1,wave\n\"6,5\",2,voorjaar\n4,4,najaar"
        let data = try SurveyCSVReader.read(text: text, template: Self.template)
        #expect(data.need[0] == [6.5, 4] && data.segments.map(\.name) == ["wave"])
    }

    @Test("every bad cell is listed by row, column and reason; nothing is returned")
    func badRows() {
        let text = "need.known.1;experience.known.1\n9;3\nveel;2\n3\n0;-1\n"
        let found = issues(text)
        #expect(found.map { "\($0.row)|\($0.column ?? "")|\($0.code)" } == [
            "2|need.known.1|outside_scale", "3|need.known.1|not_a_number", "4||field_count",
            "5|need.known.1|outside_scale", "5|experience.known.1|outside_scale",
        ])
        #expect(found[0].message.contains("row 2, column need.known.1"))
    }

    @Test("header problems: unknown dimension, unknown column, duplicate, missing pair, unknown item")
    func badHeader() {
        let found = issues("need.speed.1;experience.speed.1;need.known.1;colour;need.trust.1;experience.trust.1;need.trust.1\n1;1;1;x;1;1;1\n")
        let codes = Set(found.map { "\($0.column ?? "")|\($0.code)" })
        #expect(codes.contains("need.speed.1|unknown_dimension"))
        #expect(codes.contains("colour|unknown_column"))
        #expect(codes.contains("need.trust.1|duplicate_column"))
        #expect(codes.contains("experience.known.1|missing_pair"))
        var survey = Self.template
        survey.items = ["known.1"]
        #expect(issues("need.known.2;experience.known.2\n1;1\n", survey).first?.code == "unknown_item")
    }

    @Test("empty file, wrong encoding, UTF-16, unterminated quote, no rows, unknown segment answer")
    func badFiles() {
        #expect(issues("").map(\.code) == ["empty_file"])
        #expect(issues("\n\n").map(\.code) == ["empty_file"])
        #expect(issues("need.known.1;experience.known.1\n").map(\.code) == ["no_rows"])
        var latin1 = Array("need.known.1;experience.known.1;district\n3;4;".utf8)
        latin1 += [0x43, 0x61, 0x66, 0xE9, 0x0A] // "Café" in Latin-1
        do {
            _ = try SurveyCSVReader.read(bytes: latin1, template: Self.template)
            Issue.record("Latin-1 text was accepted")
        } catch {
            #expect(error.issues.map(\.code) == ["encoding"])
            #expect(error.issues.first?.row == 2)
        }
        let utf16 = [UInt8]([0xFF, 0xFE]) + Array("n".utf8)
        #expect((try? SurveyCSVReader.read(bytes: utf16, template: Self.template)) == nil)
        #expect(issues("need.known.1;experience.known.1\n\"3;4\n").map(\.code) == ["unterminated_quote"])
        var levels = Self.template
        levels.segmentLevels = ["channel": ["balie", "website"]]
        #expect(issues("need.known.1;experience.known.1;channel\n3;4;Website\n5;5;brief\n", levels).map(\.code) == ["unknown_level"])
    }

    @Test("a file gives the same analysis as the same answers built directly, and documented JSON")
    func analysisAndJSON() throws {
        var text = "need.known.1;experience.known.1;need.known.2;experience.known.2;channel;wave\n"
        var need1: [Double] = [], experience1: [Double] = [], need2: [Double] = [], experience2: [Double] = []
        var channel: [String?] = [], wave: [String?] = []
        for index in 0..<40 {
            let values = [Double(1 + index % 7), Double(1 + (index * 3) % 7), Double(1 + (index * 5) % 7), Double(1 + (index / 6) % 7)]
            need1.append(values[0]); experience1.append(values[1]); need2.append(values[2]); experience2.append(values[3])
            channel.append(index % 3 == 0 ? "web" : "balie")
            wave.append(index < 20 ? "w1" : "w2")
            text += values.map { String(Int($0)) }.joined(separator: ";") + ";\(channel.last!!);\(wave.last!!)\n"
        }
        let data = try SurveyCSVReader.read(text: text, template: Self.template)
        let fromFile = SurveyGapAnalysis(try data.responses(scale: Self.seven, reverseCoded: ["known.2"]))
        let direct = SurveyGapAnalysis(try SurveyResponses(
            respondentCount: 40, scale: Self.seven,
            dimensions: [SurveyDimensionAnswers(code: "known", items: [
                SurveyItemAnswers(need: need1, experience: experience1),
                SurveyItemAnswers(need: need2, experience: experience2, isReverseCoded: true)])],
            segments: [SurveySegmentVariable(name: "channel", values: channel), SurveySegmentVariable(name: "wave", values: wave)]))
        #expect(fromFile.results == direct.results)
        let responses = try data.responses(scale: Self.seven)
        let report = SurveyAnalysisReport(responses: responses, analysis: SurveyGapAnalysis(responses))
        let json = try #require(try JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 5) // all, channel × 2, wave × 2
        let keys: Set<String> = ["dimension", "segment", "n", "need_mean", "experience_mean", "gap_mean", "gap_ci_low", "gap_ci_high",
                                 "t_p", "wilcoxon_p", "cohens_dz", "alpha_need", "alpha_experience"]
        #expect(keys.isSubset(of: Set(results[0].keys)))
        #expect(results[0]["segment"] is NSNull && results[0]["n"] as? Int == 40)
        #expect((results[1]["segment"] as? [String: String]) == ["variable": "channel", "level": "web"])
        #expect((json["wave_differences"] as? [[String: Any]])?.count == 1)
    }
}

@Suite("Survey CSV from disk")
struct SurveyCSVFileTests {
    @Test("a file is streamed in chunks with progress; a missing file is reported, not crashed on")
    func fromDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samen-csv-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Over 1 MiB, so the reader crosses chunk boundaries (quoted fields included).
        var text = "need.known.1;experience.known.1;district\n"
        for index in 0..<100_000 { text += "\(1 + index % 7);\(1 + (index / 7) % 7);\"Wijk \(index % 4)\"\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var reports: [Int64] = []
        let data = try SurveyCSVReader.read(path: path, template: SurveyCSVTests.template) { read, _ in reports.append(read) }
        #expect(data.rowCount == 100_000 && reports.count >= 2)
        #expect(data.segments.first?.levels == ["Wijk 0", "Wijk 1", "Wijk 2", "Wijk 3"])
        let expected: Double = (0..<100_000).reduce(0.0) { sum, index in sum + Double(1 + index % 7) }
        let total: Double = data.need[0].reduce(0, +)
        #expect(total == expected)
        do {
            _ = try SurveyCSVReader.read(path: path + ".missing", template: SurveyCSVTests.template)
            Issue.record("a missing file was read")
        } catch {
            #expect(error.issues.map(\.code) == ["unreadable"])
        }
    }
}
