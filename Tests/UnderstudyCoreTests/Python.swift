import Foundation

/// Runs a Python 3 script (`python3 -c SCRIPT ARGUMENTS…`), an independent reader the tests judge by
/// (its zipfile, gzip, zlib and email packages): its exit status, standard output and standard error.
func python3(_ script: String, _ arguments: [String]) throws -> (status: Int32, out: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe(), errors = Pipe()
    process.standardOutput = out
    process.standardError = errors
    try process.run()
    let printed = out.fileHandleForReading.readDataToEndOfFile()
    let complained = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: printed, as: UTF8.self), String(decoding: complained, as: UTF8.self))
}
