import Foundation

/// Checks for Dutch direct identifiers that have a checksum, so a random nine-digit
/// number or a product code is not taken for one.
public enum IdentifierChecks {
    /// The BSN "elfproef": 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not 0).
    public static func isValidBSN(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 9, text.allSatisfy({ $0.isNumber || $0 == "." || $0 == " " }) else { return false }
        var sum = 0
        for (i, d) in digits.enumerated() { sum += (i < 8 ? (9 - i) : -1) * d }
        return sum != 0 && sum % 11 == 0
    }

    /// ISO 13616 IBAN: move the first four characters to the end, letters to numbers
    /// (A = 10 … Z = 35), and the remainder modulo 97 must be 1.
    public static func isValidIBAN(_ text: String) -> Bool {
        let compact = text.replacingOccurrences(of: " ", with: "").uppercased()
        guard compact.count >= 15, compact.count <= 34,
              compact.prefix(2).allSatisfy({ $0.isASCII && $0.isLetter }),
              compact.dropFirst(2).prefix(2).allSatisfy({ $0.isASCII && $0.isNumber }),
              compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        if compact.hasPrefix("NL") && compact.count != 18 { return false }
        let rearranged = compact.dropFirst(4) + compact.prefix(4)
        var remainder = 0
        for ch in rearranged {
            if let d = ch.wholeNumberValue {
                remainder = (remainder * 10 + d) % 97
            } else if let ascii = ch.asciiValue {
                remainder = (remainder * 100 + Int(ascii) - 55) % 97
            }
        }
        return remainder == 1
    }
}

/// A direct identifier found in a text, replaced by a typed placeholder.
public struct IdentifierFinding: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case email, phone, bsn, iban, postcode, birthDate = "birth_date", name
        /// A street with a house number (the postcode is its own kind).
        case address
        case licencePlate = "licence_plate"

        /// The placeholder written in place of the identifier (Dutch, as in the texts).
        public var placeholder: String {
            switch self {
            case .email: "[E-MAIL]"
            case .phone: "[TELEFOON]"
            case .bsn: "[BSN]"
            case .iban: "[IBAN]"
            case .postcode: "[ADRES]"
            case .birthDate: "[GEBOORTEDATUM]"
            case .name: "[NAAM]"
            case .address: "[ADRES]"
            case .licencePlate: "[KENTEKEN]"
            }
        }
    }

    public var kind: Kind
    /// Character offsets in the original text.
    public var start: Int
    public var length: Int
    /// One past the last character, in the same offsets as `start`.
    public var end: Int { start + length }
}
