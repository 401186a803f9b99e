/// The statements that characterise groups, the majority list and the common ground.
public struct StatementSummary: Sendable, Equatable {
    /// Representative statements per opinion group, in group order.
    public var representative: [[RepresentativeStatement]]
    /// Pol.is's consensus list: a majority of everyone pooled (a group may reject these).
    public var consensusAgree: [ConsensusStatement]
    public var consensusDisagree: [ConsensusStatement]
    /// Common ground: statements every group leans the same way on (§6).
    public var commonGroundAgree: [CommonGroundStatement]
    public var commonGroundDisagree: [CommonGroundStatement]
    /// Group-informed consensus per matrix column.
    public var groupInformedConsensus: [Double]
    /// Section-6 figures per group and column, for callers that want more than the selection.
    public var groupStatistics: [[GroupStatementStatistics]]

    /// - Parameters:
    ///   - votes: the untouched matrix (counts include votes on moderated statements).
    ///   - groupMembers: matrix rows per opinion group.
    ///   - moderatedOut: statement ids never shown as representative or consensus.
    public init(votes: VoteMatrix, groupMembers: [[Int]], moderatedOut: Set<Int>, preferBestAgree: Bool = true) {
        let countsByGroup = groupMembers.map { VoteCounts.perStatement(votes, rows: $0) }
        groupStatistics = RepresentativeStatements.statistics(countsByGroup: countsByGroup, statements: votes.statements)
        representative = groupStatistics.map {
            RepresentativeStatements.select($0, excluding: moderatedOut, preferBestAgree: preferBestAgree)
        }
        let everyone = VoteCounts.perStatement(votes, rows: 0..<votes.rowCount)
        (consensusAgree, consensusDisagree) = RepresentativeStatements.consensus(
            counts: everyone, statements: votes.statements, excluding: moderatedOut
        )
        groupInformedConsensus = StatementStatistics.groupInformedConsensus(countsByGroup)
        (commonGroundAgree, commonGroundDisagree) = CommonGround.select(
            countsByGroup: countsByGroup, statements: votes.statements, excluding: moderatedOut
        )
    }
}

/// The whole opinion-map method for one conversation, computed in one shot.
public struct OpinionMap: Sendable {
    /// Untouched vote matrix.
    public let votes: VoteMatrix
    /// Moderated-out statement ids (rejected or meta).
    public let moderatedOut: Set<Int>
    /// Centre and components of the map matrix (moderated columns zeroed).
    public let components: PrincipalComponents
    /// Map position per matrix row.
    public let participantPositions: [MapPoint]
    /// Map position per matrix column.
    public let statementPositions: [MapPoint]
    /// Rows that get a group, in row order.
    public let inConversation: [Int]
    public let groups: OpinionGroups
    public let statements: StatementSummary

    public init(
        votes: VoteMatrix,
        moderatedOut: Set<Int> = [],
        pcaMethod: PrincipalComponents.Method = .automatic,
        baseClusterCount: Int = 100,
        maxGroups: Int = 5,
        groupChoice: OpinionGroups.Choice = .samen
    ) {
        self.votes = votes
        self.moderatedOut = moderatedOut
        let mapMatrix = votes.zeroingStatements(moderatedOut)
        components = PrincipalComponents(matrix: mapMatrix, method: pcaMethod)
        participantPositions = components.participantPositions(mapMatrix)
        statementPositions = components.statementPositions()
        inConversation = ConversationMembership.rowsInConversation(votes)
        groups = OpinionGroups(
            positions: participantPositions,
            inConversation: inConversation,
            baseClusterCount: baseClusterCount,
            maxGroups: maxGroups,
            choice: groupChoice
        )
        statements = StatementSummary(votes: votes, groupMembers: groups.membersByGroup, moderatedOut: moderatedOut)
    }

    public init(events: [VoteEvent], moderatedOut: Set<Int> = []) {
        self.init(votes: VoteMatrix(events: events), moderatedOut: moderatedOut)
    }

    /// Opinion group per participant id (participants not in the conversation are absent).
    public var groupOfParticipant: [Int: Int] {
        var out: [Int: Int] = [:]
        for (row, group) in groups.groupOfRow.enumerated() {
            if let group { out[votes.participants[row]] = group }
        }
        return out
    }
}
