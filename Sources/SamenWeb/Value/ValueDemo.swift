import Foundation
import SamenCore
import SamenStore

/// The demo trajectory's value register: most tagged highlights made into records (one is
/// left waiting, so the register shows evidence not yet used), and records the team wrote
/// from the survey and the experiments. Written through the use-cases, so the audit trail shows them.
enum ValueDemo {
    static func load(_ demo: DemoContext) async throws {
        let org = demo.organisationID, database = demo.database
        guard let trajectory = try await TrajectoryStore(database: database).list(organisationID: org).first else { return }
        let writes = ValueWrites(database: database)
        // The demo's passages carry only "value destroyed"; the team judged them value-in-use for the user.
        let tagged = try await EvidenceStore(database: database).highlights(organisationID: org, trajectoryID: trajectory.id)
            .filter { $0.polarity != .none }
        let causes: [ValueLossCause] = [.inflexibleProcess, .lackOfEmpathy, .failingTechnology, .wrongInteraction]
        for (index, highlight) in tagged.dropLast(tagged.count >= 2 ? 1 : 0).enumerated() {
            var input = ValueRecordInput(highlight: highlight)
            if highlight.beneficiary == .none { input.beneficiary = ValueBeneficiary.user.rawValue }
            if highlight.valueType == .none { input.valueType = ValueType.inUse.rawValue }
            if highlight.polarity == .destroyed { input.cause = causes[index % causes.count].rawValue }
            _ = try await writes.create(demo.actor, trajectoryID: trajectory.id, input)
        }
        let written: [(ValueBeneficiary, ValueType, ValuePolarity, ValueMoment, ValueCreator, String, ValueLossCause, String, String)] = [
            (.user, .inProduction, .created, .serviceDesign, .user,
             "Inwoners die meelazen met de nieuwe brieven zeggen dat zij zich gehoord voelden en de brief nu in één keer begrijpen.",
             .none, "Brief", "Meeleessessie met 6 inwoners; experiment brieven in gewone taal."),
            (.organisation, .inUse, .created, .customerContact, .frontLine,
             "Met één vaste consulent hoeven aanvragers hun verhaal niet steeds opnieuw te doen; consulenten besteden minder tijd aan terugbellen.",
             .none, "Telefoon", "Experiment vaste consulent: 31 % minder terugbelverzoeken."),
            (.society, .inContext, .created, .processDesign, .manager,
             "Sneller geholpen worden voorkomt schulden en stress in het gezin.",
             .none, "", "Enquête: grootste winst op 'ik weet waar ik aan toe ben'."),
            (.user, .inUse, .destroyed, .customerContact, .frontLine,
             "Aanvragers moeten dezelfde bewijsstukken twee keer inleveren omdat het systeem ze niet bewaart.",
             .failingTechnology, "Aanvraagformulier", "Enquête: laagste score op 'de gemeente weet wat ik al heb verteld'."),
        ]
        for (beneficiary, kind, polarity, moment, creator, description, cause, touchpoint, evidence) in written {
            var input = ValueRecordInput()
            input.beneficiary = beneficiary.rawValue; input.valueType = kind.rawValue; input.polarity = polarity.rawValue
            input.moment = moment.rawValue; input.creator = creator.rawValue; input.description = description
            input.cause = cause.rawValue; input.touchpoint = touchpoint; input.evidenceNote = evidence
            _ = try await writes.create(demo.actor, trajectoryID: trajectory.id, input)
        }
    }
}
