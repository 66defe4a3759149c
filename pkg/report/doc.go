// Package report renders an audit's domain.Result for people and programs.
// Each format lives in its own file and is listed once in reporters
// (registry.go), so adding a format is one file, one line there and its
// golden test.
// It must not change the result or judge anything (findings and verdict
// come decided), nor show a personal value except through package pii.
package report
