import FuzzDriver

@_cdecl("FuzzWorkspace_main")
func start(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runLibFuzzer(argc, argv, fuzzWorkspace) }
