/// The secret of a one-time survey link, short enough to type from a letter: 12 characters
/// of Crockford's base 32 (60 random bits; no I, L, O or U to misread), shown in groups
/// of four. The same code is the last part of the link, so the QR code, the printed link
/// and the typed code all reach the same form. Guessing stays hopeless: 2⁶⁰ codes against
/// a rate-limited form.
public enum SurveyLinkCode {
    public static let length = 12
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// "K7QM-4TXA-9PZR": the code as the letter prints it.
    public static func grouped(_ code: String) -> String {
        var result = ""
        for (index, character) in code.enumerated() {
            if index > 0 && index % 4 == 0 { result.append("-") }
            result.append(character)
        }
        return result
    }

    /// What a person typed, as the code: spaces and dashes dropped, capitals, and the
    /// letters Crockford reads as digits (O as 0; I and L as 1). Nil when it cannot be a code.
    public static func normalised(_ typed: String) -> String? {
        var code = ""
        for character in typed.uppercased() where character != " " && character != "-" && character != "\t" {
            switch character {
            case "O": code.append("0")
            case "I", "L": code.append("1")
            default:
                guard alphabet.contains(character) else { return nil }
                code.append(character)
            }
        }
        return code.count == length ? code : nil
    }
}
