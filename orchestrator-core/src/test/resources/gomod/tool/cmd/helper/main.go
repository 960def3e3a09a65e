package main

import (
	"fmt"

	"example.com/local"
)

func main() {
	fmt.Println("helper for", local.Name())
}
