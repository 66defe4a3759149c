package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/rules"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// decoder walks the YAML tree of one file into a File. Every method
// returns the first problem as an *Error; the walk follows the file's
// order, so the error is the first one in the file.
type decoder struct {
	path string // the file, for errors
	dir  string // the file's directory, for relative paths
	f    *File
}

// field is one key of a mapping with fixed keys.
type field struct {
	name string
	set  func(v *yaml.Node, key string) error
}

func (d *decoder) errorf(n *yaml.Node, key, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &Error{Path: d.path, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// resolve follows aliases (*anchor) to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names what a node is, for "want X, got Y" errors.
func describe(n *yaml.Node) string {
	switch {
	case n == nil, isNull(n):
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "an alias"
}

// top decodes the root node.
func (d *decoder) top(root *yaml.Node) error {
	root = resolve(root)
	if isNull(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		return d.errorf(root, "", "not a YAML mapping (want key: value lines, e.g. region: KE)")
	}
	f := d.f
	return d.fields(root, "", []field{
		{"region", func(v *yaml.Node, key string) error {
			s, ok, err := d.str(v, key)
			if !ok || err != nil {
				return err
			}
			r := strings.ToUpper(strings.TrimSpace(s))
			if r != "" && !phone.IsRegion(r) {
				return d.errorf(v, key, "%q is not an ISO 3166 alpha-2 region the phone metadata knows", s)
			}
			f.Region = &r
			return nil
		}},
		{"date_format", func(v *yaml.Node, key string) error {
			s, ok, err := d.str(v, key)
			if !ok || err != nil {
				return err
			}
			if s != "" {
				if err := cellvalue.CheckLayout(s); err != nil {
					return d.errorf(v, key, "%v", err)
				}
			}
			f.DateFormat = &s
			return nil
		}},
		{"delimiter", func(v *yaml.Node, key string) error {
			s, ok, err := d.str(v, key)
			if !ok || err != nil {
				return err
			}
			if s == "" && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				return d.errorf(v, key, `a bare | or > starts a YAML block: quote it, e.g. delimiter: "|"`)
			}
			var c string
			switch s {
			case "", ",", ";", "|":
				c = s
			case "tab", "TAB", `\t`, "\t":
				c = "tab"
			default:
				return d.errorf(v, key, "%q is not one of , ; | tab", s)
			}
			f.Delimiter = &c
			return nil
		}},
		{"input_format", func(v *yaml.Node, key string) error {
			s, ok, err := d.str(v, key)
			if !ok || err != nil {
				return err
			}
			switch s {
			case "", "csv", "tsv", "json", "ndjson", "vcard", "xlsx":
			default:
				return d.errorf(v, key, "unknown format %q (want csv, tsv, json, ndjson, vcard or xlsx)", s)
			}
			f.InputFormat = &s
			return nil
		}},
		{"columns", d.columns},
		{"consent", func(v *yaml.Node, key string) error {
			return d.fields(v, key, []field{
				{"max_age", d.setDuration(&f.Consent.MaxAge)},
				{"sources", d.setList(&f.Consent.Sources, false)},
				{"require", func(v *yaml.Node, key string) error {
					if err := d.setList(&f.Consent.Require, false)(v, key); err != nil {
						return err
					}
					if len(f.Consent.Require) > domain.MaxEvidence {
						return d.errorf(v, key, "%d evidence columns; at most %d", len(f.Consent.Require), domain.MaxEvidence)
					}
					return nil
				}},
			})
		}},
		{"stale_after", d.setDuration(&f.StaleAfter)},
		{"messages", func(v *yaml.Node, key string) error {
			if v = resolve(v); v.Kind == yaml.SequenceNode {
				return d.errorf(v, key, "want a mapping (max, window), got a list; send logs go in messages_log")
			}
			return d.fields(v, key, []field{
				{"max", d.setCount(&f.Messages.Max, "")},
				{"window", d.setDuration(&f.Messages.Window)},
			})
		}},
		{"quiet_hours", d.quietHours},
		{"fail_on", func(v *yaml.Node, key string) error {
			s, ok, err := d.str(v, key)
			if !ok || err != nil {
				return err
			}
			t, err := domain.ParseThreshold(s)
			if err != nil {
				return d.errorf(v, key, "%v", err)
			}
			f.FailOn = &t
			return nil
		}},
		{"strict", func(v *yaml.Node, key string) error {
			if isNull(v) {
				return nil
			}
			var b bool
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
				return d.errorf(v, key, "want true or false, got %s", describe(v))
			}
			f.Strict = &b
			return nil
		}},
		{"rules", d.rules},
		{"suppress", d.setList(&f.Suppress, true)},
		{"messages_log", d.setList(&f.MessagesLog, true)},
		{"baseline", func(v *yaml.Node, key string) error {
			s, ok, err := d.str(v, key)
			if !ok || err != nil {
				return err
			}
			if s, err = d.resolvePath(v, key, s); err != nil {
				return err
			}
			f.Baseline = &s
			return nil
		}},
		{"report", func(v *yaml.Node, key string) error {
			return d.fields(v, key, []field{
				{"format", d.setStr(&f.Report.Format)},
				{"limit", d.setCount(&f.Report.Limit, " (0 shows all)")},
				{"sarif_max_results", d.setCount(&f.Report.SARIFMaxResults, " (0 lists every finding)")},
				{"title", d.setStr(&f.Report.Title)},
				{"author", d.setStr(&f.Report.Author)},
			})
		}},
	})
}

// topAliases maps names people may reach for (flag names, the keys of
// other tools) to the key that says it here, for "did you mean".
var topAliases = map[string]string{
	"default_region":    "region",
	"map":               "columns",
	"mapping":           "columns",
	"column_map":        "columns",
	"consent_max_age":   "consent.max_age",
	"max_age":           "consent.max_age",
	"sources":           "consent.sources",
	"consent_sources":   "consent.sources",
	"require":           "consent.require",
	"consent_require":   "consent.require",
	"max_messages":      "messages.max",
	"message_window":    "messages.window",
	"messages_window":   "messages.window",
	"window":            "messages.window",
	"severity":          "rules.severity",
	"severities":        "rules.severity",
	"disable":           "rules.disabled",
	"disabled":          "rules.disabled",
	"enable":            "rules.enabled",
	"enabled":           "rules.enabled",
	"send_log":          "messages_log",
	"send_logs":         "messages_log",
	"messages_logs":     "messages_log",
	"suppression":       "suppress",
	"suppression_list":  "suppress",
	"suppression_lists": "suppress",
	"format":            "report.format",
	"limit":             "report.limit",
	"sarif_max_results": "report.sarif_max_results",
	"max_results":       "report.sarif_max_results",
	"title":             "report.title",
	"author":            "report.author",
	"quiet_hours_start": "quiet_hours.start",
	"quiet_hours_end":   "quiet_hours.end",
}

// mapping walks the pairs of a mapping node in order: keys must be
// strings and unique. A null node is an unset setting.
func (d *decoder) mapping(n *yaml.Node, key, want string, each func(k, v *yaml.Node, name string) error) error {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return d.errorf(n, key, "want %s, got %s", want, describe(n))
	}
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode || isNull(k) {
			return d.errorf(k, key, "want a name as the key, got %s", describe(k))
		}
		if k.ShortTag() == "!!merge" {
			return d.errorf(k, key, "merge keys (<<) are not supported")
		}
		if line, dup := seen[k.Value]; dup {
			return d.errorf(k, key, "duplicate key %q (first on line %d)", k.Value, line)
		}
		seen[k.Value] = k.Line
		if err := each(k, v, k.Value); err != nil {
			return err
		}
	}
	return nil
}

// fields walks a mapping with fixed keys.
func (d *decoder) fields(n *yaml.Node, key string, fs []field) error {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	want := "a mapping of " + strings.Join(names, ", ")
	if len(fs) > 4 {
		want = "a mapping (key: value lines)"
	}
	return d.mapping(n, key, want, func(k, v *yaml.Node, name string) error {
		for _, f := range fs {
			if f.name == name {
				return f.set(v, join(key, name))
			}
		}
		hint := suggest(name, names)
		if hint == "" && key == "" {
			hint = topAliases[strings.TrimLeft(strings.ReplaceAll(strings.ToLower(name), "-", "_"), "_")]
		}
		return d.errorf(k, key, "unknown key %q%s", name, didYouMean(hint))
	})
}

// str reads a scalar as a string; ok is false when the value is null.
func (d *decoder) str(v *yaml.Node, key string) (s string, ok bool, err error) {
	v = resolve(v)
	if isNull(v) {
		return "", false, nil
	}
	if v.Kind != yaml.ScalarNode {
		return "", false, d.errorf(v, key, "want a string, got %s", describe(v))
	}
	return v.Value, true, nil
}

func (d *decoder) setStr(dst **string) func(*yaml.Node, string) error {
	return func(v *yaml.Node, key string) error {
		s, ok, err := d.str(v, key)
		if ok {
			*dst = &s
		}
		return err
	}
}

func (d *decoder) setDuration(dst **domain.Duration) func(*yaml.Node, string) error {
	return func(v *yaml.Node, key string) error {
		s, ok, err := d.str(v, key)
		if !ok || err != nil {
			return err
		}
		dur, err := domain.ParseDuration(s)
		if err != nil {
			return d.errorf(v, key, "%v", err)
		}
		*dst = &dur
		return nil
	}
}

// setCount reads a whole number ≥ 0; a quoted number is accepted.
func (d *decoder) setCount(dst **int, negHint string) func(*yaml.Node, string) error {
	return func(v *yaml.Node, key string) error {
		v = resolve(v)
		if isNull(v) {
			return nil
		}
		var n int
		ok := v.Kind == yaml.ScalarNode
		if ok {
			if v.ShortTag() == "!!int" {
				ok = v.Decode(&n) == nil
			} else {
				var err error
				n, err = strconv.Atoi(strings.TrimSpace(v.Value))
				ok = err == nil
			}
		}
		if !ok {
			return d.errorf(v, key, "want a whole number, got %s", describe(v))
		}
		if n < 0 {
			return d.errorf(v, key, "%d is negative%s", n, negHint)
		}
		*dst = &n
		return nil
	}
}

// setList reads a list of non-empty strings. A single string is an error,
// not a one-item list: "web_form, checkout" would silently be one item.
// paths resolves each item against the file's directory. null leaves the
// setting unset; [] sets it to a non-nil empty list.
func (d *decoder) setList(dst *[]string, paths bool) func(*yaml.Node, string) error {
	return func(v *yaml.Node, key string) error {
		v = resolve(v)
		if isNull(v) {
			return nil
		}
		if v.Kind == yaml.ScalarNode {
			return d.errorf(v, key, "want a list, got a string (write [%s])", v.Value)
		}
		if v.Kind != yaml.SequenceNode {
			return d.errorf(v, key, "want a list, got %s", describe(v))
		}
		out := make([]string, 0, len(v.Content))
		for _, it := range v.Content {
			it = resolve(it)
			if it == nil || it.Kind != yaml.ScalarNode || isNull(it) {
				return d.errorf(it, key, "want a string in the list, got %s", describe(it))
			}
			s := strings.TrimSpace(it.Value)
			if s == "" {
				return d.errorf(it, key, "empty item")
			}
			if paths {
				var err error
				if s, err = d.resolvePath(it, key, s); err != nil {
					return err
				}
			}
			out = append(out, s)
		}
		*dst = out
		return nil
	}
}

// resolvePath resolves a relative path against the file's directory; ""
// stays "" (no file).
func (d *decoder) resolvePath(v *yaml.Node, key, p string) (string, error) {
	switch {
	case p == "":
		return "", nil
	case p == "-":
		return "", d.errorf(v, key, `"-" (standard input) cannot be named in a config file`)
	case filepath.IsAbs(p):
		return filepath.Clean(p), nil
	}
	return filepath.Join(d.dir, p), nil
}

// fieldNames lists the fields a column mapping can name, in field order.
func fieldNames() []string {
	names := make([]string, 0, domain.NumNamedFields)
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		names = append(names, f.Name())
	}
	return names
}

// normalise compares headers as the list readers match them.
func normalise(s string) string { return textfile.HeaderKey(s) }

func (d *decoder) columns(v *yaml.Node, key string) error {
	cols := map[domain.Field]string{}
	byHeader := map[string]domain.Field{}
	err := d.mapping(v, key, "a mapping of field: header", func(k, v *yaml.Node, name string) error {
		fld, ok := domain.FieldByName(name)
		if !ok {
			return d.errorf(k, key, "unknown field %q%s", name, d.fieldHint(name, v))
		}
		header, set, err := d.str(v, join(key, name))
		if err != nil {
			return err
		}
		if !set || strings.TrimSpace(header) == "" {
			return d.errorf(v, join(key, name), "empty header (leave the field out to match it by alias)")
		}
		n := normalise(header)
		if n == "" {
			n = header
		}
		if other, dup := byHeader[n]; dup {
			return d.errorf(v, join(key, name), "header %q is also mapped to %s", header, other)
		}
		byHeader[n] = fld
		cols[fld] = header
		return nil
	})
	if err != nil || isNull(resolve(v)) {
		return err
	}
	d.f.Columns = cols
	return nil
}

// fieldHint explains an unknown field in columns: a near-miss, a header
// alias of a field ("mobile" is phone), or the mapping written backwards
// ("Mobile": phone).
func (d *decoder) fieldHint(name string, v *yaml.Node) string {
	all := " (fields: " + strings.Join(fieldNames(), ", ") + ")"
	if v = resolve(v); v != nil && v.Kind == yaml.ScalarNode {
		if f, ok := domain.FieldByName(strings.TrimSpace(v.Value)); ok {
			return fmt.Sprintf(" (write field: header, e.g. %s: %q)", f.Name(), name)
		}
	}
	if s := suggest(name, fieldNames()); s != "" {
		return fmt.Sprintf(" (did you mean %q? %s", s, all[2:])
	}
	n := normalise(name)
	for _, fa := range input.Aliases() {
		for _, a := range fa.Aliases {
			if normalise(a) == n && n != "" {
				return fmt.Sprintf(" (%q is a header listaudit matches to %s; did you mean %q? %s", name, fa.Field.Name(), fa.Field.Name(), all[2:])
			}
		}
	}
	return all
}

func ruleIDs() []string {
	ids := make([]string, len(rules.Catalogue))
	for i, r := range rules.Catalogue {
		ids[i] = r.ID
	}
	return ids
}

// ruleID checks a rule id against the catalogue.
func (d *decoder) ruleID(n *yaml.Node, key, id string) error {
	if _, ok := rules.Lookup(id); ok {
		return nil
	}
	hint := " (see 'listaudit rules')"
	if s := suggest(id, ruleIDs()); s != "" {
		hint = didYouMean(s)
	}
	return d.errorf(n, key, "unknown rule %q%s", id, hint)
}

func (d *decoder) rules(v *yaml.Node, key string) error {
	r := &d.f.Rules
	ruleList := func(dst *[]string) func(*yaml.Node, string) error {
		return func(v *yaml.Node, key string) error {
			if err := d.setList(dst, false)(v, key); err != nil || isNull(resolve(v)) {
				return err
			}
			for i, it := range resolve(v).Content {
				if err := d.ruleID(resolve(it), key, (*dst)[i]); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return d.fields(v, key, []field{
		{"severity", func(v *yaml.Node, key string) error {
			m := map[string]domain.Severity{}
			err := d.mapping(v, key, "a mapping of rule: severity", func(k, v *yaml.Node, id string) error {
				if err := d.ruleID(k, key, id); err != nil {
					return err
				}
				s, ok, err := d.str(v, join(key, id))
				if err != nil {
					return err
				}
				sev, perr := domain.ParseSeverity(strings.TrimSpace(s))
				if !ok || perr != nil {
					msg := fmt.Sprintf("unknown severity %q (want error, warning or info)", s)
					switch strings.ToLower(s) {
					case "off", "none", "never", "disabled", "disable", "ignore":
						msg += "; to turn the rule off, list it in rules.disabled"
					}
					return d.errorf(v, join(key, id), "%s", msg)
				}
				m[id] = sev
				return nil
			})
			if err == nil && !isNull(resolve(v)) {
				r.Severity = m
			}
			return err
		}},
		{"disabled", func(v *yaml.Node, key string) error {
			if err := ruleList(&r.Disabled)(v, key); err != nil {
				return err
			}
			return d.conflict(v, key, r.Enabled, r.Disabled, "rules.enabled")
		}},
		{"enabled", func(v *yaml.Node, key string) error {
			if err := ruleList(&r.Enabled)(v, key); err != nil {
				return err
			}
			return d.conflict(v, key, r.Disabled, r.Enabled, "rules.disabled")
		}},
	})
}

// conflict rejects a rule listed both in rules.enabled and rules.disabled;
// list is the one just read (from node v), other the one read before.
func (d *decoder) conflict(v *yaml.Node, key string, other, list []string, otherKey string) error {
	v = resolve(v)
	for i, id := range list {
		if slices.Contains(other, id) {
			return d.errorf(resolve(v.Content[i]), key, "%q is also in %s", id, otherKey)
		}
	}
	return nil
}
