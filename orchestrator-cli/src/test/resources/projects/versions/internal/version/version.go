package version

// Version is set by the linker.
var Version string = "dev"
