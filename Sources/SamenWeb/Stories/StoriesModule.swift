import Hummingbird
import SamenCore
import SamenStore

/// Citizen voice and the evidence chain: story links, stories and interviews, highlights,
/// insights, personas, journeys and the community report.
enum StoriesModule: FeatureModule {
    static let name = "stories"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let t = TrajectoryContext(services: services)
        StoryRoutes(t: t).register(on: router)
        InterviewUploadRoutes(t: t).register(on: router)
        EvidenceRoutes(t: t).register(on: router)
        InsightRoutes(t: t).register(on: router)
        DesignRoutes(t: t).register(on: router)
        ReportRoutes(t: t).register(on: router)
        StoryEditRoutes(t: t).register(on: router)
        DesignEditRoutes(t: t).register(on: router)
        StoryAPIRoutes(t: t).register(on: router)
        // Citizens: at most 5 stories or receipt look-ups at once per client, one more each minute.
        PublicStoryRoutes(services: services, limiter: RateLimiter(capacity: 5, perSecond: 1.0 / 60)).register(on: router)
    }

    static var organisationRoutes: [RouteEntry] {
        StoryRoutes.entries + InterviewUploadRoutes.entries + EvidenceRoutes.entries + InsightRoutes.entries + DesignRoutes.entries + ReportRoutes.organisationEntries
            + StoryEditRoutes.entries + DesignEditRoutes.entries + StoryAPIRoutes.entries
    }

    static var publicRoutes: [RouteEntry] { PublicStoryRoutes.entries + ReportRoutes.publicEntries }

    static var migrations: [Migration] { [.stories, .highlights, .personas, .communityReports, .storySearch] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await DemoStories.load(database: demo.database, organisationID: demo.organisationID)
    }

    static let trajectoryExports = ["stories", "highlights", "insights", "personas", "journeys"]

    /// Pseudonymised text only: the original of a story never leaves through an export.
    static func trajectoryTable(_ name: String, _ c: ExportContext) async throws -> ExportTable? {
        try await StoryTables(t: c.t).table(name, c.membership, c.trajectory).map { ExportTable(header: $0.header, rows: $0.rows) }
    }

    static var localeFiles: [String] { ["stories.json", "evidence.json", "design.json", "report.json", "story-writes.json"] }
    static var openAPIFragments: [String] { ["story-records.json"] }
}
