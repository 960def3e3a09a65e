// Command hello prints the version and commit it was built from and the platform it runs on.
//
// crossbatch sets both at build time:
//
//	go build -ldflags "-X main.version=v1.2.3 -X main.commit=$(git rev-parse HEAD)"
package main

import (
	"fmt"
	"runtime"
)

// Replaced at link time through -ldflags -X.
var (
	version = "dev"
	commit  = "none"
)

func banner(version, commit, goos, goarch string) string {
	return fmt.Sprintf("hello %s (commit %s) %s/%s", version, commit, goos, goarch)
}

func main() {
	fmt.Println(banner(version, commit, runtime.GOOS, runtime.GOARCH))
}
