// Package rules holds listaudit's audit rules: the catalogue of their ids,
// severities and texts (the one source every report and command reads),
// and one file per rule family with the checks themselves.
// It must not read the user's files or print: evidence (suppression lists,
// send logs) comes loaded, and findings go back to the caller.
package rules
