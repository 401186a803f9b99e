import Foundation
import SamenCore
import SamenStore

/// Gathers what may leave the team into an open-data package: per organisation (every
/// trajectory) or one trajectory, with the parts chosen. Free texts pass the pseudonymiser,
/// stories go only with consent for publication, participants only as counts per group with
/// small counts suppressed, and every rule that left something out says so in the package.
struct OpenDataExport {
    let database: Database

    struct Request: Sendable {
        var organisation: Organisation
        var trajectoryID: String?
        var parts: Set<OpenDataPart> = Set(OpenDataPart.allCases)
        var contact: String = ""
        var today: String = CalendarDate(unixTime: Clock.now()).description
    }

    /// The package, or `notFound` when the trajectory is not one of the organisation's.
    func package(_ r: Request) async throws -> OpenDataPackage {
        let org = r.organisation.id
        var trajectories = try await TrajectoryStore(database: database).list(organisationID: org)
        if let id = r.trajectoryID {
            trajectories = trajectories.filter { $0.id == id }
            guard !trajectories.isEmpty else { throw SamenError.notFound }
        }
        var collected = Collected(parts: r.parts)
        for trajectory in trajectories { try await collect(trajectory, org: org, into: &collected) }
        let scope = trajectories.count == 1 && r.trajectoryID != nil ? trajectories[0].title : r.organisation.name
        return OpenDataPackage(
            name: "samen-\(r.organisation.slug)" + (r.trajectoryID.map { "-\($0)" } ?? ""),
            title: "Open data: \(scope)",
            description: "Wat inwoners vertelden en wat \(r.organisation.name) daarmee deed, uit Samen. (What residents told and what \(r.organisation.name) did with it, from Samen.)",
            publisher: r.organisation.name, contact: r.contact.isEmpty ? r.organisation.name : r.contact, issued: r.today,
            tables: collected.tables(), omissions: collected.omissions())
    }

    /// Notes in the audit trail who exported what: the organisation or the trajectory, and
    /// the parts (as the entry's fields). The export itself writes nothing else.
    func recordExport(_ actor: WriteActor, _ r: Request) async throws {
        try await database.transaction { sql in
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: r.trajectoryID, entity: "open_data_export",
                                        entityID: r.trajectoryID ?? r.organisation.id, action: .export, fields: r.parts.map(\.rawValue).sorted())
        }
    }

    /// Rows per table and counts of what was left out, over all trajectories of the export.
    struct Collected {
        let parts: Set<OpenDataPart>
        var rows: [String: [[String]]] = [:]
        var withoutConsent = 0, notApproved = 0, originals = 0, suppressedCells = 0, participants = 0, activities = 0, owners = 0

        init(parts: Set<OpenDataPart>) { self.parts = parts }

        mutating func add(_ schema: DataTableSchema, _ new: [[String]]) { rows[schema.name, default: []] += new }

        func tables() -> [DataTable] {
            var schemas = [OpenDataSchemas.trajectories, OpenDataSchemas.phases]
            if parts.contains(.activities) { schemas.append(OpenDataSchemas.activities) }
            if parts.contains(.coverage) { schemas.append(OpenDataSchemas.coverage) }
            if parts.contains(.stories) { schemas.append(OpenDataSchemas.stories) }
            if parts.contains(.insights) { schemas.append(OpenDataSchemas.insights) }
            if parts.contains(.portfolio) { schemas.append(OpenDataSchemas.interventions) }
            if parts.isSuperset(of: [.portfolio, .insights]) { schemas.append(OpenDataSchemas.interventionInsights) }
            let left = omissions().map { [$0.what, $0.count.map(String.init) ?? "", $0.nl, $0.en] }
            return schemas.map { DataTable($0, rows: rows[$0.name] ?? []) } + [DataTable(OpenDataSchemas.leftOut, rows: left)]
        }

        func omissions() -> [DataOmission] {
            var list = [
                DataOmission("participant_names", count: nil, nl: "Namen en contactgegevens van mensen gaan nooit mee; deelnemers tellen alleen mee in aantallen per groep.",
                             en: "Names and contact details of people never leave; participants count only in numbers per group."),
                DataOmission("participant_details", count: participants,
                             nl: "Deelnemers afzonderlijk (code, leeftijd, wijk): samen kunnen die iemand herkenbaar maken.",
                             en: "Individual participants (code, age, district): together these can make someone recognisable."),
            ]
            if parts.contains(.activities) {
                list.append(DataOmission("activity_place_facilitator_notes", count: activities, nl: "Plaats, begeleider en notities van activiteiten kunnen mensen noemen.",
                                         en: "Place, facilitator and notes of activities can name people."))
            }
            if parts.contains(.coverage) {
                list.append(DataOmission("coverage_small_groups", count: suppressedCells,
                                         nl: "Aantallen van minder dan \(OpenDataRules.minimumGroupSize) mensen zijn leeg gelaten.",
                                         en: "Counts of fewer than \(OpenDataRules.minimumGroupSize) people are left empty."))
            }
            if parts.contains(.stories) {
                list += [
                    DataOmission("story_originals", count: originals, nl: "Alleen de gepseudonimiseerde tekst gaat mee, nooit het origineel.",
                                 en: "Only the pseudonymised text leaves, never the original."),
                    DataOmission("stories_without_publication_consent", count: withoutConsent, nl: "De verteller gaf geen toestemming voor publicatie.",
                                 en: "The teller did not consent to publication."),
                    DataOmission("stories_not_approved", count: notApproved, nl: "Het team heeft het verhaal nog niet goedgekeurd.",
                                 en: "The team has not approved the story yet."),
                ]
            }
            if parts.contains(.portfolio) {
                list.append(DataOmission("intervention_owner", count: owners, nl: "De eigenaar van een verbetering is een persoon.",
                                         en: "The owner of an intervention is a person."))
                if !parts.contains(.insights) {
                    list.append(DataOmission("intervention_insights", count: nil, nl: "De inzichten zijn niet gekozen, dus de koppeling ook niet.",
                                             en: "The insights were not chosen, so neither are the links to them."))
                }
            }
            list += OpenDataPart.allCases.filter { !parts.contains($0) }.map {
                DataOmission("part_" + $0.rawValue, count: nil, nl: "Dit deel is niet gekozen voor deze export.", en: "This part was not chosen for this export.")
            }
            return list
        }
    }

    private func collect(_ tr: Trajectory, org: String, into c: inout Collected) async throws {
        let known = try await StoryStore(database: database).knownNames(trajectoryID: tr.id)
        let pseudonymiser = Pseudonymiser(knownNames: known, currentYear: CalendarDate(unixTime: Clock.now()).year)
        func clean(_ text: String) -> String { pseudonymiser.pseudonymise(text).text }
        c.add(OpenDataSchemas.trajectories, [[tr.id, clean(tr.title), clean(tr.service), clean(tr.goal), tr.startDate, tr.endDate ?? "",
                                              tr.currentPhase.rawValue]])
        c.add(OpenDataSchemas.phases, Phase.allCases.map { [tr.id, $0.rawValue, tr.status($0).rawValue] })
        let participation = ParticipationStore(database: database)
        let activities = try await participation.activities(organisationID: org, trajectoryID: tr.id)
        let people = try await participation.participants(organisationID: org, trajectoryID: tr.id)
        c.participants += people.count
        if c.parts.contains(.activities) {
            c.activities += activities.count
            c.add(OpenDataSchemas.activities, activities.map { [$0.id, tr.id, $0.phase.rawValue, $0.kind.rawValue, clean($0.title), $0.date] })
        }
        if c.parts.contains(.coverage) {
            let coverage = try await coverageRows(tr, org: org)
            c.suppressedCells += coverage.suppressed
            c.add(OpenDataSchemas.coverage, coverage.rows)
        }
        if c.parts.contains(.stories) {
            let stories = try await StoryStore(database: database).stories(organisationID: org, trajectoryID: tr.id)
            let published = stories.filter(\.mayBePublished)
            c.withoutConsent += stories.filter { !$0.consent.publication }.count
            c.notApproved += stories.filter { $0.consent.publication && $0.status != .approved }.count
            c.originals += stories.count
            c.add(OpenDataSchemas.stories, published.map {
                [$0.id, tr.id, $0.source.rawValue, $0.channel, $0.pseudonymised, CalendarDate(unixTime: $0.createdAt).description]
            })
        }
        var insightIDs = Set<String>()
        if c.parts.contains(.insights) {
            let insights = try await EvidenceStore(database: database).insights(organisationID: org, trajectoryID: tr.id)
            insightIDs = Set(insights.map(\.id))
            c.add(OpenDataSchemas.insights, insights.map { [$0.id, tr.id, clean($0.title), clean($0.description)] })
        }
        if c.parts.contains(.portfolio) {
            let interventions = try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: tr.id)
            c.owners += interventions.filter { !$0.owner.isEmpty }.count
            c.add(OpenDataSchemas.interventions, interventions.map {
                [$0.id, tr.id, clean($0.title), clean($0.description), $0.horizon.rawValue, $0.effort.rawValue, $0.costEUR.map(String.init) ?? "",
                 $0.status.rawValue, $0.statusSince]
            })
            if c.parts.contains(.insights) {
                c.add(OpenDataSchemas.interventionInsights, interventions.flatMap { i in
                    i.insightIDs.filter(insightIDs.contains).map { [i.id, $0] }
                })
            }
        }
    }

    /// Distinct participants per phase and group; counts below the minimum are left empty.
    private func coverageRows(_ tr: Trajectory, org: String) async throws -> (rows: [[String]], suppressed: Int) {
        var rows: [[String]] = [], suppressed = 0
        for cell in try await CoverageCount(database: database).count(organisationID: org, trajectoryID: tr.id) {
            let shown = OpenDataRules.publishable(cell.count)
            if shown == nil { suppressed += 1 }
            rows.append([tr.id, cell.phase.rawValue, cell.group.rawValue, shown.map(String.init) ?? "", shown == nil ? "1" : "0"])
        }
        return (rows, suppressed)
    }
}
