/// An option on the command line that the command has not got. ArgumentParser runs a command's
/// `validate()` before it reports an unknown option, and the unknown option's value fills an
/// optional argument: `init --source a.db --outt w.yml` said to give the source "as the argument or
/// as --source, not both". A check that may fail so names the option first.
enum StrayOption {
    /// The first word after the command's name that looks like an option (`-x`, `--name`,
    /// `--name=value`) and is not one of `known`; the word after an option of `takingValues` is its value.
    static func find(known: Set<String>, takingValues: Set<String>, in arguments: [String] = CommandLine.arguments) -> String? {
        var isValue = false
        for word in arguments.dropFirst(2) {
            if isValue { isValue = false; continue }
            if word == "--" { return nil }
            guard word.hasPrefix("-"), word.count > 1 else { continue }
            let name = String(word.prefix { $0 != "=" })
            guard known.contains(name) || name == "-h" || name == "--help" else { return name }
            isValue = takingValues.contains(name) && !word.contains("=")
        }
        return nil
    }
}
