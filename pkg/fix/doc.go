// Package fix applies an audit to the list it audited: it writes the rows
// that pass to a clean file and every other row, with why, to a quarantine
// file. It runs in two passes over the inputs: the audit (package audit,
// with an Observer that notes each row's number, opt-out state, consent
// date and the rules that fired on it, so that no finding is built but the
// duplicate conflicts), then a raw re-read (input.OpenRaw) that writes each record where
// the plan puts it; Run says where a row goes.
// It must not lose a row, raise findings of its own (the audit's decide),
// or leave a half-written output: on error neither file is written.
package fix
