package outfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestWriteCreatesFileWithMode0600(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "{}\n"); return err }); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "{}\n" {
		t.Fatalf("content = %q, %v", b, err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
}

func TestWriteFailureLeavesTargetUntouchedAndNoTempFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error { io.WriteString(w, "partial"); return boom })
	if !errors.Is(err, boom) || err.Error() != "write "+path+": boom" {
		t.Fatalf("err = %v", err)
	}
	b, _ := os.ReadFile(path)
	if string(b) != "old" {
		t.Errorf("target = %q, want old content", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("dir has %d entries, want only the target", len(entries))
	}
}

func TestWriteIntoMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "r.json")
	err := Write(path, func(w io.Writer) error { return nil })
	want := "write " + path + ": no such directory " + filepath.Dir(path)
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

func TestWriteUnderAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(file, "r.json")
	err := Write(path, func(w io.Writer) error { return nil })
	want := "write " + path + ": cannot create a file in " + file + ": not a directory"
	if runtime.GOOS != "windows" && (err == nil || err.Error() != want) {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// symlink makes a link or skips the test where links need privileges
// (Windows without developer mode).
func symlink(t *testing.T, dest, link string) {
	t.Helper()
	if err := os.Symlink(dest, link); err != nil {
		if runtime.GOOS == "windows" {
			t.Skipf("symlink: %v", err)
		}
		t.Fatal(err)
	}
}

// names lists a directory's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

// TestWriteThroughSymlink: the file a link points to is replaced, in its
// own directory (the link is relative to its directory, which is not the
// working directory); the link stays a link.
func TestWriteThroughSymlink(t *testing.T) {
	root := t.TempDir()
	links, files := filepath.Join(root, "links"), filepath.Join(root, "files")
	for _, d := range []string{links, files} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	target := filepath.Join(files, "report.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(links, "report.json")
	symlink(t, filepath.Join("..", "files", "report.json"), link)
	if err := Write(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target = %q, want new", b)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != Mode {
		t.Errorf("target mode %v, want %v", fi.Mode().Perm(), Mode)
	}
	if n := names(t, files); len(n) != 1 {
		t.Errorf("files/ holds %v, want only report.json", n)
	}
	if n := names(t, links); len(n) != 1 {
		t.Errorf("links/ holds %v, want only the link", n)
	}
}

// TestWriteThroughChainAndDanglingLink: a chain of links is followed to
// its end, which is created when it does not exist yet.
func TestWriteThroughChainAndDanglingLink(t *testing.T) {
	dir := t.TempDir()
	symlink(t, "b", filepath.Join(dir, "a"))
	symlink(t, "c.json", filepath.Join(dir, "b"))
	if err := Write(filepath.Join(dir, "a"), writeString("x")); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"a", "b"} {
		if fi, err := os.Lstat(filepath.Join(dir, l)); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", l)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "c.json")); err != nil || string(b) != "x" {
		t.Errorf("c.json = %q, %v", b, err)
	}
	if n := names(t, dir); !slices.Equal(n, []string{"a", "b", "c.json"}) {
		t.Errorf("dir holds %v", n)
	}
}

func TestWriteSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	symlink(t, "b", a)
	symlink(t, "a", b)
	err := Write(a, writeString("x"))
	if want := "write " + a + ": too many levels of symbolic links"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
	if n := names(t, dir); !slices.Equal(n, []string{"a", "b"}) {
		t.Errorf("dir holds %v", n)
	}
}

// TestWriteOntoDirectory fails at once, naming the directory, through a
// link too, and Check says the same without the "write" prefix.
func TestWriteOntoDirectory(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(out); err == nil || err.Error() != "write "+out+": "+out+" is a directory" {
		t.Errorf("Create: %v", err)
	}
	if err := Check(out); err == nil || err.Error() != out+" is a directory" {
		t.Errorf("Check: %v", err)
	}
	link := filepath.Join(dir, "link")
	symlink(t, "out", link)
	if err := Check(link); err == nil || err.Error() != link+" is a directory" {
		t.Errorf("Check(link): %v", err)
	}
	if n := names(t, dir); !slices.Equal(n, []string{"link", "out"}) {
		t.Errorf("dir holds %v", n)
	}
	if n := names(t, out); len(n) != 0 {
		t.Errorf("out/ holds %v", n)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "new.json"), ""},
		{file, ""},
		{filepath.Join(dir, "nodir", "r.json"), "no such directory " + filepath.Join(dir, "nodir")},
		{filepath.Join(file, "r.json"), "cannot create a file in " + file + ": not a directory"},
		{filepath.Join(dir, strings.Repeat("r", 255)), ""},
		{filepath.Join(dir, strings.Repeat("r", 256)), "file name too long"},
	} {
		got := ""
		if err := Check(tc.path); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("Check(%s) = %q, want %q", tc.path, got, tc.want)
		}
	}
	if n := names(t, dir); !slices.Equal(n, []string{"list.csv"}) {
		t.Errorf("Check wrote: %v", n)
	}
}

// TestWriteToStandardStream: a regular file that is already the process's
// standard output (as /dev/stdout is after >> log) is written through that
// stream, after what it holds, not replaced under the shell.
func TestWriteToStandardStream(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "log.txt")
	if err := os.WriteFile(path, []byte("before\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	defer func(old []*os.File) { stdStreams = old }(stdStreams)
	stdStreams = []*os.File{stdout}
	if err := Write(path, writeString("report\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := stdout.WriteString("verdict\n"); err != nil {
		t.Fatalf("the stream was closed: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "before\nreport\nverdict\n" {
		t.Errorf("log = %q", b)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("mode changed to %v", fi.Mode().Perm())
	}
	if n := names(t, dir); !slices.Equal(n, []string{"log.txt"}) {
		t.Errorf("dir holds %v", n)
	}
}

// TestSpool: a spool's writer gets everything on Commit and nothing on
// Abort; its temporary file goes either way.
func TestSpool(t *testing.T) {
	var out strings.Builder
	p, err := Spool("-", &out)
	if err != nil {
		t.Fatal(err)
	}
	p.WriteString("a,b\n")
	if out.Len() != 0 {
		t.Fatalf("written before Commit: %q", out.String())
	}
	if fi, err := p.File.Stat(); err != nil || fi.Mode().Perm() != Mode && runtime.GOOS != "windows" {
		t.Errorf("spool file: %v %v", fi, err)
	}
	// Unlinked at once where the system allows: nothing is left on disk,
	// whatever ends the process.
	if (p.tmp == "") != (runtime.GOOS != "windows") {
		t.Errorf("spool file name %q", p.tmp)
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a,b\n" {
		t.Errorf("out = %q", out.String())
	}
	if _, err := os.Stat(p.tmp); !os.IsNotExist(err) {
		t.Errorf("spool file left: %v", err)
	}

	out.Reset()
	q, err := Spool("-", &out)
	if err != nil {
		t.Fatal(err)
	}
	q.WriteString("half")
	q.Abort()
	if err := q.Commit(); err != nil || out.Len() != 0 {
		t.Errorf("aborted spool wrote %q (%v)", out.String(), err)
	}
	if _, err := os.Stat(q.tmp); !os.IsNotExist(err) {
		t.Errorf("spool file left: %v", err)
	}
}

// TestDirError: a directory that exists but takes no new file, answering
// "no such file" as /proc does, is named by the system's error, not as
// missing.
func TestDirError(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nodir")
	for _, tc := range []struct {
		dir  string
		err  error
		want string
	}{
		{missing, fs.ErrNotExist, "no such directory " + missing},
		{dir, fs.ErrNotExist, "cannot create a file in " + dir + ": file does not exist"},
		{dir, fs.ErrPermission, "cannot create a file in " + dir + ": permission denied"},
	} {
		if got := dirError(tc.dir+string(filepath.Separator), tc.err).Error(); got != tc.want {
			t.Errorf("dirError(%s, %v) = %q, want %q", tc.dir, tc.err, got, tc.want)
		}
	}
}
