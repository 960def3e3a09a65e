package main

/*
#include <string.h>
static int twice(int n) { return 2 * n; }
*/
import "C"

import (
	"fmt"
	"runtime"
)

var version = "dev"

// flavour is "plain", or what a file behind a build tag sets.
var flavour = "plain"

func main() {
	fmt.Printf("cgotool %s %s/%s cgo=%d %s\n", version, runtime.GOOS, runtime.GOARCH, int(C.twice(21)), flavour)
}
