// Package textfile holds what every reader of a user's text file needs:
// transparent gzip, text-encoding detection and decoding to UTF-8, "read
// FILE: reason" errors, header comparison that ignores case and
// punctuation, headers shown in errors (header.go), lines of any length
// with a cap, the check of which text a JSON string holds verbatim
// (json.go) and the eight-byte loads of such scans (word.go), and the
// stamp that tells a file that changed while it was read (stamp.go).
// Every file reader shares it, so they read files the same way.
// It must not know what a column means, and must not decide what is
// personal data or how it is masked: package pii does.
package textfile
