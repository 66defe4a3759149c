package outfile

import "path/filepath"

// Replaces reports whether writing path would replace the file read: the
// same path once cleaned, or the same existing file through a link. "-"
// (standard input) is no file.
func Replaces(path, read string) bool {
	return read != "-" && (filepath.Clean(path) == filepath.Clean(read) || SameFile(path, read))
}
