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

// defaults is what the template without a mapping must parse to: every
// setting set to its default.
func defaults(t *testing.T, path string) *File {
	t.Helper()
	p := domain.DefaultPolicy()
	qh := domain.DefaultQuietHours()
	return &File{
		Path:        path,
		Region:      ptr(""),
		DateFormat:  ptr(""),
		Delimiter:   ptr(""),
		InputFormat: ptr(""),
		Consent:     Consent{MaxAge: &p.ConsentMaxAge, Sources: []string{}, Require: []string{}},
		StaleAfter:  &p.StaleAfter,
		Messages:    Messages{Max: &p.MaxMessages, Window: &p.MessageWindow},
		QuietHours:  &qh,
		FailOn:      &p.FailOn,
		Strict:      ptr(false),
		Rules:       Rules{Severity: map[string]domain.Severity{}, Disabled: []string{}, Enabled: []string{}},
		Suppress:    []string{},
		MessagesLog: []string{},
		Baseline:    ptr(""),
		Report:      Report{Format: ptr(DefaultReportFormat), Limit: ptr(DefaultReportLimit), SARIFMaxResults: ptr(0), Title: ptr(""), Author: ptr("")},
	}
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

func TestTemplateRoundTrip(t *testing.T) {
	f := writeLoad(t, Template(nil, ""))
	if want := defaults(t, f.Path); !reflect.DeepEqual(f, want) {
		t.Errorf("got\n%s\nwant\n%s", show(f), show(want))
	}
	p := domain.DefaultPolicy()
	want := domain.DefaultPolicy()
	want.ConfigFile = f.Path
	if err := f.Apply(&p); err != nil || !reflect.DeepEqual(p, want) {
		t.Errorf("the template changes the default policy: %+v, %v", p, err)
	}
	// An empty mapping is no mapping.
	if !bytes.Equal(Template(map[domain.Field]string{}, ""), Template(nil, "")) {
		t.Error("Template with an empty mapping differs from Template(nil)")
	}
	// But one detected in a file says what was not found there, the phone
	// first, and still reads back as the defaults.
	data := Template(map[domain.Field]string{}, "x.csv")
	wantText := "# Detected from x.csv: check it before use.\n" +
		"# No phone column was found: set phone to the header of the numbers,\n" +
		"# or check stops with \"no phone column\" (exit 2).\n" +
		"columns:\n  # phone: \"\"  # no column found\n"
	if !bytes.Contains(data, []byte(wantText)) {
		t.Errorf("Template of a file with no column found lacks\n%s\ngot\n%s", wantText, data)
	}
	if f := writeLoad(t, data); len(f.Columns) != 0 {
		t.Errorf("columns: got %q, want none", f.Columns)
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
	data := Template(mapping, "contacts.csv")
	if !bytes.Contains(data, []byte("# Detected from contacts.csv: check it before use.\ncolumns:\n  phone: \"Mobile, work\"\n")) {
		t.Errorf("columns missing:\n%s", data)
	}
	if !bytes.Contains(data, []byte("  # opted_out: \"\"  # no column found\n")) {
		t.Errorf("unmapped field not listed:\n%s", data)
	}
	f := writeLoad(t, data)
	if !reflect.DeepEqual(f.Columns, mapping) {
		t.Errorf("columns: got %q, want %q", f.Columns, mapping)
	}
	want := defaults(t, f.Path)
	want.Columns = mapping
	if !reflect.DeepEqual(f, want) {
		t.Errorf("got\n%s\nwant\n%s", show(f), show(want))
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
			got := Template(tc.mapping, tc.from)
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
