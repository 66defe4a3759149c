package cli

import "github.com/listaudit/listaudit/pkg/outfile"

// sameFile reports whether a and b name one file; "-" (stdin) is none.
func sameFile(a, b string) bool { return a != "-" && outfile.SameFile(a, b) }
