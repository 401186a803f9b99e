import Foundation

/// Finds direct identifiers in a story or interview and replaces each by a typed
/// placeholder, before anyone outside the team sees the text (AVG/GDPR data
/// minimisation). Pseudonymised text is still personal data: the team reviews it.
///
/// Found: e-mail addresses, Dutch phone numbers, BSN (valid by the eleven-test only),
/// IBAN (valid by mod-97 only), postcodes with house number, street addresses with house
/// number, licence plates, dates of birth (a date near "geboren"/"born", or with a year at
/// least twelve years back), known names, and names found by `NameDetector` (cues such as
/// "mijn naam is", "mevrouw", "mijn buurvrouw", "Groet,").
public struct Pseudonymiser: Sendable {
    public var knownNames: [String]
    public var currentYear: Int

    public init(knownNames: [String] = [], currentYear: Int) {
        self.knownNames = knownNames.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count >= 2 }
        self.currentYear = currentYear
    }

    public struct Result: Sendable, Equatable {
        public var text: String
        public var findings: [IdentifierFinding]
    }

    // NSRegularExpression rather than Swift Regex: it supports look-behind, and it is
    // immutable and documented thread-safe, so one shared instance serves all requests.
    static let email = regex(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#)
    /// +31 6 12345678, 0031 20 123 4567, 06-12345678, (020) 123 45 67, 010-1234567.
    static let phone = regex(#"(?<![\w+])(?:(?:\+|00)31[\s\-]?(?:\(0\))?[\s\-]?|\(?0)(?:[1-9]\d{0,2}\)?(?:\s?-\s?|\s)?)(?:\d[\s\-]?){5,8}\d(?!\d)"#)
    static let iban = regex(#"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b"#)
    /// Nine digits, optionally grouped with dots (123.45.678.2); not part of a longer number.
    static let nineDigits = regex(#"(?<![\d.])\d(?:\.?\d){8}(?!\d)(?!\.\d)"#)
    /// 1234 AB, optionally followed by a house number (12, 12a, 12-3).
    static let postcode = regex(#"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b(?:[,\s]+\d{1,5}(?:\s?[a-zA-Z](?![a-zA-Z])|-\d{1,4})?)?"#)
    static let numericDate = regex(#"\b[0-3]?\d[\-/.][01]?\d[\-/.]((?:19|20)\d{2})\b"#)
    static let writtenDate = regex(#"\b[0-3]?\d\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october)\s+((?:19|20)\d{2})\b"#, caseInsensitive: true)
    static let birthHint = regex(#"(geboren|geboortedatum|geb\.|born|date of birth)\W{0,3}(?:\w+\W+){0,3}$"#, caseInsensitive: true)

    static func regex(_ pattern: String, caseInsensitive: Bool = false) -> NSRegularExpression {
        // The patterns are constants checked by the tests; a typo must fail loudly at once.
        try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// Every match of a pattern as a String range, with its first capture group if any.
    static func matches(_ regex: NSRegularExpression, in text: String) -> [(range: Range<String.Index>, group: String?)] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            guard let range = Range(m.range, in: text) else { return nil }
            let group = m.numberOfRanges > 1 ? Range(m.range(at: 1), in: text).map { String(text[$0]) } : nil
            return (range, group)
        }
    }

    public func pseudonymise(_ text: String) -> Result {
        var spans: [(Range<String.Index>, IdentifierFinding.Kind)] = []
        func add(_ range: Range<String.Index>, _ kind: IdentifierFinding.Kind) {
            if !spans.contains(where: { $0.0.overlaps(range) }) { spans.append((range, kind)) }
        }
        // Most specific first: a checksum-valid IBAN or BSN wins over a phone-number look-alike.
        // Every pattern but the e-mail one needs a digit (ICU's `\d`: a scalar of numeric type
        // decimal), and that one an "@": most titles and descriptions have neither and skip the
        // regular expressions, which were a third of an organisation's open-data export.
        if text.utf8.contains(UInt8(ascii: "@")) {
            for m in Self.matches(Self.email, in: text) { add(m.range, .email) }
        }
        if text.unicodeScalars.contains(where: { $0.properties.numericType == .decimal }) {
            for m in Self.matches(Self.iban, in: text) where IdentifierChecks.isValidIBAN(String(text[m.range])) { add(m.range, .iban) }
            for m in Self.matches(Self.nineDigits, in: text) where IdentifierChecks.isValidBSN(String(text[m.range])) { add(m.range, .bsn) }
            for m in Self.matches(Self.postcode, in: text) { add(m.range, .postcode) }
            for pattern in [Self.numericDate, Self.writtenDate] {
                for m in Self.matches(pattern, in: text) where isBirthDate(text, m.range, year: Int(m.group ?? "") ?? 0) { add(m.range, .birthDate) }
            }
            for range in Self.licencePlates(in: text) { add(range, .licencePlate) }
            for m in Self.matches(Self.internationalPhone, in: text) { add(m.range, .phone) }
            for m in Self.matches(Self.phone, in: text) where text[m.range].filter(\.isNumber).count >= 9 { add(m.range, .phone) }
            for range in Self.streetAddresses(in: text) { add(range, .address) }
        }
        for name in knownNames {
            var searchStart = text.startIndex
            while let found = text.range(of: name, options: [.caseInsensitive, .diacriticInsensitive], range: searchStart..<text.endIndex) {
                let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
                let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
                if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { add(found, .name) }
                searchStart = found.upperBound
            }
        }
        for range in NameDetector(text).names() { add(range, .name) }
        spans.sort { $0.0.lowerBound < $1.0.lowerBound }
        var output = ""
        var findings: [IdentifierFinding] = []
        var cursor = text.startIndex
        for (range, kind) in spans {
            output += text[cursor..<range.lowerBound]
            output += kind.placeholder
            findings.append(IdentifierFinding(kind: kind, start: text.distance(from: text.startIndex, to: range.lowerBound),
                                              length: text.distance(from: range.lowerBound, to: range.upperBound)))
            cursor = range.upperBound
        }
        output += text[cursor...]
        return Result(text: output, findings: findings)
    }

    /// A date counts as a date of birth when a birth word stands just before it, or when
    /// its year lies at least twelve years back (event dates in stories are mostly recent).
    func isBirthDate(_ text: String, _ range: Range<String.Index>, year: Int) -> Bool {
        let start = text.index(range.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
        if !Self.matches(Self.birthHint, in: String(text[start..<range.lowerBound])).isEmpty { return true }
        return year >= 1900 && year <= currentYear - 12
    }
}
