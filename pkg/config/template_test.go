package config

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// templateOf is the template init writes for a mapping detected in from.
func templateOf(mapping map[domain.Field]string, from string) []byte {
	c := Defaults(Init)
	c.Columns, c.From = mapping, from
	return Template(&c)
}

func writeLoad(t *testing.T, data []byte) *File {
	t.Helper()
	path := filepath.Join(t.TempDir(), ".listaudit.yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatalf("Load(template): %v\n%s", err, data)
	}
	return f
}

// TestTemplateRoundTrip: the template sets every key of the table, each
// to its default.
func TestTemplateRoundTrip(t *testing.T) {
	f := writeLoad(t, templateOf(nil, ""))
	for _, s := range table {
		if s.Key != "" && s.Key != "columns" && !f.Sets(s.Key) {
			t.Errorf("the template does not set %s", s.Key)
		}
	}
	want := Defaults(Check)
	want.Policy.ConfigFile = f.Path
	if got := applied(t, f); !reflect.DeepEqual(got, want) {
		t.Errorf("the template changes the defaults:\ngot  %+v\nwant %+v", got, want)
	}
	// An empty mapping is no mapping.
	if !bytes.Equal(templateOf(map[domain.Field]string{}, ""), templateOf(nil, "")) {
		t.Error("Template with an empty mapping differs from Template(nil)")
	}
	// But one detected in a file says what was not found there, the phone
	// first, and still reads back as the defaults.
	data := templateOf(map[domain.Field]string{}, "x.csv")
	wantText := "# Detected from x.csv: check it before use.\n" +
		"# No phone column was found: set phone to the header of the numbers,\n" +
		"# or check stops with \"no phone column\" (exit 2).\n" +
		"columns:\n  # phone: \"\"  # no column found\n"
	if !bytes.Contains(data, []byte(wantText)) {
		t.Errorf("Template of a file with no column found lacks\n%s\ngot\n%s", wantText, data)
	}
	if c := applied(t, writeLoad(t, data)); len(c.Columns) != 0 {
		t.Errorf("columns: got %q, want none", c.Columns)
	}
}

func TestTemplateMapping(t *testing.T) {
	mapping := map[domain.Field]string{
		domain.FieldPhone:         "Mobile, work",
		domain.FieldConsentAt:     `Opt-in "date" # UTC`,
		domain.FieldConsentSource: "  source: where\t",
		domain.FieldName:          "Näme\u200b\x01",
		domain.FieldEmail:         "e-mail\\address",
		domain.FieldID:            "- id",
	}
	data := templateOf(mapping, "contacts.csv")
	if !bytes.Contains(data, []byte("# Detected from contacts.csv: check it before use.\ncolumns:\n  phone: \"Mobile, work\"\n")) {
		t.Errorf("columns missing:\n%s", data)
	}
	if !bytes.Contains(data, []byte("  # opted_out: \"\"  # no column found\n")) {
		t.Errorf("unmapped field not listed:\n%s", data)
	}
	f := writeLoad(t, data)
	want := Defaults(Check)
	want.Policy.ConfigFile = f.Path
	want.Columns = mapping
	if got := applied(t, f); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

// TestTemplateTakesInitsFlags: what init is told about the list it reads
// is written into the policy, in the words the policy file reads back.
func TestTemplateTakesInitsFlags(t *testing.T) {
	c := Defaults(Init)
	c.Input.Format, c.Input.Delimiter = "ndjson", '\t'
	data := Template(&c)
	for _, line := range []string{"\ninput_format: \"ndjson\"\n", "\ndelimiter: \"tab\"\n"} {
		if !bytes.Contains(data, []byte(line)) {
			t.Errorf("template lacks %q", line)
		}
	}
	got := applied(t, writeLoad(t, data))
	if got.Input.Format != "ndjson" || got.Input.Delimiter != '\t' {
		t.Errorf("read back as %q, %q", got.Input.Format, got.Input.Delimiter)
	}
}

func TestTemplateGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string
		mapping map[domain.Field]string
		from    string
	}{
		{"template.yaml", nil, ""},
		{"template-from.yaml", map[domain.Field]string{
			domain.FieldPhone: "Mobile Number", domain.FieldConsentSource: "Opt-in source", domain.FieldConsentAt: "Opt-in date",
		}, "contacts.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := templateOf(tc.mapping, tc.from)
			path := filepath.Join("testdata", "golden", tc.name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs (go test -update rewrites it):\n%s", path, got)
			}
			for i, line := range strings.Split(string(got), "\n") {
				if len([]rune(line)) > 100 {
					t.Errorf("line %d is longer than 100 characters: %s", i+1, line)
				}
			}
		})
	}
}
