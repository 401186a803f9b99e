extension Migration {
    /// 022: the opinion group of each participant with the stored map (issue 16). Above a few
    /// thousand participants the stored result keeps no per-participant points, so the Pol.is
    /// export recomputed the whole map for its group column; it now reads this column, written
    /// with the map. NULL for a result stored before this migration (the export then computes).
    public static let conversationResultGroups = Migration(version: 22, name: "conversation result groups") { _ in
        ["ALTER TABLE conversation_results ADD COLUMN participant_groups TEXT"]
    }
}
