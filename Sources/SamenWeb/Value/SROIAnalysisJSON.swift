import Foundation
import SamenAnalytics
import SamenCore

/// Stored SROI analyses as the API reads and writes them (snake_case keys). The impact map is
/// written as the template's CSV text (`impact_map`) and read back both as that text and as rows.
enum SROIAnalysisJSON {
    struct Range: Codable {
        let low, high: Double
    }

    struct RowJSON: Encodable {
        let row: Int
        let stakeholder, outcome, indicator, outputs, proxySource, durationReason: String
        let quantity, proxy, duration, deadweight, displacement, attribution, dropOff, inputs: Double
        let start: Int
        let weakEvidence: Bool
        let ranges: [String: Range]

        init(_ index: Int, _ item: SROICSV.Row) {
            let r = item.row
            row = index + 1; stakeholder = r.stakeholder; outcome = r.outcome; indicator = r.indicator; outputs = item.outputs
            proxySource = item.proxySource; durationReason = r.durationReason; quantity = r.quantity; proxy = r.proxy
            duration = r.duration; deadweight = r.deadweight; displacement = r.displacement; attribution = r.attribution
            dropOff = r.dropOff; inputs = item.inputs; start = r.startYear; weakEvidence = r.hasWeakEvidence
            ranges = Dictionary(uniqueKeysWithValues: r.ranges.map { ($0.key.rawValue, Range(low: $0.value.low, high: $0.value.high)) })
        }
    }

    struct AnalysisJSON: Encodable {
        let id, trajectoryId, title, scopeIn, scopeOut, period, stakeholders, engagement, impactMap: String
        let interventionId: String?
        let inputs, discountRate: Double
        let draws, seed, version: Int
        let rows: [RowJSON]

        init(_ a: ValueSROIAnalysis) {
            id = a.id; trajectoryId = a.trajectoryID; title = a.title; scopeIn = a.scopeIn; scopeOut = a.scopeOut; period = a.period
            stakeholders = a.stakeholders; engagement = a.engagement; impactMap = a.impactMap; interventionId = a.interventionID
            inputs = a.inputs; discountRate = a.discountRate; draws = a.draws; seed = a.seed; version = a.version
            rows = ((try? SROICSV.read(a.impactMap)) ?? []).enumerated().map { RowJSON($0.offset, $0.element) }
        }

        enum CodingKeys: String, CodingKey {
            case id, trajectoryId, title, scopeIn, scopeOut, period, stakeholders, engagement, impactMap, interventionId
            case inputs, discountRate, draws, seed, version, rows
        }

        /// `intervention_id: null` is written out, as the schema requires the key.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(trajectoryId, forKey: .trajectoryId); try c.encode(title, forKey: .title)
            try c.encode(scopeIn, forKey: .scopeIn); try c.encode(scopeOut, forKey: .scopeOut); try c.encode(period, forKey: .period)
            try c.encode(stakeholders, forKey: .stakeholders); try c.encode(engagement, forKey: .engagement)
            try c.encode(impactMap, forKey: .impactMap); try c.encode(interventionId, forKey: .interventionId)
            try c.encode(inputs, forKey: .inputs); try c.encode(discountRate, forKey: .discountRate); try c.encode(draws, forKey: .draws)
            try c.encode(seed, forKey: .seed); try c.encode(version, forKey: .version); try c.encode(rows, forKey: .rows)
        }
    }

    /// Any subset of the fields; the rest keep their value. `intervention_id: null` unties the analysis.
    struct Body: Decodable {
        var title, scopeIn, scopeOut, period, stakeholders, engagement, impactMap: String?
        var interventionId: String??
        var inputs, discountRate: Double?
        var draws, seed: Int?
        /// The impact map as rows (`SROIAnalysisRowsJSON`), instead of `impact_map`.
        var rows: [RowInput]?

        enum CodingKeys: String, CodingKey {
            case title, scopeIn, scopeOut, period, stakeholders, engagement, impactMap, interventionId, inputs, discountRate, draws, seed
            case rows
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String? { try c.decodeIfPresent(String.self, forKey: key) }
            title = try text(.title); scopeIn = try text(.scopeIn); scopeOut = try text(.scopeOut); period = try text(.period)
            stakeholders = try text(.stakeholders); engagement = try text(.engagement); impactMap = try text(.impactMap)
            interventionId = try c.nullableText(.interventionId)
            inputs = try c.decodeIfPresent(Double.self, forKey: .inputs); discountRate = try c.decodeIfPresent(Double.self, forKey: .discountRate)
            draws = try c.decodeIfPresent(Int.self, forKey: .draws); seed = try c.decodeIfPresent(Int.self, forKey: .seed)
            rows = try c.decodeIfPresent([RowInput].self, forKey: .rows)
        }

        func merged(onto input: ValueSROIAnalysisInput) -> ValueSROIAnalysisInput {
            var out = input
            if let title { out.title = title }; if let scopeIn { out.scopeIn = scopeIn }; if let scopeOut { out.scopeOut = scopeOut }
            if let period { out.period = period }; if let stakeholders { out.stakeholders = stakeholders }
            if let engagement { out.engagement = engagement }; if let impactMap { out.impactMap = impactMap }
            if let interventionId { out.interventionID = interventionId ?? "" }
            if let inputs { out.inputs = ValueOutcomeInput.text(inputs) }
            if let discountRate { out.discountRate = ValueOutcomeInput.text(discountRate) }
            if let draws { out.draws = String(draws) }; if let seed { out.seed = String(seed) }
            if let rows { out.impactMap = SROIAnalysisJSON.impactMap(rows) }
            return out
        }
    }
}
