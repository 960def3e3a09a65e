//go:build fast

package main

func init() { flavour = "fast" }
