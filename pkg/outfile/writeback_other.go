//go:build !linux

package outfile

import "os"

// reserve cannot reserve disk here without changing the file's size.
func reserve(*os.File, int64, int64) bool { return false }

// startWriteback is left to the system here.
func startWriteback(*os.File, int64, int64) {}
