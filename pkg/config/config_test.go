package config

import (
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

var update = flag.Bool("update", false, "rewrite golden files")

func ptr[T any](v T) *T { return &v }

func dur(t *testing.T, s string) *domain.Duration {
	t.Helper()
	d, err := domain.ParseDuration(s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

// show renders a Config for failure messages.
func show(c Config) string {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// applied is what a file makes of check's defaults.
func applied(t *testing.T, f *File) Config {
	t.Helper()
	c := Defaults(Check)
	if err := f.Apply(&c, Check); err != nil {
		t.Fatal(err)
	}
	return c
}

func parse(t *testing.T, path, text string) *File {
	t.Helper()
	f, err := Parse(path, []byte(text))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

const full = `# every key
region: ke
date_format: "02/01/2006"
delimiter: ";"
input_format: ndjson
columns:
  phone: "Mobile, work"
  consent_at: Opt-in date
consent:
  max_age: 104w
  sources: [web_form, checkout, keyword_sms, paper_form]
  require:
    - consent_text_version
    - consent_ip
  require_double_opt_in: true
stale_after: 180d
messages:
  max: 3
  window: 36h
quiet_hours:
  start: "22:00"
  end: 6:30
fail_on: warning
drop_on: warning
strict: true
opt_out_scope: channel
campaign:
  channel: WhatsApp
  purpose: promotional
  brand: Acme Shoes
jurisdictions:
  us-fl: {send_window: "09:00-20:00", max_messages: 2}
  CA: {consent_max_age: 52w, message_window: 24h, send_window: {start: "10:00", end: "18:00"}}
rules:
  severity:
    phone-not-mobile: error
    stale: info
  disabled: [stale]
  enabled: [duplicate]
suppress: [dnc.txt, /abs/list.csv, ../shared/partner.sha256]
messages_log: [logs/sends.csv]
baseline: .listaudit-baseline.json
report:
  format: json
  limit: 0
  sarif_max_results: 5000
  title: Q3 campaign
  author: "Compliance <dpo@example.com>"
`

func TestParseEveryKey(t *testing.T) {
	path := filepath.Join("conf", ".listaudit.yaml")
	got := applied(t, parse(t, path, full))
	want := Defaults(Check)
	want.Policy = domain.Policy{
		ConfigFile:     path,
		DefaultRegion:  "KE",
		DateFormat:     "02/01/2006",
		ConsentMaxAge:  *dur(t, "104w"),
		ConsentSources: []string{"web_form", "checkout", "keyword_sms", "paper_form"},
		ConsentRequire: []string{"consent_text_version", "consent_ip"},
		StaleAfter:     *dur(t, "180d"),
		MaxMessages:    3,
		MessageWindow:  *dur(t, "36h"),
		QuietHours:     domain.QuietHours{Start: 22 * 60, End: 6*60 + 30},
		FailOn:         domain.Threshold{Severity: domain.Warning},
		Strict:         true,
		Severity:       map[string]domain.Severity{"phone-not-mobile": domain.Error, "stale": domain.Info},
		// rules.disabled: [stale], and rules.enabled: [duplicate] takes
		// out nothing more.
		Disabled:    []string{"stale"},
		Suppress:    []string{filepath.Join("conf", "dnc.txt"), filepath.FromSlash("/abs/list.csv"), filepath.Join("shared", "partner.sha256")},
		MessageLogs: []string{filepath.Join("conf", "logs", "sends.csv")},
		Baseline:    filepath.Join("conf", ".listaudit-baseline.json"),

		RequireDoubleOptIn: true,
		OptOutScope:        domain.OptOutPerChannel,
		Channel:            domain.ChannelWhatsApp,
		Purpose:            domain.PurposeMarketing,
		Brand:              "Acme Shoes",
		Jurisdictions: domain.Jurisdictions{Builtin: true, Overrides: map[string]domain.JurisdictionOverride{
			"US-FL": {SendWindow: &domain.QuietHours{Start: 9 * 60, End: 20 * 60}, MaxMessages: ptr(2)},
			"CA": {SendWindow: &domain.QuietHours{Start: 10 * 60, End: 18 * 60}, MessageWindow: dur(t, "24h"),
				ConsentMaxAge: dur(t, "52w")},
		}},
	}
	want.Input.Delimiter, want.Input.Format = ';', "ndjson"
	want.Columns = map[domain.Field]string{domain.FieldPhone: "Mobile, work", domain.FieldConsentAt: "Opt-in date"}
	want.Format = "json"
	want.Report.Limit, want.Report.SARIFMaxResults = 0, 5000
	want.Report.Title, want.Report.Author = "Q3 campaign", "Compliance <dpo@example.com>"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", show(got), show(want))
	}
	// drop_on is fix's: check does not apply it.
	fix := Defaults(Fix)
	if err := parse(t, path, full).Apply(&fix, Fix); err != nil {
		t.Fatal(err)
	}
	if got.DropOn != domain.Error || fix.DropOn != domain.Warning {
		t.Errorf("drop_on: warning gives check %v and fix %v, want error and warning", got.DropOn, fix.DropOn)
	}
	for _, s := range table {
		if s.Key != "" && !parse(t, path, full).Sets(s.Key) {
			t.Errorf("the full file does not set %s", s.Key)
		}
	}
}

func TestParseValues(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		check      func(*File, Config) bool
	}{
		{"delimiter tab", "delimiter: tab", func(_ *File, c Config) bool { return c.Input.Delimiter == '\t' }},
		{"delimiter escaped tab", `delimiter: "\t"`, func(_ *File, c Config) bool { return c.Input.Delimiter == '\t' }},
		{"delimiter pipe", `delimiter: "|"`, func(_ *File, c Config) bool { return c.Input.Delimiter == '|' }},
		{"delimiter comma", `delimiter: ","`, func(_ *File, c Config) bool { return c.Input.Delimiter == ',' }},
		{"delimiter empty", `delimiter: ""`, func(f *File, c Config) bool { return f.Sets("delimiter") && c.Input.Delimiter == 0 }},
		{"region empty means none", `region: ""`, func(f *File, c Config) bool { return f.Sets("region") && c.Policy.DefaultRegion == "" }},
		{"region NO is Norway, not false", `region: NO`, func(_ *File, c Config) bool { return c.Policy.DefaultRegion == "NO" }},
		{"region as a country cell: UK", `region: UK`, func(_ *File, c Config) bool { return c.Policy.DefaultRegion == "GB" }},
		{"region as a country cell: a name", `region: Kenya`, func(_ *File, c Config) bool { return c.Policy.DefaultRegion == "KE" }},
		{"region as a country cell: a calling code", `region: "+254"`, func(_ *File, c Config) bool { return c.Policy.DefaultRegion == "KE" }},
		{"fail_on never", "fail_on: never", func(_ *File, c Config) bool { return c.Policy.FailOn.Never }},
		{"quoted number", `report: {limit: "10"}`, func(_ *File, c Config) bool { return c.Report.Limit == 10 }},
		{"hex number", `messages: {max: 0x10}`, func(_ *File, c Config) bool { return c.Policy.MaxMessages == 16 }},
		{"strict false is set", "strict: false", func(f *File, c Config) bool { return f.Sets("strict") && !c.Policy.Strict }},
		{"empty list is set", "consent: {sources: []}", func(f *File, c Config) bool {
			return f.Sets("consent.sources") && c.Policy.ConsentSources != nil && len(c.Policy.ConsentSources) == 0
		}},
		{"null list is unset", "consent: {sources: }", func(f *File, _ Config) bool { return !f.Sets("consent.sources") }},
		{"null key is unset", "region:\nfail_on: ~", func(f *File, _ Config) bool { return !f.Sets("region") && !f.Sets("fail_on") }},
		{"null section is unset", "consent:\nrules:\nquiet_hours:", func(f *File, _ Config) bool { return len(f.values) == 0 }},
		{"empty columns is set", "columns: {}", func(f *File, c Config) bool { return f.Sets("columns") && len(c.Columns) == 0 }},
		{"empty severity is set", "rules: {severity: {}}", func(f *File, _ Config) bool { return f.Sets("rules.severity") }},
		{"overnight quiet hours", `quiet_hours: {start: "21:00", end: "00:00"}`, func(_ *File, c Config) bool {
			return c.Policy.QuietHours == domain.QuietHours{Start: 21 * 60, End: 0}
		}},
		{"anchors and aliases", "report: {format: &f json}\nconsent: {sources: [*f]}", func(_ *File, c Config) bool {
			return c.Format == "json" && c.Policy.ConsentSources[0] == "json"
		}},
		{"empty baseline", `baseline: ""`, func(f *File, c Config) bool { return f.Sets("baseline") && c.Policy.Baseline == "" }},
		{"document marker", "---\nregion: KE\n...\n", func(_ *File, c Config) bool { return c.Policy.DefaultRegion == "KE" }},
		{"input format alias", "input_format: jsonl", func(_ *File, c Config) bool { return c.Input.Format == "ndjson" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := parse(t, ".listaudit.yaml", tc.text)
			if c := applied(t, f); !tc.check(f, c) {
				t.Errorf("%s", show(c))
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	for _, text := range []string{"", "\n", "# only a comment\n", "---\n", "~\n", "null", "---\n...\n"} {
		f := parse(t, "c.yaml", text)
		if f.Path != "c.yaml" || len(f.values) != 0 {
			t.Errorf("%q: got %s, want an empty config", text, show(applied(t, f)))
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		// The top level.
		{"not a mapping", "- a\n- b\n", `.listaudit.yaml:1: not a YAML mapping (want key: value lines, e.g. region: KE)`},
		{"scalar document", "hello\n", `.listaudit.yaml:1: not a YAML mapping (want key: value lines, e.g. region: KE)`},
		{"unknown key with suggestion", "region: KE\n\n\n\n\n\ncolums:\n  phone: Mobile\n", `.listaudit.yaml:7: unknown key "colums" (did you mean "columns"?)`},
		{"unknown key, dash for underscore", "fail-on: error", `.listaudit.yaml:1: unknown key "fail-on" (did you mean "fail_on"?)`},
		{"unknown key, flag name", "region: KE\nmax-messages: 3", `.listaudit.yaml:2: unknown key "max-messages" (did you mean "messages.max"?)`},
		{"unknown key, flat name", "consent_max_age: 90d", `.listaudit.yaml:1: unknown key "consent_max_age" (did you mean "consent.max_age"?)`},
		{"unknown key, no suggestion", "colour: red", `.listaudit.yaml:1: unknown key "colour"`},
		{"unknown nested key", "consent:\n  max_agee: 90d", `.listaudit.yaml:2: consent: unknown key "max_agee" (did you mean "max_age"?)`},
		{"unknown nested key, deep", "rules:\n  disable: [stale]", `.listaudit.yaml:2: rules: unknown key "disable" (did you mean "disabled"?)`},
		{"unknown report key", "report:\n  formt: json", `.listaudit.yaml:2: report: unknown key "formt" (did you mean "format"?)`},
		{"duplicate key", "region: KE\nstrict: true\nregion: TZ", `.listaudit.yaml:3: duplicate key "region" (first on line 1)`},
		{"duplicate nested key", "messages:\n  max: 1\n  max: 2", `.listaudit.yaml:3: messages: duplicate key "max" (first on line 2)`},
		{"anchored unknown key", "base: &b {max: 1}\n", `.listaudit.yaml:1: unknown key "base"`},
		{"merge key in section", "messages:\n  <<: {max: 1}", `.listaudit.yaml:2: messages: merge keys (<<) are not supported`},
		{"list as key", "[a, b]: c", `.listaudit.yaml:1: want a name as the key, got a list`},

		// YAML syntax.
		{"syntax error", "region: KE\nconsent:\n  max_age: [730d\n", `.listaudit.yaml:3: invalid YAML: did not find expected ',' or ']'`},
		{"syntax error on line 1", "delimiter: ,\n", `.listaudit.yaml:1: invalid YAML: did not find expected node content`},
		{"unclosed flow list", "a: 1\nb: [1\nc: 2\n", `.listaudit.yaml:2: invalid YAML: did not find expected ',' or ']'`},
		{"list in mapping", "a:\n  - 1\n  b: 2\n", `.listaudit.yaml:2: invalid YAML: did not find expected '-' indicator`},
		{"missing colon", "a: 1\nb: 2\nc 2\nd: 3\n", `.listaudit.yaml:3: invalid YAML: could not find expected ':'`},
		{"colon in value", "a: 1\nb: c: d\n", `.listaudit.yaml:2: invalid YAML: mapping values are not allowed in this context`},
		{"unclosed quote", "a: 1\nb: \"abc\n", `.listaudit.yaml:2: invalid YAML: found unexpected end of stream`},
		{"bad indentation", "consent:\n  max_age: 1d\n sources: []\n", `.listaudit.yaml:3: invalid YAML: did not find expected key`},
		{"tab indentation", "consent:\n\tmax_age: 1d\n", `.listaudit.yaml:2: invalid YAML: found character that cannot start any token (a tab: indent with spaces)`},
		{"two documents", "region: KE\n---\nregion: TZ\n", `.listaudit.yaml:2: a second YAML document: a config file holds one (remove the ---)`},
		{"unknown anchor", "region: *nowhere\n", `.listaudit.yaml: invalid YAML: unknown anchor 'nowhere' referenced`},

		// Values.
		{"bad region", "region: XX", `.listaudit.yaml:1: region: "XX" is not a country listaudit knows: give a country code such as KE, GB or FR`},
		{"misspelt region", "region: Kenyaa", `.listaudit.yaml:1: region: "Kenyaa" is not a country listaudit knows: did you mean KE (Kenya)?`},
		{"region named in Italian", "region: Marocco", `.listaudit.yaml:1: region: "Marocco" is not a country listaudit knows: did you mean MA (Morocco)?`},
		{"date format without a date", "date_format: bogus", `.listaudit.yaml:1: date_format: "bogus" is not a Go time layout of a whole date: write how your dates show 2006-01-02, e.g. 02/01/2006`},
		{"region list", "region: [KE]", `.listaudit.yaml:1: region: want a string, got a list`},
		{"bad delimiter", "delimiter: x", `.listaudit.yaml:1: delimiter: "x" is not one of , ; | tab`},
		{"bare pipe delimiter", "delimiter: |\nregion: KE", `.listaudit.yaml:1: delimiter: a bare | or > starts a YAML block: quote it, e.g. delimiter: "|"`},
		{"bad input format", "input_format: xml", `.listaudit.yaml:1: input_format: unknown format "xml" (want csv, tsv, json, ndjson, vcard or xlsx)`},
		{"bad duration", "region: KE\nconsent:\n  max_age: 2y", `.listaudit.yaml:3: consent.max_age: bad duration "2y": unknown unit "y" (want w, d or h)`},
		{"duration without unit", "stale_after: 365", `.listaudit.yaml:1: stale_after: bad duration "365" (want a number and a unit: w, d or h, e.g. 730d)`},
		{"bad window", "messages:\n  window: soon", `.listaudit.yaml:2: messages.window: bad duration "soon" (want a number and a unit: w, d, h, m or s, e.g. 730d)`},
		{"age in minutes", "stale_after: 6m", `.listaudit.yaml:1: stale_after: bad duration "6m": m is minutes, not months, in an age (want w, d or h; for 6 months write 182d)`},
		{"override age in months", "jurisdictions:\n  US: {consent_max_age: 18mo}", `.listaudit.yaml:2: jurisdictions.US.consent_max_age: bad duration "18mo": months are no unit: their length varies (want w, d or h; for 18 months write 547d)`},
		{"negative max", "messages:\n  max: -1", `.listaudit.yaml:2: messages.max: -1 is negative`},
		{"max not a number", "messages:\n  max: two", `.listaudit.yaml:2: messages.max: want a whole number, got "two"`},
		{"max a float", "messages:\n  max: 2.5", `.listaudit.yaml:2: messages.max: want a whole number, got "2.5"`},
		{"messages as a list", "messages: [sends.csv]", `.listaudit.yaml:1: messages: want a mapping (max, window), got a list; send logs go in messages_log`},
		{"negative limit", "report:\n  limit: -5", `.listaudit.yaml:2: report.limit: -5 is negative (0 shows all)`},
		{"bad fail_on", "fail_on: fatal", `.listaudit.yaml:1: fail_on: unknown fail-on level "fatal" (want error, warning, info or never)`},
		{"bad strict", "strict: yes", `.listaudit.yaml:1: strict: want true or false, got "yes"`},
		{"section not a mapping", "consent: web_form", `.listaudit.yaml:1: consent: want a mapping of max_age, sources, require, require_double_opt_in, got "web_form"`},
		{"top-level list for mapping", "report: [json]", `.listaudit.yaml:1: report: want a mapping (key: value lines), got a list`},

		// Lists.
		{"string for list", "consent:\n  sources: web_form", `.listaudit.yaml:2: consent.sources: want a list, got a string (write [web_form])`},
		{"comma string for list", "consent:\n  sources: web_form, checkout", `.listaudit.yaml:2: consent.sources: want a list, got a string (write [web_form, checkout])`},
		{"mapping for list", "suppress: {a: b}", `.listaudit.yaml:1: suppress: want a list, got a mapping`},
		{"nested list item", "consent:\n  sources:\n    - web_form\n    - [a, b]", `.listaudit.yaml:4: consent.sources: want a string in the list, got a list`},
		{"empty list item", "consent:\n  require: [a, \"\"]", `.listaudit.yaml:2: consent.require: empty item`},
		{"null list item", "suppress:\n  - a.txt\n  -\n", `.listaudit.yaml:3: suppress: want a string in the list, got nothing`},
		{"too many evidence columns", "consent:\n  require: [a, b, c, d, e, f, g, h, i]", `.listaudit.yaml:2: consent.require: 9 evidence columns; at most 8`},
		{"stdin path", "messages_log: [\"-\"]", `.listaudit.yaml:1: messages_log: "-" (standard input) cannot be named in a config file`},

		// Columns.
		{"unknown field", "region: KE\ncolumns:\n  mobile: Mobile", `.listaudit.yaml:3: columns: unknown field "mobile" ("mobile" is a header listaudit matches to phone; did you mean "phone"? fields: phone, consent_source, consent_at, opted_out, opted_out_at, last_contacted_at, last_active_at, messages_sent, country, id, name, email, consent_channel, consent_purpose, consent_brand, consent_type, consent_confirmed_at)`},
		{"unknown field, near miss", "columns:\n  consent_date_: Date", `.listaudit.yaml:2: columns: unknown field "consent_date_" ("consent_date_" is a header listaudit matches to consent_at; did you mean "consent_at"? fields: phone, consent_source, consent_at, opted_out, opted_out_at, last_contacted_at, last_active_at, messages_sent, country, id, name, email, consent_channel, consent_purpose, consent_brand, consent_type, consent_confirmed_at)`},
		{"unknown field, no hint", "columns:\n  mobilee: Mobile", `.listaudit.yaml:2: columns: unknown field "mobilee" (fields: phone, consent_source, consent_at, opted_out, opted_out_at, last_contacted_at, last_active_at, messages_sent, country, id, name, email, consent_channel, consent_purpose, consent_brand, consent_type, consent_confirmed_at)`},
		{"unknown field, typo", "columns:\n  phon: Mobile", `.listaudit.yaml:2: columns: unknown field "phon" (did you mean "phone"? fields: phone, consent_source, consent_at, opted_out, opted_out_at, last_contacted_at, last_active_at, messages_sent, country, id, name, email, consent_channel, consent_purpose, consent_brand, consent_type, consent_confirmed_at)`},
		{"columns written backwards", "columns:\n  Mobile Number: phone", `.listaudit.yaml:2: columns: unknown field "Mobile Number" (write field: header, e.g. phone: "Mobile Number")`},
		{"empty header", "columns:\n  phone: \"\"", `.listaudit.yaml:2: columns.phone: empty header (leave the field out to match it by alias)`},
		{"null header", "columns:\n  phone:\n", `.listaudit.yaml:2: columns.phone: empty header (leave the field out to match it by alias)`},
		{"header mapped twice", "columns:\n  consent_at: Date\n  opted_out_at: date", `.listaudit.yaml:3: columns.opted_out_at: header "date" is also mapped to consent_at`},
		{"columns as list", "columns: [phone]", `.listaudit.yaml:1: columns: want a mapping of field: header, got a list`},

		// Quiet hours.
		{"bad quiet hours", "quiet_hours:\n  start: \"8am\"\n  end: \"21:00\"", `.listaudit.yaml:2: quiet_hours.start: bad time "8am" (want HH:MM, 00:00 to 23:59)`},
		{"quiet hours 24:00", "quiet_hours:\n  start: \"08:00\"\n  end: \"24:00\"", `.listaudit.yaml:3: quiet_hours.end: bad time "24:00" (want HH:MM, 00:00 to 23:59)`},
		{"quiet hours minutes", "quiet_hours: {start: \"08:60\", end: \"21:00\"}", `.listaudit.yaml:1: quiet_hours.start: bad time "08:60" (want HH:MM, 00:00 to 23:59)`},
		{"quiet hours missing end", "quiet_hours:\n  start: \"08:00\"", `.listaudit.yaml:2: quiet_hours: end is missing (want both start and end)`},
		{"quiet hours missing start", "quiet_hours: {end: \"21:00\"}", `.listaudit.yaml:1: quiet_hours: start is missing (want both start and end)`},
		{"quiet hours empty", "quiet_hours: {}", `.listaudit.yaml:1: quiet_hours: want start and end, e.g. {start: "08:00", end: "21:00"}`},
		{"quiet hours empty window", "quiet_hours: {start: \"09:00\", end: \"9:00\"}", `.listaudit.yaml:1: quiet_hours: start and end are both 09:00: the sending window would be empty`},
		{"quiet hours as string", "quiet_hours: 08:00-21:00", `.listaudit.yaml:1: quiet_hours: want a mapping of start, end, got "08:00-21:00"`},

		// Rules.
		{"unknown rule in severity", strings.Repeat("\n", 19) + "rules:\n  severity:\n    phone-bogus: error", `.listaudit.yaml:22: rules.severity: unknown rule "phone-bogus" (see 'listaudit rules')`},
		{"near-miss rule in severity", "rules:\n  severity:\n    phone-not-mobil: error", `.listaudit.yaml:3: rules.severity: unknown rule "phone-not-mobil" (did you mean "phone-not-mobile"?)`},
		{"bad severity", "rules:\n  severity:\n    stale: fatal", `.listaudit.yaml:3: rules.severity.stale: unknown severity "fatal" (want error, warning or info)`},
		{"severity off", "rules:\n  severity:\n    stale: off", `.listaudit.yaml:3: rules.severity.stale: unknown severity "off" (want error, warning or info); to turn the rule off, list it in rules.disabled`},
		{"null severity", "rules:\n  severity:\n    stale:", `.listaudit.yaml:3: rules.severity.stale: unknown severity "" (want error, warning or info)`},
		{"unknown rule in disabled", "rules:\n  disabled:\n    - stale\n    - phone-bogus", `.listaudit.yaml:4: rules.disabled: unknown rule "phone-bogus" (see 'listaudit rules')`},
		{"unknown rule in enabled", "rules:\n  enabled: [stal]", `.listaudit.yaml:2: rules.enabled: unknown rule "stal" (did you mean "stale"?)`},
		{"rule id with spaces", "rules:\n  disabled: [\" stale\"]", `.listaudit.yaml:2: rules.disabled: unknown rule " stale" (did you mean "stale"?)`},
		{"severity with spaces", "rules:\n  severity:\n    stale: \" error\"", `.listaudit.yaml:3: rules.severity.stale: unknown severity " error" (want error, warning or info)`},
		{"enabled and disabled", "rules:\n  disabled: [stale, duplicate]\n  enabled:\n    - opted-out\n    - duplicate", `.listaudit.yaml:5: rules.enabled: "duplicate" is also in rules.disabled`},
		{"disabled and enabled", "rules:\n  enabled: [stale]\n  disabled: [stale]", `.listaudit.yaml:3: rules.disabled: "stale" is also in rules.enabled`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(".listaudit.yaml", []byte(tc.text))
			if err == nil {
				t.Fatalf("no error; got %s", show(applied(t, f)))
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error is %T, not *Error", err)
			}
		})
	}
}

func TestErrorNamesPath(t *testing.T) {
	_, err := Parse(filepath.Join("team", "policy.yaml"), []byte("\nregion: XX"))
	want := filepath.Join("team", "policy.yaml") + `:2: region: "XX" is not a country listaudit knows: give a country code such as KE, GB or FR`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".listaudit.yaml")
	if err := os.WriteFile(path, []byte("region: KE\nsuppress: [dnc.txt, sub/x.csv]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c := applied(t, f)
	if f.Path != path || c.Policy.DefaultRegion != "KE" {
		t.Errorf("got %s", show(c))
	}
	want := []string{filepath.Join(dir, "dnc.txt"), filepath.Join(dir, "sub", "x.csv")}
	if !reflect.DeepEqual(c.Policy.Suppress, want) {
		t.Errorf("suppress: got %q, want %q", c.Policy.Suppress, want)
	}

	missing := filepath.Join(dir, "nope.yaml")
	_, err = Load(missing)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: got %v, want fs.ErrNotExist", err)
	}
	if err != nil && err.Error() != missing+": no such file or directory" {
		t.Errorf("missing file: got %q", err)
	}

	if _, err := Load(dir); err == nil || err.Error() != dir+": is a directory, not a config file" {
		t.Errorf("directory: got %v", err)
	}

	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, maxSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || err.Error() != big+": larger than 1 MiB: not a listaudit config file" {
		t.Errorf("big file: got %v", err)
	}
}

func TestRelativePaths(t *testing.T) {
	for _, tc := range []struct {
		config, path, want string
	}{
		{".listaudit.yaml", "dnc.txt", "dnc.txt"},
		{"./.listaudit.yaml", "./dnc.txt", "dnc.txt"},
		{"conf/.listaudit.yaml", "dnc.txt", "conf/dnc.txt"},
		{"conf/.listaudit.yaml", "../lists/dnc.txt", "lists/dnc.txt"},
		{"/etc/listaudit/policy.yaml", "dnc.txt", "/etc/listaudit/dnc.txt"},
		{"conf/.listaudit.yaml", "/srv/dnc.txt", "/srv/dnc.txt"},
	} {
		config, want := filepath.FromSlash(tc.config), filepath.FromSlash(tc.want)
		text := "suppress: [" + tc.path + "]\nmessages_log: [" + tc.path + "]\nbaseline: " + tc.path
		p := applied(t, parse(t, config, text)).Policy
		if p.Suppress[0] != want || p.MessageLogs[0] != want || p.Baseline != want {
			t.Errorf("%s in %s: got %q, %q, %q; want %q", tc.path, config, p.Suppress[0], p.MessageLogs[0], p.Baseline, want)
		}
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	if p, ok := Find(dir); ok {
		t.Errorf("empty dir: found %s", p)
	}
	yml := filepath.Join(dir, ".listaudit.yml")
	if err := os.WriteFile(yml, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if p, ok := Find(dir); !ok || p != yml {
		t.Errorf("got %q, %v; want %s", p, ok, yml)
	}
	yaml := filepath.Join(dir, ".listaudit.yaml")
	if err := os.WriteFile(yaml, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if p, ok := Find(dir); !ok || p != yaml {
		t.Errorf("both: got %q, %v; want %s (.yaml first)", p, ok, yaml)
	}

	if p, ok := Find("."); ok {
		t.Errorf("package dir: found %s", p)
	}
}

// TestResolveUnreadablePolicy: a .listaudit.yaml that is there but cannot
// be read as a policy file (a link to a missing file, a directory) is an
// error naming it, not a run with the defaults; nor is a .listaudit.yml
// beside it read in its place (QA cicomp F1).
func TestResolveUnreadablePolicy(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(path string) error
		want string
	}{
		{"dangling link", func(p string) error { return os.Symlink(filepath.Join("missing", "policy.yaml"), p) }, "no such file or directory"},
		{"directory", func(p string) error { return os.Mkdir(p, 0o700) }, "is a directory, not a config file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			yaml := filepath.Join(dir, ".listaudit.yaml")
			if err := tc.make(yaml); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, ".listaudit.yml"), []byte("region: KE\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			c, err := Resolve(Request{Command: Check, Dir: dir})
			if err == nil || !strings.HasPrefix(err.Error(), yaml+": ") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Resolve: %v, %v; want an error %q naming %s", c, err, tc.want, yaml)
			}
		})
	}
}

func TestApply(t *testing.T) {
	c := Defaults(Check)
	if err := (&File{}).Apply(&c, Check); err != nil || !reflect.DeepEqual(c.Policy, domain.DefaultPolicy()) {
		t.Errorf("an empty file changed the policy: %+v, %v", c.Policy, err)
	}
	var none *File
	if err := none.Apply(&c, Check); err != nil || !reflect.DeepEqual(c.Policy, domain.DefaultPolicy()) {
		t.Errorf("no file changed the policy: %+v, %v", c.Policy, err)
	}

	f := parse(t, ".listaudit.yaml", "region: ke\nconsent: {max_age: 90d}\nmessages: {max: 0}\nfail_on: never")
	c = Defaults(Check)
	c.Policy.DateFormat = "2006/01/02" // the file does not touch it
	if err := f.Apply(&c, Check); err != nil {
		t.Fatal(err)
	}
	want := domain.DefaultPolicy()
	want.ConfigFile = ".listaudit.yaml"
	want.DefaultRegion = "KE"
	want.DateFormat = "2006/01/02"
	want.ConsentMaxAge = *dur(t, "90d")
	want.MaxMessages = 0
	want.FailOn = domain.Threshold{Never: true}
	if !reflect.DeepEqual(c.Policy, want) {
		t.Errorf("got %+v, want %+v", c.Policy, want)
	}

	f = parse(t, ".listaudit.yaml", full)
	c = Config{}
	if err := f.Apply(&c, Check); err != nil {
		t.Fatal(err)
	}
	want = domain.Policy{
		ConfigFile:    ".listaudit.yaml",
		DefaultRegion: "KE", DateFormat: "02/01/2006",
		ConsentMaxAge: *dur(t, "104w"), StaleAfter: *dur(t, "180d"),
		MessageWindow: *dur(t, "36h"), MaxMessages: 3,
		FailOn:             domain.Threshold{Severity: domain.Warning},
		ConsentSources:     []string{"web_form", "checkout", "keyword_sms", "paper_form"},
		ConsentRequire:     []string{"consent_text_version", "consent_ip"},
		QuietHours:         domain.QuietHours{Start: 22 * 60, End: 6*60 + 30},
		Strict:             true,
		Severity:           map[string]domain.Severity{"phone-not-mobile": domain.Error, "stale": domain.Info},
		Disabled:           []string{"stale"},
		Suppress:           []string{"dnc.txt", "/abs/list.csv", "../shared/partner.sha256"},
		MessageLogs:        []string{"logs/sends.csv"},
		Baseline:           ".listaudit-baseline.json",
		RequireDoubleOptIn: true, OptOutScope: domain.OptOutPerChannel,
		Channel: domain.ChannelWhatsApp, Purpose: domain.PurposeMarketing, Brand: "Acme Shoes",
		Jurisdictions: domain.Jurisdictions{Builtin: true, Overrides: map[string]domain.JurisdictionOverride{
			"US-FL": {SendWindow: &domain.QuietHours{Start: 9 * 60, End: 20 * 60}, MaxMessages: ptr(2)},
			"CA":    {SendWindow: &domain.QuietHours{Start: 10 * 60, End: 18 * 60}, MessageWindow: dur(t, "24h"), ConsentMaxAge: dur(t, "52w")},
		}},
	}
	if !reflect.DeepEqual(c.Policy, want) {
		t.Errorf("got %+v, want %+v", c.Policy, want)
	}

	// fix takes the policy but not check's report settings; inspect only
	// how lists are read.
	c = Defaults(Fix)
	if err := f.Apply(&c, Fix); err != nil || c.Format != "table" || c.Report.Title != "" || c.Policy.DefaultRegion != "KE" {
		t.Errorf("fix: format %q, title %q, region %q, %v", c.Format, c.Report.Title, c.Policy.DefaultRegion, err)
	}
	c = Defaults(Inspect)
	if err := f.Apply(&c, Inspect); err != nil || c.Policy.DefaultRegion != "" || c.Input.Format != "ndjson" || c.Input.Delimiter != ';' || len(c.Columns) != 2 {
		t.Errorf("inspect: region %q, input %q %q, columns %v, %v", c.Policy.DefaultRegion, c.Input.Format, c.Input.Delimiter, c.Columns, err)
	}
}

// TestLoadThroughLink: a policy file reached through a link resolves its
// relative paths against its own directory, not the link's, so that a
// file of the same name beside the link is not read instead (QA cicomp
// F3).
func TestLoadThroughLink(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shared, "policy.yaml"), []byte("suppress: [dnc.txt]\nbaseline: base.json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, ".listaudit.yaml")
	if err := os.Symlink(filepath.Join("shared", "policy.yaml"), link); err != nil {
		t.Fatal(err)
	}
	f, err := Load(link)
	if err != nil {
		t.Fatal(err)
	}
	c := Defaults(Check)
	if err := f.Apply(&c, Check); err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(shared, "dnc.txt"); !reflect.DeepEqual(c.Policy.Suppress, []string{want}) {
		t.Errorf("suppress %q, want [%q]", c.Policy.Suppress, want)
	}
	if want := filepath.Join(shared, "base.json"); c.Policy.Baseline != want {
		t.Errorf("baseline %q, want %q", c.Policy.Baseline, want)
	}
	if f.Path != link {
		t.Errorf("path %q, want the link's %q, as named", f.Path, link)
	}
}
