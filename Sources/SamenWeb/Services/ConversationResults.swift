import Foundation
import Logging
import SamenAnalytics
import SamenCore
import SamenStore
import ServiceLifecycle

/// Computes opinion maps in the background. Votes ask for a recompute (a row in `jobs`,
/// debounced); any app server's runner claims it, computes from the stored vote events and
/// saves the result. A failed run leaves the votes untouched and the job is retried.
public struct ConversationResults: Sendable {
    let database: Database
    let logger: Logger
    let worker: String

    public init(database: Database, logger: Logger, worker: String = "worker-" + Identifier.make()) {
        self.database = database
        self.logger = logger
        self.worker = worker
    }

    /// Up to this many participants the map shows each of them, else the base clusters.
    static let participantsOnMap = 3000

    /// Computes and stores the opinion map of one conversation now.
    public func recompute(conversationID: String) async throws {
        let started = Date()
        let votes = ConversationVoteStore(database: database)
        let leftOut = try await ConversationAddressStore(database: database).leftOutOfMap(conversationID: conversationID)
        let events = try await votes.events(conversationID: conversationID).filter { !leftOut.contains($0.participant) }
        let moderatedOut = try await ConversationStore(database: database).moderatedOut(conversationID: conversationID)
        let report = OpinionReport.compute(
            events: events.map { VoteEvent(participant: $0.participant, statement: $0.statement, vote: $0.vote,
                                           timestamp: Double($0.votedAtMilliseconds)) },
            moderatedOut: moderatedOut, includeParticipants: true)
        // Each participant is drawn on the map up to a few thousand; above that, base clusters.
        var stored = report
        if report.participantCount > Self.participantsOnMap { stored.participants = nil }
        let body = String(decoding: try stored.encoded(), as: UTF8.self)
        try await votes.saveSplits(conversationID: conversationID, splits: Self.splits(report))
        var groups: [Int: Int] = [:]
        for participant in report.participants ?? [] { if let group = participant.group { groups[participant.id] = group } }
        try await ConversationStore(database: database).saveResult(
            conversationID: conversationID,
            result: StoredResult(computedAt: Clock.now(), voteEvents: events.count,
                                 durationMilliseconds: Int(Date().timeIntervalSince(started) * 1000), body: body),
            groups: groups)
    }

    /// How much each statement divides the groups: the spread (largest minus smallest) of the
    /// groups' agree shares, per mille; 0 with fewer than two groups.
    static func splits(_ report: OpinionReport) -> [Int: Int] {
        var out: [Int: Int] = [:]
        for row in report.statements where row.groups.count >= 2 {
            let shares = row.groups.map { counts -> Double in
                let n = counts.agree + counts.disagree + counts.pass
                return n == 0 ? 0.5 : Double(counts.agree) / Double(n)
            }
            out[row.statement] = Int(((shares.max() ?? 0) - (shares.min() ?? 0)) * 1000)
        }
        return out
    }

    /// A claim's lease in seconds, renewed every `lease / 3` while the recompute runs: a
    /// server killed mid-run leaves the job to another within seconds, not minutes.
    static let lease: Int64 = 6

    /// Runs `work` while renewing the job's lease in the background.
    func whileRenewing(_ job: JobStore.Job, _ jobs: JobStore, _ work: @escaping @Sendable () async throws -> Void) async throws {
        let worker = worker
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(Self.lease / 3))
                    if Task.isCancelled { break }
                    try? await jobs.renew(job, worker: worker, lease: Self.lease)
                }
            }
            try await work()
            group.cancelAll()
        }
    }

    /// Runs every due recompute job; returns how many succeeded.
    @discardableResult
    public func runDue(limit: Int = 100) async -> Int {
        let jobs = JobStore(database: database)
        var done = 0
        for _ in 0..<limit {
            let claimed: JobStore.Job?
            do {
                claimed = try await jobs.claim(kind: JobStore.recomputeConversation, worker: worker, lease: Self.lease)
            } catch {
                logger.error("claiming a recompute failed", metadata: ["type": "\(type(of: error))"])
                break
            }
            guard let job = claimed else { break }
            do {
                try await whileRenewing(job, jobs) { try await self.recompute(conversationID: job.subjectID) }
                try await jobs.complete(job)
                done += 1
            } catch {
                // The error's type only: its text could carry personal data.
                logger.error("recompute failed", metadata: ["type": "\(type(of: error))", "attempt": "\(job.attempts)"])
                try? await jobs.fail(job, reason: "\(type(of: error))", retryAfter: min(300, 5 << min(job.attempts, 6)))
            }
        }
        return done
    }
}

/// Polls the jobs table about once a second while the server runs.
struct ConversationJobService: Service {
    let results: ConversationResults

    init(database: Database, logger: Logger) {
        results = ConversationResults(database: database, logger: logger)
    }

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await results.runDue()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
    }
}
