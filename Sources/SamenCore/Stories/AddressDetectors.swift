import Foundation

/// Street addresses, Dutch licence plates and international phone numbers: identifiers
/// with a shape but no checksum, so each pattern asks for the part that makes it specific
/// (a house number, a sidecode, a country code).
extension Pseudonymiser {
    /// Street-name endings that are safe in lower case too ("kerkstraat 12"); the others
    /// (weg, hof, pad, …) also end ordinary words ("onderweg 2 uur") and need a capital.
    static let strongStreetEndings = "straat|laan|plein|gracht|kade|singel|dreef|steeg|burgwal|boulevard|straatje|laantje|pleintje|steenweg"
    static let weakStreetEndings = "weg|hof|hofje|pad|dijk|park|plantsoen|markt|baan|allee|ring|dam|wal|haven|erf|veld|hoek|gang|poort|lei|vaart|kanaal|promenade|wetering|schans|werf|kaai|vest|vliet|diep|weide|akker|kamp|brink|zoom|oever|rade|hove|hoven|dreve|passage|galerij|hout|wei|laar|donk|horst"
    /// A street name that is one of the endings on its own, followed by particles and a
    /// name: "Laan van Nieuw-Oost-Indië", "Weg der Verenigde Naties".
    static let streetHeads = "Laan|Weg|Plein|Kade|Singel|Gracht|Dreef|Boulevard|Markt|Straat|Dijk|Burgwal|Ring|Hof|Pad|Park|Plantsoen"

    static let street: NSRegularExpression = {
        // A capitalised word, or a title abbreviated with a full stop ("Burg. Reigerstraat").
        let cap = #"(?:\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*|(?:Burg|Dr|Mr|St|Prof|Ir|Mgr|Gen|Kon|Pr|Jhr|Ds)\.)"#
        // Name particles inside a street name ("Burgemeester de Withstraat"); prepositions
        // only after a head word ("Laan op Zuid"), so "Utrecht aan de Kerkstraat" stays out.
        let part = #"(?:van|de|der|den|'t|’t|'s|ter|ten|la|le|du)"#
        let headPart = #"(?:van|de|der|den|het|'t|’t|'s|op|aan|in|ter|ten|te|bij|naar|la|le|du|en)"#
        // Spaces only: a line break ends the street ("J. Verhoeven\nDorpsstraat 81").
        let prefix = "(?:\(cap)[ \t]+(?:\(part)[ \t]+){0,3}){0,3}"
        let strong = #"\p{L}[\p{L}'’\-]*?(?:"# + strongStreetEndings + ")"
        let weak = #"\p{Lu}[\p{L}'’\-]*?(?:"# + weakStreetEndings + ")"
        let head = "(?:\(streetHeads))[ \t]+(?:\(headPart)[ \t]+){1,3}(?:\(cap)[ \t]+){0,2}\(cap)"
        // Streets that are a head word alone: "Markt 5", "Brink 12".
        let single = "(?:Markt|Brink|Plein|Kade|Dam|Wal|Singel|Gracht|Vest)"
        // 12, 12a, 7A, 4-II, 10-1, 14 bis, 22 hs; not a decimal, a time or a longer number.
        let number = #"(?:nr\.?\s*|nummer\s+)?\d{1,5}(?![\d.,:]\d)(?:\s?-\s?(?:[IVX]{1,4}|\d{1,4}|[A-Za-z]{1,3})(?![\p{L}\d])|\s?[A-Za-z](?![\p{L}\d])|\s(?:hs|bis|zw|rd|bg|huis|boven|beneden)(?![\p{L}]))?"#
        return regex(#"(?<![\p{L}\d])"# + "\(prefix)(?:\(head)|\(strong)|\(weak)|\(single))" + #",?[ \t]+"# + number + #"(?![\p{L}\d])"#)
    }()

    /// A capitalised name with a house number right after "woon op", "adres:", "verhuisd
    /// naar": streets whose name has no usual ending ("wonen op Heuvelrug 14"). Not after
    /// "in", which takes a place ("woon in Utrecht").
    static let cuedStreet = regex(#"(?i:\b(?:woon|woont|wonen|woonde|woonden|wonend|adres(?:\s+is)?|verhuisd\s+naar|ingeschreven\s+op)\s+(?:nu\s+|tijdelijk\s+|sinds\s+kort\s+)?(?:op|aan|:)\s*(?:de\s+|het\s+)?)(\p{Lu}[\p{L}'’\-]+(?:[ \t]+(?:(?:van|de|der|den|ter|ten)[ \t]+)*\p{Lu}[\p{L}'’\-]+){0,3}[ \t]+\d{1,5}[A-Za-z]?(?:-\w{1,4})?)(?![\p{L}\d])"#)

    /// Words that a street-address match may pick up at its start ("Op de Kerkstraat 12")
    /// and that are not part of the street name.
    static let streetLeadWords: Set<String> = [
        "op", "in", "aan", "bij", "naar", "ik", "wij", "we", "mijn", "onze", "het", "een", "via", "vanaf", "tot", "sinds",
        "woon", "woonde", "naast", "achter", "voor", "richting", "en", "maar", "toen", "adres", "is", "was", "de", "te",
    ]

    /// Dutch licence plates: the sidecodes in use since 1951 (L letter, D digit), always
    /// with their dashes, so that a bare run of letters and digits is not taken for one.
    static let licencePlate: NSRegularExpression = {
        let shapes = ["LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
                      "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D"]
        let alternatives = shapes.map { shape in
            shape.split(separator: "-").map { group in
                (group.first == "L" ? "[A-Za-z]" : "\\d") + "{\(group.count)}"
            }.joined(separator: "-")
        }
        return regex(#"(?<![\p{L}\d\-])(?:"# + alternatives.joined(separator: "|") + #")(?![\p{L}\d]|-[\p{L}\d])"#)
    }()
    /// A plate written without dashes right after the word "kenteken": "kenteken 12ABC3".
    static let cuedPlate = regex(#"\bkenteken(?:nummer)?\s*:?\s*([A-Z0-9]{6})(?![\p{L}\d])"#, caseInsensitive: true)

    /// A phone number with a country code other than 31 (those are Dutch and handled by
    /// `phone`): +32 470 12 34 56, 0032 2 123 45 67, +212 6 12 34 56 78.
    static let internationalPhone = regex(#"(?<![\w+])(?:\+|00)(?!31)[1-9]\d{0,2}[\s\-.]?(?:\(0\)[\s\-.]?)?\d(?:[\s\-./]?\d){6,12}(?!\d)"#)

    /// Street addresses with their house number, leading sentence words trimmed off.
    static func streetAddresses(in text: String) -> [Range<String.Index>] {
        matches(street, in: text).compactMap { m in
            var start = m.range.lowerBound
            while let space = text[start..<m.range.upperBound].firstIndex(where: \.isWhitespace),
                  streetLeadWords.contains(text[start..<space].lowercased()) || NameLexicon.commonWords.contains(text[start..<space].lowercased()),
                  // A capitalised particle ("De Ruyterkade") belongs to the name.
                  !(text[start].isUppercase && ["de", "van", "ter", "ten"].contains(text[start..<space].lowercased())) {
                start = text[space...].firstIndex(where: { !$0.isWhitespace }) ?? m.range.upperBound
            }
            return start < m.range.upperBound ? start..<m.range.upperBound : nil
        } + cuedStreet.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range(at: 1), in: text) }
    }

    /// Licence plates with dashes anywhere, and without dashes after "kenteken".
    static func licencePlates(in text: String) -> [Range<String.Index>] {
        let nsText = NSRange(text.startIndex..., in: text)
        let cued = cuedPlate.matches(in: text, range: nsText).compactMap { m -> Range<String.Index>? in
            guard let range = Range(m.range(at: 1), in: text) else { return nil }
            let value = text[range]
            return value.contains(where: \.isLetter) && value.contains(where: \.isNumber) ? range : nil
        }
        return matches(licencePlate, in: text).map(\.range) + cued
    }
}
