import Foundation
import SamenAnalytics
import SamenCore
import SamenStore

/// Gathers a trajectory's report as it stands now, for one phase or the end: who was heard,
/// what was said (publishable quotes only), what was measured, what conversations found and
/// what was done. Publishing stores the result; the report is never recomputed afterwards.
struct ReportSnapshotBuilder {
    let database: Database

    /// A feature that adds a section to every report: it reads the trajectory and returns
    /// titled lines. Append to `sections`. (Experiments, the value register and the SROI
    /// range have their own parts of the snapshot; see ReportFindingsBuilder.)
    typealias SectionSource = @Sendable (Database, Organisation, Trajectory) async throws -> [TrajectoryReportSnapshot.Section]
    static let sections: [SectionSource] = []

    func snapshot(_ organisation: Organisation, _ tr: Trajectory, scope: String) async throws -> TrajectoryReportSnapshot {
        let org = organisation.id
        let phase = Phase(rawValue: scope)
        let heard = try await CoverageCount(database: database).count(organisationID: org, trajectoryID: tr.id)
            .filter { phase == nil || $0.phase == phase }
            .map { TrajectoryReportSnapshot.Coverage(phase: $0.phase.rawValue, group: $0.group.rawValue, participants: OpenDataRules.publishable($0.count)) }
        var extra: [TrajectoryReportSnapshot.Section] = []
        for source in Self.sections { extra += try await source(database, organisation, tr) }
        var snapshot = TrajectoryReportSnapshot(
            scope: scope, trajectoryTitle: tr.title, service: tr.service, goal: tr.goal, generatedOn: CalendarDate(unixTime: Clock.now()).description,
            heard: heard, said: try await said(org, tr), measured: try await measured(org, tr), conversations: try await conversations(org, tr),
            done: try await PortfolioStore(database: database).interventions(organisationID: org, trajectoryID: tr.id).map {
                .init(title: $0.title, status: $0.status.rawValue, statusSince: $0.statusSince, expectedEffect: $0.expectedEffect, insightIDs: $0.insightIDs)
            },
            extra: extra)
        snapshot.representation = try await representation(org, tr)
        snapshot.experiments = try await experiments(org, tr)
        snapshot.worth = try await worth(organisation, tr)
        return snapshot
    }

    /// Insights with the quotes that may be published: from approved stories whose teller consented to publication.
    func said(_ org: String, _ tr: Trajectory) async throws -> [TrajectoryReportSnapshot.Insight] {
        // Only the passages the insights rest on, and their stories: a large trajectory has
        // thousands of each, and reading them all made the report slow.
        let evidence = EvidenceStore(database: database)
        let insights = try await evidence.insights(organisationID: org, trajectoryID: tr.id)
        let highlights = try await evidence.highlights(organisationID: org, trajectoryID: tr.id, ids: insights.flatMap(\.highlightIDs))
        let stories = try await StoryStore(database: database).stories(organisationID: org, trajectoryID: tr.id, ids: highlights.map(\.storyID))
        let publishable = Set(stories.filter(\.mayBePublished).map(\.id))
        let quotes = Dictionary(highlights.filter { publishable.contains($0.storyID) }.map { ($0.id, $0.quote) }, uniquingKeysWith: { a, _ in a })
        return insights.map {
            .init(id: $0.id, title: $0.title, description: $0.description, quotes: $0.highlightIDs.compactMap { quotes[$0] })
        }
    }

    /// Per survey of the trajectory and dimension: the gap in each wave with enough answers, in time order, and its change.
    func measured(_ org: String, _ tr: Trajectory) async throws -> [TrajectoryReportSnapshot.Measure] {
        let service = SurveyService(database: database)
        var measures: [TrajectoryReportSnapshot.Measure] = []
        for survey in try await service.surveys.surveys(organisationID: org) where survey.trajectoryID == tr.id {
            let dataset = try await service.keptDataset(organisationID: org, survey: survey).dataset
            let waves = dataset.waves.sorted { ($0.startsOn ?? "", $0.endsOn ?? "", $0.createdAt) < ($1.startsOn ?? "", $1.endsOn ?? "", $1.createdAt) }
            for code in PortfolioWrites.dimensions {
                var previous: Double?
                for wave in waves {
                    guard let r = dataset.analysis.result(dimension: code, segment: SurveySegmentLevel(variable: "wave", level: wave.name)),
                          r.n >= surveySuppressionThreshold, let gap = r.gapMean else { continue }
                    measures.append(.init(survey: survey.title, dimension: code, wave: wave.name, n: r.n, gap: gap, change: previous.map { gap - $0 }))
                    previous = gap
                }
            }
        }
        return measures
    }

    func conversations(_ org: String, _ tr: Trajectory) async throws -> [TrajectoryReportSnapshot.ConversationFinding] {
        let store = ConversationStore(database: database)
        var found: [TrajectoryReportSnapshot.ConversationFinding] = []
        for c in try await store.conversations(organisationID: org) where c.trajectoryID == tr.id {
            found.append(try await finding(org, c))
        }
        return found
    }
}

/// Distinct participants per phase and group of a trajectory (the basis of "who was heard"
/// in reports and of the open-data coverage table).
struct CoverageCount {
    let database: Database

    struct Cell {
        let phase: Phase
        let group: StakeholderGroup
        let count: Int
    }

    func count(organisationID org: String, trajectoryID: String) async throws -> [Cell] {
        let store = ParticipationStore(database: database)
        let phaseOf = Dictionary(try await store.activities(organisationID: org, trajectoryID: trajectoryID).map { ($0.id, $0.phase) },
                                 uniquingKeysWith: { a, _ in a })
        let groupOf = Dictionary(try await store.participants(organisationID: org, trajectoryID: trajectoryID).map { ($0.id, $0.group) },
                                 uniquingKeysWith: { a, _ in a })
        var seen: [Phase: [StakeholderGroup: Set<String>]] = [:]
        for p in try await store.participations(organisationID: org, trajectoryID: trajectoryID) {
            guard let phase = phaseOf[p.activityID], let group = groupOf[p.participantID] else { continue }
            seen[phase, default: [:]][group, default: []].insert(p.participantID)
        }
        return Phase.allCases.flatMap { phase in
            StakeholderGroup.allCases.compactMap { group in
                seen[phase]?[group].map { Cell(phase: phase, group: group, count: $0.count) }
            }
        }
    }
}
