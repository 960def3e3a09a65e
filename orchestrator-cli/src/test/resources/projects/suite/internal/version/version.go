// Package version holds what the release sets with -ldflags -X.
package version

// Version is the release version; the linker sets it.
var Version = "dev"
