import Testing
@testable import SamenCore

@Suite("Names, street addresses, plates and foreign phone numbers are found without a list")
struct NameDetectionTests {
    let p = Pseudonymiser(currentYear: 2026)

    @Test("the example from issue 11")
    func issueExample() {
        #expect(p.pseudonymise("Mijn naam is Piet de Boer, bel me op 06-98765432").text == "Mijn naam is [NAAM], bel me op [TELEFOON]")
    }

    @Test("each kind of cue puts a name after it", arguments: [
        // cue phrases
        ("Ik heet Daan en ik ben 14.", "Ik heet [NAAM] en ik ben 14."),
        ("ik heet piet jansen en woon hier", "ik heet [NAAM] en woon hier"),
        ("Een man genaamd Gijsbert belde.", "Een man genaamd [NAAM] belde."),
        ("Ik ben Blij.", "Ik ben [NAAM]."),
        ("My name is Kwame Mensah.", "My name is [NAAM]."),
        ("Zij heet Fatima el Idrissi.", "Zij heet [NAAM]."),
        // forms of address, with initials, particles and a hyphenated surname
        ("Ik sprak mevrouw Jansen-de Vries.", "Ik sprak mevrouw [NAAM]."),
        ("Dhr. P. van der Berg belde.", "Dhr. [NAAM] belde."),
        ("Toen kwam de heer Pinas.", "Toen kwam de heer [NAAM]."),
        ("Juf Sarita en dokter Visser.", "Juf [NAAM] en dokter [NAAM]."),
        ("mw. T. Schaap-Brouwer", "mw. [NAAM]"),
        ("ik sprak meneer bakker en mevrouw de wit", "ik sprak meneer [NAAM] en mevrouw [NAAM]"),
        // relations and roles
        ("Mijn buurvrouw Ans hielp.", "Mijn buurvrouw [NAAM] hielp."),
        ("De klantmanager, Yvonne, zei niets.", "De klantmanager, [NAAM], zei niets."),
        ("De moeder van Daan belde.", "De moeder van [NAAM] belde."),
        ("mijn zoon daan is ziek", "mijn zoon [NAAM] is ziek"),
        // greetings and signatures
        ("Groet, Kees", "Groet, [NAAM]"),
        ("Met vriendelijke groet,\nAnnie de Vries", "Met vriendelijke groet,\n[NAAM]"),
        ("Hoi Sanne, ben je er?", "Hoi [NAAM], ben je er?"),
        ("hoi wietske! ben je thuis", "hoi [NAAM]! ben je thuis"), // not a listed first name: the greeting carries it
        ("m.v.g.\nfatima", "m.v.g.\n[NAAM]"),
        // a name found once is hidden everywhere
        ("Mijn vriendin Dunya kwam. Dunya bleef.", "Mijn vriendin [NAAM] kwam. [NAAM] bleef."),
        // a capitalised word inside a sentence that is no ordinary word, place or organisation
        ("Toen kwam Jeroen Smit langs.", "Toen kwam [NAAM] langs."),
    ])
    func cues(text: String, expected: String) {
        #expect(p.pseudonymise(text).text == expected)
    }

    @Test("ordinary words, sentence starts, places and organisations stay", arguments: [
        "Ik ben blij dat het goed ging.",
        "Ik ben Nederlander en spreek Turks.",
        "Gelukkig is er de dagbesteding. Eerlijk gezegd had ik het opgegeven.",
        "Ik heb gebeld met het UWV en de Belastingdienst, en toen met de SVB in Amsterdam.",
        "Toen ik in Zwolle woonde ging het sneller dan hier in Den Haag.",
        "Mijn moeder (84) woont alleen. De thuiszorg komt twee keer per dag.",
        "'s Avonds gaan de kinderen niet naar buiten. Mijn vader heeft Parkinson.",
        "De Voedselbank vroeg papieren. Het Juridisch Loket hielp met het bezwaar.",
        "Het is heet vandaag, ik heb een oude Opel.",
        "Groeten aan je moeder!",
        "Interview aan de keukentafel. Mevrouw vertelt dat ze zich schaamde. Meneer woonde er al jaren.",
        "We kochten de kast bij de Kringloop en verf bij de Praxis in Veenendaal.",
    ])
    func negatives(text: String) {
        let result = p.pseudonymise(text)
        #expect(result.text == text)
        #expect(result.findings.isEmpty)
    }

    @Test("street addresses with a house number", arguments: [
        ("Ik woon op de Kerkstraat 12.", "Kerkstraat 12"),
        ("Adres: Laan van Nieuw-Oost-Indië 3b, Den Haag.", "Laan van Nieuw-Oost-Indië 3b"),
        ("Op de Burgemeester de Withstraat 4-II is het druk.", "Burgemeester de Withstraat 4-II"),
        ("Ons huis aan de Korte Nieuwstraat 7A is klein.", "Korte Nieuwstraat 7A"),
        ("Naar Jan van Galenstraat 112-hs verhuisd.", "Jan van Galenstraat 112-hs"),
        ("we wonen op de lindelaan 3 sinds mei", "lindelaan 3"),
        ("Boven de bakker, Markt 5.", "Markt 5"),
        ("Wij wonen op Heuvelrug 14.", "Heuvelrug 14"),
        ("Mvg,\nJ. Verhoeven\nDorpsstraat 81", "Dorpsstraat 81"),
    ])
    func addresses(text: String, street: String) {
        let result = p.pseudonymise(text)
        let found = result.findings.filter { $0.kind == .address }.map { String(Array(text)[$0.start..<$0.end]) }
        #expect(found == [street], "\(result.text)")
    }

    @Test("no address without a house number or on an ordinary word")
    func notAddresses() {
        for text in ["De Kerkstraat is lang.", "Ik was onderweg 2 uur.", "Ik woon in Utrecht 3 jaar.", "Op straat 12 jaar geleefd."] {
            #expect(!p.pseudonymise(text).findings.contains { $0.kind == .address }, "\(text)")
        }
    }

    @Test("Dutch licence plates by sidecode", arguments: ["12-ABC-3", "AB-12-CD", "1-ABC-23", "XX-999-X", "GT-512-V", "87-TBR-4", "ZL-88-PQ", "5-KLV-08"])
    func plates(plate: String) {
        #expect(p.pseudonymise("Auto met kenteken \(plate) staat er.").text == "Auto met kenteken [KENTEKEN] staat er.")
        #expect(p.pseudonymise("De auto \(plate) staat er.").text == "De auto [KENTEKEN] staat er.")
    }

    @Test("dates, phone numbers and dossier numbers are no plates")
    func notPlates() {
        let text = "Op 12-03-2025 belde ik over dossier 2024-0178 en groep AB-1."
        #expect(!p.pseudonymise(text).findings.contains { $0.kind == .licencePlate })
        #expect(p.pseudonymise("kenteken 12ABC3").text == "kenteken [KENTEKEN]")
    }

    @Test("international phone numbers", arguments: [
        "+31 6 12345678", "0031 6 12345678", "+31 (0)6 18273645", "+32 470 12 34 56", "0032 2 512 34 56", "+32 9 234 56 78",
        "+212 6 61 23 45 78", "+49 171 2345678", "+597 812 3456",
    ])
    func internationalPhones(number: String) {
        #expect(p.pseudonymise("Bel \(number) na vijf uur.").text == "Bel [TELEFOON] na vijf uur.", "\(number)")
    }

    @Test("the JSON spans count Characters of the original text")
    func jsonOffsets() throws {
        let text = "😢 Mijn naam is Piet, bel +32 470 12 34 56"
        let result = p.pseudonymise(text)
        #expect(result.findings.map(\.kind) == [.name, .phone])
        #expect(result.findings[0].start == 15 && result.findings[0].end == 19)
        #expect(try result.json() == #"{"spans":[{"end":19,"kind":"name","start":15},{"end":41,"kind":"phone","start":25}],"text":"😢 Mijn naam is [NAAM], bel [TELEFOON]"}"#)
    }
}
