/// An `<option>` in a select, for every form that offers a choice.
struct Option {
    let value: String
    let label: String
    let selected: Bool
}
