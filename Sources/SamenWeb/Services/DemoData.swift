import Logging
import SamenCore
import SamenStore

/// The demo installation: "Gemeente Voorbeeld" with a small team, so a new user sees a
/// working organisation at once. Loaded only into an empty database.
public enum DemoData {
    public static let organisationName = "Gemeente Voorbeeld"
    public static let loginEmail = "ilse@voorbeeld.nl"
    public static let loginPassword = "welkom-bij-samen"

    struct Person {
        let email: String
        let name: String
        let role: Role
    }

    static let team: [Person] = [
        Person(email: loginEmail, name: "Ilse de Vries", role: .administrator),
        Person(email: "marco@voorbeeld.nl", name: "Marco Jansen", role: .viewer),
        Person(email: "fatima@voorbeeld.nl", name: "Fatima El Amrani", role: .facilitator),
        Person(email: "joost@voorbeeld.nl", name: "Joost Bakker", role: .member),
        Person(email: "anouk@voorbeeld.nl", name: "Anouk Visser", role: .member),
    ]

    /// Returns true when it loaded the demo, false when the database already had users.
    @discardableResult
    public static func loadIfEmpty(database: Database, configuration: SamenConfiguration, logger: Logger) async throws -> Bool {
        let users = UserStore(database: database)
        guard try await users.count() == 0 else { return false }
        let accounts = AccountService(database: database, configuration: configuration)
        let organisations = OrganisationStore(database: database)
        let hash = try await accounts.hash(loginPassword)
        let ilse = try await users.create(email: loginEmail, displayName: team[0].name, passwordHash: hash, isSuperadmin: true)
        let gemeente = try await organisations.create(name: organisationName, slug: "gemeente-voorbeeld", administratorID: ilse.id)
        for person in team.dropFirst() {
            _ = try await organisations.addMember(organisationID: gemeente.id, email: person.email, displayName: person.name,
                                                  passwordHash: hash, role: person.role)
        }
        // Feature demo content for Gemeente Voorbeeld: each feature module loads its own, in module order.
        try await FeatureModules.loadDemo(DemoContext(
            database: database, configuration: configuration, organisationID: gemeente.id,
            actor: WriteActor(organisationID: gemeente.id, userID: ilse.id, displayName: team[0].name, role: .administrator)))

        // A second organisation on the same installation, to show that each sees only its own data.
        let noord = try await organisations.create(name: "Welzijn Noord", slug: "welzijn-noord")
        _ = try await organisations.addMember(organisationID: noord.id, email: "sanne@welzijnnoord.nl", displayName: "Sanne Smit",
                                              passwordHash: hash, role: .administrator)
        try await DemoTrajectories.loadSecond(database: database, organisationID: noord.id)
        logger.info("demo organisation loaded")
        return true
    }
}
