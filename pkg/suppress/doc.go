// Package suppress reads do-not-contact lists (--suppress FILE) and answers
// whether a number is on one. A list holds numbers, or SHA-256 digests of
// E.164 numbers so that a partner can share its list without handing over
// the numbers; Load says which files it reads and how to make a hashed
// list.
// It must not fail on a line it cannot read (such lines are counted), keep
// more of an entry than its number or digest, or judge a row: the rules do.
package suppress
