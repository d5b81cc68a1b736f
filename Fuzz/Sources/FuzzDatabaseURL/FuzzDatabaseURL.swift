import UnderstudyCore

/// One input: any bytes as a database URL. Parsing may fail with an AdapterError, never crash;
/// a URL without secrets must hold no password after `withoutSecrets`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDatabaseURL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? DatabaseURL(text, role: "source", relativeTo: "/tmp")
    if let stripped = DatabaseURL.withoutSecrets(text) {
        guard DatabaseURL.withoutSecrets(stripped) == nil else { fatalError("withoutSecrets left a secret in a URL") }
    }
    return 0
}
