package outfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPendingCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.csv")
	drop := filepath.Join(dir, "drop.csv")
	if err := os.WriteFile(drop, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Create(keep)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Create(drop)
	if err != nil {
		t.Fatal(err)
	}
	a.WriteString("new\n")
	b.WriteString("half")
	if _, err := os.Stat(keep); !os.IsNotExist(err) {
		t.Fatalf("target exists before Commit: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	b.Abort()
	a.Abort() // no-op after Commit
	if got, _ := os.ReadFile(keep); string(got) != "new\n" {
		t.Errorf("committed file = %q", got)
	}
	if got, _ := os.ReadFile(drop); string(got) != "old\n" {
		t.Errorf("aborted target = %q, want it untouched", got)
	}
	fi, err := os.Stat(keep)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != Mode {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), Mode)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("temporary files left: %v", ents)
	}
}

func TestRemoveUnfinished(t *testing.T) {
	dir := t.TempDir()
	done, err := Create(filepath.Join(dir, "done.csv"))
	if err != nil {
		t.Fatal(err)
	}
	left, err := Create(filepath.Join(dir, "left.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer left.Abort()
	if err := done.Commit(); err != nil {
		t.Fatal(err)
	}
	RemoveUnfinished()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "done.csv" {
		t.Errorf("left in the directory: %v", entries)
	}
}
