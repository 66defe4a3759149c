package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBothPolicyFileNames: with .listaudit.yaml and .listaudit.yml both in
// the directory, the first is read and the other named in a warning; with
// one of them, or --config, there is no warning.
func TestBothPolicyFileNames(t *testing.T) {
	for _, tc := range []struct {
		name   string
		files  []string
		config bool
		read   string
		warn   string
	}{
		{"both", []string{".listaudit.yaml", ".listaudit.yml"}, false, ".listaudit.yaml",
			"DIR/.listaudit.yml is not read: DIR/.listaudit.yaml is, when both are present (remove one, or name it with --config)"},
		{"yaml alone", []string{".listaudit.yaml"}, false, ".listaudit.yaml", ""},
		{"yml alone", []string{".listaudit.yml"}, false, ".listaudit.yml", ""},
		{"both, --config", []string{".listaudit.yaml", ".listaudit.yml"}, true, "mine.yaml", ""},
	} {
		dir := t.TempDir()
		for _, f := range append(tc.files, "mine.yaml") {
			if err := os.WriteFile(filepath.Join(dir, f), []byte("fail_on: warning\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		flags := NewFlags(Check)
		if tc.config {
			if err := flags.Lookup("config").Set(filepath.Join(dir, "mine.yaml")); err != nil {
				t.Fatal(err)
			}
		}
		var warnings []string
		c, err := Resolve(Request{Command: Check, Flags: flags, Dir: dir, Clock: time.Now, Warn: func(m string) { warnings = append(warnings, m) }})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := filepath.Base(c.Policy.ConfigFile); got != tc.read {
			t.Errorf("%s: read %s, want %s", tc.name, got, tc.read)
		}
		var want []string
		if tc.warn != "" {
			want = []string{strings.ReplaceAll(tc.warn, "DIR", dir)}
		}
		if !slices.Equal(warnings, want) {
			t.Errorf("%s: warnings %q, want %q", tc.name, warnings, want)
		}
	}
}
