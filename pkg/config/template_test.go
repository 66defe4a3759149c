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

// TestTemplatePhoneFallbacks: a phone column detected with fallbacks is
// written commented out, with why, so that check detects it as init did
// and reads the fallbacks too (a phone mapping names the one column read);
// the other fields keep their mapping. A phone column without fallbacks is
// set as before.
func TestTemplatePhoneFallbacks(t *testing.T) {
	mapping := map[domain.Field]string{
		domain.FieldPhone: "Phone Number", domain.FieldEmail: "Email", domain.FieldID: "Record ID",
	}
	tests := []struct {
		name      string
		fallbacks []string
		want      string
		columns   map[domain.Field]string
	}{
		{"one fallback", []string{"Mobile Phone Number"},
			"# Detected from hubspot.csv: check it before use.\n" +
				"# phone is not set, so that check detects it as init did: a record with no\n" +
				"# number in \"Phone Number\" is read from \"Mobile Phone Number\". Set, phone\n" +
				"# names the one column read: there are no fallbacks then.\n" +
				"columns:\n" +
				"  # phone: \"Phone Number\"  # detected, with fallbacks: see above\n",
			map[domain.Field]string{domain.FieldEmail: "Email", domain.FieldID: "Record ID"}},
		{"a run of one header", []string{"MOBILEPHONE", "phone", "phone", "phone"},
			"# Detected from hubspot.csv: check it before use.\n" +
				"# phone is not set, so that check detects it as init did: a record with no\n" +
				"# number in \"Phone Number\" is read from the first of \"MOBILEPHONE\" and the 3\n" +
				"# \"phone\" columns that has one. Set, phone names the one column read: there\n" +
				"# are no fallbacks then.\n" +
				"columns:\n" +
				"  # phone: \"Phone Number\"  # detected, with fallbacks: see above\n",
			map[domain.Field]string{domain.FieldEmail: "Email", domain.FieldID: "Record ID"}},
		{"no fallback", nil,
			"# Detected from hubspot.csv: check it before use.\ncolumns:\n  phone: \"Phone Number\"\n",
			mapping},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Defaults(Init)
			c.Columns, c.From, c.PhoneFallbacks = mapping, "hubspot.csv", tt.fallbacks
			data := Template(&c)
			if !bytes.Contains(data, []byte(tt.want)) {
				t.Errorf("template lacks\n%s\ngot\n%s", tt.want, data)
			}
			if !bytes.Contains(data, []byte("\n  email: \"Email\"\n")) {
				t.Errorf("email mapping missing:\n%s", data)
			}
			if got := applied(t, writeLoad(t, data)); !reflect.DeepEqual(got.Columns, tt.columns) {
				t.Errorf("columns read back: got %q, want %q", got.Columns, tt.columns)
			}
		})
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
		name      string
		mapping   map[domain.Field]string
		from      string
		fallbacks []string
		fixed     []string
	}{
		{"template.yaml", nil, "", nil, nil},
		{"template-from.yaml", map[domain.Field]string{
			domain.FieldPhone: "Mobile Number", domain.FieldConsentSource: "Opt-in source", domain.FieldConsentAt: "Opt-in date",
		}, "contacts.csv", nil, nil},
		{"template-from-fallbacks.yaml", map[domain.Field]string{
			domain.FieldPhone: "WHATSAPP", domain.FieldOptedOut: "SMS_BLACKLISTED", domain.FieldID: "CONTACT ID", domain.FieldEmail: "EMAIL",
		}, "brevo-contacts.csv", []string{"SMS"}, nil},
		// A vCard's fields are fixed: nothing mapped, and why.
		{"template-from-vcard.yaml", nil, "contacts.vcf", nil, []string{"FN", "TEL", "EMAIL"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Defaults(Init)
			c.Columns, c.From, c.PhoneFallbacks, c.FromFixed = tc.mapping, tc.from, tc.fallbacks, tc.fixed
			got := Template(&c)
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
