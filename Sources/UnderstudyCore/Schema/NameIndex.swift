import Foundation

/// Positions of a list's elements by name, built on the first lookup and shared by the copies of
/// the value that holds it; the holder replaces it whenever its list changes. Lookups by name were
/// a scan of the list each (thousands of tables: the planner, the load order and the report's
/// schema check looked every table up in every other, 40% of a 3,000-table run).
///
/// Neutral in its holder's equality, hash and coding.
final class NameIndex: @unchecked Sendable, Hashable {
    private let lock = NSLock()
    private var positions: [String: Int]?

    /// The position of the first element named `name`.
    func position<C: Collection>(of name: String, in elements: C, name key: (C.Element) -> String) -> Int? where C.Index == Int {
        lock.lock()
        defer { lock.unlock() }
        if positions == nil {
            var built: [String: Int] = [:]
            built.reserveCapacity(elements.count)
            for (offset, element) in zip(elements.indices, elements) where built[key(element)] == nil { built[key(element)] = offset }
            positions = built
        }
        return positions![name]
    }

    static func == (_: NameIndex, _: NameIndex) -> Bool { true }
    func hash(into _: inout Hasher) {}
}
