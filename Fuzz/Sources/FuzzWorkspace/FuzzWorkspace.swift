import UnderstudyCore

/// One input: any bytes as a workspace file. Loading may fail with a WorkspaceError, never crash;
/// what loads must write back (WorkspaceWriter.document) to text that loads to the same tables and
/// synthesis settings (public domains included).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkspace(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let workspace = try? WorkspaceLoader.parse(text, file: "fuzz.yml") else { return 0 }
    let written = WorkspaceWriter.document(workspace)
    guard let again = try? WorkspaceLoader.parse(written) else { fatalError("a loaded workspace wrote text that does not load:\n\(written)") }
    guard again.tables.map(\.name) == workspace.tables.map(\.name), zip(again.tables, workspace.tables).allSatisfy({ $0.columns == $1.columns && $0.synthesis == $1.synthesis }),
          again.synthesis == workspace.synthesis else {
        fatalError("a loaded workspace did not read back to the same tables:\n\(written)")
    }
    return 0
}
