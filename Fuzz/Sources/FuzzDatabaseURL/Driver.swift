import FuzzDriver

@_cdecl("FuzzDatabaseURL_main")
func start(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runLibFuzzer(argc, argv, fuzzDatabaseURL) }
