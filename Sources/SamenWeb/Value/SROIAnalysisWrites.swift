import Foundation
import SamenAnalytics
import SamenCore
import SamenStore
import SQLKit

/// An analysis refused because its impact map does not read: the field errors found beside it
/// and every problem of the map by row, column and reason (all or nothing: nothing is saved).
public struct SROIAnalysisRefused: Error, Sendable, Equatable {
    public let errors: [SamenError]
    public let problems: [SROIInputProblem]
}

/// Every write to stored SROI analyses, shared by the pages, the API and the demo: role check,
/// the core's rules, the impact map read with `SROICSV` on every write, one transaction with
/// the change and its audit entry. `expected` is the row version the caller read (nil: any).
public struct SROIAnalysisWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The core's rules and the map's rows together, so a form shows every problem at once.
    static func checked(_ input: ValueSROIAnalysisInput, trajectoryID: String, current: ValueSROIAnalysis? = nil) throws -> ValueSROIAnalysis {
        var errors: [SamenError] = []
        var analysis: ValueSROIAnalysis?
        do {
            analysis = try input.validated(trajectoryID: trajectoryID, current: current)
        } catch let refused as ValidationErrors {
            errors = refused.errors
        }
        var problems: [SROIInputProblem] = []
        if !input.impactMap.trimmed.isEmpty, errors.first(where: { $0.field == "impact_map" }) == nil {
            do {
                _ = try SROICSV.read(input.impactMap)
            } catch {
                problems = error.problems
            }
        }
        if !problems.isEmpty {
            throw SROIAnalysisRefused(errors: errors + [.validation("sroi_impact_map_invalid", field: "impact_map")], problems: problems)
        }
        guard let analysis else { throw ValidationErrors(errors) }
        return analysis
    }

    public func create(_ actor: WriteActor, trajectoryID: String, _ input: ValueSROIAnalysisInput) async throws -> ValueSROIAnalysis {
        try actor.require(.editContent)
        let analysis = try Self.checked(input, trajectoryID: trajectoryID)
        return try await database.transaction { sql in
            let stored = try await ValueSROIAnalysisStore.insert(sql: sql, organisationID: actor.organisationID, analysis)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: "value_sroi_analysis", entityID: stored.id,
                                        action: .create)
            return stored
        }
    }

    public func update(_ actor: WriteActor, current: ValueSROIAnalysis, _ input: ValueSROIAnalysisInput,
                       expected: Int?) async throws -> ValueSROIAnalysis {
        try actor.require(.editContent)
        var analysis = try Self.checked(input, trajectoryID: current.trajectoryID, current: current)
        return try await database.transaction { sql in
            analysis.version = try await ValueSROIAnalysisStore.update(sql: sql, organisationID: actor.organisationID, analysis,
                                                                       expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: current.trajectoryID, entity: "value_sroi_analysis",
                                        entityID: current.id, action: .update,
                                        fields: StoryWrites.changes(ValueSROIAnalysisInput(current), ValueSROIAnalysisInput(analysis)))
            return analysis
        }
    }

    /// Replaces only the impact map (the CSV import), all or nothing.
    public func importMap(_ actor: WriteActor, current: ValueSROIAnalysis, csv: String, expected: Int?) async throws -> ValueSROIAnalysis {
        var input = ValueSROIAnalysisInput(current)
        input.impactMap = csv
        return try await update(actor, current: current, input, expected: expected)
    }

    public func delete(_ actor: WriteActor, _ analysis: ValueSROIAnalysis, expected: Int?) async throws {
        try actor.require(.editContent)
        try await database.transaction { sql in
            try await ValueSROIAnalysisStore.delete(sql: sql, organisationID: actor.organisationID, id: analysis.id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: analysis.trajectoryID, entity: "value_sroi_analysis",
                                        entityID: analysis.id, action: .delete)
        }
    }
}

/// The figures of a stored analysis, computed when read by the engine `samen sroi` uses.
enum SROIStoredResult {
    /// 3.5 % is the Green Book schedule (3.5 % for years 1–30, then 3.0 %), as on the scratch page
    /// and in `samen sroi`; another rate is constant for every year.
    static func rate(_ percent: Double) -> SROIDiscountRate {
        percent == ValueSROIRules.defaultDiscountRate ? .greenBook : .constant(percent: percent)
    }

    static func compute(_ a: ValueSROIAnalysis) throws -> (SROIAnalysis, [SROICSV.Row]) {
        let rows = try SROICSV.read(a.impactMap)
        let map = SROIImpactMap(rows: rows.map(\.row), inputs: a.inputs, discountRate: rate(a.discountRate))
        return (try SROIAnalysis(map, draws: a.draws, seed: UInt64(max(0, a.seed))), rows)
    }
}
