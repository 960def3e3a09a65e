// Package greet is a dependency served by a file GOPROXY in the tests.
package greet

// Hello greets name.
func Hello(name string) string { return "hello, " + name }
