package main

import (
	"fmt"
	"runtime"

	"example.com/suite/internal/version"
)

func main() {
	fmt.Printf("alpha %s %s/%s\n", version.Version, runtime.GOOS, runtime.GOARCH)
}
