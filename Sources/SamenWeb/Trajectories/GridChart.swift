import SamenCore

/// Mendelow's power/interest grid as data for a server-side SVG: interest along the
/// bottom, power up the side, each stakeholder a numbered point. The template draws it;
/// the stakeholder table on the same page is its data table and text alternative.
struct GridChart {
    struct Point {
        let number: Int
        let name: String
        let x: Int
        let y: Int
        let labelX: Int
        let labelY: Int
    }

    struct Quadrant {
        let label: String
        let x: Int
        let y: Int
    }

    let points: [Point]
    let hasPoints: Bool
    let quadrants: [Quadrant]
    let title: String
    let description: String
    let powerLabel: String
    let interestLabel: String

    static let size = 400
    static let margin = 40

    static func position(_ score: Int) -> Int {
        margin + (score - 1) * (size - 2 * margin) / 9
    }

    init(_ stakeholders: [Stakeholder], _ t: TrajectoryContext, _ context: AppRequestContext) {
        var taken: [String: Int] = [:]
        var points: [Point] = []
        for (i, s) in stakeholders.enumerated() {
            guard let power = s.power, let interest = s.interest else { continue }
            // Points on the same spot are spread a little so each number stays readable.
            let key = "\(power)-\(interest)"
            let offset = (taken[key] ?? 0) * 14
            taken[key, default: 0] += 1
            let x = Self.position(interest) + offset
            let y = Self.size - Self.position(power)
            points.append(Point(number: i + 1, name: s.name, x: x, y: y, labelX: x, labelY: y + 4))
        }
        self.points = points
        hasPoints = !points.isEmpty
        let low = Self.margin + 8, high = Self.size / 2 + 8
        quadrants = [
            Quadrant(label: t.word("quadrant_keep_satisfied", context), x: low, y: low + 10),
            Quadrant(label: t.word("quadrant_manage_closely", context), x: high, y: low + 10),
            Quadrant(label: t.word("quadrant_monitor", context), x: low, y: high + 10),
            Quadrant(label: t.word("quadrant_keep_informed", context), x: high, y: high + 10),
        ]
        title = t.word("grid_title", context)
        description = t.word("grid_description", context)
        powerLabel = t.word("grid_power", context)
        interestLabel = t.word("grid_interest", context)
    }
}
