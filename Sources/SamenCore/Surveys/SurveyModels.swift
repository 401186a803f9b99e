/// One dimension of personal service, as data: a stable code, names and a definition in
/// Dutch and English (domain.md §7). Logic never depends on a particular code.
public struct DimensionDefinition: Sendable, Hashable, Codable {
    public var code: String
    public var nameNL: String
    public var nameEN: String
    public var definitionNL: String
    public var definitionEN: String

    public init(code: String, nameNL: String, nameEN: String, definitionNL: String, definitionEN: String) {
        self.code = code
        self.nameNL = nameNL
        self.nameEN = nameEN
        self.definitionNL = definitionNL
        self.definitionEN = definitionEN
    }

    public func name(_ locale: AppLocale) -> String { locale == .en ? nameEN : nameNL }
    public func definition(_ locale: AppLocale) -> String { locale == .en ? definitionEN : definitionNL }
}

/// A named, versioned set of dimensions. The default set belongs to no organisation and
/// cannot be changed; an organisation copies it (or starts its own) to change names.
public struct DimensionSet: Sendable, Hashable {
    public static let defaultID = "default-8"

    public let id: String
    /// nil for the default set shared by every organisation.
    public let organisationID: String?
    public var name: String
    public var source: String
    public var version: Int
    public var dimensions: [DimensionDefinition]

    public init(id: String, organisationID: String?, name: String, source: String, version: Int,
                dimensions: [DimensionDefinition]) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.source = source
        self.version = version
        self.dimensions = dimensions
    }

    public var isDefault: Bool { organisationID == nil }
}

/// The answer scales a survey may use (need and experience share one).
public enum SurveyScaleOption: Int, Sendable, CaseIterable, Codable {
    case five = 5
    case seven = 7
    case ten = 10

    public static let `default` = SurveyScaleOption.seven
    public var minimum: Int { 1 }
    public var maximum: Int { rawValue }
}

/// The segment questions a survey can ask; their answers are breakdowns in the analysis.
public enum SegmentQuestion: String, Sendable, CaseIterable, Codable {
    case channel
    case persona
    case district
    case ageBand = "age_band"
}

/// One item: a statement about a dimension, asked twice (need and experience).
public struct SurveyItem: Sendable, Hashable, Codable {
    public let id: String
    public let dimensionCode: String
    /// 1, 2, … within the dimension, as in the CSV columns `need.<dimension>.<number>`.
    public let number: Int
    public var textNL: String
    public var textEN: String
    public var isReverseCoded: Bool

    public init(id: String, dimensionCode: String, number: Int, textNL: String, textEN: String, isReverseCoded: Bool) {
        self.id = id
        self.dimensionCode = dimensionCode
        self.number = number
        self.textNL = textNL
        self.textEN = textEN
        self.isReverseCoded = isReverseCoded
    }

    public func text(_ locale: AppLocale) -> String { locale == .en ? textEN : textNL }
    public var needColumn: String { "need.\(dimensionCode).\(number)" }
    public var experienceColumn: String { "experience.\(dimensionCode).\(number)" }
}

/// A segment question with the answers offered (an empty list: not asked).
public struct SurveySegmentQuestion: Sendable, Hashable, Codable {
    public let question: SegmentQuestion
    public var levels: [String]

    public init(question: SegmentQuestion, levels: [String]) {
        self.question = question
        self.levels = levels
    }
}

/// An experience-versus-need survey: the instrument. Items are in asking order.
public struct Survey: Sendable, Hashable {
    public let id: String
    public let organisationID: String
    public let trajectoryID: String?
    public var title: String
    public let dimensionSetID: String
    /// The version of the dimension set when the survey was made (analyses report it).
    public let dimensionSetVersion: Int
    public let scale: SurveyScaleOption
    public let asksNPS: Bool
    public let asksCES: Bool
    public let asksMark: Bool
    public let createdAt: Int64
    public var items: [SurveyItem]
    public var segments: [SurveySegmentQuestion]
    /// The survey row's version (optimistic concurrency), not the dimension set's.
    public var version: Int

    public init(id: String, organisationID: String, trajectoryID: String?, title: String, dimensionSetID: String,
                dimensionSetVersion: Int, scale: SurveyScaleOption, asksNPS: Bool, asksCES: Bool, asksMark: Bool,
                createdAt: Int64, items: [SurveyItem], segments: [SurveySegmentQuestion], version: Int = 1) {
        self.version = version
        self.id = id
        self.organisationID = organisationID
        self.trajectoryID = trajectoryID
        self.title = title
        self.dimensionSetID = dimensionSetID
        self.dimensionSetVersion = dimensionSetVersion
        self.scale = scale
        self.asksNPS = asksNPS
        self.asksCES = asksCES
        self.asksMark = asksMark
        self.createdAt = createdAt
        self.items = items
        self.segments = segments
    }

    /// The dimension codes in asking order.
    public var dimensionCodes: [String] {
        var seen = Set<String>()
        return items.map(\.dimensionCode).filter { seen.insert($0).inserted }
    }

    /// The segment questions that are asked (with at least one answer offered).
    public var askedSegments: [SurveySegmentQuestion] { segments.filter { !$0.levels.isEmpty } }
}

/// A round of answers: a name and a period (dates as yyyy-mm-dd, optional).
public struct SurveyWave: Sendable, Hashable, Codable {
    public let id: String
    public let surveyID: String
    public var name: String
    public var startsOn: String?
    public var endsOn: String?
    public let createdAt: Int64

    public init(id: String, surveyID: String, name: String, startsOn: String?, endsOn: String?, createdAt: Int64) {
        self.id = id
        self.surveyID = surveyID
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.createdAt = createdAt
    }
}

/// One respondent's answers, in the survey's item order. nil is missing ("weet ik niet").
public struct SurveyAnswerSheet: Sendable, Hashable {
    public var need: [Double?]
    public var experience: [Double?]
    /// Per segment question code, the chosen level (nil: not answered).
    public var segments: [SegmentQuestion: String]
    public var nps: Int?
    public var ces: Int?
    public var mark: Int?

    public init(need: [Double?], experience: [Double?], segments: [SegmentQuestion: String] = [:],
                nps: Int? = nil, ces: Int? = nil, mark: Int? = nil) {
        self.need = need
        self.experience = experience
        self.segments = segments
        self.nps = nps
        self.ces = ces
        self.mark = mark
    }
}
