/// Group commit for votes: concurrent votes share one transaction.
///
/// On SQLite every write waits for the one writer, and a vote transaction is mostly
/// fixed cost (take the writer, BEGIN, the recompute request, COMMIT, each a hop to the
/// database thread). Votes that arrive while a batch is being written queue here and
/// go together in the next one, so under load the fixed cost is paid once per batch
/// rather than once per vote; a vote arriving alone is written at once, without
/// waiting. A vote's caller resumes only after its batch committed, so an accepted
/// vote is always stored. One instance per process (the web app holds it).
public actor VoteGroupCommit {
    private struct Waiting {
        let request: ConversationVoteStore.VoteRequest
        let continuation: CheckedContinuation<Int, any Error>
    }

    private let store: ConversationVoteStore
    private let maximumBatch: Int
    private var waiting: [Waiting] = []
    private var writing = false

    public init(store: ConversationVoteStore, maximumBatch: Int = 256) {
        self.store = store
        self.maximumBatch = maximumBatch
    }

    /// Stores the vote (see `ConversationVoteStore.vote`) and returns the participant number.
    public func vote(_ request: ConversationVoteStore.VoteRequest) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(request: request, continuation: continuation))
            if !writing {
                writing = true
                Task { await self.writeWaiting() }
            }
        }
    }

    /// Writes batches until nothing waits. Votes that arrive meanwhile join the next batch.
    private func writeWaiting() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(maximumBatch))
            waiting.removeFirst(batch.count)
            let outcomes = await store.voteBatch(batch.map(\.request))
            for (entry, outcome) in zip(batch, outcomes) { entry.continuation.resume(with: outcome) }
        }
        writing = false
    }
}
