package cli

import "os"

// sameFile reports whether a and b name one file, through links too, so
// that an output never replaces an input.
func sameFile(a, b string) bool {
	if a == "-" {
		return false
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(sa, sb)
}
