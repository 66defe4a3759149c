//go:build !linux

package outfile

import (
	"errors"
	"os"
)

// startWriteback is left to the system here.
func startWriteback(*os.File, int64, int64) {}

// setDirect: no direct writes here (they are never turned on).
func setDirect(*os.File, bool) bool { return false }

var errStayDirect = errors.New("cannot turn off direct writes")
