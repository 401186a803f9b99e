import Foundation

/// Numbers as a reader of the page's language writes them: in Dutch 0,95 · 66,7 % · 1.234,
/// in English 0.95 · 66.7% · 1,234. A value that rounds to zero never shows a minus sign.
/// The one formatter every page and chart label uses, so no page mixes "0.95" with "0,62".
/// (SVG coordinates are not text for readers and keep their decimal point.)
public struct NumberFormat: Sendable, Equatable {
    public let locale: AppLocale

    public init(_ locale: AppLocale) { self.locale = locale }

    var decimalSeparator: String { locale == .nl ? "," : "." }
    var groupSeparator: String { locale == .nl ? "." : "," }

    /// `value` rounded half away from zero to `digits` decimals, with thousands grouped.
    public func decimal(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return "–" }
        let digits = max(0, digits)
        let scale = pow(10, Double(digits))
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        // Integer and fraction parts from the rounded, scaled magnitude, exactly.
        let whole = (scaled / scale).rounded(.towardZero)
        let fraction = scaled - whole * scale
        var text = grouped(String(format: "%.0f", whole))
        if digits > 0 {
            let fractionText = String(format: "%.0f", fraction)
            text += decimalSeparator + String(repeating: "0", count: max(0, digits - fractionText.count)) + fractionText
        }
        return value < 0 && scaled > 0 ? "-" + text : text
    }

    /// At most `digits` decimals, without trailing zeros (12,5 · 40), e.g. for a form field's value.
    public func compact(_ value: Double, digits: Int = 2) -> String {
        var text = decimal(value, digits: digits)
        guard text.contains(decimalSeparator) else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(decimalSeparator) { text.removeLast() }
        return text
    }

    /// An optional decimal; a missing value is a dash.
    public func decimal(_ value: Double?, digits: Int = 2) -> String {
        value.map { decimal($0, digits: digits) } ?? "–"
    }

    /// A share given in percent (66.7 for two thirds): "66,7 %" in Dutch (a no-break space), "66.7%" in English.
    public func percent(_ value: Double, digits: Int = 1) -> String {
        decimal(value, digits: digits) + (locale == .nl ? "\u{00A0}%" : "%")
    }

    /// A share given as a fraction (0.667 for two thirds) in percent.
    public func percent(fraction: Double, digits: Int = 1) -> String {
        percent(fraction * 100, digits: digits)
    }

    /// A whole number with thousands grouped: 1.234 in Dutch, 1,234 in English.
    public func integer(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(String(value.magnitude))
    }

    /// A p-value: three decimals, and "< 0,001" below that.
    public func pValue(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value < 0.001 ? "< " + decimal(0.001, digits: 3) : decimal(value, digits: 3)
    }

    private func grouped(_ digits: String) -> String {
        var rest = Substring(digits), groups: [Substring] = []
        while rest.count > 3 {
            groups.insert(rest.suffix(3), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(rest, at: 0)
        return groups.joined(separator: groupSeparator)
    }
}
