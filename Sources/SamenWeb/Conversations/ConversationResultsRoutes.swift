import Foundation
import Hummingbird
import SamenAnalytics
import SamenCore
import SamenStore

/// The results page: participation, the opinion map (SVG with a text alternative and a
/// table), groups with their representative statements, the common ground (every group
/// leans the same way), the majority list (Pol.is's consensus, under that honest name, with
/// the groups that think otherwise), group-informed consensus and every statement's votes per group. Shows the last computed result and
/// when it was computed; computing happens in the background.
struct ConversationResultsRoutes: RouteGroup {
    let services: AppServices
    var renderer: Renderer { services.renderer }
    var store: ConversationStore { ConversationStore(database: services.database) }

    static var routes: [(RouteEntry, (Self) -> Handler)] {
        [
            (RouteEntry(.get, "/o/:org/conversations/:conversation/results"), { $0.results }),
            (RouteEntry(.post, "/o/:org/conversations/:conversation/results"), { $0.recompute }),
            (RouteEntry(.get, "/o/:org/conversations/:conversation/export/:file"), { $0.export }),
            (RouteEntry(.post, "/o/:org/conversations/:conversation/results/crowded"), { $0.leaveOutCrowded }),
        ]
    }


    struct Fact {
        let label: String
        let value: String
    }

    struct Line {
        let text: String
        /// "66 %" in Dutch, "66%" in English.
        let percent: String
        let direction: String
        let number: Int
    }

    struct CommonGroundLine {
        let text: String
        let direction: String
        /// "A 92%, B 80%": every group's share on the statement's side.
        let shares: String
    }

    struct MajorityLine {
        let text: String
        let percent: String
        let direction: String
        /// "groep C denkt er anders over" when groups lean the other way, else nothing.
        let dissent: String?
    }

    struct GroupView {
        let letter: String
        let size: String
        /// "12 mensen", "1 persoon".
        let people: String
        let x: String
        let y: String
        let representative: [Line]
    }

    struct Cell {
        let value: String
    }

    struct StatementView {
        let number: Int
        let text: String
        let all: String
        let groups: [Cell]
        let consensus: String
    }

    struct Body {
        let question: String
        let facts: [Fact]
        let hasResult: Bool
        let computedAt: String
        let updating: Bool
        let svg: String
        let mapSummary: String
        let groups: [GroupView]
        let groupHeaders: [Cell]
        let commonGround: [CommonGroundLine]
        let hasCommonGround: Bool
        let majority: [MajorityLine]
        let hasMajority: Bool
        let statements: [StatementView]
        let recomputePath: String
        let canRecompute: Bool
        /// How many participants came from addresses with many participants, and the
        /// facilitator's choice to leave them out of the map.
        let crowdedText: String
        let leavesOutCrowded: Bool
        let showCrowdedForm: Bool
        let crowdedPath: String
        let crowdedNextValue: String
        let crowdedButton: String
        let backPath: String
    }

    static func timeText(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Sendable func results(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let conversation = try await ConversationRoutes(services: services).conversation(request, context, membership)
        let orgID = membership.organisation.id
        let figures = try await store.figures(organisationID: orgID, conversationID: conversation.id)
        let texts = Dictionary(uniqueKeysWithValues: try await store.statements(organisationID: orgID, conversationID: conversation.id)
            .map { ($0.number, $0.body) })
        let stored = try await store.result(organisationID: orgID, conversationID: conversation.id)
        let report = try stored.map { try OpinionReport.decode(Data($0.body.utf8)) }
        let pending = try await JobStore(database: services.database).pending(kind: JobStore.recomputeConversation, subjectID: conversation.id)
        func t(_ key: String) -> String { renderer.text(key, context) }
        let numbers = context.numbers
        let facts = [
            Fact(label: t("conversation_participants"), value: numbers.integer(figures.participants)),
            Fact(label: t("conversation_voters"), value: numbers.integer(figures.voters)),
            Fact(label: t("conversation_votes"), value: numbers.integer(figures.votes)),
            Fact(label: t("conversation_statements_shown"), value: numbers.integer((figures.statementsByState[.approved] ?? 0) + (figures.statementsByState[.pending] ?? 0))),
            Fact(label: t("conversation_statements_removed"), value: numbers.integer((figures.statementsByState[.rejected] ?? 0) + (figures.statementsByState[.meta] ?? 0))),
            Fact(label: t("results_grouped"), value: numbers.integer(report?.groupedCount ?? 0)),
        ]
        func line(_ number: Int, _ percent: Int, _ direction: String) -> Line {
            Line(text: texts[number] ?? "#\(number)", percent: numbers.percent(Double(percent), digits: 0), direction: t("direction_" + direction), number: number)
        }
        let groups = (report?.groups ?? []).map { group in
            GroupView(letter: OpinionMapSVG.letter(group.id), size: numbers.integer(group.size),
                      people: renderer.translations.count("count_people", group.size, context.locale), x: numbers.decimal(group.x), y: numbers.decimal(group.y),
                      representative: group.representative.map { line($0.statement, $0.percent, $0.direction) })
        }
        let mapSummary = report.map { r in
            t("results_map_summary").replacingOccurrences(of: "{participants}", with: renderer.translations.count("count_participants", r.participantCount, context.locale))
                .replacingOccurrences(of: "{grouped}", with: numbers.integer(r.groupedCount))
                .replacingOccurrences(of: "{groups}", with: renderer.translations.count("count_groups", r.groups.count, context.locale))
                .replacingOccurrences(of: "{sizes}", with: r.groups.map { "\(OpinionMapSVG.letter($0.id)): \(numbers.integer($0.size))" }.joined(separator: ", "))
        } ?? ""
        func counts(_ c: OpinionReport.Counts) -> String {
            let n = max(1, c.agree + c.disagree + c.pass)
            return [c.agree, c.disagree, c.pass].map { numbers.percent(Double($0 * 100 / n), digits: 0) }.joined(separator: " / ")
                + " (n = \(numbers.integer(c.agree + c.disagree + c.pass)))"
        }
        let rows = (report?.statements ?? []).filter { !$0.moderatedOut }.map { row in
            StatementView(number: row.statement, text: texts[row.statement] ?? "#\(row.statement)", all: counts(row.all),
                          groups: row.groups.map { Cell(value: counts($0)) }, consensus: numbers.decimal(row.groupInformedConsensus))
        }
        let crowded = try await ConversationAddressStore(database: services.database).crowdedParticipants(conversationID: conversation.id)
        let commonGround = report.map { Self.commonGroundLines($0, texts: texts, numbers, t) } ?? []
        let majority = report.map { Self.majorityLines($0, texts: texts, numbers, t) } ?? []
        let slug = membership.organisation.slug
        let body = Body(
            question: conversation.question, facts: facts, hasResult: report != nil,
            computedAt: stored.map { Self.timeText($0.computedAt) } ?? "", updating: pending.waiting,
            svg: report.map { OpinionMapSVG.render($0, title: t("results_map_title"), description: mapSummary) } ?? "",
            mapSummary: mapSummary, groups: groups,
            groupHeaders: groups.map { Cell(value: t("results_group") + " " + $0.letter) },
            commonGround: commonGround, hasCommonGround: !commonGround.isEmpty,
            majority: majority, hasMajority: !majority.isEmpty,
            statements: rows, recomputePath: ConversationPaths.results(slug, conversation.id),
            canRecompute: membership.role.allows(.runTrajectory),
            crowdedText: renderer.translations.count("results_crowded_count", crowded.count, context.locale)
                .replacingOccurrences(of: "{many}", with: numbers.integer(ParticipationRules.manyPerAddress)),
            leavesOutCrowded: conversation.leavesOutCrowdedAddresses,
            showCrowdedForm: !crowded.isEmpty || conversation.leavesOutCrowdedAddresses,
            crowdedPath: ConversationPaths.results(slug, conversation.id) + "/crowded",
            crowdedNextValue: conversation.leavesOutCrowdedAddresses ? "0" : "1",
            crowdedButton: t(conversation.leavesOutCrowdedAddresses ? "results_crowded_take_back" : "results_crowded_leave_out"),
            backPath: ConversationPaths.detail(slug, conversation.id))
        return renderer.page("conversation-results", title: t("results_title") + " – " + conversation.question, body: body,
                             request: request, context: context,
                             nav: services.organisationNav(membership, current: request.uri.path, context))
    }

    static func commonGroundLines(_ report: OpinionReport, texts: [Int: String], _ numbers: NumberFormat,
                                  _ t: (String) -> String) -> [CommonGroundLine] {
        func lines(_ items: [OpinionReport.CommonGroundItem], _ direction: String) -> [CommonGroundLine] {
            items.map { item in
                CommonGroundLine(text: texts[item.statement] ?? "#\(item.statement)", direction: t("direction_" + direction),
                                 shares: item.groups.map { "\(OpinionMapSVG.letter($0.group)) \(numbers.percent(Double($0.percent), digits: 0))" }.joined(separator: ", "))
            }
        }
        return lines(report.commonGround.agree, "agree") + lines(report.commonGround.disagree, "disagree")
    }

    /// The majority list, each line naming the groups that clearly lean the other way.
    static func majorityLines(_ report: OpinionReport, texts: [Int: String], _ numbers: NumberFormat,
                              _ t: (String) -> String) -> [MajorityLine] {
        let rows = Dictionary(report.statements.map { ($0.statement, $0) }, uniquingKeysWith: { first, _ in first })
        func lines(_ items: [OpinionReport.MajorityItem], _ direction: OpinionDirection) -> [MajorityLine] {
            let opposite: OpinionDirection = direction == .agree ? .disagree : .agree
            return items.map { item in
                let dissenting = (rows[item.statement]?.groups ?? []).enumerated().filter { _, c in
                    CommonGround.groupLeans(VoteCounts(agree: c.agree, disagree: c.disagree, seen: c.agree + c.disagree + c.pass), opposite)
                }.map { OpinionMapSVG.letter($0.offset) }
                return MajorityLine(text: texts[item.statement] ?? "#\(item.statement)", percent: numbers.percent(Double(item.percent), digits: 0),
                                    direction: t("direction_" + direction.rawValue),
                                    dissent: dissenting.isEmpty ? nil : t("results_majority_dissent")
                                        .replacingOccurrences(of: "{groups}", with: dissenting.joined(separator: ", ")))
            }
        }
        return lines(report.majority.agree, .agree) + lines(report.majority.disagree, .disagree)
    }

    /// Asks for a recompute now (the background runner picks it up within a second or so).
    @Sendable func recompute(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let conversation = try await ConversationRoutes(services: services).conversation(request, context, membership)
        try await JobStore(database: services.database).enqueue(kind: JobStore.recomputeConversation, subjectID: conversation.id)
        return services.cookies.redirect(ConversationPaths.results(membership.organisation.slug, conversation.id), notice: "notice_recompute_requested")
    }

    /// Leaves participants from addresses with many participants out of the map (or takes
    /// them back) and recomputes.
    @Sendable func leaveOutCrowded(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .runTrajectory)
        let conversation = try await ConversationRoutes(services: services).conversation(request, context, membership)
        let form = try await request.form(context)
        try await ConversationAddressStore(database: services.database).setLeaveOutCrowded(
            organisationID: membership.organisation.id, conversationID: conversation.id, form["leave_out"] == "1")
        return services.cookies.redirect(ConversationPaths.results(membership.organisation.slug, conversation.id), notice: "notice_recompute_requested")
    }

    /// One file of the Pol.is export format.
    @Sendable func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let membership = try await services.membership(request, context, for: .viewOrganisation)
        let conversation = try await ConversationRoutes(services: services).conversation(request, context, membership)
        // An unknown name is a 404 at once; a known one builds that file only.
        let file = try request.parameter("file", context)
        guard PolisTransfer.exportFiles.contains(file) else { throw SamenError.notFound }
        let files = try await PolisTransfer.export(database: services.database, organisationID: membership.organisation.id,
                                                   conversation: conversation, files: [file])
        guard let text = files[file] else { throw SamenError.notFound }
        return CSVWriter.response(text, filename: nil)
    }
}
