package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
	"github.com/listaudit/listaudit/pkg/rules"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// decoder walks the YAML tree of one policy file, key by key in the
// file's order, finding each key's setting in the table; the first problem
// is returned as an *Error naming the file, the line and the key.
type decoder struct {
	path string // the file, for errors
	dir  string // the file's directory, for relative paths
	f    *File
	// rules holds the rule lists read so far (rules.disabled,
	// rules.enabled), to refuse a rule in both.
	rules map[string]ruleList
}

type ruleList struct {
	ids   []string
	nodes []*yaml.Node
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

// top decodes the root node: a mapping of the table's keys.
func (d *decoder) top(root *yaml.Node) error {
	root = resolve(root)
	if isNull(root) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		return d.errorf(root, "", "not a YAML mapping (want key: value lines, e.g. region: KE)")
	}
	return d.section(root, "")
}

// section decodes a mapping whose keys are the table's keys under prefix
// ("" for the top, "consent" for consent.max_age...).
func (d *decoder) section(n *yaml.Node, prefix string) error {
	names := keysUnder(prefix)
	want := "a mapping of " + strings.Join(names, ", ")
	if len(names) > 4 {
		want = "a mapping (key: value lines)"
	}
	return d.mapping(n, prefix, want, func(k, v *yaml.Node, name string) error {
		key := join(prefix, name)
		if s := byKey(key); s != nil {
			if key != s.Key {
				d.f.former = append(d.f.former, key)
			}
			return d.setting(s, v, key)
		}
		if slices.Contains(names, name) {
			return d.subsection(v, key)
		}
		hint := domain.Nearest(name, names)
		if hint == "" && prefix == "" {
			hint = keyAlias(name)
		}
		return d.errorf(k, prefix, "unknown key %q%s", name, didYouMean(hint))
	})
}

func (d *decoder) subsection(v *yaml.Node, key string) error {
	if r := resolve(v); key == "messages" && r != nil && r.Kind == yaml.SequenceNode {
		// messages: [sends.csv] is a send log put under the cap's key.
		return d.errorf(r, key, "want a mapping (max, window), got a list; send logs go in messages_log")
	}
	return d.section(v, key)
}

// setting decodes one key's value and records it in the file.
func (d *decoder) setting(s *Setting, v *yaml.Node, key string) error {
	apply, set, err := s.fromNode(d, v, key)
	if err != nil || !set {
		return err
	}
	d.f.values = append(d.f.values, fileValue{setting: s, apply: apply})
	return nil
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

// count reads a whole number; a quoted number is accepted.
func (d *decoder) count(v *yaml.Node, key string) (n int, ok bool, err error) {
	v = resolve(v)
	if isNull(v) {
		return 0, false, nil
	}
	ok = v.Kind == yaml.ScalarNode
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
		return 0, false, d.errorf(v, key, "want a whole number, got %s", describe(v))
	}
	return n, true, nil
}

// list reads a list of non-empty strings. A single string is an error,
// not a one-item list: "web_form, checkout" would silently be one item.
// paths resolves each item against the file's directory. null leaves the
// setting unset; [] sets it to a non-nil empty list.
func (d *decoder) list(v *yaml.Node, key string, paths bool) ([]string, bool, error) {
	v = resolve(v)
	if isNull(v) {
		return nil, false, nil
	}
	if v.Kind == yaml.ScalarNode {
		return nil, false, d.errorf(v, key, "want a list, got a string (write [%s])", v.Value)
	}
	if v.Kind != yaml.SequenceNode {
		return nil, false, d.errorf(v, key, "want a list, got %s", describe(v))
	}
	out := make([]string, 0, len(v.Content))
	for _, it := range v.Content {
		it = resolve(it)
		if it == nil || it.Kind != yaml.ScalarNode || isNull(it) {
			return nil, false, d.errorf(it, key, "want a string in the list, got %s", describe(it))
		}
		s := strings.TrimSpace(it.Value)
		if s == "" {
			return nil, false, d.errorf(it, key, "empty item")
		}
		if paths {
			var err error
			if s, err = d.resolvePath(it, key, s); err != nil {
				return nil, false, err
			}
		}
		out = append(out, s)
	}
	return out, true, nil
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

// mapKey is how mapped headers are compared: as the readers match them
// (textfile.HeaderKey), or as written when that leaves nothing.
func mapKey(header string) string {
	if k := textfile.HeaderKey(header); k != "" {
		return k
	}
	return header
}

func (d *decoder) columns(v *yaml.Node, key string) (map[domain.Field]string, bool, error) {
	cols := map[domain.Field]string{}
	byHeader := map[string]domain.Field{}
	err := d.mapping(v, key, "a mapping of field: header", func(k, v *yaml.Node, name string) error {
		fld, ok := domain.FieldByName(name)
		if !ok {
			return d.errorf(k, key, "unknown field %q%s", name, fieldHint(name, v))
		}
		header, set, err := d.str(v, join(key, name))
		if err != nil {
			return err
		}
		if !set || strings.TrimSpace(header) == "" {
			return d.errorf(v, join(key, name), "empty header (leave the field out to match it by alias)")
		}
		n := mapKey(header)
		if other, dup := byHeader[n]; dup {
			return d.errorf(v, join(key, name), "header %q is also mapped to %s", header, other)
		}
		byHeader[n] = fld
		cols[fld] = header
		return nil
	})
	if err != nil || isNull(resolve(v)) {
		return nil, false, err
	}
	return cols, true, nil
}

// fieldHint explains an unknown field in columns: a near-miss, a header
// alias of a field ("mobile" is phone), or the mapping written backwards
// ("Mobile": phone).
func fieldHint(name string, v *yaml.Node) string {
	all := " (fields: " + strings.Join(fieldNames(), ", ") + ")"
	if v = resolve(v); v != nil && v.Kind == yaml.ScalarNode {
		if f, ok := domain.FieldByName(strings.TrimSpace(v.Value)); ok {
			return fmt.Sprintf(" (write field: header, e.g. %s: %q)", f.Name(), name)
		}
	}
	if s := domain.Nearest(name, fieldNames()); s != "" {
		return fmt.Sprintf(" (did you mean %q? %s", s, all[2:])
	}
	n := textfile.HeaderKey(name)
	for _, fa := range input.Aliases() {
		for _, a := range fa.Aliases {
			if textfile.HeaderKey(a) == n && n != "" {
				return fmt.Sprintf(" (%q is a header listaudit matches to %s; did you mean %q? %s", name, fa.Field.Name(), fa.Field.Name(), all[2:])
			}
		}
	}
	return all
}

// ruleList reads a list of rule ids, refusing one that another rule list
// of the file (rules.enabled against rules.disabled) already holds.
func (d *decoder) ruleList(v *yaml.Node, key string) ([]string, bool, error) {
	ids, ok, err := d.list(v, key, false)
	if !ok || err != nil {
		return nil, false, err
	}
	// An id is checked as written, as a flag's is: the list's items are
	// trimmed, rule ids are not.
	items := resolve(v).Content
	for _, it := range items {
		if err := rules.Check(resolve(it).Value); err != nil {
			return nil, false, d.errorf(resolve(it), key, "%v", err)
		}
	}
	if d.rules == nil {
		d.rules = map[string]ruleList{}
	}
	for otherKey, other := range d.rules {
		for i, id := range ids {
			if slices.Contains(other.ids, id) {
				return nil, false, d.errorf(resolve(items[i]), key, "%q is also in %s", id, otherKey)
			}
		}
	}
	d.rules[key] = ruleList{ids: ids, nodes: items}
	return ids, true, nil
}

func (d *decoder) severities(v *yaml.Node, key string) (map[string]domain.Severity, bool, error) {
	m := map[string]domain.Severity{}
	err := d.mapping(v, key, "a mapping of rule: severity", func(k, v *yaml.Node, id string) error {
		if err := rules.Check(id); err != nil {
			return d.errorf(k, key, "%v", err)
		}
		s, _, err := d.str(v, join(key, id))
		if err != nil {
			return err
		}
		// A null value is "", which is no severity either.
		sev, perr := domain.ParseSeverity(s)
		if perr != nil {
			msg := perr.Error()
			switch strings.ToLower(s) {
			case "off", "none", "never", "disabled", "disable", "ignore":
				msg += "; to turn the rule off, list it in rules.disabled"
			}
			return d.errorf(v, join(key, id), "%s", msg)
		}
		m[id] = sev
		return nil
	})
	if err != nil || isNull(resolve(v)) {
		return nil, false, err
	}
	return m, true, nil
}

// window reads the sending window, {start: "08:00", end: "21:00"}.
func (d *decoder) window(v *yaml.Node, key string) (domain.QuietHours, bool, error) {
	var q domain.QuietHours
	var set [2]bool
	clock := func(dst *domain.ClockTime, set *bool) func(k, v *yaml.Node, name string) error {
		return func(_, v *yaml.Node, name string) error {
			s, ok, err := d.str(v, join(key, name))
			if !ok || err != nil {
				return err
			}
			c, err := domain.ParseClockTime(s)
			if err != nil {
				return d.errorf(v, join(key, name), "%v", err)
			}
			*dst, *set = c, true
			return nil
		}
	}
	err := d.mapping(v, key, "a mapping of start, end", func(k, v *yaml.Node, name string) error {
		switch name {
		case "start":
			return clock(&q.Start, &set[0])(k, v, name)
		case "end":
			return clock(&q.End, &set[1])(k, v, name)
		}
		return d.errorf(k, key, "unknown key %q%s", name, didYouMean(domain.Nearest(name, []string{"start", "end"})))
	})
	if err != nil || isNull(resolve(v)) {
		return q, false, err
	}
	v = resolve(v)
	switch {
	case !set[0] && !set[1]:
		return q, false, d.errorf(v, key, "want start and end, e.g. {start: \"08:00\", end: \"21:00\"}")
	case !set[0]:
		return q, false, d.errorf(v, key, "start is missing (want both start and end)")
	case !set[1]:
		return q, false, d.errorf(v, key, "end is missing (want both start and end)")
	case q.Start == q.End:
		return q, false, d.errorf(v, key, "start and end are both %s: the sending window would be empty", q.Start)
	}
	return q, true, nil
}

// jurisdictions reads the mapping form of jurisdictions: each key a
// jurisdiction code, each value what the policy sets there. It turns the
// built-in table on.
func (d *decoder) jurisdictions(v *yaml.Node, key string) (domain.Jurisdictions, bool, error) {
	j := domain.Jurisdictions{Builtin: true, Overrides: map[string]domain.JurisdictionOverride{}}
	err := d.mapping(v, key, "a mapping of jurisdiction: settings", func(k, v *yaml.Node, name string) error {
		code, err := jurisdiction.ParseCode(name)
		if err != nil {
			return d.errorf(k, key, "%v", err)
		}
		o, err := d.jurisdictionOverride(v, join(key, name))
		if err != nil {
			return err
		}
		j.Overrides[code] = o
		return nil
	})
	return j, err == nil, err
}

// overrideKeys are the settings a policy may set for one jurisdiction.
var overrideKeys = []string{"send_window", "max_messages", "message_window", "consent_max_age"}

func (d *decoder) jurisdictionOverride(v *yaml.Node, key string) (domain.JurisdictionOverride, error) {
	var o domain.JurisdictionOverride
	err := d.mapping(v, key, "a mapping of "+strings.Join(overrideKeys, ", "), func(k, v *yaml.Node, name string) error {
		sub := join(key, name)
		switch name {
		case "send_window":
			w, ok, err := d.sendWindow(v, sub)
			if ok {
				o.SendWindow = &w
			}
			return err
		case "max_messages":
			n, ok, err := countKind("").node(d, v, sub)
			if ok {
				o.MaxMessages = &n
			}
			return err
		case "message_window":
			t, ok, err := durationKind.node(d, v, sub)
			if ok {
				o.MessageWindow = &t
			}
			return err
		case "consent_max_age":
			t, ok, err := ageKind.node(d, v, sub)
			if ok {
				o.ConsentMaxAge = &t
			}
			return err
		}
		return d.errorf(k, key, "unknown key %q%s", name, didYouMean(domain.Nearest(name, overrideKeys)))
	})
	return o, err
}

// sendWindow reads a sending window as "HH:MM-HH:MM" or {start, end}.
func (d *decoder) sendWindow(v *yaml.Node, key string) (domain.QuietHours, bool, error) {
	if r := resolve(v); r != nil && r.Kind == yaml.MappingNode {
		return d.window(r, key)
	}
	s, ok, err := d.str(v, key)
	if !ok || err != nil {
		return domain.QuietHours{}, false, err
	}
	q, err := parseWindow(s)
	if err != nil {
		return q, false, d.errorf(v, key, "%v", err)
	}
	return q, true, nil
}
