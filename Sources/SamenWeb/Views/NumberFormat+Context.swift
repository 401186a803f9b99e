import SamenCore

extension AppRequestContext {
    /// The number format of the page's language (see `NumberFormat`).
    var numbers: NumberFormat { NumberFormat(locale) }
}
