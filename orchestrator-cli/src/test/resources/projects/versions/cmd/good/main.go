package main

import (
	"fmt"

	"example.com/versions/internal/version"
)

var (
	commit = "none" // set with -X main.commit
	url    = "https://example.com/a//b"
)

func main() { fmt.Println("good", version.Version, commit, url) }
