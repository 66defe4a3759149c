// Package cellvalue reads the typed cells of a contact list: dates,
// booleans and counts, written the ways exports write them. It guesses
// nothing that could be read two ways (31/12/2025 needs a layout).
// It must not read files or know which column a cell came from: callers
// hand it one cell, and it depends on the standard library only.
package cellvalue
