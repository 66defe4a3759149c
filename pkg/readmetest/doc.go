// Package readmetest reads the README's sections and tables for the tests
// that hold the README to the code (the rule catalogue, the settings
// table, the examples and their output), so that each parses it the same
// way.
// It is for tests only: no non-test code may import it, and it imports
// only the standard library, so that any package's tests can use it.
package readmetest
