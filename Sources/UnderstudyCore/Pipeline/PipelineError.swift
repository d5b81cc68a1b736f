/// A run that could not finish. The destination was left as it was.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The copy was made but failed its checks (exit code 4).
        case verificationFailed
        /// A synthesized table's model could not be fitted (nothing was written).
        case synthesisFailed
    }

    public var code: Code
    public var message: String
    public var report: RunReport?

    public init(code: Code, message: String, report: RunReport? = nil) {
        self.code = code
        self.message = message
        self.report = report
    }

    public var description: String { message }
}
