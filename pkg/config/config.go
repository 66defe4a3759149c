package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/report"
)

// Names are the file names Find looks for, in order of preference.
var Names = []string{".listaudit.yaml", ".listaudit.yml"}

// maxSize bounds the file Load reads: a policy file is a few hundred bytes,
// so anything this large is the wrong file.
const maxSize = 1 << 20

// Config is everything one run of a command is set up with: the built-in
// defaults, then the policy file, then the flags that were given.
type Config struct {
	// Policy is the audit's policy; Policy.ConfigFile names the policy
	// file read ("" when none).
	Policy domain.Policy
	// Input says how lists are read. Input.Map is Columns with the
	// evidence columns the policy requires.
	Input input.Options
	// Columns maps fields to headers: the policy file's columns, then
	// --map.
	Columns map[domain.Field]string
	// Format is check's report format, or the format of what fix and
	// inspect print.
	Format string
	// Report holds the report options: limit, titles, --show-pii.
	Report report.Options
	// Now is the time the audit is as of: --now, else the clock.
	Now time.Time
	// Workers is --workers; 0 is one per CPU.
	Workers int

	// ConfigPath is --config: the policy file to read, which must exist.
	ConfigPath string
	// Output is -o: check's report, fix's clean list, init's policy
	// file; "" (and for check, "-") is standard output.
	Output string
	// Reports are the --report FORMAT=PATH targets.
	Reports []ReportTarget
	// Quiet draws no progress line, and prints only the verdict line
	// (check) or what was written and the verdict (fix).
	Quiet bool
	// WriteBaseline is the file to write the findings to as a baseline.
	WriteBaseline string
	// NoStepSummary leaves $GITHUB_STEP_SUMMARY alone: check and fix
	// append their summary to it otherwise, when it is set.
	NoStepSummary bool

	// Quarantine, DropOn, KeepPhone, ExcelSafe and DryRun are fix's.
	Quarantine                   string
	DropOn                       domain.Severity
	KeepPhone, ExcelSafe, DryRun bool

	// From and Force are init's.
	From  string
	Force bool
	// PhoneFallbacks are the fallbacks of the phone column init --from
	// detected in From (input.Info.PhoneFallbacks). The template then
	// leaves phone unset, so that check detects it and reads them too: a
	// phone mapping names the one column read.
	PhoneFallbacks []string
	// FromFixed are the columns of the list init --from read when its
	// format takes no mapping (a vCard's FN, TEL, EMAIL): the template
	// then maps none and says why, since a mapping would only be ignored
	// for that list, and stop a CSV audited with the policy.
	FromFixed []string

	// Jurisdiction is the rules command's --jurisdiction: a code whose
	// thresholds to print ("" when none).
	Jurisdiction string
}

// ReportTarget is one --report FORMAT=PATH.
type ReportTarget struct {
	Format, Path string
	// Spec is the flag's value as given, for errors.
	Spec string
}

// Defaults returns the built-in settings of cmd: the default policy
// (domain.DefaultPolicy) and the defaults of the rest.
func Defaults(cmd Command) Config {
	c := Config{
		Policy: domain.DefaultPolicy(),
		Format: "table",
		DropOn: domain.Error,
		Report: report.Options{Limit: 50},
	}
	if cmd == Init {
		c.Output = Names[0]
	}
	return c
}

// Request is what a command was given: the flags that were set, where to
// look for a policy file and the clock.
type Request struct {
	Command Command
	Flags   *Flags
	// Dir is where .listaudit.yaml is looked for when --config is not
	// given ("" is the working directory).
	Dir string
	// Clock gives the time when --now is not given.
	Clock func() time.Time
	// Warn, when set, is told of a policy file found but not read: a
	// .listaudit.yml beside the .listaudit.yaml that is.
	Warn func(msg string)
}

// Resolve builds a command's Config: the defaults, then the policy file
// (--config, or .listaudit.yaml in Dir when there is one), then the flags
// given. Every value is checked; the first bad one is the error, naming
// the flag, or the policy file's path, line and key.
func Resolve(req Request) (*Config, error) {
	c := Defaults(req.Command)
	if req.Flags != nil {
		if err := req.Flags.apply(&c, "config"); err != nil {
			return nil, err
		}
	}
	var file *File
	if req.Command&(auditing|Inspect) != 0 {
		var err error
		if file, err = loadPolicy(c.ConfigPath, req.Dir, req.Warn); err != nil {
			return nil, err
		}
		if err := file.Apply(&c, req.Command); err != nil {
			return nil, err
		}
	}
	fromFile := maps.Clone(c.Columns)
	if req.Flags != nil {
		if err := req.Flags.apply(&c, ""); err != nil {
			return nil, err
		}
		req.Flags.formatOfOutput(&c)
	}
	if req.Command&auditing != 0 && req.Warn != nil {
		if msg := sendWindowWarning(c.Policy.QuietHours, windowSource(req.Flags, file)); msg != "" {
			req.Warn(msg)
		}
	}
	if c.Now.IsZero() && req.Clock != nil {
		c.Now = req.Clock()
	}
	c.Now = c.Now.UTC()
	c.Input.Map = inputMap(c.Columns, c.Policy.ConsentRequire)
	c.Input.MapSource = mapSource(c.Columns, fromFile, c.Policy.ConfigFile)
	return &c, nil
}

// mapSource marks the mappings of cols the policy file at path set
// (fromFile) and --map left as they were, with that path, so that a
// message names the policy file's columns: rather than --map.
func mapSource(cols, fromFile map[domain.Field]string, path string) map[domain.Field]string {
	var m map[domain.Field]string
	for f, h := range fromFile {
		if cols[f] == h {
			if m == nil {
				m = map[domain.Field]string{}
			}
			m[f] = path
		}
	}
	return m
}

// loadPolicy reads the policy file: the one --config names (which must
// exist), else .listaudit.yaml in dir when there is one; nil when none.
// warn, when set, is told of a .listaudit.yml left unread beside it.
func loadPolicy(path, dir string, warn func(string)) (*File, error) {
	if path != "" {
		return Load(path)
	}
	if dir == "" {
		dir = "."
	}
	found, ok := Find(dir)
	if !ok {
		return nil, nil
	}
	if warn != nil {
		for _, name := range Names[1:] {
			if other := filepath.Join(dir, name); other != found && exists(other) {
				warn(fmt.Sprintf("%s is not read: %s is, when both are present (remove one, or name it with --config)", other, found))
			}
		}
	}
	return Load(found)
}

// exists reports whether dir has an entry at path, whatever it is.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// inputMap is the column mapping the readers take: the fields mapped,
// then the consent evidence columns, each in its own field slot.
func inputMap(cols map[domain.Field]string, evidence []string) map[domain.Field]string {
	if len(cols)+len(evidence) == 0 {
		return nil
	}
	m := maps.Clone(cols)
	if m == nil {
		m = map[domain.Field]string{}
	}
	for i, name := range evidence {
		m[domain.Evidence(i)] = name
	}
	return m
}

// mergeColumns applies a column mapping: the policy file's as it is, then
// --map field by field. A header --map gives one field while the policy
// file gives it another is an error, as two fields on one header are
// within either.
func mergeColumns(c *Config, m map[domain.Field]string) error {
	if len(c.Columns) > 0 {
		// In field order: of several clashes, the error names the same.
		for _, fld := range slices.Sorted(maps.Keys(c.Columns)) {
			header := c.Columns[fld]
			if _, replaced := m[fld]; replaced {
				continue
			}
			for _, other := range slices.Sorted(maps.Keys(m)) {
				if mapKey(m[other]) == mapKey(header) {
					return &itemError{other.Name() + "=" + m[other], fmt.Errorf("header %q is also mapped to %s in %s", m[other], fld, c.Policy.ConfigFile)}
				}
			}
		}
	}
	if c.Columns == nil {
		c.Columns = map[domain.Field]string{}
	}
	maps.Copy(c.Columns, m)
	return nil
}

// disableRules adds rules to the disabled ones; enableRules takes them
// out. The policy file's lists apply before the flags, and in each the
// enabled ones after the disabled ones, so --enable beats any disable.
func disableRules(c *Config, ids []string) error {
	c.Policy.Disabled = sortedSet(append(slices.Clone(c.Policy.Disabled), ids...))
	return nil
}

func enableRules(c *Config, ids []string) error {
	c.Policy.Disabled = slices.DeleteFunc(slices.Clone(c.Policy.Disabled), func(id string) bool { return slices.Contains(ids, id) })
	return nil
}

// addSuppress and addMessageLogs add to the suppression lists and send
// logs (addPaths).
func addSuppress(c *Config, paths []string) error {
	c.Policy.Suppress = addPaths(c.Policy.Suppress, paths)
	return nil
}

func addMessageLogs(c *Config, paths []string) error {
	c.Policy.MessageLogs = addPaths(c.Policy.MessageLogs, paths)
	return nil
}

// addPaths adds evidence files to a list of them: the policy file's lists
// and the flags' are all applied. A flag that replaced the policy's list
// would fail open: a one-off --suppress would silently drop the standing
// do-not-contact list. A file named twice (as the same path, however
// spelled) is applied once, as a send log read twice would count its
// sends twice.
func addPaths(list, paths []string) []string {
	out := slices.Clone(list)
	for _, p := range paths {
		if !slices.ContainsFunc(out, func(q string) bool { return samePath(p, q) }) {
			out = append(out, p)
		}
	}
	return out
}

// samePath reports whether a and b name one file by their paths: cleaned,
// and made absolute when they can be (- is standard input).
func samePath(a, b string) bool {
	return a == b || absPath(a) == absPath(b)
}

func absPath(p string) string {
	if p == "-" || p == "" {
		return p
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

func sortedSet(ids []string) []string {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// File is a parsed policy file: the values it sets, in the file's order.
type File struct {
	// Path is the file as given to Load or Parse; errors name it.
	Path   string
	values []fileValue
	// former are the keys set by a former name (quiet_hours), which
	// Resolve warns of.
	former []string
}

type fileValue struct {
	setting *Setting
	apply   func(*Config) error
}

// Sets reports whether the file sets the setting of key.
func (f *File) Sets(key string) bool {
	for _, v := range f.values {
		if v.setting.Key == key {
			return true
		}
	}
	return false
}

// Apply sets what the file sets that cmd uses on c, in table order, and
// names the file in c.Policy.ConfigFile. A nil file sets nothing.
func (f *File) Apply(c *Config, cmd Command) error {
	if f == nil {
		return nil
	}
	c.Policy.ConfigFile = f.Path
	for i := range table {
		for _, v := range f.values {
			if v.setting == &table[i] && table[i].Commands&cmd != 0 {
				if err := v.apply(c); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Find returns the policy file in dir: .listaudit.yaml, or else
// .listaudit.yml. It only looks in dir, not in its parents. Any entry of
// that name counts, not only a regular file: a link to a file that is
// missing (a submodule not checked out) or a directory is then Load's
// error, rather than a run without the policy that is meant to apply.
func Find(dir string) (path string, ok bool) {
	for _, name := range Names {
		if p := filepath.Join(dir, name); exists(p) {
			return p, true
		}
	}
	return "", false
}

// Load reads and parses the policy file at path. A missing file is an
// error (errors.Is(err, fs.ErrNotExist)); callers that look for an
// optional file use Find first.
func Load(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a config file", path)
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxSize+1))
	if err != nil {
		return nil, fileError(path, err)
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("%s: larger than 1 MiB: not a listaudit config file", path)
	}
	// A link (.listaudit.yaml -> shared/policy.yaml) names the file: its
	// paths are relative to where the file is, as they read in it.
	dir := filepath.Dir(path)
	if st, err := os.Lstat(path); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(path); err == nil {
			dir = filepath.Dir(real)
		}
	}
	return parseIn(path, dir, data)
}

func fileError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if target, lerr := os.Readlink(path); lerr == nil && errors.Is(err, fs.ErrNotExist) {
		// ls lists the link: say that what it points to is missing.
		return fmt.Errorf("%s: links to %s: %w", path, target, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Parse parses the contents of a policy file. path names the file in
// errors, and relative paths in the file are resolved against its
// directory.
func Parse(path string, data []byte) (*File, error) {
	return parseIn(path, filepath.Dir(path), data)
}

// parseIn is Parse with relative paths resolved against dir.
func parseIn(path, dir string, data []byte) (*File, error) {
	f := &File{Path: path}
	root, err := parseYAML(path, data)
	if err != nil {
		return nil, err
	}
	d := &decoder{path: path, dir: dir, f: f}
	if err := d.top(root); err != nil {
		return nil, err
	}
	return f, nil
}

// parseYAML decodes data into its root node: nil for an empty file (no
// document, or a null one), an error for a second document or bad syntax.
func parseYAML(path string, data []byte) (*yaml.Node, error) {
	root, second, err := decodeYAML(data)
	switch {
	case err != nil:
		return nil, syntaxError(path, data, err)
	case second != nil:
		return nil, &Error{Path: path, Line: max(second.Line, 1), Msg: "a second YAML document: a config file holds one (remove the ---)"}
	}
	return root, nil
}

// decodeYAML returns the first document's root node and the second
// document, if any, with the YAML library's own errors.
func decodeYAML(data []byte) (root, second *yaml.Node, err error) {
	defer func() {
		// A panic inside the YAML library must not take the CLI down.
		if r := recover(); r != nil {
			root, second, err = nil, nil, fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
	case err != nil:
		return nil, nil, err
	default:
		return nil, &extra, nil
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil, nil
		}
		return doc.Content[0], nil, nil
	}
	return &doc, nil, nil
}

// reportFormatList writes the report formats for --format's help.
func reportFormatList() string { return strings.Join(report.Formats(), ", ") }

// reportExtensionList writes the endings that name a report format, for
// --report's help.
func reportExtensionList() string { return domain.OrList(report.Extensions()) }
