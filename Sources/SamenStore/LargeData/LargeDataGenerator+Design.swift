import Foundation
import SamenCore
import SQLKit

extension LargeDataGenerator {
    // MARK: insights, personas, journeys

    func writeDesign() async throws {
        let stories = storiesByTrajectory
        let ages = SurveyRules.defaultLevels[.ageBand] ?? ["onbekend"]
        try await database.transaction { sql in
            try await LargeDataBulk.insert(sql: sql, table: "insights", columns: ["id", "trajectory_id", "title", "description", "created_at"],
                                           count: shape.insights) { n in
                [LargeDataID.make(LargeDataID.insight, n), LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)),
                 "Inzicht \(n + 1): \(LargeDataText.sentences[n % LargeDataText.sentences.count])",
                 "Wat meerdere inwoners vertelden over de \(LargeDataText.touchpoints[n % LargeDataText.touchpoints.count]).",
                 LargeDataBulk.epoch + Int64(n)]
            }
            // Five highlights of the insight's own trajectory each (distinct stories, so distinct highlights).
            let links = (0..<shape.insights).flatMap { n -> [(String, String)] in
                let t = trajectory(of: n)
                let count = min(5, stories[t].count)
                return (0..<count).compactMap { k in
                    highlight(trajectory: t, n * 5 + k, stories: stories).map { (LargeDataID.make(LargeDataID.insight, n), $0) }
                }
            }
            let unique = Array(Set(links.map { [$0.0, $0.1] })).sorted { $0.lexicographicallyPrecedes($1) }
            try await LargeDataBulk.insert(sql: sql, table: "insight_highlights", columns: ["insight_id", "highlight_id"],
                                           count: unique.count) { unique[$0] }
            let personaColumns = ["id", "trajectory_id", "name", "quote", "age_band", "situation", "goals", "needs", "frustrations",
                                  "channels", "digital_skills", "network", "vulnerability", "created_at"]
            try await LargeDataBulk.insert(sql: sql, table: "personas", columns: personaColumns, count: shape.personas) { n in
                [LargeDataID.make(LargeDataID.persona, n), LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)),
                 "\(LargeDataText.names[n % LargeDataText.names.count]) (\(n + 1))", LargeDataText.sentences[n % LargeDataText.sentences.count],
                 ages[n % ages.count], "Woont alleen en werkt parttime.", "Snel weten waar ik aan toe ben.", "Een vast aanspreekpunt.",
                 "Steeds opnieuw mijn verhaal doen.", LargeDataText.channels[n % LargeDataText.channels.count],
                 n % 2 == 0 ? "laag" : "gemiddeld", "Buren en familie", n % 4 == 0 ? "Laaggeletterd" : "", LargeDataBulk.epoch + Int64(n)]
            }
            try await LargeDataBulk.insert(sql: sql, table: "journeys", columns: ["id", "trajectory_id", "persona_id", "scenario", "kind", "created_at"],
                                           count: shape.journeys) { n in
                [LargeDataID.make(LargeDataID.journey, n), LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)),
                 LargeDataID.make(LargeDataID.persona, n), "Een aanvraag van begin tot eind",
                 (n % 2 == 0 ? Journey.Kind.asIs : .toBe).rawValue, LargeDataBulk.epoch + Int64(n)]
            }
            let stepColumns = ["id", "journey_id", "stage", "position", "touchpoint", "channel", "actor", "emotion", "pain_points",
                               "moment_of_truth", "opportunities", "frontstage", "backstage", "support", "created_at"]
            let perJourney = shape.stepsPerJourney
            try await LargeDataBulk.insert(sql: sql, table: "journey_steps", columns: stepColumns, count: shape.journeySteps) { n in
                let position = n % perJourney
                return [LargeDataID.make(LargeDataID.step, n), LargeDataID.make(LargeDataID.journey, n / perJourney),
                        ["Oriëntatie", "Aanvraag", "Beoordeling", "Besluit", "Uitvoering", "Nazorg"][position % 6], position,
                        LargeDataText.touchpoints[n % LargeDataText.touchpoints.count], LargeDataText.channels[n % LargeDataText.channels.count],
                        "Inwoner", (n % 5) - 2, n % 3 == 0 ? "Lange wachttijd" : "", position == 3 ? 1 : 0, "Eerder terugbellen",
                        "Klantcontactcentrum", "Backoffice", "Zaaksysteem", LargeDataBulk.epoch + Int64(n)]
            }
        }
    }

    // MARK: portfolio, experiments, value register

    func writePortfolio() async throws {
        let stories = storiesByTrajectory
        let dimensions = SurveyRules.defaultDimensions.map(\.code)
        try await database.transaction { sql in
            let columns = ["id", "trajectory_id", "title", "description", "problem", "dimensions", "horizon", "owner", "expected_effect",
                           "effort", "cost_eur", "status", "status_since", "created_at"]
            try await LargeDataBulk.insert(sql: sql, table: "interventions", columns: columns, count: shape.interventions) { n in
                let cost: Int? = n % 4 == 0 ? nil : 5_000 + (n % 20) * 2_500
                return [LargeDataID.make(LargeDataID.intervention, n), LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)),
                        "Interventie \(n + 1)", "Een vaste contactpersoon voor elke aanvraag.", "Inwoners vertellen hun verhaal steeds opnieuw.",
                        dimensions[n % dimensions.count], Horizon.allCases[n % Horizon.allCases.count].rawValue, "Team Dienstverlening",
                        "Minder herhaalde contacten.", Effort.allCases[n % Effort.allCases.count].rawValue, cost,
                        InterventionStatus.allCases[n % InterventionStatus.allCases.count].rawValue, "2026-03-01", LargeDataBulk.epoch + Int64(n)]
            }
            // An intervention answers an insight of its own trajectory (the n-th of that trajectory, when there is one).
            var insightsByTrajectory = Array(repeating: [Int](), count: shape.trajectories)
            for n in 0..<shape.insights { insightsByTrajectory[trajectory(of: n)].append(n) }
            let links = (0..<shape.interventions).compactMap { n -> [String]? in
                let list = insightsByTrajectory[trajectory(of: n)]
                guard !list.isEmpty else { return nil }
                return [LargeDataID.make(LargeDataID.intervention, n), LargeDataID.make(LargeDataID.insight, list[n % list.count])]
            }
            try await LargeDataBulk.insert(sql: sql, table: "intervention_insights", columns: ["intervention_id", "insight_id"],
                                           count: links.count) { links[$0] }
            let experimentColumns = ["id", "trajectory_id", "intervention_id", "title", "belief", "test", "metric", "criterion", "starts_on",
                                     "ends_on", "observed", "learned", "decision", "measurements", "created_at"]
            try await LargeDataBulk.insert(sql: sql, table: "experiments", columns: experimentColumns, count: shape.experiments) { n in
                // The intervention of the same number lies in the same trajectory (same spreading rule).
                let intervention: String? = n < shape.interventions ? LargeDataID.make(LargeDataID.intervention, n) : nil
                let decision: String? = n % 3 == 0 ? ExperimentDecision.allCases[n % ExperimentDecision.allCases.count].rawValue : nil
                return [LargeDataID.make(LargeDataID.experiment, n), LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)), intervention,
                        "Experiment \(n + 1)", "Wij geloven dat terugbellen binnen een dag helpt.", "Vier weken proef aan de balie.",
                        "Aantal herhaalde contacten", "30 procent minder", "2026-04-01", "2026-05-01", n % 3 == 0 ? "Minder contacten." : "",
                        n % 3 == 0 ? "Het werkt voor eenvoudige vragen." : "", decision, "", LargeDataBulk.epoch + Int64(n)]
            }
            let valueColumns = ["id", "trajectory_id", "beneficiary", "value_type", "polarity", "moment", "creator", "description", "cause",
                                "touchpoint", "highlight_id", "evidence_note", "created_at"]
            try await LargeDataBulk.insert(sql: sql, table: "value_records", columns: valueColumns, count: shape.valueRecords) { n in
                let destroyed = n % 3 == 0
                let cause = destroyed ? ValueLossCause.allCases[1 + n % (ValueLossCause.allCases.count - 1)].rawValue : ""
                let t = trajectory(of: n)
                return [LargeDataID.make(LargeDataID.valueRecord, n), LargeDataID.make(LargeDataID.trajectory, t),
                        [ValueBeneficiary.user, .organisation, .society][n % 3].rawValue,
                        [ValueType.inProduction, .inUse, .inContext][n % 3].rawValue,
                        (destroyed ? ValuePolarity.destroyed : .created).rawValue,
                        ValueMoment.allCases[n % ValueMoment.allCases.count].rawValue,
                        ValueCreator.allCases[n % ValueCreator.allCases.count].rawValue,
                        LargeDataText.sentences[n % LargeDataText.sentences.count], cause,
                        LargeDataText.touchpoints[n % LargeDataText.touchpoints.count], highlight(trajectory: t, n, stories: stories),
                        "Uit de verhalen", LargeDataBulk.epoch + Int64(n)]
            }
            try await writeValueMeasures(sql: sql)
        }
    }

    /// One outcome per intervention with three measurements, and one SROI analysis per
    /// trajectory that has an intervention (tied to it), so the value pages have real rows.
    func writeValueMeasures(sql: any SQLDatabase) async throws {
        let outcomeColumns = ["id", "trajectory_id", "intervention_id", "outcome", "indicator", "unit", "direction", "baseline_value",
                              "baseline_on", "survey_id", "dimension", "created_at"]
        try await LargeDataBulk.insert(sql: sql, table: "value_outcomes", columns: outcomeColumns, count: shape.interventions) { n in
            [LargeDataID.make(LargeDataID.valueOutcome, n), LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)),
             LargeDataID.make(LargeDataID.intervention, n), "Minder herhaalde contacten", "Herhaalde contacten per maand", "per maand",
             "lower", Double(100 + n % 50), "2026-01-31", nil as String?, "", LargeDataBulk.epoch + Int64(n)]
        }
        let measurements = shape.interventions * 3
        let measurementColumns = ["id", "outcome_id", "trajectory_id", "value", "measured_on", "note", "created_at"]
        try await LargeDataBulk.insert(sql: sql, table: "value_measurements", columns: measurementColumns, count: measurements) { n in
            let outcome = n / 3
            return [LargeDataID.make(LargeDataID.valueMeasurement, n), LargeDataID.make(LargeDataID.valueOutcome, outcome),
                    LargeDataID.make(LargeDataID.trajectory, trajectory(of: outcome)), Double(90 - (n % 3) * 10 + outcome % 50),
                    "2026-0\(2 + n % 3)-28", "", LargeDataBulk.epoch + Int64(n)]
        }
        let withIntervention = min(shape.trajectories, shape.interventions)
        let analysisColumns = ["id", "trajectory_id", "intervention_id", "title", "scope_in", "scope_out", "period", "stakeholders",
                               "engagement", "inputs", "discount_rate", "draws", "seed", "impact_map", "created_at"]
        try await LargeDataBulk.insert(sql: sql, table: "value_sroi_analyses", columns: analysisColumns, count: withIntervention) { n in
            // Intervention n lies in trajectory(of: n), which is n for 0 < n < trajectories with n % 10 != 0, else 0.
            [LargeDataID.make(LargeDataID.sroiAnalysis, n), LargeDataID.make(LargeDataID.trajectory, trajectory(of: n)),
             LargeDataID.make(LargeDataID.intervention, n), "SROI \(n + 1)", "De nieuwe werkwijze aan de balie", "Andere diensten",
             "2026", "Aanvragers, team", "Gesprekken en een enquete", 40_000.0 + Double(n % 10) * 1_000, 3.5, 10_000, n,
             Self.impactMap, LargeDataBulk.epoch + Int64(n)]
        }
    }

    /// A small impact map in the CSV template (`samen sroi`'s columns).
    static let impactMap = """
        stakeholder,outcome,indicator,quantity,proxy,duration,start,deadweight,displacement,attribution,drop_off
        Aanvragers,Minder stress,Aanvragers die minder stress melden,120,450,2,1,20,0,25,10
        Gemeente,Minder herhaalde contacten,Contacten minder per jaar,900,35,3,1,10,0,20,15
        """
}
