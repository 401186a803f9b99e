import Testing
@testable import SamenCore

@Suite("Roles and identity rules")
struct IdentityRulesTests {
    @Test("each role allows exactly the actions at or below it")
    func roleLadder() {
        #expect(Role.viewer.allows(.viewMembers))
        #expect(!Role.viewer.allows(.editContent))
        #expect(Role.member.allows(.editContent))
        #expect(!Role.member.allows(.runTrajectory))
        #expect(Role.facilitator.allows(.runTrajectory))
        #expect(!Role.facilitator.allows(.manageMembers))
        #expect(Role.administrator.allows(.manageMembers))
        for action in Action.allCases {
            #expect(Role.administrator.allows(action), "administrator may \(action)")
        }
        #expect(throws: SamenError.forbidden) { try Role.viewer.require(.manageMembers) }
    }

    @Test("e-mail addresses", arguments: [
        ("ilse@voorbeeld.nl", true), ("a.b@gemeente.example.org", true),
        ("", false), ("ilse", false), ("ilse@", false), ("@voorbeeld.nl", false),
        ("ilse@voorbeeld", false), ("il se@voorbeeld.nl", false), ("ilse@.nl", false), ("a@b@c.nl", false),
    ])
    func email(address: String, valid: Bool) {
        #expect(IdentityRules.checkEmail(address).isEmpty == valid)
    }

    @Test("e-mail is normalised to lowercase without spaces")
    func normalise() {
        #expect(IdentityRules.normalisedEmail("  Ilse@Voorbeeld.NL ") == "ilse@voorbeeld.nl")
    }

    @Test("passwords need 10 and at most 1000 characters, counted as JSON Schema counts them")
    func passwords() {
        #expect(IdentityRules.checkPassword("123456789").first?.code == "password_too_short")
        #expect(IdentityRules.checkPassword("1234567890").isEmpty)
        #expect(IdentityRules.checkPassword(String(repeating: "é", count: 40)).isEmpty, "80 bytes: fine, it is pre-hashed for bcrypt")
        #expect(IdentityRules.checkPassword(String(repeating: "x", count: 1001)).first?.code == "password_too_long")
    }

    @Test("slugs", arguments: [
        ("gemeente-voorbeeld", true), ("ggd2", true), ("a", false), ("-abc", false), ("abc-", false),
        ("Gemeente", false), ("gemeente voorbeeld", false), ("gëmeente", false), (String(repeating: "a", count: 41), false),
    ])
    func slug(value: String, valid: Bool) {
        #expect(IdentityRules.checkSlug(value).isEmpty == valid)
    }

    @Test("a slug made from a name drops accents and punctuation")
    func slugFromName() {
        #expect(IdentityRules.slug(from: "Gemeente Voorbeeld") == "gemeente-voorbeeld")
        #expect(IdentityRules.slug(from: "  Zorg & Welzijn – Noord! ") == "zorg-welzijn-noord")
        #expect(IdentityRules.slug(from: "Gemeente Súdwest-Fryslân") == "gemeente-sudwest-fryslan")
    }

    @Test("roles parse from their stored names only")
    func roles() throws {
        #expect(try IdentityRules.checkRole("viewer").get() == .viewer)
        #expect(throws: SamenError.self) { try IdentityRules.checkRole("root").get() }
    }

    @Test("Accept-Language picks the first supported language")
    func acceptLanguage() {
        #expect(AppLocale.fromAcceptLanguage("en-GB,en;q=0.9,nl;q=0.8") == .en)
        #expect(AppLocale.fromAcceptLanguage("de-DE, nl-BE;q=0.7") == .nl)
        #expect(AppLocale.fromAcceptLanguage("fr, de") == nil)
    }

    @Test("validation errors are found by field")
    func validationErrors() {
        let errors = ValidationErrors([.validation("email_invalid", field: "email"), .validation("name_required", field: "name")])
        #expect(errors.error(for: "name")?.code == "name_required")
        #expect(errors.error(for: "password") == nil)
        #expect(throws: ValidationErrors.self) { try ValidationErrors.check(errors.errors) }
        #expect(throws: Never.self) { try ValidationErrors.check([]) }
    }
}
