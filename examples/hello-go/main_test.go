package main

import "testing"

func TestBanner(t *testing.T) {
	got := banner("v1.2.3", "3f9c2e1a0b4d5c6e7f8091a2b3c4d5e6f7081920", "linux", "arm64")
	want := "hello v1.2.3 (commit 3f9c2e1a0b4d5c6e7f8091a2b3c4d5e6f7081920) linux/arm64"
	if got != want {
		t.Fatalf("banner() = %q, want %q", got, want)
	}
}
