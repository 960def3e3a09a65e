//go:build extra

package main

func init() { flavour = "extra" }
