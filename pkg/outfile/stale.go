package outfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// started is when this process started, near enough (when the package
// was initialised): no temporary file older than it is one of this run's.
var started = time.Now()

// staleAge: where no process can be seen holding a file open (everywhere
// but Linux), a temporary file this old is taken for one a killed run
// left, as no run writes one for so long.
const staleAge = 24 * time.Hour

// seeOpen is heldOpen, a variable for tests of the systems that cannot
// tell.
var seeOpen = heldOpen

// unlinksPrivate says that PrivateTemp's files are unlinked at once, so
// that none is ever left in os.TempDir.
const unlinksPrivate = runtime.GOOS != "windows"

// leftover is a temporary file that may be a killed run's.
type leftover struct {
	path string
	fi   fs.FileInfo
}

// RemoveStale removes the temporary files that runs which were killed
// (SIGKILL, the OOM killer, a power cut) left beside targets, named as
// listaudit names them (temp.go), and, where private files cannot be
// unlinked at once (Windows), in os.TempDir. It takes only files of this
// user that are older than this process and that no process holds open,
// as Linux's /proc shows; where that cannot be seen, only files a day
// old. It returns the leftovers it did not remove, for the caller to warn
// about: they may hold personal data.
func RemoveStale(targets []string) (left []string) {
	var found []leftover
	for _, t := range targets {
		dir, base := filepath.Split(t)
		found = appendLeftovers(found, dir, func(name string) bool { return isTempOf(name, base) })
	}
	if !unlinksPrivate {
		found = appendLeftovers(found, os.TempDir(), isPrivate)
	}
	if len(found) == 0 {
		return nil
	}
	open, seen := seeOpen(found)
	for i, f := range found {
		switch {
		case seen && open[i]:
			// Being written, or read, by a live process.
		case seen || time.Since(f.fi.ModTime()) >= staleAge:
			if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				left = append(left, f.path)
			}
		default:
			left = append(left, f.path)
		}
	}
	return left
}

// appendLeftovers appends the files in dir whose names match that may
// be leftovers: regular files of this user, older than this process.
func appendLeftovers(found []leftover, dir string, match func(name string) bool) []leftover {
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return found // Plan.Check says what is wrong with dir
	}
	for _, e := range entries {
		if !match(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.ModTime().Before(started) || !ownedByMe(fi) {
			continue
		}
		found = append(found, leftover{filepath.Join(dir, e.Name()), fi})
	}
	return found
}

// RemoveStale removes the temporary files that killed runs left beside
// the plan's outputs (see RemoveStale). Those it has to leave are named
// to warn, once: they may hold personal data.
func (p *Plan) RemoveStale(warn func(string)) {
	if len(p.outputs) == 0 {
		return
	}
	var targets []string
	for _, o := range p.outputs {
		if ToStdout(o.Path) {
			continue
		}
		if t, fi, err := resolve(o.Path); err == nil && (fi == nil || fi.Mode().IsRegular()) {
			targets = append(targets, t)
		}
	}
	if left := RemoveStale(targets); len(left) > 0 && warn != nil {
		warn(staleWarning(left))
	}
}

// staleWarning says that files may be leftovers of a killed run.
func staleWarning(left []string) string {
	them := "them"
	if len(left) == 1 {
		them = "it"
	}
	return strings.Join(left, ", ") + ": left by a listaudit run that was stopped before it could remove " + them +
		"? Such temporary files hold personal data: delete " + them + " unless a listaudit run is writing " + them + " now"
}
