/// A format-preserving encryption that cannot be done as asked: bad key, radix, alphabet, tweak or
/// a domain outside the limits of NIST SP 800-38G Rev. 1. Never contains the value.
public struct FPEError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case invalidKey, invalidRadix, invalidAlphabet, invalidTweak, domainTooSmall, domainTooLarge, notInAlphabet, invalidHex
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
