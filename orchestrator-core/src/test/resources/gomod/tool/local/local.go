// Package local is a module of the repository, used through a replace directive.
package local

// Name is who is greeted.
func Name() string { return "local" }
