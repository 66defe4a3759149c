package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

type flagArg struct{ name, value string }

// resolveWith resolves cmd's settings with policy (written as
// .listaudit.yaml in a new directory, "" for none) and the flags given.
func resolveWith(t *testing.T, cmd Command, policy string, args ...flagArg) (*Config, error) {
	t.Helper()
	dir := t.TempDir()
	if policy != "" {
		if err := os.WriteFile(filepath.Join(dir, ".listaudit.yaml"), []byte(policy), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	flags := NewFlags(cmd)
	for _, a := range args {
		f := flags.Lookup(a.name)
		if f == nil {
			t.Fatalf("no flag --%s", a.name)
		}
		if err := f.Set(a.value); err != nil {
			t.Fatalf("--%s %s: %v", a.name, a.value, err)
		}
	}
	return Resolve(Request{Command: cmd, Flags: flags, Dir: dir, Clock: func() time.Time { return time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC) }})
}

// TestResolvePrecedence: defaults, then the policy file, then the flags
// given; evidence list flags add to the file's lists; --enable beats any
// disable.
func TestResolvePrecedence(t *testing.T) {
	for _, tc := range []struct {
		name   string
		policy string
		args   []flagArg
		check  func(c *Config) bool
	}{
		{"defaults", "", nil, func(c *Config) bool {
			return reflect.DeepEqual(c.Policy, domain.DefaultPolicy()) && c.Format == "table" && c.Report.Limit == 50 &&
				c.Now.Equal(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
		}},
		{"file over defaults", "stale_after: 30d\nreport: {limit: 5}", nil, func(c *Config) bool {
			return c.Policy.StaleAfter.String() == "30d" && c.Report.Limit == 5
		}},
		{"flag over file", "stale_after: 30d\nreport: {limit: 5}", []flagArg{{"stale-after", "2w"}, {"limit", "0"}}, func(c *Config) bool {
			return c.Policy.StaleAfter.String() == "14d" && c.Report.Limit == 0
		}},
		{"a flag not given leaves the file's", "region: ke", []flagArg{{"fail-on", "warning"}}, func(c *Config) bool {
			return c.Policy.DefaultRegion == "KE" && c.Policy.FailOn.String() == "warning"
		}},
		{"--suppress adds to the file's lists", "suppress: [a.txt, b.txt]", []flagArg{{"suppress", "c.txt"}}, func(c *Config) bool {
			return len(c.Policy.Suppress) == 3 && filepath.Base(c.Policy.Suppress[0]) == "a.txt" &&
				filepath.Base(c.Policy.Suppress[1]) == "b.txt" && c.Policy.Suppress[2] == "c.txt"
		}},
		{"--messages adds to the file's logs", "messages_log: [sends.csv]", []flagArg{{"messages", "more.csv"}}, func(c *Config) bool {
			return len(c.Policy.MessageLogs) == 2 && filepath.Base(c.Policy.MessageLogs[0]) == "sends.csv" && c.Policy.MessageLogs[1] == "more.csv"
		}},
		{"a file named twice is applied once", "", []flagArg{{"messages", "sends.csv"}, {"messages", "./sends.csv"}, {"suppress", "a.txt"}, {"suppress", "a.txt"}}, func(c *Config) bool {
			return reflect.DeepEqual(c.Policy.MessageLogs, []string{"sends.csv"}) && reflect.DeepEqual(c.Policy.Suppress, []string{"a.txt"})
		}},
		{"--disable adds to the file's", "rules: {disabled: [stale]}", []flagArg{{"disable", "duplicate"}}, func(c *Config) bool {
			return reflect.DeepEqual(c.Policy.Disabled, []string{"duplicate", "stale"})
		}},
		{"--enable beats the file's disable", "rules: {disabled: [stale, duplicate]}", []flagArg{{"enable", "stale"}}, func(c *Config) bool {
			return reflect.DeepEqual(c.Policy.Disabled, []string{"duplicate"})
		}},
		{"--enable beats --disable", "", []flagArg{{"disable", "stale,duplicate"}, {"enable", "stale"}}, func(c *Config) bool {
			return reflect.DeepEqual(c.Policy.Disabled, []string{"duplicate"})
		}},
		{"--disable beats the file's enable", "rules: {enabled: [stale]}", []flagArg{{"disable", "stale"}}, func(c *Config) bool {
			return reflect.DeepEqual(c.Policy.Disabled, []string{"stale"})
		}},
		{"--map replaces the file's field, keeps the others", "columns: {phone: Mobile, consent_at: Opt-in}", []flagArg{{"map", "phone=Cell"}},
			func(c *Config) bool {
				return c.Columns[domain.FieldPhone] == "Cell" && c.Columns[domain.FieldConsentAt] == "Opt-in" && c.Input.Map[domain.FieldPhone] == "Cell"
			}},
		{"evidence columns join the map", "consent: {require: [consent_text]}", nil, func(c *Config) bool {
			return c.Input.Map[domain.Evidence(0)] == "consent_text"
		}},
		{"--now over the clock", "", []flagArg{{"now", "2026-03-01"}}, func(c *Config) bool {
			return c.Now.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
		}},
		{"a later single flag wins", "", []flagArg{{"region", "KE"}, {"region", "tz"}}, func(c *Config) bool {
			return c.Policy.DefaultRegion == "TZ"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := resolveWith(t, Check, tc.policy, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(c) {
				t.Errorf("got %s", show(*c))
			}
		})
	}
}

// TestMapSource: the mappings the policy file's columns: set, and --map
// left as they were, are marked with the file's path, for messages that
// name where a mapping was set; --map's are not.
func TestMapSource(t *testing.T) {
	for _, tc := range []struct {
		name, policy string
		args         []flagArg
		want         []domain.Field // marked with the policy file
	}{
		{"no policy file", "", []flagArg{{"map", "phone=Cell"}}, nil},
		{"the file's", "columns: {phone: Mobile, name: Name}", nil, []domain.Field{domain.FieldPhone, domain.FieldName}},
		{"--map replaces one", "columns: {phone: Mobile, name: Name}", []flagArg{{"map", "phone=Cell"}}, []domain.Field{domain.FieldName}},
		{"--map adds one", "columns: {phone: Mobile}", []flagArg{{"map", "email=E-mail"}}, []domain.Field{domain.FieldPhone}},
		{"evidence columns are not", "consent: {require: [consent_text]}", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := resolveWith(t, Check, tc.policy, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			var got []domain.Field
			for f := range domain.NumFields {
				if path, ok := c.Input.MapSource[f]; ok {
					if path != c.Policy.ConfigFile || path == "" {
						t.Errorf("%s: source %q, want the policy file %q", f, path, c.Policy.ConfigFile)
					}
					got = append(got, f)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("marked %v, want %v", got, tc.want)
			}
		})
	}
}

// TestReportFormatFromPath: a --report PATH or -o PATH without a format
// takes it from the path's ending; -f wins over -o's ending, which wins
// over the policy file's format; any other ending of -o keeps the format.
func TestReportFormatFromPath(t *testing.T) {
	for _, tc := range []struct {
		name, policy string
		args         []flagArg
		format       string
		reports      []ReportTarget
	}{
		{"--report PATH", "", []flagArg{{"report", "out/audit.HTML"}, {"report", "scan.sarif.json"}, {"report", "junit=j.xml"}}, "table",
			[]ReportTarget{{"html", "out/audit.HTML", "out/audit.HTML"}, {"sarif", "scan.sarif.json", "scan.sarif.json"}, {"junit", "j.xml", "junit=j.xml"}}},
		{"-o PATH", "", []flagArg{{"output", "listaudit.sarif"}}, "sarif", nil},
		{"-o PATH over the policy file", "report: {format: json}", []flagArg{{"output", "summary.md"}}, "markdown", nil},
		{"-f over -o PATH", "", []flagArg{{"output", "report.json"}, {"format", "csv"}}, "csv", nil},
		{"-o of no known ending", "report: {format: json}", []flagArg{{"output", "report.txt"}}, "json", nil},
		{"-o -", "", []flagArg{{"output", "-"}}, "table", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := resolveWith(t, Check, tc.policy, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			if c.Format != tc.format || !reflect.DeepEqual(c.Reports, tc.reports) {
				t.Errorf("format %q, reports %+v; want %q, %+v", c.Format, c.Reports, tc.format, tc.reports)
			}
		})
	}
}

// TestResolveErrors: a bad flag names the flag; a header mapped to two
// fields, one by --map and one by the policy file, names the file.
func TestResolveErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		policy string
		args   []flagArg
		want   string
	}{
		{"duration", "", []flagArg{{"consent-max-age", "2y"}}, `--consent-max-age: bad duration "2y": unknown unit "y" (want w, d or h)`},
		{"age in minutes", "", []flagArg{{"consent-max-age", "6m"}}, `--consent-max-age: bad duration "6m": m is minutes, not months, in an age (want w, d or h; for 6 months write 182d)`},
		{"window in months", "", []flagArg{{"message-window", "1mo"}}, `--message-window: bad duration "1mo": months are no unit: their length varies (want w, d, h, m or s; for 1 month write 30d)`},
		{"negative count", "", []flagArg{{"limit", "-1"}}, `--limit: -1 is negative (0 shows all)`},
		{"region", "", []flagArg{{"region", "XX"}}, `--region: "XX" is not a country listaudit knows: give a country code such as KE, GB or FR`},
		{"region misspelt", "", []flagArg{{"region", "Frnace"}}, `--region: "Frnace" is not a country listaudit knows: did you mean FR (France)?`},
		{"report target", "", []flagArg{{"report", "sarif"}}, `--report "sarif": want FORMAT=PATH, e.g. --report sarif=listaudit.sarif, or a PATH ending in .html, .htm, .json, .sarif, .sarif.json, .xml, .md or .csv, which names the format`},
		{"report path of no known ending", "", []flagArg{{"report", "audit.txt"}}, `--report "audit.txt": want FORMAT=PATH, e.g. --report sarif=listaudit.sarif, or a PATH ending in .html, .htm, .json, .sarif, .sarif.json, .xml, .md or .csv, which names the format`},
		{"report format unknown", "", []flagArg{{"report", "pdf=audit.pdf"}}, `--report pdf=audit.pdf: unknown format "pdf" (want csv, github, html, json, junit, markdown, sarif or table)`},
		{"map", "", []flagArg{{"map", "mobile=Phone"}}, `--map "mobile=Phone": unknown field "mobile" (fields: phone, consent_source, consent_at, opted_out, opted_out_at, last_contacted_at, last_active_at, messages_sent, country, id, name, email, consent_channel, consent_purpose, consent_brand, consent_type, consent_confirmed_at)`},
		{"map conflict among flags", "", []flagArg{{"map", "phone=Mobile"}, {"map", "id=mobile"}}, `--map id=mobile: header "mobile" is also mapped to phone`},
		{"map conflict with the file", "columns: {phone: Mobile}", []flagArg{{"map", "id=Mobile"}},
			`--map id=Mobile: header "Mobile" is also mapped to phone in `},
		{"of several clashes with the file, the first field's", "columns: {phone: A, name: B}", []flagArg{{"map", "id=B"}, {"map", "email=A"}},
			`--map email=A: header "A" is also mapped to phone in `},
		{"file error first", "stale_after: 0d", []flagArg{{"limit", "-1"}}, `.listaudit.yaml:1: stale_after: bad duration "0d": zero (want more than 0, e.g. 7d)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := resolveWith(t, Check, tc.policy, tc.args...)
			if err == nil || !hasPrefixOrSuffix(err.Error(), tc.want) {
				t.Errorf("got %v\nwant %s", err, tc.want)
			}
		})
	}
}

// hasPrefixOrSuffix matches an error that names a temporary directory by
// what comes before it or after it.
func hasPrefixOrSuffix(got, want string) bool {
	return len(got) >= len(want) && (got[:len(want)] == want || got[len(got)-len(want):] == want)
}

// TestArgsFor: the flags given that fix takes too, as given, in table
// order; check's own flags are left out.
func TestArgsFor(t *testing.T) {
	flags := NewFlags(Check)
	for _, a := range []flagArg{
		{"limit", "0"}, {"suppress", `dnc.txt,"a,b.txt"`}, {"region", "KE"}, {"strict", "true"},
		{"format", "json"}, {"suppress", "more.txt"}, {"require-double-opt-in", "false"}, {"output", "r.json"},
	} {
		if err := flags.Lookup(a.name).Set(a.value); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"--region", "KE", "--require-double-opt-in=false", "--strict", "--suppress", `dnc.txt,"a,b.txt"`, "--suppress", "more.txt"}
	if got := flags.ArgsFor(Fix); !reflect.DeepEqual(got, want) {
		t.Errorf("ArgsFor(Fix) = %q, want %q", got, want)
	}
}

// TestRegionTakesCountryCells: --region takes what a country cell takes,
// through the same reader, and holds the region code.
func TestRegionTakesCountryCells(t *testing.T) {
	for in, want := range map[string]string{
		"KE": "KE", "ke": "KE", " KE ": "KE", "UK": "GB", "Kenya": "KE", "KEN": "KE", "FRA": "FR",
		"+254": "KE", "254": "KE", "United Kingdom": "GB", "Deutschland": "DE", "": "",
		// Names in the export languages (French, Spanish, Portuguese, German).
		"Kenia": "KE", "Maroc": "MA", "Chine": "CN", "Alemania": "DE", "Holanda": "NL", "Suíça": "CH",
	} {
		c, err := resolveWith(t, Check, "", flagArg{"region", in})
		if err != nil {
			t.Errorf("--region %q: %v", in, err)
			continue
		}
		if c.Policy.DefaultRegion != want {
			t.Errorf("--region %q: region %q, want %q", in, c.Policy.DefaultRegion, want)
		}
	}
}
