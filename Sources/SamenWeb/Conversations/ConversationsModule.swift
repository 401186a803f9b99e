import Hummingbird
import SamenCore
import SamenStore

/// Conversations and the opinion map: statements, votes, moderation, results, Pol.is transfer.
enum ConversationsModule: FeatureModule {
    static let name = "conversations"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        ConversationRoutes.registerAll(services: services, on: router)
    }

    static var organisationRoutes: [RouteEntry] { ConversationRoutes.allEntries }
    static var publicRoutes: [RouteEntry] { ConversationPublicRoutes.entries }

    static func navigation(_ membership: Membership, current: String, words: (String) -> String) -> LayoutModel.NavItem? {
        let list = ConversationPaths.list(membership.organisation.slug)
        return LayoutModel.NavItem(label: words("nav_conversations"), url: list, current: current.hasPrefix(list))
    }

    static var migrations: [Migration] { [.conversations, .conversationResultGroups] }

    static func loadDemo(_ demo: DemoContext) async throws {
        try await ConversationDemo.load(database: demo.database, organisationID: demo.organisationID)
    }

    static var localeFiles: [String] { ["conversations.json", "conversation-writes.json", "polis-import.json"] }
    static var openAPIFragments: [String] { ["conversations.json"] }
}
