package main

import (
	"fmt"

	"example.com/suite/internal/version"
)

// flavour is "plain", or what a file behind a build tag sets.
var flavour = "plain"

func main() {
	fmt.Printf("beta %s %s\n", version.Version, flavour)
}
