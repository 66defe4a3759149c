package config

import (
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/report"
	"github.com/listaudit/listaudit/pkg/rules"
)

// A kind is how one type of setting is written and checked: on the command
// line (text), in the policy file (node), in the init template (yaml) and
// as a default in --help (help). Every setting of a kind is parsed and
// checked by the same two functions, so a flag and a policy key that set
// one thing accept the same values with the same messages.
type kind[T any] struct {
	// flag says how the flag takes its values, and names its type in
	// --help as pflag names it.
	flag flagShape
	// text parses and checks what was given on the command line: the last
	// value of a single flag, every value of a repeatable one.
	text func(vals []string) (T, error)
	// node parses and checks a policy file's value; set is false for a
	// null, which leaves the setting as it was.
	node func(d *decoder, v *yaml.Node, key string) (val T, set bool, err error)
	// yaml writes a value as the init template does.
	yaml func(T) string
	// help writes a value as --help shows a default ("" shows none).
	help func(T) string
}

// flagShape is how a flag takes values, named as pflag names the type.
type flagShape string

const (
	flagString      flagShape = "string"      // one value; the last given wins
	flagInt         flagShape = "int"         // one whole number, checked as pflag checks it
	flagBool        flagShape = "bool"        // --flag or --flag=false
	flagStringArray flagShape = "stringArray" // repeatable, each value whole
	flagStringSlice flagShape = "stringSlice" // repeatable, each value split at commas
)

// itemError is a bad item of a flag's value, named by the item:
// "--map "x": unknown field" rather than "--map: ...".
type itemError struct {
	item string
	err  error
}

func (e *itemError) Error() string { return e.item + ": " + e.err.Error() }
func (e *itemError) Unwrap() error { return e.err }

// scalar makes the kind of a single value that the command line and the
// policy file write as the same text.
func scalar[T any](flag flagShape, parse func(string) (T, error), show func(T) string) kind[T] {
	return kind[T]{
		flag: flag,
		text: func(vals []string) (T, error) { return parse(vals[len(vals)-1]) },
		node: func(d *decoder, v *yaml.Node, key string) (T, bool, error) {
			var zero T
			s, ok, err := d.str(v, key)
			if !ok || err != nil {
				return zero, false, err
			}
			t, err := parse(s)
			if err != nil {
				return zero, false, d.errorf(v, key, "%v", err)
			}
			return t, true, nil
		},
		yaml: func(t T) string { return quoteIfNeeded(show(t)) },
		help: show,
	}
}

// quoteIfNeeded writes a word or a duration bare and quotes anything YAML
// could read as something else: empty text, numbers, true, null,
// punctuation.
func quoteIfNeeded(s string) string {
	if plainWord.MatchString(s) && !yamlWords[strings.ToLower(s)] || durationText.MatchString(s) {
		return s
	}
	return quote(s)
}

var (
	plainWord    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)
	durationText = regexp.MustCompile(`^([0-9]+[wdhms])+$`)
	yamlWords    = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "null": true, "y": true, "n": true}
)

// textKind is free text: a title, a sheet name.
var textKind = scalar(flagString, func(s string) (string, error) { return s, nil }, func(s string) string { return s })

// fileFlagKind is a file only a flag names (--config, -o,
// --write-baseline): an empty value, as an unset variable gives, is an
// error rather than no file, which would silently drop the policy or send
// a report elsewhere.
var fileFlagKind = scalar(flagString, func(s string) (string, error) {
	if s == "" {
		return "", errEmptyName
	}
	return s, nil
}, func(s string) string { return s })

// readFileKind is a file only a flag names and listaudit reads besides the
// lists (--config): neither empty nor "-", which is no file here.
var readFileKind = scalar(flagString, func(s string) (string, error) {
	if err := readName(s); err != nil {
		return "", err
	}
	return s, nil
}, func(s string) string { return s })

var (
	errEmptyName = errors.New("empty file name (an unset variable?)")
	// errStdin: standard input holds the lists ("-"); the policy and the
	// evidence files are named.
	errStdin = errors.New(`"-" (standard input) cannot be read here: name a file`)
)

// readName checks the name of a file a flag gives to be read.
func readName(s string) error {
	switch s {
	case "":
		return errEmptyName
	case "-":
		return errStdin
	}
	return nil
}

// pathKind is a file a flag names; in a policy file a relative path is
// resolved against the file's directory.
var pathKind = func() kind[string] {
	k := textKind
	k.text = func(vals []string) (string, error) {
		// "" is no file, as in the policy file (--baseline "" reads none).
		if s := vals[len(vals)-1]; s == "-" {
			return "", errStdin
		}
		return vals[len(vals)-1], nil
	}
	k.node = func(d *decoder, v *yaml.Node, key string) (string, bool, error) {
		s, ok, err := d.str(v, key)
		if !ok || err != nil {
			return "", false, err
		}
		p, err := d.resolvePath(v, key, s)
		return p, err == nil, err
	}
	return k
}()

// pathsKind is a repeatable list of files; the settings add a flag's list
// to the policy file's (addPaths).
var pathsKind = kind[[]string]{
	flag: flagStringArray,
	text: func(vals []string) ([]string, error) {
		for _, s := range vals {
			if err := readName(s); err != nil {
				return nil, err
			}
		}
		return append([]string{}, vals...), nil
	},
	node: func(d *decoder, v *yaml.Node, key string) ([]string, bool, error) { return d.list(v, key, true) },
	yaml: yamlList,
	help: noHelp[[]string],
}

// wordsKind is a list of words only a policy file gives (consent sources).
var wordsKind = kind[[]string]{
	flag: flagStringArray,
	text: func(vals []string) ([]string, error) { return append([]string{}, vals...), nil },
	node: func(d *decoder, v *yaml.Node, key string) ([]string, bool, error) { return d.list(v, key, false) },
	yaml: yamlList,
	help: noHelp[[]string],
}

// evidenceKind is the list of consent evidence columns a policy requires:
// at most domain.MaxEvidence.
var evidenceKind = func() kind[[]string] {
	k := wordsKind
	k.node = func(d *decoder, v *yaml.Node, key string) ([]string, bool, error) {
		l, ok, err := d.list(v, key, false)
		if err == nil && len(l) > domain.MaxEvidence {
			err = d.errorf(v, key, "%d evidence columns; at most %d", len(l), domain.MaxEvidence)
		}
		return l, ok && err == nil, err
	}
	return k
}()

func yamlList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = quoteIfNeeded(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func noHelp[T any](T) string { return "" }

// boolKind is on or off; a policy file writes true or false, nothing else.
var boolKind = kind[bool]{
	flag: flagBool,
	text: func(vals []string) (bool, error) { return strconv.ParseBool(vals[len(vals)-1]) },
	node: func(d *decoder, v *yaml.Node, key string) (bool, bool, error) {
		v = resolve(v)
		if isNull(v) {
			return false, false, nil
		}
		var b bool
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
			return false, false, d.errorf(v, key, "want true or false, got %s", describe(v))
		}
		return b, true, nil
	},
	yaml: strconv.FormatBool,
	help: noHelp[bool],
}

// countKind is a whole number of 0 or more; hint says what 0 means, for
// the error about a negative one.
func countKind(hint string) kind[int] {
	check := func(n int64) (int, error) {
		if n < 0 {
			return 0, fmt.Errorf("%d is negative%s", n, hint)
		}
		return int(n), nil
	}
	return kind[int]{
		flag: flagInt,
		text: func(vals []string) (int, error) {
			n, err := strconv.ParseInt(vals[len(vals)-1], 0, 64)
			if err != nil {
				return 0, err
			}
			return check(n)
		},
		node: func(d *decoder, v *yaml.Node, key string) (int, bool, error) {
			n, ok, err := d.count(v, key)
			if !ok || err != nil {
				return 0, false, err
			}
			c, err := check(int64(n))
			if err != nil {
				return 0, false, d.errorf(v, key, "%v", err)
			}
			return c, true, nil
		},
		yaml: strconv.Itoa,
		help: strconv.Itoa,
	}
}

var durationKind = scalar(flagString, domain.ParseDuration, domain.Duration.String)

// ageKind is a duration that is an age (of consent, of activity): in w, d
// or h, so that "6m" is not read as six minutes.
var ageKind = scalar(flagString, domain.ParseAge, domain.Duration.String)

// regionKind is a country as the country column reads it
// (phone.RegionFromCountry: "KE", "ke", "UK", "Kenya", "KEN", "+254"),
// held as its region code ("KE"); "" is none.
var regionKind = scalar(flagString, parseRegion, func(s string) string { return s })

// parseRegion reads a --region or region: value as a country cell is read,
// so that whatever a list's country column may say, the flag takes too.
func parseRegion(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	if r, ok := phone.RegionFromCountry(s); ok {
		return r, nil
	}
	if hint := phone.SuggestRegion(s); hint != "" {
		return "", fmt.Errorf("%q is not a country listaudit knows: did you mean %s?", s, hint)
	}
	return "", fmt.Errorf("%q is not a country listaudit knows: give a country code such as KE, GB or FR", s)
}

// jurisdictionKind is a jurisdiction code (jurisdiction.ParseCode): a
// country, or US-XX or CA-XX; "" is none.
var jurisdictionKind = scalar(flagString, func(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	return jurisdiction.ParseCode(s)
}, func(s string) string { return s })

// layoutKind is a date format, held as the Go time layout of a whole date:
// a pattern (DD/MM/YYYY) or a Go layout (02/01/2006), as
// cellvalue.DateLayout reads it; "" is none.
var layoutKind = scalar(flagString, func(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	return cellvalue.DateLayout(s)
}, func(s string) string { return s })

// delimiterKind is a CSV delimiter (input.ParseDelimiter); 0 detects it.
var delimiterKind = func() kind[rune] {
	k := scalar(flagString, input.ParseDelimiter, input.DelimiterName)
	node := k.node
	k.node = func(d *decoder, v *yaml.Node, key string) (rune, bool, error) {
		if r := resolve(v); r != nil && r.Kind == yaml.ScalarNode && r.Value == "" && r.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return 0, false, d.errorf(r, key, `a bare | or > starts a YAML block: quote it, e.g. delimiter: "|"`)
		}
		return node(d, v, key)
	}
	k.yaml = func(r rune) string { return quote(input.DelimiterName(r)) }
	k.help = noHelp[rune]
	return k
}()

// inputFormatKind names an input format or one of its aliases
// (input.ParseFormat); "" takes it from the file.
var inputFormatKind = func() kind[string] {
	k := scalar(flagString, input.ParseFormat, func(s string) string { return s })
	k.yaml = quote
	k.help = noHelp[string]
	return k
}()

// encodingKind names a text encoding (input.ParseEncoding); "" detects it.
var encodingKind = func() kind[string] {
	k := scalar(flagString, input.ParseEncoding, func(s string) string { return s })
	k.help = noHelp[string]
	return k
}()

var thresholdKind = scalar(flagString, domain.ParseThreshold, domain.Threshold.String)

var severityKind = scalar(flagString, domain.ParseSeverity, domain.Severity.String)

// reportFormatKind names a report format of the report registry.
var reportFormatKind = scalar(flagString, func(s string) (string, error) {
	_, err := report.Lookup(s)
	return s, err
}, func(s string) string { return s })

// summaryFormatKind names a format of what fix and inspect print.
var summaryFormatKind = scalar(flagString, domain.ParseSummaryFormat, func(s string) string { return s })

// channelKind is a campaign's channel (domain.ParseCampaignChannel); 0
// is none declared.
var channelKind = scalar(flagString, domain.ParseCampaignChannel, func(c domain.Channel) string {
	if c == 0 {
		return ""
	}
	return c.String()
})

// purposeKind is a campaign's purpose (domain.ParsePurpose); 0 is none.
var purposeKind = scalar(flagString, domain.ParsePurpose, func(p domain.Purpose) string {
	if p == 0 {
		return ""
	}
	return p.String()
})

var optOutScopeKind = scalar(flagString, domain.ParseOptOutScope, domain.OptOutScope.String)

// jurisdictionsKind turns the built-in jurisdiction table on or off:
// builtin or off on the command line; in a policy file also a mapping of
// jurisdiction codes to the values the policy sets for them (which turns
// the table on).
var jurisdictionsKind = kind[domain.Jurisdictions]{
	flag: flagString,
	text: func(vals []string) (domain.Jurisdictions, error) { return ParseJurisdictionsMode(vals[len(vals)-1]) },
	node: func(d *decoder, v *yaml.Node, key string) (domain.Jurisdictions, bool, error) {
		if r := resolve(v); r != nil && r.Kind == yaml.MappingNode {
			return d.jurisdictions(r, key)
		}
		s, ok, err := d.str(v, key)
		if !ok || err != nil {
			return domain.Jurisdictions{}, false, err
		}
		j, err := ParseJurisdictionsMode(s)
		if err != nil {
			return j, false, d.errorf(v, key, "%v", err)
		}
		return j, true, nil
	},
	yaml: func(j domain.Jurisdictions) string { return j.String() },
	help: domain.Jurisdictions.String,
}

// JurisdictionsModes are the words --jurisdictions takes.
var JurisdictionsModes = []string{"builtin", "off"}

// ParseJurisdictionsMode reads --jurisdictions: builtin (also built-in or
// on) or off (also none, or nothing).
func ParseJurisdictionsMode(s string) (domain.Jurisdictions, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "builtin", "built-in", "on":
		return domain.Jurisdictions{Builtin: true}, nil
	case "off", "none", "":
		return domain.Jurisdictions{}, nil
	}
	return domain.Jurisdictions{}, fmt.Errorf("unknown jurisdictions mode %q (want %s; in a policy file also a mapping of jurisdiction codes to their settings)",
		s, domain.OrList(JurisdictionsModes))
}

// timeKind is an instant: RFC 3339, or a date meaning midnight UTC. The
// zero time is none.
var timeKind = scalar(flagString, parseTime, func(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
})

func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not RFC 3339 (2026-01-15T09:00:00Z) or a date (2026-01-15)", s)
}

// windowKind is the local sending window: HH:MM-HH:MM on the command
// line, {start, end} in a policy file.
var windowKind = kind[domain.QuietHours]{
	flag: flagString,
	text: func(vals []string) (domain.QuietHours, error) { return parseWindow(vals[len(vals)-1]) },
	node: func(d *decoder, v *yaml.Node, key string) (domain.QuietHours, bool, error) { return d.window(v, key) },
	yaml: func(q domain.QuietHours) string {
		return fmt.Sprintf("\n  start: %q\n  end: %q", q.Start.String(), q.End.String())
	},
	help: func(q domain.QuietHours) string { return q.Start.String() + "-" + q.End.String() },
}

func parseWindow(s string) (domain.QuietHours, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return domain.QuietHours{}, fmt.Errorf("%q: want START-END, e.g. 08:00-21:00", s)
	}
	start, err := domain.ParseClockTime(strings.TrimSpace(from))
	if err != nil {
		return domain.QuietHours{}, err
	}
	end, err := domain.ParseClockTime(strings.TrimSpace(to))
	if err != nil {
		return domain.QuietHours{}, err
	}
	if start == end {
		return domain.QuietHours{}, fmt.Errorf("%q: the sending window would be empty", s)
	}
	return domain.QuietHours{Start: start, End: end}, nil
}

// ruleListKind is a list of rule ids; on the command line, repeated or
// comma-separated.
var ruleListKind = kind[[]string]{
	flag: flagStringSlice,
	text: func(vals []string) ([]string, error) {
		for _, id := range vals {
			if err := rules.Check(id); err != nil {
				return nil, err
			}
		}
		return append([]string{}, vals...), nil
	},
	node: func(d *decoder, v *yaml.Node, key string) ([]string, bool, error) { return d.ruleList(v, key) },
	yaml: yamlList,
	help: noHelp[[]string],
}

// severitiesKind sets rules' severities; only a policy file does.
var severitiesKind = kind[map[string]domain.Severity]{
	flag: flagStringArray,
	text: func([]string) (map[string]domain.Severity, error) {
		return nil, errors.New("set in the policy file only")
	},
	node: func(d *decoder, v *yaml.Node, key string) (map[string]domain.Severity, bool, error) {
		return d.severities(v, key)
	},
	yaml: func(m map[string]domain.Severity) string {
		if len(m) == 0 {
			return "{}"
		}
		pairs := make([]string, 0, len(m))
		for _, id := range slices.Sorted(maps.Keys(m)) {
			pairs = append(pairs, id+": "+m[id].String())
		}
		return "{" + strings.Join(pairs, ", ") + "}"
	},
	help: noHelp[map[string]domain.Severity],
}

// columnsKind maps fields to the headers of their columns: --map
// field=HEADER, or columns: in a policy file. Two fields cannot share a
// header.
var columnsKind = kind[map[domain.Field]string]{
	flag: flagStringArray,
	text: parseMap,
	node: func(d *decoder, v *yaml.Node, key string) (map[domain.Field]string, bool, error) {
		return d.columns(v, key)
	},
	yaml: nil, // written by writeColumns, which needs the file it was detected from
	help: noHelp[map[domain.Field]string],
}

// parseMap reads --map field=HEADER pairs; a header may contain commas and
// equals signs, so only the first = splits. A later --map of the same
// field wins.
func parseMap(pairs []string) (map[domain.Field]string, error) {
	m := make(map[domain.Field]string, len(pairs))
	byHeader := map[string]domain.Field{}
	for _, p := range pairs {
		name, header, ok := strings.Cut(p, "=")
		if !ok || header == "" {
			return nil, &itemError{strconv.Quote(p), errors.New(`want field=HEADER, e.g. --map phone="Mobile Number"`)}
		}
		f, ok := domain.FieldByName(strings.TrimSpace(name))
		if !ok {
			return nil, &itemError{strconv.Quote(p), fmt.Errorf("unknown field %q (fields: %s)", name, strings.Join(fieldNames(), ", "))}
		}
		// Another field on the same header would leave one of them
		// without a column.
		key := mapKey(header)
		if other, taken := byHeader[key]; taken && other != f && m[other] != "" && mapKey(m[other]) == key {
			return nil, &itemError{p, fmt.Errorf("header %q is also mapped to %s", header, other)}
		}
		byHeader[key] = f
		m[f] = header
	}
	return m, nil
}

var reportTargetsKind = kind[[]ReportTarget]{
	flag: flagStringArray,
	text: func(vals []string) ([]ReportTarget, error) {
		out := make([]ReportTarget, 0, len(vals))
		for _, spec := range vals {
			name, path, ok := strings.Cut(spec, "=")
			if !ok {
				// A PATH alone: its ending names the format.
				name, ok = report.FormatForPath(spec)
				path = spec
			}
			if !ok || name == "" || path == "" {
				return nil, &itemError{strconv.Quote(spec), errors.New("want FORMAT=PATH, e.g. --report sarif=listaudit.sarif, or a PATH ending in " +
					domain.OrList(report.Extensions()) + ", which names the format")}
			}
			if _, err := report.Lookup(name); err != nil {
				return nil, &itemError{spec, err}
			}
			out = append(out, ReportTarget{Format: name, Path: path, Spec: spec})
		}
		return out, nil
	},
	node: func(d *decoder, v *yaml.Node, key string) ([]ReportTarget, bool, error) {
		return nil, false, d.errorf(v, key, "set on the command line only")
	},
	help: noHelp[[]ReportTarget],
}

// splitCommas splits one value of a comma-separated flag as pflag's
// string slices do: as a line of CSV, so a quoted item may hold a comma.
func splitCommas(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	return csv.NewReader(strings.NewReader(s)).Read()
}
