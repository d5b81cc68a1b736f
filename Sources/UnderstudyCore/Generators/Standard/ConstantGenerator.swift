/// Replaces every non-null value with one fixed value.
struct ConstantGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "constant",
        summary: "Replaces every non-null value with the same value.",
        details: "The value is stored in the column's own type: a number on a numeric column, text otherwise. NULLs stay NULL.",
        acceptedTypes: Set(LogicalType.allCases).subtracting([.blob]),
        parameters: [.init("value", .scalar, required: true, "the value written in every row")],
        canBeConsistent: false,
        replacesBlank: true,
        examples: [.init(.text("742 Evergreen Terrace"), parameters: ["value": .string("Springfield")])],
        make: { setup throws(GeneratorError) in
            let written = setup.parameters.values["value"] ?? .string("")
            return ConstantGenerator(value: try convert(written, to: setup.column.logicalType))
        })

    let value: Value

    func generate(_ value: Value, row: RowPosition) -> Value {
        value.isNull ? .null : self.value
    }

    static func convert(_ parameter: ParameterValue, to type: LogicalType) throws(GeneratorError) -> Value {
        let fail = GeneratorError(generator: "constant", message: "the value \"\(parameter)\" is not a valid \(type.rawValue); write a value of the column's type")
        switch type {
        case .integer:
            if case .integer(let i) = parameter { return .integer(Int64(i)) }
            if case .string(let s) = parameter, let i = Int64(s) { return .integer(i) }
            throw fail
        case .boolean:
            if case .boolean(let b) = parameter { return .integer(b ? 1 : 0) }
            if case .integer(let i) = parameter, i == 0 || i == 1 { return .integer(Int64(i)) }
            throw fail
        case .real, .decimal:
            if let d = parameter.doubleValue { return .real(d) }
            if case .string(let s) = parameter, let d = Double(s) { return .real(d) }
            throw fail
        default:
            return .text(parameter.description)
        }
    }
}
