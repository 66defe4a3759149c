// Package audittest makes contact lists for tests of what reads an audit's
// findings: lists shaped to give many duplicates and conflicts.
// It is for tests only: no non-test code may import it, and it must not
// import listaudit's packages, so that any package's tests can use it.
package audittest
