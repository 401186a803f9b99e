import Foundation
import SamenCore
import SamenStore

/// The portfolio page's views of the whole: which dimensions' measured gaps are addressed on
/// which horizon (and which not at all), the three-horizons chart with its table, and the
/// biggest capability shortfalls of the trajectory's interventions.
struct PortfolioViews {
    struct MatrixRow {
        let dimension: String
        let gap: String
        let cells: [String]
        let unaddressed: Bool
        /// A gap of at least one point even at the low end of its interval, and no open intervention.
        let largeGapUnaddressed: Bool
    }

    struct HorizonRow {
        let horizon: String
        let open: Int
        let implemented: Int
        let dimensions: String
    }

    struct ShortfallRow {
        let name: String
        let kind: String
        let interventions: Int
        let shortfall: Int
    }

    let horizons: [String]
    let matrix: [MatrixRow]
    let unaddressed: [String]
    let hasGaps: Bool
    let gapWave: String
    let chart: String
    let horizonRows: [HorizonRow]
    let shortfalls: [ShortfallRow]
    let hasShortfalls: Bool
    let capabilitiesLink: String
    let scenariosLink: String

    static func read(_ t: TrajectoryContext, _ m: Membership, _ tr: Trajectory, _ all: [Intervention],
                     _ context: AppRequestContext) async throws -> PortfolioViews {
        func word(_ key: String) -> String { t.word(key, context) }
        let open = all.filter { $0.status != .stopped }
        let gaps = try await GrowthModelRoutes(t: t).measuredGaps(m, tr)
        let numbers = context.numbers
        let matrix = PortfolioWrites.dimensions.map { code in
            let counts = Horizon.allCases.map { h in open.filter { $0.horizon == h && $0.dimensions.contains(code) }.count }
            let gap = gaps[code]
            let none = counts.allSatisfy { $0 == 0 }
            return MatrixRow(dimension: word("dimension_" + code),
                             gap: gap.map { numbers.decimal($0.gap) + " (" + numbers.decimal($0.low) + " – " + numbers.decimal($0.high) + ")" } ?? "–",
                             cells: counts.map(numbers.integer), unaddressed: none,
                             largeGapUnaddressed: none && (gap.map { $0.low >= GrowthModelRules.largeGap } ?? false))
        }
        let columns = Horizon.allCases.map { h in
            let count = open.filter { $0.horizon == h }.count
            return HorizonChart.Column(name: word("horizon_chart_" + h.rawValue), span: word("horizon_span_" + h.rawValue), count: count,
                                       countLabel: numbers.integer(count))
        }
        let description = word("horizon_chart_desc") + " " + columns.map { $0.name + " (" + $0.span + "): " + $0.countLabel }.joined(separator: "; ") + "."
        let chart = HorizonChart.svg(id: "horizon-chart", title: word("horizon_chart_title"), description: description, columns: columns,
                                     timeLabel: word("horizon_chart_time"))
        let horizonRows = Horizon.allCases.map { h in
            let mine = open.filter { $0.horizon == h }
            let codes = PortfolioWrites.dimensions.filter { code in mine.contains { $0.dimensions.contains(code) } }
            return HorizonRow(horizon: word("horizon_" + h.rawValue), open: mine.count,
                              implemented: mine.filter { [.implemented, .evaluated].contains($0.status) }.count,
                              dimensions: codes.isEmpty ? "–" : codes.map { word("dimension_" + $0) }.joined(separator: ", "))
        }
        let store = CapabilityStore(database: t.services.database)
        let ids = Set(open.map(\.id))
        let needs = try await store.needs(organisationID: m.organisation.id).filter { ids.contains($0.need.interventionID) }.map(\.need)
        let shortfalls = CapabilityShortfall.ranked(try await store.capabilities(organisationID: m.organisation.id), needs: needs)
            .filter { $0.shortfall > 0 }.prefix(5).map {
                ShortfallRow(name: $0.capability.name, kind: word("capability_kind_" + $0.capability.kind.rawValue), interventions: $0.interventions,
                             shortfall: $0.shortfall)
            }
        let slug = m.organisation.slug
        return PortfolioViews(
            horizons: Horizon.allCases.map { word("horizon_" + $0.rawValue) }, matrix: matrix, unaddressed: matrix.filter(\.unaddressed).map(\.dimension),
            hasGaps: !gaps.isEmpty, gapWave: gaps.values.first?.wave ?? "", chart: chart, horizonRows: horizonRows, shortfalls: Array(shortfalls),
            hasShortfalls: !shortfalls.isEmpty, capabilitiesLink: StrategyPath.capabilities.link(slug), scenariosLink: StrategyPath.scenarios.link(slug, tr.id))
    }
}
