import Foundation
import SamenAnalytics
import SamenCore

/// The seeded benchmark wave: the same numbers whether written as CSV or built in memory.
enum SurveyBenchData {
    static let channels = ["balie", "telefoon", "website", "brief"]
    static let ageBands = ["tot 27", "27-44", "45-64", "65 en ouder", "onbekend"]
    static let districts = (1...10).map { "wijk \($0)" }
    static let itemsPerDimension = 2

    static var survey: Survey {
        let items = SurveyRules.defaultDimensions.flatMap { dimension in
            (1...itemsPerDimension).map {
                SurveyItem(id: "\(dimension.code).\($0)", dimensionCode: dimension.code, number: $0, textNL: "", textEN: "",
                           isReverseCoded: false)
            }
        }
        return Survey(id: "bench", organisationID: "bench", trajectoryID: nil, title: "bench", dimensionSetID: DimensionSet.defaultID,
                      dimensionSetVersion: 1, scale: .seven, asksNPS: false, asksCES: false, asksMark: false, createdAt: 0,
                      items: items, segments: [])
    }

    /// SplitMix64: small, fast, and the same sequence on every machine.
    typealias Generator = SplitMix64

    /// One respondent: segment level indices and 2 answers (need, experience) per item; 0 = missing.
    static func respondent(_ generator: inout Generator, into answers: inout [UInt8]) -> (Int, Int, Int) {
        let channel = generator.below(channels.count)
        let age = generator.below(ageBands.count)
        let district = generator.below(districts.count)
        let dimensions = SurveyRules.defaultDimensions.count
        for dimension in 0..<dimensions {
            let needBase = 4 + (dimension % 3) + (age == 3 ? 1 : 0)
            let experienceBase = 3 + (dimension % 4) - (channel == 2 ? 1 : 0)
            for item in 0..<itemsPerDimension {
                let index = (dimension * itemsPerDimension + item) * 2
                let noise = generator.next()
                let need = needBase + Int(noise & 3) - 1
                let experience = experienceBase + Int((noise >> 2) & 3) - 1
                answers[index] = (noise >> 8) % 50 == 0 ? 0 : UInt8(min(7, max(1, need)))
                answers[index + 1] = (noise >> 16) % 50 == 0 ? 0 : UInt8(min(7, max(1, experience)))
            }
        }
        return (channel, age, district)
    }

    static var answerCount: Int { SurveyRules.defaultDimensions.count * itemsPerDimension * 2 }

    static func writeCSV(respondents: Int, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteNoPermission) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
        defer { try? handle.close() }
        var header = ["respondent"]
        for item in survey.items { header += [item.needColumn, item.experienceColumn] }
        header += ["channel", "age_band", "district"]
        var buffer = Array((header.joined(separator: ";") + "\n").utf8)
        var generator = Generator(state: 2026)
        var answers = [UInt8](repeating: 0, count: answerCount)
        for number in 1...max(1, respondents) {
            let (channel, age, district) = respondent(&generator, into: &answers)
            buffer += Array(String(number).utf8)
            for answer in answers {
                buffer.append(UInt8(ascii: ";"))
                if answer > 0 { buffer.append(48 + answer) }
            }
            buffer += Array(";\(channels[channel]);\(ageBands[age]);\(districts[district])\n".utf8)
            if buffer.count > 1 << 20 {
                handle.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
    }

    static func responses(respondents: Int) throws -> SurveyResponses {
        let items = survey.items.count
        var need = [[Double]](repeating: [], count: items)
        var experience = [[Double]](repeating: [], count: items)
        for index in 0..<items {
            need[index].reserveCapacity(respondents)
            experience[index].reserveCapacity(respondents)
        }
        var segments = [[Int32]](repeating: [], count: 3)
        var generator = Generator(state: 2026)
        var answers = [UInt8](repeating: 0, count: answerCount)
        for _ in 0..<respondents {
            let (channel, age, district) = respondent(&generator, into: &answers)
            for item in 0..<items {
                need[item].append(answers[2 * item] == 0 ? .nan : Double(answers[2 * item]))
                experience[item].append(answers[2 * item + 1] == 0 ? .nan : Double(answers[2 * item + 1]))
            }
            segments[0].append(Int32(channel))
            segments[1].append(Int32(age))
            segments[2].append(Int32(district))
        }
        let dimensions = SurveyRules.defaultDimensions.enumerated().map { index, dimension in
            SurveyDimensionAnswers(code: dimension.code, items: (0..<itemsPerDimension).map {
                let item = index * itemsPerDimension + $0
                return SurveyItemAnswers(need: need[item], experience: experience[item])
            })
        }
        return try SurveyResponses(
            respondentCount: respondents, scale: SurveyScale(minimum: 1, maximum: 7), dimensions: dimensions,
            segments: [SurveySegmentVariable(name: "channel", levels: channels, levelIndices: segments[0]),
                       SurveySegmentVariable(name: "age_band", levels: ageBands, levelIndices: segments[1]),
                       SurveySegmentVariable(name: "district", levels: districts, levelIndices: segments[2])])
    }
}
