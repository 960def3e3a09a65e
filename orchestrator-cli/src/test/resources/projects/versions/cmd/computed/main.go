package main

import (
	"fmt"
	"strings"
)

var version = strings.TrimSpace(" dev ") // a call: -X leaves it as it is

func main() { fmt.Println("computed", version) }
