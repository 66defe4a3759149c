// Package phonetest holds phone numbers as people and programs write them,
// for the tests of every package that reads numbers: they must all read
// each spelling as the same number. It is for tests only: no non-test
// code may import it, and it imports none of listaudit's packages.
package phonetest
