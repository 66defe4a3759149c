package outfile

import "path/filepath"

// Replaces reports whether writing path would replace the file read: the
// same path once cleaned, or the same existing file through a link. "-"
// (standard input) is no file.
func Replaces(path, read string) bool {
	return read != "-" && (filepath.Clean(path) == filepath.Clean(read) || SameFile(path, read))
}

// SameTarget reports whether writing a and b would replace one file: the
// same path, the same existing file, or links to one target (which may not
// exist yet), so that one output would silently replace the other. "-"
// (standard output) is compared by name.
func SameTarget(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	if a == "-" || b == "-" {
		return false
	}
	if SameFile(a, b) {
		return true
	}
	ta, err := filepath.Abs(Target(a))
	if err != nil {
		return false
	}
	tb, err := filepath.Abs(Target(b))
	return err == nil && ta == tb
}
