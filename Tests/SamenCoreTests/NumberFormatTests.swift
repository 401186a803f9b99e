import Testing
@testable import SamenCore

@Suite("One number format per language")
struct NumberFormatTests {
    let nl = NumberFormat(.nl), en = NumberFormat(.en)

    @Test("decimals: a comma in Dutch, a point in English")
    func decimals() {
        #expect(nl.decimal(0.95) == "0,95")
        #expect(en.decimal(0.95) == "0.95")
        #expect(nl.decimal(-1.5, digits: 1) == "-1,5")
        #expect(nl.decimal(3, digits: 0) == "3")
        #expect(en.decimal(2.0) == "2.00")
    }

    @Test("rounding: half away from zero, carrying into the whole part")
    func rounding() {
        #expect(nl.decimal(0.125) == "0,13")
        #expect(nl.decimal(-0.125) == "-0,13")
        #expect(nl.decimal(1.999) == "2,00")
        #expect(en.decimal(9.96, digits: 1) == "10.0")
        #expect(nl.decimal(0.05, digits: 1) == "0,1")
        #expect(nl.decimal(2.5, digits: 0) == "3")
    }

    @Test("a value that rounds to zero has no minus sign")
    func negativeZero() {
        #expect(nl.decimal(-0.001) == "0,00")
        #expect(en.decimal(-0.004) == "0.00")
        #expect(nl.decimal(-0.0) == "0,00")
        #expect(nl.percent(-0.01) == "0,0\u{00A0}%")
        #expect(nl.decimal(-0.005) == "-0,01")
    }

    @Test("thousands: a point in Dutch, a comma in English, also in decimals")
    func thousands() {
        #expect(nl.integer(1234) == "1.234")
        #expect(en.integer(1234) == "1,234")
        #expect(nl.integer(999) == "999")
        #expect(nl.integer(-1_234_567) == "-1.234.567")
        #expect(en.integer(1_000_000) == "1,000,000")
        #expect(nl.decimal(12345.678) == "12.345,68")
        #expect(en.decimal(12345.678) == "12,345.68")
    }

    @Test("percentages: 66,7 % in Dutch, 66.7% in English")
    func percentages() {
        #expect(nl.percent(200.0 / 3) == "66,7\u{00A0}%")
        #expect(en.percent(200.0 / 3) == "66.7%")
        #expect(nl.percent(fraction: 0.5, digits: 0) == "50\u{00A0}%")
        #expect(en.percent(fraction: 0.0049, digits: 1) == "0.5%")
    }

    @Test("compact: no trailing zeros")
    func compact() {
        #expect(nl.compact(12.5) == "12,5")
        #expect(en.compact(40) == "40")
        #expect(nl.compact(33.333) == "33,33")
    }

    @Test("p-values: three decimals, and below 0,001 said so")
    func pValues() {
        #expect(nl.pValue(0.0004) == "< 0,001")
        #expect(en.pValue(0.0004) == "< 0.001")
        #expect(nl.pValue(0.0123) == "0,012")
        #expect(nl.pValue(nil) == "–")
    }

    @Test("not a number is a dash, never \"nan\"")
    func notANumber() {
        #expect(nl.decimal(Double.nan) == "–")
        #expect(en.decimal(Double?.none) == "–")
    }
}
