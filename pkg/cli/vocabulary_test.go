package cli

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/report"
	"github.com/listaudit/listaudit/pkg/rules"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// A vocabulary is one list of names a user gives (input formats, rule
// ids...), owned by the package that understands it, and every place a
// command or the policy file takes one: its carriers. Every spelling the
// owner accepts must be accepted by every carrier with the same effective
// value, and every spelling it refuses refused with exit 2 and the
// owner's message, naming the flag or the policy file's line and key.
type vocabulary struct {
	name string
	// parse is the owner's reading of a spelling: the name it means, as
	// the carriers' values are compared, or the error every carrier
	// prints.
	parse func(string) (string, error)
	// list is the text of the owner's errors that names the valid names
	// (or, for rule ids, the command that lists them).
	list string
	// suggests says the owner's error may name the nearest valid name
	// instead of the list.
	suggests bool
	// accepted are spellings the owner takes; refused some it does not:
	// wrong case where case matters, near misses, empty where not allowed.
	accepted, refused []string
	carriers          []carrier
	// notTaken says, for each command that takes the vocabulary by no
	// flag or argument (it may by its policy file), why: the test checks
	// it has none of the vocabulary's flags (or only as another
	// vocabulary's carrier), so a flag added later must be added here.
	notTaken map[string]string
	// noKey is a policy file key that does not exist, for a vocabulary no
	// policy file key takes; the test checks that the file refuses it.
	noKey string
	// listFor names the list file a run reads for a spelling the owner
	// takes, by the name it means; nil or "" reads list.csv.
	listFor func(name string) string
}

// A carrier is one place a vocabulary is given: a command's flag, a
// policy file key (the file given with --config) or a command's argument.
type carrier struct {
	cmd string
	// flag is the flag given the spelling, key the policy file's key as
	// errors name it; neither for an argument.
	flag, key string
	// give returns the arguments that give v, ok when the owner takes
	// it; they come after the command's name and before its list.
	give func(f *fixture, v string, ok bool) []string
	// where is what precedes the owner's message on stderr.
	where func(f *fixture, v string) string
	// value is the effective value of an accepted spelling as the owner
	// names it: from the resolved configuration c (nil for rules), or from
	// the command's output. nil when the configuration keeps no trace of
	// which name was given.
	value func(c *config.Config, out string) string
	// malformed lists refused spellings the carrier refuses as something
	// other than the vocabulary's, with why: only exit 2 is checked.
	malformed map[string]string
	// hint is what the carrier adds after the owner's message, for some
	// refused spellings.
	hint map[string]string
}

// onFlag is a carrier that gives the spelling to --flag of cmd.
func onFlag(cmd, flag string, value func(c *config.Config) string) carrier {
	return carrier{cmd: cmd, flag: flag,
		give:  func(_ *fixture, v string, _ bool) []string { return []string{"--" + flag + "=" + v} },
		where: func(*fixture, string) string { return "--" + flag + ": " },
		value: func(c *config.Config, _ string) string { return value(c) },
	}
}

// inFile is a carrier that gives the spelling in a policy file that cmd
// reads with --config: doc writes the file, with q the spelling quoted,
// and its last line is the one errors about key name.
func inFile(cmd, key string, doc func(q string) string, value func(c *config.Config) string) carrier {
	k := carrier{cmd: cmd, key: key,
		give: func(f *fixture, v string, _ bool) []string {
			return []string{"--config", f.writePolicy(doc(strconv.Quote(v)))}
		},
		where: func(f *fixture, v string) string {
			return fmt.Sprintf("%s:%d: %s: ", f.policy, strings.Count(doc(strconv.Quote(v)), "\n"), key)
		},
	}
	if value != nil {
		k.value = func(c *config.Config, _ string) string { return value(c) }
	}
	return k
}

func yamlKey(format string) func(q string) string {
	return func(q string) string { return fmt.Sprintf(format, q) }
}

// Where each vocabulary lives in the configuration.
func inputFormat(c *config.Config) string    { return c.Input.Format }
func inputDelimiter(c *config.Config) string { return input.DelimiterName(c.Input.Delimiter) }
func inputEncoding(c *config.Config) string  { return c.Input.Encoding }
func outputFormat(c *config.Config) string   { return c.Format }
func failOn(c *config.Config) string         { return c.Policy.FailOn.String() }
func disabled(c *config.Config) string       { return strings.Join(c.Policy.Disabled, ",") }

// enabled is the one rule not disabled when every rule was disabled
// before the spelling was enabled.
func enabled(c *config.Config) string {
	on := slices.DeleteFunc(rules.IDs(), func(id string) bool { return slices.Contains(c.Policy.Disabled, id) })
	return strings.Join(on, ",")
}

func severityKeys(c *config.Config) string {
	return strings.Join(slices.Sorted(maps.Keys(c.Policy.Severity)), ",")
}

// readingCarriers are the carriers of a vocabulary of how lists are read:
// --flag of every command that reads a list, and key of the policy file
// of every command that reads one.
func readingCarriers(flag, key string, value func(*config.Config) string) []carrier {
	var cs []carrier
	for _, cmd := range []string{"check", "fix", "inspect", "init"} {
		cs = append(cs, onFlag(cmd, flag, value))
	}
	if key == "" {
		return cs
	}
	for _, cmd := range []string{"check", "fix", "inspect"} {
		cs = append(cs, inFile(cmd, key, yamlKey(key+": %s\n"), value))
	}
	return cs
}

// enableFlag is --enable of cmd: for a rule id, every rule is disabled
// first, so the configuration shows which one the spelling enabled.
func enableFlag(cmd string) carrier {
	k := onFlag(cmd, "enable", enabled)
	k.give = func(_ *fixture, v string, ok bool) []string {
		if !ok {
			return []string{"--enable=" + v}
		}
		return []string{"--disable=" + strings.Join(rules.IDs(), ","), "--enable=" + v}
	}
	return k
}

// reportFlag is check's --report FORMAT=PATH.
func reportFlag() carrier {
	return carrier{cmd: "check", flag: "report",
		give: func(f *fixture, v string, _ bool) []string {
			return []string{"--report=" + v + "=" + filepath.Join(f.dir, "report.out")}
		},
		where: func(f *fixture, v string) string {
			return "--report " + v + "=" + filepath.Join(f.dir, "report.out") + ": "
		},
		value:     func(c *config.Config, _ string) string { return c.Reports[0].Format },
		malformed: map[string]string{"": "an empty FORMAT is a malformed FORMAT=PATH, and said so"},
	}
}

// rulesCommand is `listaudit rules`: its argument (a rule id) or its -f.
func rulesCommand(flag string) carrier {
	k := carrier{cmd: "rules", flag: flag}
	if flag == "" {
		k.give = func(_ *fixture, v string, _ bool) []string { return []string{"-f", "json", v} }
		k.where = func(*fixture, string) string { return "" }
		k.value = func(_ *config.Config, out string) string {
			var r struct{ ID string }
			json.Unmarshal([]byte(out), &r)
			return r.ID
		}
		return k
	}
	k.give = func(_ *fixture, v string, _ bool) []string { return []string{"--" + flag + "=" + v} }
	k.where = func(*fixture, string) string { return "--" + flag + ": " }
	k.value = func(_ *config.Config, out string) string {
		if strings.HasPrefix(out, "[") {
			return domain.SummaryJSON
		}
		return domain.SummaryTable
	}
	return k
}

// caseVariants writes each name as given, in upper case and capitalised.
func caseVariants(names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, n, strings.ToUpper(n), strings.ToUpper(n[:1])+n[1:])
	}
	return out
}

// encodingSpellings writes each encoding name as textfile.ParseEncoding
// normalises it: in any case, with _ for -, with spaces.
func encodingSpellings() []string {
	var out []string
	names := slices.Concat(textfile.Encodings, slices.Sorted(maps.Keys(textfile.EncodingAliases())))
	for _, n := range names {
		out = append(out, n, strings.ToUpper(n), strings.ReplaceAll(n, "-", "_"), " "+n)
	}
	return out
}

func vocabularies() []vocabulary {
	const severityKey = "rules:\n  severity:\n    stale: %s\n"
	return []vocabulary{{
		name:  "input formats",
		parse: input.ParseFormat,
		list:  domain.OrList(input.Formats),
		accepted: append(caseVariants(slices.Concat(input.Formats, slices.Sorted(maps.Keys(input.FormatAliases())))...),
			""),
		refused:  []string{"xml", "xls", " csv", "cvs", "jsonlines", "json-l", "vcards"},
		carriers: readingCarriers("input-format", "input_format", inputFormat),
		notTaken: map[string]string{"rules": "reads no list", "version": versionTakesNone},
		listFor: func(format string) string {
			ext := map[string]string{"": "csv", input.FormatVCard: "vcf"}
			return "list." + cmp.Or(ext[format], format)
		},
	}, {
		name: "delimiters",
		parse: func(s string) (string, error) {
			d, err := input.ParseDelimiter(s)
			return input.DelimiterName(d), err
		},
		list:     strings.Join(input.DelimiterNames, " "),
		accepted: append(slices.Sorted(maps.Keys(input.DelimiterSpellings())), ""),
		refused:  []string{":", "Tab", " ", ",,", "t", "comma", `\T`},
		carriers: readingCarriers("delimiter", "delimiter", inputDelimiter),
		notTaken: map[string]string{"rules": "reads no list", "version": versionTakesNone},
		listFor: func(d string) string {
			return map[string]string{"": "list.csv", ",": "list.csv", ";": "semicolon.csv", "|": "pipe.csv", "tab": "tab.csv"}[d]
		},
	}, {
		name:     "encodings",
		parse:    input.ParseEncoding,
		list:     strings.Join(input.Encodings, ", "),
		accepted: append(encodingSpellings(), ""),
		refused:  []string{"ebcdic", "utf-32", "ascii", "latin", "utf-7", "cp-1252", "utf", "windows"},
		carriers: readingCarriers("encoding", "", inputEncoding),
		notTaken: map[string]string{"rules": "reads no list", "version": versionTakesNone},
		// The encoding is the run's, not the policy's: it is the lists'.
		noKey: "encoding",
		listFor: func(enc string) string {
			return map[string]string{textfile.EncodingUTF16LE: "utf16le.csv", textfile.EncodingUTF16BE: "utf16be.csv"}[enc]
		},
	}, {
		name:     "rule ids",
		parse:    func(s string) (string, error) { return s, rules.Check(s) },
		list:     "(see 'listaudit rules')",
		suggests: true,
		accepted: rules.IDs(),
		// Not "": a flag's comma-separated list reads it as no rule.
		refused: []string{"Stale", "stal", "no-such-rule", " stale", "phone-not-mobil", "STALE"},
		carriers: []carrier{
			onFlag("check", "disable", disabled), onFlag("fix", "disable", disabled),
			enableFlag("check"), enableFlag("fix"),
			inFile("check", "rules.disabled", yamlKey("rules:\n  disabled: [%s]\n"), disabled),
			inFile("fix", "rules.disabled", yamlKey("rules:\n  disabled: [%s]\n"), disabled),
			// Only a disable earlier than the file would show what it
			// enabled, and the file is read first.
			inFile("check", "rules.enabled", yamlKey("rules:\n  enabled: [%s]\n"), nil),
			inFile("check", "rules.severity", yamlKey("rules:\n  severity:\n    %s: info\n"), severityKeys),
			rulesCommand(""),
		},
		notTaken: map[string]string{
			"version": versionTakesNone,
			"inspect": "runs no rule",
			"init":    "writes every rule list empty, to be edited in the file",
		},
	}, {
		name: "report formats",
		parse: func(s string) (string, error) {
			_, err := report.Lookup(s)
			return s, err
		},
		list:     domain.OrList(report.Formats()),
		accepted: report.Formats(),
		refused:  []string{"JSON", "Table", "sarf", "htm", "text", "md", ""},
		carriers: []carrier{
			onFlag("check", "format", outputFormat), reportFlag(),
			inFile("check", "report.format", yamlKey("report:\n  format: %s\n"), outputFormat),
		},
		notTaken: map[string]string{
			"version": versionTakesNone,
			"fix":     "-f is the summary format",
			"inspect": "-f is the summary format",
			"rules":   "-f is the summary format",
			"init":    "writes no report",
		},
	}, {
		name:     "severities",
		parse:    named(domain.ParseSeverity),
		list:     domain.OrList(domain.SeverityNames()),
		accepted: domain.SeverityNames(),
		refused:  []string{"Error", "ERROR", "warn", "fatal", "never", " error", ""},
		carriers: []carrier{
			onFlag("fix", "drop-on", func(c *config.Config) string { return c.DropOn.String() }),
			withHint(inFile("check", "rules.severity.stale", yamlKey(severityKey), staleSeverity)),
			withHint(inFile("fix", "rules.severity.stale", yamlKey(severityKey), staleSeverity)),
		},
		notTaken: map[string]string{
			"version": versionTakesNone,
			"check":   "quarantines nothing: its policy file's rules.severity only",
			"inspect": "runs no rule",
			"init":    "writes rules.severity empty, to be edited in the file",
			"rules":   "lists the default severities",
		},
	}, {
		name:     "fail-on levels",
		parse:    named(domain.ParseThreshold),
		list:     domain.OrList(domain.ThresholdNames()),
		accepted: domain.ThresholdNames(),
		refused:  []string{"Never", "ERROR", "warn", "none", "off", " error", ""},
		carriers: []carrier{
			onFlag("check", "fail-on", failOn), onFlag("fix", "fail-on", failOn),
			inFile("check", "fail_on", yamlKey("fail_on: %s\n"), failOn),
			inFile("fix", "fail_on", yamlKey("fail_on: %s\n"), failOn),
		},
		notTaken: map[string]string{
			"version": versionTakesNone,
			"inspect": "runs no rule",
			"init":    "takes no policy setting but how lists are read",
			"rules":   "runs no rule",
		},
	}, {
		name:     "campaign channels",
		parse:    named(domain.ParseCampaignChannel),
		list:     domain.OrList(domain.CampaignChannels),
		accepted: append(scopeSpellings(domain.ChannelSpellings[:len(domain.CampaignChannels)]), "", "Whatsapp-Business", "TEXT_MESSAGE"),
		// email is a channel lists record consent to, not one a campaign
		// is sent on; a campaign has one channel.
		refused:  []string{"email", "e-mail", "telegram", "whatsap", "sms;whatsapp", " "},
		carriers: campaignCarriers("channel", "campaign.channel", "campaign:\n  channel: %s\n", func(c *config.Config) string { return c.Policy.Channel.String() }),
		notTaken: policyOnly,
	}, {
		name:     "campaign purposes",
		parse:    named(domain.ParsePurpose),
		list:     domain.OrList(domain.PurposeNames),
		accepted: append(scopeSpellings(domain.PurposeSpellings), "", "Order-Updates", "ONE_TIME_PASSWORD"),
		refused:  []string{"surveys", "markting", "marketing;utility", "sales", " "},
		carriers: campaignCarriers("purpose", "campaign.purpose", "campaign:\n  purpose: %s\n", func(c *config.Config) string { return c.Policy.Purpose.String() }),
		notTaken: policyOnly,
	}, {
		name:     "opt-out scopes",
		parse:    named(domain.ParseOptOutScope),
		list:     domain.OrList(domain.OptOutScopeNames),
		accepted: append(caseVariants(domain.OptOutScopeNames...), "per-channel", "per_channel", "Per Channel", "", " "),
		refused:  []string{"channels", "brand", "none", "every", "all"},
		carriers: campaignCarriers("opt-out-scope", "opt_out_scope", "opt_out_scope: %s\n", func(c *config.Config) string { return c.Policy.OptOutScope.String() }),
		notTaken: policyOnly,
	}, {
		name:     "jurisdictions modes",
		parse:    named(config.ParseJurisdictionsMode),
		list:     domain.OrList(config.JurisdictionsModes),
		accepted: append(caseVariants(config.JurisdictionsModes...), "built-in", "on", "none", ""),
		// A code is a key of the mapping form, not a mode.
		refused:  []string{"strict", "builtins", "yes", "table", "US-FL"},
		carriers: campaignCarriers("jurisdictions", "jurisdictions", "jurisdictions: %s\n", func(c *config.Config) string { return c.Policy.Jurisdictions.String() }),
		notTaken: policyOnly,
	}, {
		name:     "summary formats",
		parse:    domain.ParseSummaryFormat,
		list:     domain.OrList(domain.SummaryFormats),
		accepted: domain.SummaryFormats,
		refused:  []string{"JSON", "Table", "sarif", "text", "tabel", ""},
		carriers: []carrier{
			onFlag("fix", "format", outputFormat), onFlag("inspect", "format", outputFormat), rulesCommand("format"),
		},
		notTaken: map[string]string{
			"version": versionTakesNone,
			"check":   "-f is the report format (table and json among them)",
			"init":    "prints no summary",
		},
		// report.format is check's report format; what fix and inspect
		// print is the run's choice.
		noKey: "format",
	}}
}

// named reads a spelling with parse, and names what it means.
func named[T fmt.Stringer](parse func(string) (T, error)) func(string) (string, error) {
	return func(s string) (string, error) {
		v, err := parse(s)
		if err != nil {
			return "", err
		}
		return v.String(), nil
	}
}

// policyOnly are the commands that take none of the campaign's settings
// (the auditing commands, check and fix, do).
var policyOnly = map[string]string{
	"version": versionTakesNone,
	"inspect": "runs no rule",
	"init":    "writes the campaign undeclared, to be edited in the file",
	"rules":   "runs no rule",
}

// versionTakesNone is why the version command takes no vocabulary.
const versionTakesNone = "prints the version only"

// campaignCarriers are --flag of check and fix, and key of their policy
// file, which doc writes: a setting of the audit's policy.
func campaignCarriers(flag, key, doc string, value func(*config.Config) string) []carrier {
	var cs []carrier
	for _, cmd := range []string{"check", "fix"} {
		cs = append(cs, onFlag(cmd, flag, value), inFile(cmd, key, yamlKey(doc), value))
	}
	return cs
}

// scopeSpellings are the names of a scope vocabulary in three cases, and
// its aliases as written.
func scopeSpellings(words []domain.Spelling) []string {
	var out []string
	for _, w := range words {
		out = append(append(out, caseVariants(w.Name)...), w.Aliases...)
	}
	return out
}

func staleSeverity(c *config.Config) string { return c.Policy.Severity["stale"].String() }

// withHint is a rules.severity carrier: to a rule's severity "never"
// means off, which it says how to get.
func withHint(k carrier) carrier {
	k.hint = map[string]string{"never": "; to turn the rule off, list it in rules.disabled"}
	return k
}

// fixture is a directory of two-row lists, one for each format,
// delimiter and encoding a run may be told to read, and the policy file
// a carrier writes.
type fixture struct {
	t      *testing.T
	dir    string
	policy string
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, dir: t.TempDir()}
	f.policy = filepath.Join(f.dir, "policy", ".listaudit.yaml")
	if err := os.Mkdir(filepath.Dir(f.policy), 0o700); err != nil {
		t.Fatal(err)
	}
	// An opted_out column, so that the runs warn of nothing (a vCard has
	// none: see checkAccepted).
	rows := [][]string{{"name", "phone", "opted_out"}, {"Ada", "+254712345678", "no"}, {"Bob", "+254722345679", "no"}}
	sep := func(d string) string {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, d) + "\n")
		}
		return b.String()
	}
	var vcards, ndjson strings.Builder
	for _, r := range rows[1:] {
		fmt.Fprintf(&vcards, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nTEL:%s\r\nEND:VCARD\r\n", r[0], r[1])
		fmt.Fprintf(&ndjson, "{\"name\":%q,\"phone\":%q,\"opted_out\":%q}\n", r[0], r[1], r[2])
	}
	utf16 := func(s string, bigEndian bool) string {
		var b []byte
		for _, c := range []byte(s) {
			if bigEndian {
				b = append(b, 0, c)
			} else {
				b = append(b, c, 0)
			}
		}
		return string(b)
	}
	files := map[string]string{
		"list.csv": sep(","), "semicolon.csv": sep(";"), "pipe.csv": sep("|"), "tab.csv": sep("\t"),
		"list.tsv": sep("\t"), "list.ndjson": ndjson.String(), "list.vcf": vcards.String(),
		"list.json":   "[" + strings.ReplaceAll(strings.TrimSpace(ndjson.String()), "\n", ",") + "]",
		"utf16le.csv": utf16(sep(","), false), "utf16be.csv": utf16(sep(","), true),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(f.dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	x := excelize.NewFile()
	for i, r := range rows {
		x.SetSheetRow("Sheet1", "A"+strconv.Itoa(i+1), &r)
	}
	if err := x.SaveAs(filepath.Join(f.dir, "list.xlsx")); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) writePolicy(doc string) string {
	if err := os.WriteFile(f.policy, []byte(doc), 0o600); err != nil {
		f.t.Fatal(err)
	}
	return f.policy
}

// args are the arguments of a run of cmd that gives it extra and reads
// list.
func (f *fixture) args(cmd, list string, extra []string) []string {
	list = filepath.Join(f.dir, list)
	switch cmd {
	case "fix":
		return slices.Concat([]string{cmd, "--dry-run"}, extra, []string{list})
	case "init":
		return slices.Concat([]string{cmd, "-o", "-", "--from", list}, extra)
	case "rules":
		return slices.Concat([]string{cmd}, extra)
	}
	return slices.Concat([]string{cmd}, extra, []string{list})
}

// run runs listaudit as the process does.
func (f *fixture) run(args []string) (code int, stdout, stderr string) {
	env, out, errOut := testEnv("")
	env.Dir = f.dir
	code = Main(args, env)
	return code, out.String(), errOut.String()
}

// resolved is the configuration a run of args resolves: its command's
// flags parsed by cobra, then config.Resolve, as the command's run does
// first. nil for rules, which has none.
func (f *fixture) resolved(args []string) (*config.Config, error) {
	env, _, _ := testEnv("")
	env.Dir = f.dir
	var c *config.Config
	var err error
	keep := func(cmd config.Command, flags *config.Flags) error {
		c, err = resolve(env, cmd, flags, nil)
		return nil
	}
	var cmd *cobra.Command
	switch args[0] {
	case "check":
		cmd = NewCmdCheck(env, func(o *CheckOptions) error { return keep(config.Check, o.Flags) })
	case "fix":
		cmd = NewCmdFix(env, func(o *FixOptions) error { return keep(config.Fix, o.Flags) })
	case "inspect":
		cmd = NewCmdInspect(env, func(o *InspectOptions) error { return keep(config.Inspect, o.Flags) })
	case "init":
		cmd = NewCmdInit(env, func(o *InitOptions) error { return keep(config.Init, o.Flags) })
	default:
		return nil, nil
	}
	cmd.SetArgs(args[1:])
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if perr := cmd.Execute(); perr != nil {
		return nil, perr
	}
	return c, err
}

// TestVocabularies walks every spelling of every vocabulary through every
// command and policy file key that takes it: what the owner accepts, each
// takes with the same effective value; what it refuses, each refuses with
// exit 2 and one line: the flag or the file:line: key, then the owner's
// message, which names the valid names.
func TestVocabularies(t *testing.T) {
	f := newFixture(t)
	for _, v := range vocabularies() {
		t.Run(v.name, func(t *testing.T) {
			for _, s := range v.accepted {
				name, err := v.parse(s)
				if err != nil {
					t.Fatalf("the owner refuses %q, listed as accepted: %v", s, err)
				}
				for _, k := range v.carriers {
					checkAccepted(t, f, v, k, s, name)
				}
			}
			for _, s := range v.refused {
				_, err := v.parse(s)
				if err == nil {
					t.Fatalf("the owner accepts %q, listed as refused", s)
				}
				if !strings.Contains(err.Error(), v.list) && !(v.suggests && strings.Contains(err.Error(), "(did you mean ")) {
					t.Errorf("the owner's error %q does not name the valid names (%s)", err, v.list)
				}
				for _, k := range v.carriers {
					checkRefused(t, f, v, k, s, err.Error())
				}
			}
			if v.noKey != "" {
				checkNoKey(t, f, v.noKey)
			}
		})
	}
}

func carrierName(k carrier) string {
	switch {
	case k.flag != "":
		return k.cmd + " --" + k.flag
	case k.key != "":
		return k.cmd + " --config (" + k.key + ")"
	}
	return k.cmd + " ARG"
}

func checkAccepted(t *testing.T, f *fixture, v vocabulary, k carrier, s, name string) {
	t.Helper()
	list := "list.csv"
	if v.listFor != nil && v.listFor(name) != "" {
		list = v.listFor(name)
	}
	args := f.args(k.cmd, list, k.give(f, s, true))
	code, out, errOut := f.run(args)
	wantErr := ""
	if strings.HasSuffix(list, ".vcf") && (k.cmd == "check" || k.cmd == "fix") {
		wantErr = "listaudit: warning: " + filepath.Join(f.dir, list) + ": no opt-out column (a vCard has none); opted-out contacts are found only through --suppress\n"
	}
	if code != ExitOK && code != ExitFindings || errOut != wantErr {
		t.Errorf("%s %q: exit %d, stderr %q; want it accepted (%v)", carrierName(k), s, code, errOut, args)
		return
	}
	if k.value == nil {
		return
	}
	c, err := f.resolved(args)
	if err != nil {
		t.Errorf("%s %q: resolve: %v", carrierName(k), s, err)
		return
	}
	if got := k.value(c, out); got != name {
		t.Errorf("%s %q: means %q, want %q as the owner reads it", carrierName(k), s, got, name)
	}
}

func checkRefused(t *testing.T, f *fixture, v vocabulary, k carrier, s, msg string) {
	t.Helper()
	args := f.args(k.cmd, "list.csv", k.give(f, s, false))
	code, _, errOut := f.run(args)
	if why, ok := k.malformed[s]; ok {
		if code != ExitError || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s %q: exit %d, stderr %q; want exit 2 and one line: %s", carrierName(k), s, code, errOut, why)
		}
		return
	}
	want := "listaudit: " + k.where(f, s) + msg + k.hint[s] + "\n"
	if code != ExitError || errOut != want {
		t.Errorf("%s %q: exit %d, stderr\n%q, want exit 2 and\n%q", carrierName(k), s, code, errOut, want)
	}
}

// checkNoKey checks that a policy file refuses key as unknown.
func checkNoKey(t *testing.T, f *fixture, key string) {
	t.Helper()
	path := f.writePolicy(key + ": x\n")
	code, _, errOut := f.run(f.args("check", "list.csv", []string{"--config", path}))
	if want := fmt.Sprintf("listaudit: %s:1: unknown key %q", path, key); code != ExitError || !strings.HasPrefix(errOut, want) {
		t.Errorf("policy key %s: exit %d, stderr %q; want it refused as unknown: the table says no key takes the vocabulary", key, code, errOut)
	}
}

// TestVocabularyTable checks that the table of vocabularies says, for
// every command, whether it takes each vocabulary: a carrier's flag
// exists, and a command said to take none has none of the vocabulary's
// flags, unless as a carrier of another vocabulary. A flag added later
// to a command that took none fails here until the table says so.
func TestVocabularyTable(t *testing.T) {
	env, _, _ := testEnv("")
	root, _ := newRootCmd(env)
	commands := map[string]*cobra.Command{}
	for _, c := range root.Commands() {
		if c.Name() != "help" && c.Name() != "completion" {
			commands[c.Name()] = c
		}
	}
	vocabs := vocabularies()
	carries := func(cmd, flag string) bool {
		for _, v := range vocabs {
			for _, k := range v.carriers {
				if k.cmd == cmd && k.flag == flag {
					return true
				}
			}
		}
		return false
	}
	for _, v := range vocabs {
		flags := map[string]bool{}
		takes := map[string]bool{} // by a flag or an argument
		for _, k := range v.carriers {
			if k.key == "" {
				takes[k.cmd] = true
			}
			if k.flag == "" {
				continue
			}
			flags[k.flag] = true
			if commands[k.cmd] == nil || commands[k.cmd].Flags().Lookup(k.flag) == nil {
				t.Errorf("%s: %s has no --%s", v.name, k.cmd, k.flag)
			}
		}
		for name, cmd := range commands {
			_, none := v.notTaken[name]
			switch {
			case takes[name] && none:
				t.Errorf("%s: %s is both a carrier and said to take none", v.name, name)
			case !takes[name] && !none:
				t.Errorf("%s: the table does not say whether %s takes it", v.name, name)
			case none:
				for flag := range flags {
					if cmd.Flags().Lookup(flag) != nil && !carries(name, flag) {
						t.Errorf("%s: %s now has --%s: add it to the vocabulary's carriers, or say which vocabulary it takes", v.name, name, flag)
					}
				}
			}
		}
	}
}
