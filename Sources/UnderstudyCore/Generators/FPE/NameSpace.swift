/// Collision-free fake names: the space first name × surname × number (0…99,999), about 5·10¹²
/// entries, numbered and permuted by FPE; a unique integer id picks one entry. Distinct ids give
/// distinct names with certainty, which random or hashed names cannot promise.
struct NameSpace: Sendable {
    static let numbers: UInt64 = 100_000
    let column: String
    let cache: PermutationCache
    let size: UInt64

    init(column: String, setup: GeneratorSetup) {
        self.init(column: column, key: setup.derivedKey("name-space"))
    }

    init(column: String, key: [UInt8]) {
        self.column = column
        cache = PermutationCache(key: key)
        size = UInt64(Dictionaries.shared.firstNames.count) * UInt64(Dictionaries.shared.lastNames.count) * Self.numbers
    }

    func name(for id: Value?, generator: String) throws(GeneratorError) -> (String, String, UInt64) {
        guard case .integer(let raw)? = id, raw >= 0, UInt64(raw) < size else {
            throw GeneratorError(generator: generator, message: "unique_by needs a non-negative integer below \(size) in column \(column)")
        }
        let index = cache.permute(UInt64(raw), size: size, reverse: false)
        let words = Dictionaries.shared
        let first = UInt64(words.firstNamesLowercased.count), last = UInt64(words.lastNamesLowercased.count)
        return (words.firstNamesLowercased[Int(index % first)], words.lastNamesLowercased[Int(index / first % last)], index / first / last)
    }
}
