import CBoringAES

/// AES (128, 192 or 256-bit key) encrypting single blocks with a key expanded once: the
/// primitive under FF1's PRF and FF3-1's round function. AES-NI where the CPU has it.
struct AESBlockCipher: @unchecked Sendable {
    // @unchecked: the expanded key is written once in init and only read afterwards.
    private let schedule: UnsafeMutablePointer<understudy_aes_key>
    private let owner: ScheduleOwner

    /// Frees the schedule when the last copy of the cipher goes away.
    private final class ScheduleOwner: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<understudy_aes_key>
        init(_ pointer: UnsafeMutablePointer<understudy_aes_key>) { self.pointer = pointer }
        deinit {
            pointer.update(repeating: understudy_aes_key(), count: 1)  // wipe the round keys
            pointer.deallocate()
        }
    }

    init(key: [UInt8]) throws(FPEError) {
        guard [16, 24, 32].contains(key.count) else {
            throw FPEError(.invalidKey, "an AES key is 16, 24 or 32 bytes (32, 48 or 64 hex digits); this one is \(key.count) byte\(key.count == 1 ? "" : "s")")
        }
        let pointer = UnsafeMutablePointer<understudy_aes_key>.allocate(capacity: 1)
        pointer.initialize(to: understudy_aes_key())
        let status = key.withUnsafeBufferPointer { CCryptoBoringSSL_AES_set_encrypt_key($0.baseAddress, UInt32(key.count * 8), pointer) }
        precondition(status == 0, "AES key expansion failed for a valid key size")
        schedule = pointer
        owner = ScheduleOwner(pointer)
    }

    /// Encrypts the 16 bytes at `block` in place.
    @inline(__always)
    func encrypt(_ block: UnsafeMutablePointer<UInt8>) {
        CCryptoBoringSSL_AES_encrypt(block, block, schedule)
    }

    /// Encrypts one block given as an array (for tests and slow paths).
    func encrypt(_ block: [UInt8]) -> [UInt8] {
        precondition(block.count == 16)
        var copy = block
        copy.withUnsafeMutableBufferPointer { encrypt($0.baseAddress!) }
        return copy
    }
}
