/// The survey feature's URLs.
extension Paths {
    public static func surveys(_ slug: String) -> String { "/o/\(slug)/surveys" }
    public static func survey(_ slug: String, _ id: String) -> String { "/o/\(slug)/surveys/\(id)" }
    public static func surveyItems(_ slug: String, _ id: String) -> String { "/o/\(slug)/surveys/\(id)/items" }
    public static func surveyWaves(_ slug: String, _ id: String) -> String { "/o/\(slug)/surveys/\(id)/waves" }
    public static func surveyLinks(_ slug: String, _ id: String, _ wave: String) -> String {
        "/o/\(slug)/surveys/\(id)/waves/\(wave)/links"
    }
    public static func surveyImport(_ slug: String, _ id: String) -> String { "/o/\(slug)/surveys/\(id)/import" }
    public static func surveyAnalysis(_ slug: String, _ id: String) -> String { "/o/\(slug)/surveys/\(id)/analysis" }
    public static func dimensionSets(_ slug: String) -> String { "/o/\(slug)/dimensions" }
    public static func dimensionSet(_ slug: String, _ id: String) -> String { "/o/\(slug)/dimensions/\(id)" }
    public static func publicSurvey(_ token: String) -> String { "/s/\(token)" }
    /// Where a citizen types the code from a letter.
    public static let publicSurveyCode = "/s"
}
