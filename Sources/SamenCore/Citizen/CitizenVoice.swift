/// How an organisation speaks to citizens on every public page (story link, survey,
/// conversation, report): one form of address, chosen per organisation, and the language
/// it writes its own texts in (questions, statements, reports), so that a page in the other
/// language can mark those texts with their `lang` (WCAG 3.1.2).
public enum AddressForm: String, CaseIterable, Sendable, Codable {
    /// Formal "u", the default for public services.
    case u
    /// Informal "je".
    case je
}

public struct CitizenVoice: Sendable, Equatable, Codable {
    public var addressForm: AddressForm
    public var contentLanguage: AppLocale

    public static let `default` = CitizenVoice(addressForm: .u, contentLanguage: .nl)

    public init(addressForm: AddressForm, contentLanguage: AppLocale) {
        self.addressForm = addressForm
        self.contentLanguage = contentLanguage
    }
}
