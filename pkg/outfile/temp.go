package outfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// listaudit's temporary files are named here, once, so that a later run
// can tell those a killed run left (RemoveStale) from anyone else's files:
//
//   - ".NAME.tmp-DIGITS" beside the target NAME while it is written, in
//     its directory, so that a rename can replace the target;
//   - "listaudit-KIND-DIGITS" in os.TempDir for a private file (a spool of
//     standard input or output, the findings an audit keeps out of
//     memory), unlinked at once where the system allows.
//
// DIGITS is os.CreateTemp's random part. Where ".NAME.tmp-DIGITS" would
// be longer than a file name may be, NAME is cut short (tempStem).
const (
	tempInfix     = ".tmp-"
	privatePrefix = "listaudit-"
	// maxName is the longest file name, in bytes, that Linux's, macOS's
	// and Windows' file systems take (NAME_MAX).
	maxName = 255
	// tempDigits is the most digits os.CreateTemp's random part has (a
	// uint32).
	tempDigits = 10
)

// tempStem is the part of the name of target base's temporary file taken
// from base: base itself, or, where the temporary file's name would be
// longer than maxName, the start of base marked with a digest of the
// whole, so that any name a file system takes can be a target, and
// targets whose long names start alike keep their temporary files apart.
func tempStem(base string) string {
	room := maxName - len(".") - len(tempInfix) - tempDigits
	if len(base) <= room {
		return base
	}
	sum := sha256.Sum256([]byte(base))
	mark := "~" + hex.EncodeToString(sum[:4])
	cut := room - len(mark)
	for cut > 0 && !utf8.RuneStart(base[cut]) {
		cut-- // not inside a character: macOS takes only UTF-8 names
	}
	return base[:cut] + mark
}

// createBeside creates the temporary file for target in its directory,
// with mode Mode. Its errors say what is wrong with the directory, not
// with a file the user never asked for.
func createBeside(target string) (*os.File, error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTemp(dir, "."+tempStem(base)+tempInfix+"*")
	if err != nil && !errors.Is(err, errChmod) {
		err = dirError(dir, unwrapPath(err))
	}
	return tmp, err
}

// isTempOf reports whether name, a file name in target's directory, is a
// temporary file of target, whose name is base.
func isTempOf(name, base string) bool {
	rest, ok := strings.CutPrefix(name, "."+tempStem(base)+tempInfix)
	return ok && isDigits(rest)
}

// isPrivate reports whether name, a file name in os.TempDir, is one of
// PrivateTemp's.
func isPrivate(name string) bool {
	rest, ok := strings.CutPrefix(name, privatePrefix)
	kind, random, cut := strings.Cut(rest, "-")
	return ok && cut && kind != "" && strings.Trim(kind, "abcdefghijklmnopqrstuvwxyz") == "" && isDigits(random)
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// PrivateTemp creates a private temporary file in os.TempDir, with mode
// Mode, named for what it holds (kind: "stdin", "findings"). Where the
// system allows (not Windows) the file is unlinked at once: it lives on
// through f alone and vanishes with the process however that ends, and
// name is "". Elsewhere name is its path, for the caller to remove when
// done; one left by a run that was killed is removed by a later run
// (RemoveStale).
func PrivateTemp(kind string) (f *os.File, name string, err error) {
	f, err = createTemp("", privatePrefix+kind+"-*")
	if err != nil {
		if !errors.Is(err, errChmod) {
			err = unwrapPath(err)
		}
		return nil, "", fmt.Errorf("temporary file in %s: %w", tempDirName(), err)
	}
	if os.Remove(f.Name()) != nil {
		return f, f.Name(), nil
	}
	return f, "", nil
}

// tempDirName names os.TempDir for errors: by the variable that chose
// it, when $TMPDIR did, since that is what the user can change.
func tempDirName() string {
	dir := os.TempDir()
	if v := os.Getenv("TMPDIR"); v != "" && v == dir {
		return "$TMPDIR (" + dir + ")"
	}
	return dir
}

// probe creates, and at once removes, an empty temporary file where
// writing path would create one, so that a directory that cannot be
// written fails a run before it reads anything rather than after: that
// shows only by trying. Targets written in place (devices, FIFOs, a file
// that is standard output) are not probed.
func probe(path string) error {
	target, fi, err := resolve(path)
	if err != nil {
		return err
	}
	if inPlace(fi) {
		return nil
	}
	tmp, err := createBeside(target)
	if err != nil {
		return err
	}
	tmp.Close()
	return os.Remove(tmp.Name())
}
