import Foundation
import Hummingbird
import SamenCore

/// The one field layout of a value record, for the new-record form and the edit page.
struct ValueForm {
    let t: TrajectoryContext

    static let names = ["beneficiary", "value_type", "polarity", "moment", "creator", "description", "cause", "touchpoint",
                        "highlight_id", "evidence_note"]

    func layout(_ highlights: [Option], _ context: AppRequestContext) -> [(String, RecordForm.Kind)] {
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ prefix: String) -> [Option] where T.RawValue == String {
            t.options(type, selected: "", prefix: prefix, context).filter { !$0.value.isEmpty && $0.value != "none" }
        }
        let causes = [Option(value: "", label: t.word("value_cause_none", context), selected: false)] + options(ValueLossCause.self, "value_cause_")
        let evidence = [Option(value: "", label: t.word("value_no_highlight", context), selected: false)] + highlights
        return [("polarity", .select(options(ValuePolarity.self, "polarity_"))),
                ("beneficiary", .select(options(ValueBeneficiary.self, "beneficiary_"))),
                ("value_type", .select(options(ValueType.self, "value_type_"))),
                ("moment", .select(options(ValueMoment.self, "value_moment_"))),
                ("creator", .select(options(ValueCreator.self, "value_creator_"))),
                ("description", .textarea), ("cause", .select(causes)), ("touchpoint", .text),
                ("highlight_id", .select(evidence)), ("evidence_note", .textarea)]
    }

    static func values(_ r: ValueRecord) -> [String: String] { values(ValueRecordInput(r)) }

    static func values(_ input: ValueRecordInput) -> [String: String] {
        ["beneficiary": input.beneficiary, "value_type": input.valueType, "polarity": input.polarity, "moment": input.moment,
                "creator": input.creator, "description": input.description, "cause": input.cause, "touchpoint": input.touchpoint,
                "highlight_id": input.highlightID, "evidence_note": input.evidenceNote]
    }

    static func input(_ form: FormData) -> ValueRecordInput {
        var input = ValueRecordInput()
        input.beneficiary = form["beneficiary"]; input.valueType = form["value_type"]; input.polarity = form["polarity"]
        input.moment = form["moment"]; input.creator = form["creator"]; input.description = form["description"]
        input.cause = form["cause"]; input.touchpoint = form["touchpoint"]; input.highlightID = form["highlight_id"]
        input.evidenceNote = form["evidence_note"]
        return input
    }
}
