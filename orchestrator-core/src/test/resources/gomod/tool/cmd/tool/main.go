package main

import (
	"fmt"

	"example.com/greet"
	"example.com/local"
)

func main() {
	fmt.Println(greet.Hello(local.Name()))
}
