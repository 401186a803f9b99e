import Testing
@testable import SamenCore

@Suite("Direct identifiers are found and replaced")
struct PseudonymiserTests {
    let p = Pseudonymiser(knownNames: ["Jan de Vries", "Fatima"], currentYear: 2026)

    @Test("BSN: valid by the eleven-test only", arguments: [
        ("111222333", true), ("123456782", true), ("123.45.678.2", true),
        ("123456789", false), ("000000000", false), ("11122233", false), ("1112223334", false),
    ])
    func bsn(number: String, valid: Bool) {
        #expect(IdentifierChecks.isValidBSN(number) == valid)
        let out = p.pseudonymise("Mijn BSN is \(number).").text
        #expect(out.contains("[BSN]") == valid, "\(out)")
    }

    @Test("IBAN: valid by mod-97 only", arguments: [
        ("NL91ABNA0417164300", true), ("NL91 ABNA 0417 1643 00", true), ("GB82WEST12345698765432", true),
        ("DE89370400440532013000", true), ("NL91ABNA0417164301", false), ("NL12ABNA0417164300", false), ("NL91ABNA041716430", false),
    ])
    func iban(number: String, valid: Bool) {
        #expect(IdentifierChecks.isValidIBAN(number) == valid)
        #expect(p.pseudonymise("Stort het op \(number) graag.").text.contains("[IBAN]") == valid)
    }

    @Test("the digit and @ gate: a text with a digit or an @ reaches the patterns, one with neither keeps only names")
    func gate() {
        #expect(p.pseudonymise("Bel me op 0612345678 na vijf uur.").text.contains("[TELEFOON]"))
        #expect(p.pseudonymise("Mail naar piet@example.nl").text.contains("[E-MAIL]"))
        let plain = p.pseudonymise("Mevrouw Jansen vertelde over de wachttijd bij de balie.")
        #expect(plain.findings.map(\.kind) == [.name], "\(plain.text)")
    }

    @Test("Dutch phone numbers", arguments: [
        "06-12345678", "0612345678", "+31 6 12345678", "+31612345678", "020-1234567", "(020) 123 45 67", "0031 20 1234567", "010 - 123 45 67",
    ])
    func phones(number: String) {
        let result = p.pseudonymise("Bel me op \(number) na vijf uur.")
        #expect(result.text == "Bel me op [TELEFOON] na vijf uur.", "\(number) → \(result.text)")
    }

    @Test("numbers that are no phone number stay")
    func notPhones() {
        for text in ["Ik wacht al 2026 dagen.", "Het kostte 1250 euro.", "Dossier 45821 ligt er nog.", "Om 14.30 uur."] {
            #expect(p.pseudonymise(text).text == text, "\(text)")
        }
    }

    @Test("e-mail, postcode with house number, dates of birth, known names")
    func others() {
        let text = "Ik ben Jan de Vries, geboren op 12-03-1961, woon op 1234 AB 56 en mail via jan.devries@voorbeeld.nl. Fatima hielp mij op 3-10-2026."
        let result = p.pseudonymise(text)
        #expect(result.text == "Ik ben [NAAM], geboren op [GEBOORTEDATUM], woon op [ADRES] en mail via [E-MAIL]. [NAAM] hielp mij op 3-10-2026.")
        #expect(result.findings.map(\.kind) == [.name, .birthDate, .postcode, .email, .name])
        #expect(result.findings[0].start == 7 && result.findings[0].length == 12)
    }

    @Test("an old year counts as a date of birth even without the word; names match whole words only")
    func birthAndNames() {
        #expect(p.pseudonymise("Mijn moeder (3 mei 1950) woont bij ons.").text == "Mijn moeder ([GEBOORTEDATUM]) woont bij ons.")
        #expect(p.pseudonymise("De Fatimastraat is lang.").text == "De Fatimastraat is lang.")
        #expect(p.pseudonymise("FATIMA belde.").text == "[NAAM] belde.")
    }

    @Test("a text without identifiers is returned unchanged")
    func clean() {
        let text = "Ik moest drie keer hetzelfde formulier invullen en niemand wist waar mijn aanvraag was."
        let result = p.pseudonymise(text)
        #expect(result.text == text)
        #expect(result.findings.isEmpty)
    }
}
