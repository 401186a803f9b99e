extension SurveyCSVReader.Parser {
    /// Classifies every header column; a header problem stops reading (rows cannot be
    /// checked against a header that is wrong), after listing every header problem.
    mutating func readHeader(_ record: CSVRecordTokenizer) {
        var names: [String] = []
        for index in 0..<record.fieldCount {
            guard let name = record.string(index) else {
                issue(1, nil, "encoding")
                stopped = true
                return
            }
            names.append(name.trimmingCharacters(in: .whitespaces).lowercased())
        }
        if record.isBlank {
            issue(0, nil, "empty_file")
            stopped = true
            return
        }
        header = names
        var seen = Set<String>()
        var needColumns: [String: Int] = [:]
        var experienceColumns: [String: Int] = [:]
        var found: [SurveyCSVItem] = []
        var dimensionOrder: [String] = []
        var segmentColumns: [String: Int] = [:]
        roles = Array(repeating: .ignored, count: names.count)
        for (index, name) in names.enumerated() {
            guard seen.insert(name).inserted else {
                issue(1, name, "duplicate_column")
                continue
            }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 3 && (parts[0] == "need" || parts[0] == "experience") {
                let code = parts[1]
                guard code.wholeMatch(of: /[a-z][a-z0-9_]{0,31}/) != nil,
                      template.dimensionCodes?.contains(code) ?? true else {
                    issue(1, name, "unknown_dimension", code)
                    continue
                }
                guard let number = Int(parts[2]), number >= 1, number <= 99,
                      template.items?.contains("\(code).\(number)") ?? true else {
                    issue(1, name, "unknown_item", parts[2])
                    continue
                }
                let item = SurveyCSVItem(dimension: code, number: number)
                if needColumns[item.key] == nil && experienceColumns[item.key] == nil { found.append(item) }
                if !dimensionOrder.contains(code) { dimensionOrder.append(code) }
                if parts[0] == "need" { needColumns[item.key] = index } else { experienceColumns[item.key] = index }
            } else if SurveyCSVTemplate.segmentColumns.contains(name) {
                segmentColumns[name] = index
            } else if SurveyCSVTemplate.scoreRanges[name] != nil {
                roles[index] = .score(name)
                scores[name] = []
            } else if !SurveyCSVTemplate.ignoredColumns.contains(name) && !name.isEmpty {
                issue(1, name, "unknown_column")
            }
        }
        for item in found where needColumns[item.key] == nil || experienceColumns[item.key] == nil {
            issue(1, needColumns[item.key] == nil ? "need.\(item.key)" : "experience.\(item.key)", "missing_pair")
        }
        if found.isEmpty && issueCount == 0 { issue(1, nil, "no_answer_columns") }
        if issueCount > 0 {
            stopped = true
            return
        }
        items = found.sorted {
            let left = dimensionOrder.firstIndex(of: $0.dimension)!
            let right = dimensionOrder.firstIndex(of: $1.dimension)!
            return left != right ? left < right : $0.number < $1.number
        }
        need = Array(repeating: [], count: items.count)
        experience = Array(repeating: [], count: items.count)
        for (position, item) in items.enumerated() {
            roles[needColumns[item.key]!] = .need(position)
            roles[experienceColumns[item.key]!] = .experience(position)
        }
        for name in SurveyCSVTemplate.segmentColumns {
            guard let index = segmentColumns[name] else { continue }
            roles[index] = .segment(segmentNames.count)
            segmentNames.append(name)
            segmentIndex.append([:])
            segmentLevels.append(template.segmentLevels[name] ?? [])
            segmentValues.append([])
        }
    }
}
