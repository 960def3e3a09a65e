package main

import "fmt"

// version is a constant: -X cannot set it.
const version = "v0.0.1"

func main() { fmt.Println("constver", version) }
