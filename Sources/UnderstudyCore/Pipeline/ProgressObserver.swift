/// Receives a run's progress: the CLI draws bars on a terminal or prints JSON lines.
public protocol ProgressObserver: Sendable {
    func tableStarted(_ table: String, mode: TableMode, expectedRows: Int64)
    func rowsWritten(_ table: String, total: Int64)
    func tableFinished(_ table: String, rows: Int64, seconds: Double)
    func phase(_ description: String)
}

/// Ignores progress (`--quiet`, tests).
public struct SilentProgress: ProgressObserver {
    public init() {}
    public func tableStarted(_ table: String, mode: TableMode, expectedRows: Int64) {}
    public func rowsWritten(_ table: String, total: Int64) {}
    public func tableFinished(_ table: String, rows: Int64, seconds: Double) {}
    public func phase(_ description: String) {}
}
