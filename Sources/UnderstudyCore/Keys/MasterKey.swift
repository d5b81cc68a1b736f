import Crypto
import Foundation

/// The workspace secret, from which every generator key is derived (HKDF-SHA256); never used raw.
public struct MasterKey: Sendable {
    private let secret: SymmetricKey

    /// Creates a key from secret material; at least 16 bytes are required.
    public init(material: [UInt8]) throws(WorkspaceError) {
        guard material.count >= 16 else {
            throw WorkspaceError(
                code: .weakSecret, path: "secret",
                message: "the secret is \(material.count) bytes long; use at least 16 random bytes (for example `openssl rand -hex 32`)")
        }
        secret = SymmetricKey(data: material)
    }

    /// Derives the 256-bit key for one purpose (a generator and a consistency domain).
    public func derive(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: secret, salt: Array("understudy/v1".utf8), info: Array(purpose.utf8), outputByteCount: 32)
    }

    /// A short public identifier of the key, for reports and the audit log: it tells which key
    /// was used without revealing it.
    public var fingerprint: String {
        let key = derive("fingerprint")
        return key.withUnsafeBytes { bytes in bytes.prefix(8).map { String(format: "%02x", $0) }.joined() }
    }

    /// The keyed function for a generator in a consistency domain.
    public func hasher(generator: String, domain: String) -> KeyedHasher {
        KeyedHasher(key: derive("generator=\(generator);domain=\(domain)"))
    }
}
