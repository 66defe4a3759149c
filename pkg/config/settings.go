package config

import (
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/report"
)

// This file is the table of listaudit's settings: one row per setting,
// declaring its policy-file key, its flag, the commands that take it, its
// help text, its template comment and its kind (how its values are parsed
// and checked). The flags, the policy file's decoding, the init template
// and --help are all made from it. A setting's default is its field's
// value in Defaults; how reports name a policy setting is
// domain.Policy.Describe.
//
// A new setting is a row here and, if it is policy, a field of
// domain.Policy (with its line in Policy.Describe).

// Command is a set of the commands a setting belongs to.
type Command uint8

const (
	Check Command = 1 << iota
	Fix
	Inspect
	Init
	Rules

	// auditing commands read the whole policy.
	auditing = Check | Fix
	// reading commands read lists and take the flags that say how.
	reading = Check | Fix | Inspect | Init
)

// Group is what a flag is about. --help lists a command's flags under a
// heading per group, in this order, and the README's table of check's
// flags follows it.
type Group uint8

const (
	// InputFlags say how lists are read.
	InputFlags Group = iota + 1
	// PolicyFlags say what is checked, and how strictly.
	PolicyFlags
	// EvidenceFlags name the other files the list is checked against,
	// and the planned sending time.
	EvidenceFlags
	// OutputFlags say what is written, and where.
	OutputFlags
)

// Groups lists the groups in the order --help shows them.
func Groups() []Group { return []Group{InputFlags, PolicyFlags, EvidenceFlags, OutputFlags} }

// Title heads the group's flags in --help and in the README.
func (g Group) Title() string {
	switch g {
	case InputFlags:
		return "Input flags (how lists are read)"
	case PolicyFlags:
		return "Policy flags (what is checked, and how strictly)"
	case EvidenceFlags:
		return "Evidence flags (what the list is checked against)"
	case OutputFlags:
		return "Output flags (what is written, and where)"
	}
	return ""
}

// Setting is one row of the table. Rows are made by row, which binds the
// kind's parsers to the Config field the setting sets.
type Setting struct {
	// Key is the policy file's key, dotted for nested ones
	// ("consent.max_age"); "" when only a flag gives it.
	Key string
	// Flag is the flag's name without dashes; "" when only the policy
	// file gives it. Short is its one-letter form.
	Flag, Short string
	// Commands take the flag, and apply the policy file's value.
	Commands Command
	// Group is what the flag is about: --help and the README list a
	// command's flags by group.
	Group Group
	// Usage is the flag's --help text; a word in backquotes names the
	// value (`AGE`).
	Usage string
	// Doc is the init template's comment on the key, one line per line;
	// "" writes none. Break writes a blank line before it.
	Doc   string
	Break bool
	// Aliases are names people write for Key (other tools' keys, report
	// names), answered with "did you mean" Key.
	Aliases []string
	// Former is a name the flag had (and, dashes as underscores, the
	// key), still read with a warning that names Flag and says what it
	// means; --help does not list it.
	Former string
	// Writes says the flag names a file the command writes: given twice
	// with two files, it is an error, as the first would not be written.
	Writes bool

	shape    flagShape
	fromText func(c *Config, vals []string) error
	fromNode func(d *decoder, v *yaml.Node, key string) (apply func(*Config) error, set bool, err error)
	yaml     func(c *Config) string
	help     func(c *Config) string
}

// row binds a kind to the field the setting sets: its parsers store their
// value through field, the template and --help read it back.
func row[T any](s Setting, k kind[T], field func(*Config) *T) Setting {
	return rowWith(s, k, func(c *Config, v T) error { *field(c) = v; return nil }, func(c *Config) T { return *field(c) })
}

// rowWith is row for a setting whose value is applied by set rather than
// stored as it is (rule lists that add to or take from the disabled
// rules; column maps merged field by field); get is what the template and
// --help show.
func rowWith[T any](s Setting, k kind[T], set func(*Config, T) error, get func(*Config) T) Setting {
	s.shape = k.flag
	s.fromText = func(c *Config, vals []string) error {
		v, err := k.text(vals)
		if err != nil {
			return err
		}
		return set(c, v)
	}
	s.fromNode = func(d *decoder, n *yaml.Node, key string) (func(*Config) error, bool, error) {
		v, ok, err := k.node(d, n, key)
		if !ok || err != nil {
			return nil, false, err
		}
		return func(c *Config) error { return set(c, v) }, true, nil
	}
	if k.yaml != nil {
		s.yaml = func(c *Config) string { return k.yaml(get(c)) }
	}
	s.help = func(c *Config) string { return k.help(get(c)) }
	return s
}

// valueName names the value of a flag in its usage, in backquotes before
// the usage's first colon, where pflag takes it from for --help
// ("--delimiter D  CSV delimiter D: , ; | or tab").
func valueName(name, usage string) string {
	before, after, _ := strings.Cut(usage, ":")
	return before + " `" + name + "`:" + after
}

// table is every setting, in the order of the init template.
var table = []Setting{
	row(Setting{Key: "region", Flag: "region", Commands: auditing, Group: InputFlags, Aliases: []string{"default_region"},
		Usage: "default `REGION` for numbers without +: a country code, name or calling code (KE, Kenya, +254)",
		Doc:   `Default region for numbers without +: a country code, name or calling code (KE, Kenya, +254).`},
		regionKind, func(c *Config) *string { return &c.Policy.DefaultRegion }),
	row(Setting{Key: "date_format", Flag: "date-format", Commands: auditing | Inspect, Group: InputFlags,
		Usage: "date `FORMAT` tried before the built-in ones: a pattern such as DD/MM/YYYY or a Go layout such as 02/01/2006",
		Doc:   `Date format tried first: a pattern ("DD/MM/YYYY") or a Go layout ("02/01/2006").`},
		layoutKind, func(c *Config) *string { return &c.Policy.DateFormat }),
	row(Setting{Key: "delimiter", Flag: "delimiter", Commands: reading, Group: InputFlags,
		Usage: valueName("D", input.DelimiterUsage),
		Doc:   `CSV delimiter: ",", ";", "|" or tab; "" = detect. Quote , and |.`},
		delimiterKind, func(c *Config) *rune { return &c.Input.Delimiter }),
	row(Setting{Key: "input_format", Flag: "input-format", Commands: reading, Group: InputFlags,
		Usage: valueName("F", input.FormatUsage),
		Doc:   "Format of every input: " + domain.OrList(input.Formats) + `; "" = from the` + "\nfile name, then the content."},
		inputFormatKind, func(c *Config) *string { return &c.Input.Format }),
	row(Setting{Flag: "sheet", Commands: reading, Group: InputFlags,
		Usage: "XLSX: read worksheet `NAME` (default: the first)"},
		textKind, func(c *Config) *string { return &c.Input.Sheet }),
	row(Setting{Flag: "encoding", Commands: reading, Group: InputFlags,
		Usage: valueName("E", input.EncodingUsage)},
		encodingKind, func(c *Config) *string { return &c.Input.Encoding }),
	rowWith(Setting{Key: "columns", Flag: "map", Commands: Check | Fix | Inspect, Group: InputFlags, Break: true,
		Aliases: []string{"map", "mapping", "column_map"},
		Usage:   "map a field to a column: `field=HEADER` (repeatable)"},
		columnsKind, mergeColumns, func(c *Config) map[domain.Field]string { return c.Columns }),

	row(Setting{Key: "consent.max_age", Flag: "consent-max-age", Commands: auditing, Group: PolicyFlags, Break: true,
		Aliases: []string{"max_age"},
		Usage:   "consent older than this `AGE` is expired (units " + domain.AgeUnits + "; e.g. 730d, 182d for 6 months)",
		Doc:     "Consent older than this is expired (consent-expired). Units: " + domain.AgeUnits + "."},
		ageKind, func(c *Config) *domain.Duration { return &c.Policy.ConsentMaxAge }),
	row(Setting{Key: "consent.sources", Commands: auditing, Aliases: []string{"sources"},
		Doc: "Allowed consent sources, e.g. [web_form, checkout, keyword_sms, paper_form];\nany other gives consent-source-unknown. [] = any source."},
		wordsKind, func(c *Config) *[]string { return &c.Policy.ConsentSources }),
	row(Setting{Key: "consent.require", Commands: auditing, Aliases: []string{"require"},
		Doc: "Consent evidence columns (headers) that must be filled on every row, e.g.\n[consent_text_version, consent_ip] (consent-evidence-incomplete)."},
		evidenceKind, func(c *Config) *[]string { return &c.Policy.ConsentRequire }),
	row(Setting{Key: "consent.require_double_opt_in", Flag: "require-double-opt-in", Commands: auditing, Group: PolicyFlags,
		Usage: "require every consent to be confirmed (double opt-in: a consent_confirmed_at)",
		Doc:   "Require every consent to be confirmed by double opt-in (consent-unconfirmed)."},
		boolKind, func(c *Config) *bool { return &c.Policy.RequireDoubleOptIn }),
	row(Setting{Key: "stale_after", Flag: "stale-after", Commands: auditing, Group: PolicyFlags, Break: true,
		Usage: "an entry with no activity or consent for this `AGE` is stale (units " + domain.AgeUnits + ")",
		Doc:   "A contact with no activity or consent for this long is stale. Units: " + domain.AgeUnits + "."},
		ageKind, func(c *Config) *domain.Duration { return &c.Policy.StaleAfter }),
	row(Setting{Key: "messages.max", Flag: "max-messages", Commands: auditing, Group: PolicyFlags, Break: true,
		Usage: "at most `N` messages in the message window"},
		countKind(""), func(c *Config) *int { return &c.Policy.MaxMessages }),
	row(Setting{Key: "messages.window", Flag: "message-window", Commands: auditing, Group: PolicyFlags,
		Aliases: []string{"window", "messages_window"},
		Usage:   "the `WINDOW` over which messages are counted: the one messages_sent covers, and the sliding window over send logs (units " + domain.DurationUnits + ")"},
		durationKind, func(c *Config) *domain.Duration { return &c.Policy.MessageWindow }),
	// --quiet-hours was this flag's name, but it takes the hours sends
	// are allowed: read as --send-window, with a warning.
	row(Setting{Key: "send_window", Flag: "send-window", Former: "quiet-hours", Commands: auditing, Group: PolicyFlags, Break: true,
		Aliases: []string{"quiet_hours_start", "quiet_hours_end", "sending_window", "sending_hours"},
		Usage:   "local sending `WINDOW` --send-at is judged against, HH:MM-HH:MM: the hours sends are allowed, not the quiet hours",
		Doc:     "Local sending window for --send-at: the hours sends are allowed, from start up\nto, not including, end (quiet-hours); not the quiet hours. A start after end\nspans midnight, e.g. 22:00 to 06:00."},
		windowKind, func(c *Config) *domain.QuietHours { return &c.Policy.QuietHours }),
	row(Setting{Key: "fail_on", Flag: "fail-on", Commands: auditing, Group: PolicyFlags, Break: true,
		Usage: "exit 1 on findings at or above `LEVEL`: error, warning, info or never",
		Doc:   "Exit with status 1 when a finding is at or above: error, warning, info or never."},
		thresholdKind, func(c *Config) *domain.Threshold { return &c.Policy.FailOn }),
	// drop_on is fix's alone: check does not apply it. It is not fail_on:
	// which rows are messaged does not change with the exit status asked
	// for; fix's summary says when its clean list would fail fail_on.
	row(Setting{Key: "drop_on", Flag: "drop-on", Commands: Fix, Group: PolicyFlags,
		Usage: "quarantine rows with a finding at or above `LEVEL`: error, warning or info",
		Doc:   "listaudit fix: quarantine rows with a finding at or above: error, warning or info."},
		severityKind, func(c *Config) *domain.Severity { return &c.DropOn }),
	row(Setting{Key: "strict", Flag: "strict", Commands: auditing, Group: PolicyFlags,
		Usage: "raise every warning of the consent, scope and phone rules to error",
		Doc:   "Raise every warning of the consent, scope and phone families to error."},
		boolKind, func(c *Config) *bool { return &c.Policy.Strict }),

	row(Setting{Key: "opt_out_scope", Flag: "opt-out-scope", Commands: auditing, Group: PolicyFlags,
		Usage: "what an opt-out stops, `SCOPE`: global (every channel) or channel (the channel it was recorded on)",
		Doc:   "What an opt-out stops: global (every channel) or channel (the channel it was\nrecorded on, consent_channel)."},
		optOutScopeKind, func(c *Config) *domain.OptOutScope { return &c.Policy.OptOutScope }),

	row(Setting{Key: "campaign.channel", Flag: "channel", Commands: auditing, Group: PolicyFlags, Break: true,
		Usage: "the campaign's `CHANNEL`: " + domain.OrList(domain.CampaignChannels) + " (checks each row's consented channels)",
		Doc:   "The channel the campaign is sent on: " + domain.OrList(domain.CampaignChannels) + `; "" = not declared.`},
		channelKind, func(c *Config) *domain.Channel { return &c.Policy.Channel }),
	row(Setting{Key: "campaign.purpose", Flag: "purpose", Commands: auditing, Group: PolicyFlags,
		Usage: "the campaign's `PURPOSE`: " + domain.OrList(domain.PurposeNames) + " (checks each row's consented purposes)",
		Doc:   "What it is for: " + domain.OrList(domain.PurposeNames) + `; "" = not declared.`},
		purposeKind, func(c *Config) *domain.Purpose { return &c.Policy.Purpose }),
	row(Setting{Key: "campaign.brand", Flag: "brand", Commands: auditing, Group: PolicyFlags,
		Usage: "the sending business or `BRAND`, checked against each row's consent_brand",
		Doc:   `The business or brand that sends it, checked against consent_brand; "" = not declared.`},
		textKind, func(c *Config) *string { return &c.Policy.Brand }),
	row(Setting{Key: "jurisdictions", Flag: "jurisdictions", Commands: auditing, Group: PolicyFlags, Break: true,
		Usage: "jurisdiction `MODE`: builtin judges each row by its number's jurisdiction (sending window, message cap, consent age); off, by the policy alone",
		Doc:   "builtin: judge each row by the jurisdiction of its number (sending window, message\ncap, consent age by consent type), with a mapping of codes to override it, e.g.\n{US-FL: {send_window: \"09:00-20:00\"}}; off: the policy's thresholds for every row."},
		jurisdictionsKind, func(c *Config) *domain.Jurisdictions { return &c.Policy.Jurisdictions }),

	row(Setting{Key: "rules.severity", Commands: auditing, Break: true, Aliases: []string{"severity", "severities"},
		Doc: "Severity per rule id: error, warning or info, e.g. phone-not-mobile: error."},
		severitiesKind, func(c *Config) *map[string]domain.Severity { return &c.Policy.Severity }),
	rowWith(Setting{Key: "rules.disabled", Flag: "disable", Commands: auditing, Group: PolicyFlags, Aliases: []string{"disabled"},
		Usage: "do not run `RULE` (repeatable, or comma-separated)",
		Doc:   "Rules that do not run, e.g. [stale]."},
		ruleListKind, disableRules, func(c *Config) []string { return c.Policy.Disabled }),
	rowWith(Setting{Key: "rules.enabled", Flag: "enable", Commands: auditing, Group: PolicyFlags, Aliases: []string{"enabled"},
		Usage: "run `RULE` even where the policy file or --disable turns it off (repeatable, or comma-separated)",
		Doc:   "Rules that run even when disabled elsewhere (like --enable)."},
		ruleListKind, enableRules, func(*Config) []string { return nil }),

	rowWith(Setting{Key: "suppress", Flag: "suppress", Commands: auditing, Group: EvidenceFlags, Break: true,
		Aliases: []string{"suppression", "suppression_list", "suppression_lists"},
		Usage:   "do-not-contact list `FILE`: numbers, a CSV with a phone column, or SHA-256 hashes (repeatable; adds to the policy file's)",
		Doc:     "Do-not-contact lists (like --suppress): one number a line, a CSV with a\nphone column, or SHA-256 hex digests of E.164 numbers."},
		pathsKind, addSuppress, func(c *Config) []string { return c.Policy.Suppress }),
	rowWith(Setting{Key: "messages_log", Flag: "messages", Commands: auditing, Group: EvidenceFlags,
		Aliases: []string{"send_log", "send_logs", "messages_logs", "message_logs"},
		Usage:   "send log `FILE` (CSV or NDJSON with phone and sent_at) (repeatable; adds to the policy file's)",
		Doc:     "Send logs (like --messages): CSV or NDJSON with phone and sent_at columns."},
		pathsKind, addMessageLogs, func(c *Config) []string { return c.Policy.MessageLogs }),
	row(Setting{Key: "baseline", Flag: "baseline", Commands: auditing, Group: EvidenceFlags,
		Usage: "hide findings accepted in baseline `FILE`",
		Doc:   `Findings accepted earlier, written by --write-baseline; "" = none.`},
		pathKind, func(c *Config) *string { return &c.Policy.Baseline }),

	row(Setting{Key: "report.format", Flag: "format", Short: "f", Commands: Check, Group: OutputFlags, Break: true,
		Usage: "report format `NAME`: " + reportFormatList(),
		Doc:   "Report format (see 'listaudit check --help')."},
		reportFormatKind, func(c *Config) *string { return &c.Format }),
	row(Setting{Key: "report.limit", Flag: "limit", Commands: Check, Group: OutputFlags,
		Usage: "table: list at most `N` findings (0 = all)",
		Doc:   "Table: list at most this many findings; 0 = all."},
		countKind(" (0 shows all)"), func(c *Config) *int { return &c.Report.Limit }),
	row(Setting{Key: "report.sarif_max_results", Flag: "sarif-max-results", Commands: Check, Group: OutputFlags, Aliases: []string{"max_results"},
		Usage: "sarif: list at most `N` results, the most severe first (0 = all; GitHub code scanning rejects more than 25,000)",
		Doc:   "SARIF: list at most this many results, the most severe first; 0 = all.\nGitHub code scanning rejects a run of more than 25,000."},
		countKind(" (0 lists every finding)"), func(c *Config) *int { return &c.Report.SARIFMaxResults }),
	row(Setting{Key: "report.title", Flag: "title", Commands: Check, Group: OutputFlags,
		Usage: "title `TEXT` of the HTML report (default: " + report.DefaultHTMLTitle + ")",
		Doc:   `HTML report title and author; "" = the built-in title, no author.`},
		textKind, func(c *Config) *string { return &c.Report.Title }),
	row(Setting{Key: "report.author", Flag: "author", Commands: Check, Group: OutputFlags,
		Usage: "who ran the audit, `TEXT`, named in the HTML report"},
		textKind, func(c *Config) *string { return &c.Report.Author }),

	// Settings of one run, which a policy file does not hold.
	row(Setting{Flag: "config", Commands: auditing, Group: PolicyFlags,
		Usage: "read the policy from `FILE` (default: .listaudit.yaml in the working directory, if any)"},
		readFileKind, func(c *Config) *string { return &c.ConfigPath }),
	row(Setting{Flag: "config", Commands: Inspect, Group: InputFlags,
		Usage: "read the column mapping, delimiter and input_format from policy `FILE` (default: .listaudit.yaml, if any)"},
		readFileKind, func(c *Config) *string { return &c.ConfigPath }),
	row(Setting{Flag: "now", Commands: auditing, Group: PolicyFlags,
		Usage: "audit as of `TIME` (RFC 3339 or YYYY-MM-DD) instead of the clock"},
		timeKind, func(c *Config) *time.Time { return &c.Now }),
	row(Setting{Flag: "send-at", Commands: auditing, Group: EvidenceFlags,
		Usage: "planned campaign `TIME` (RFC 3339, or a date for midnight UTC); reports contacts for whom it falls outside the sending window"},
		timeKind, func(c *Config) *time.Time { return &c.Policy.SendAt }),
	row(Setting{Flag: "workers", Commands: auditing, Group: InputFlags,
		Usage: "records checked in parallel by `N` workers (default: one per CPU)"},
		countKind(" (0 means one per CPU)"), func(c *Config) *int { return &c.Workers }),
	row(Setting{Flag: "output", Writes: true, Short: "o", Commands: Check, Group: OutputFlags,
		Usage: "write the report to `FILE` (atomically, mode 0600) instead of stdout (- is stdout); without -f, a FILE ending as for --report sets the format"},
		fileFlagKind, func(c *Config) *string { return &c.Output }),
	row(Setting{Flag: "report", Commands: Check, Group: OutputFlags,
		Usage: "also write a report to a file: `FORMAT=PATH`, e.g. sarif=listaudit.sarif, or a PATH ending in " + reportExtensionList() + " (repeatable); PATH - is stdout, when -o FILE takes the main report"},
		reportTargetsKind, func(c *Config) *[]ReportTarget { return &c.Reports }),
	row(Setting{Flag: "quiet", Short: "q", Commands: Check, Group: OutputFlags,
		Usage: "print only the verdict line, and no progress line (report files are still written)"},
		boolKind, func(c *Config) *bool { return &c.Quiet }),
	row(Setting{Flag: "show-pii", Commands: Check, Group: OutputFlags,
		Usage: "show phone numbers and personal values unmasked"},
		boolKind, func(c *Config) *bool { return &c.Report.ShowPII }),
	row(Setting{Flag: "write-baseline", Writes: true, Commands: Check, Group: OutputFlags,
		Usage: "write this run's findings to baseline `FILE` (- is stdout, as for --report)"},
		fileFlagKind, func(c *Config) *string { return &c.WriteBaseline }),
	row(Setting{Flag: "no-step-summary", Commands: Check | Fix, Group: OutputFlags,
		Usage: "do not append the Markdown summary to $GITHUB_STEP_SUMMARY (the job summary GitHub Actions gives each step)"},
		boolKind, func(c *Config) *bool { return &c.NoStepSummary }),

	row(Setting{Flag: "output", Writes: true, Short: "o", Commands: Fix, Group: OutputFlags,
		Usage: "write the clean list to `FILE` (CSV, or XLSX when it ends in .xlsx; mode 0600); - writes CSV to stdout and the summary to stderr"},
		fileFlagKind, func(c *Config) *string { return &c.Output }),
	row(Setting{Flag: "quarantine", Writes: true, Commands: Fix, Group: OutputFlags,
		Usage: "write the removed rows to `FILE` (CSV, or XLSX when it ends in .xlsx; mode 0600), with why and where from; - is stdout, as for -o"},
		fileFlagKind, func(c *Config) *string { return &c.Quarantine }),
	row(Setting{Flag: "keep-phone", Commands: Fix, Group: OutputFlags,
		Usage: "keep the phone cell as written and add a phone_e164 column"},
		boolKind, func(c *Config) *bool { return &c.KeepPhone }),
	row(Setting{Flag: "excel-safe", Commands: Fix, Group: OutputFlags,
		Usage: "neutralise the leading + of the clean file's phone numbers too, like every other cell"},
		boolKind, func(c *Config) *bool { return &c.ExcelSafe }),
	row(Setting{Flag: "dry-run", Commands: Fix, Group: OutputFlags,
		Usage: "print what would be kept and removed, by rule, without writing"},
		boolKind, func(c *Config) *bool { return &c.DryRun }),
	row(Setting{Flag: "format", Short: "f", Commands: Fix, Group: OutputFlags,
		Usage: "summary format `NAME`: " + domain.OrList(domain.SummaryFormats)},
		summaryFormatKind, func(c *Config) *string { return &c.Format }),
	row(Setting{Flag: "quiet", Short: "q", Commands: Fix, Group: OutputFlags,
		Usage: "print only what was written and the verdict line, and no progress line (errors are still printed)"},
		boolKind, func(c *Config) *bool { return &c.Quiet }),

	row(Setting{Flag: "format", Short: "f", Commands: Inspect, Group: OutputFlags,
		Usage: "output format `NAME`: " + domain.OrList(domain.SummaryFormats)},
		summaryFormatKind, func(c *Config) *string { return &c.Format }),
	row(Setting{Flag: "show-pii", Commands: Inspect, Group: OutputFlags,
		Usage: "show sample values unmasked"},
		boolKind, func(c *Config) *bool { return &c.Report.ShowPII }),
	row(Setting{Flag: "quiet", Short: "q", Commands: Inspect, Group: OutputFlags,
		Usage: "draw no progress line"},
		boolKind, func(c *Config) *bool { return &c.Quiet }),

	row(Setting{Flag: "format", Short: "f", Commands: Rules, Group: OutputFlags,
		Usage: "output format `NAME`: " + domain.OrList(domain.SummaryFormats)},
		summaryFormatKind, func(c *Config) *string { return &c.Format }),
	row(Setting{Flag: "jurisdiction", Commands: Rules, Group: OutputFlags,
		Usage: "print what the built-in jurisdiction table sets for a number in `CODE` (a country, or US-XX or CA-XX), merged with its country's, with the sources"},
		jurisdictionKind, func(c *Config) *string { return &c.Jurisdiction }),

	row(Setting{Flag: "from", Commands: Init, Group: InputFlags,
		Usage: "propose the column mapping of contact list `FILE`"},
		fileFlagKind, func(c *Config) *string { return &c.From }),
	row(Setting{Flag: "output", Writes: true, Short: "o", Commands: Init, Group: OutputFlags,
		Usage: "write the policy to `FILE` (- for standard output)"},
		fileFlagKind, func(c *Config) *string { return &c.Output }),
	row(Setting{Flag: "force", Commands: Init, Group: OutputFlags,
		Usage: "overwrite an existing policy file"},
		boolKind, func(c *Config) *bool { return &c.Force }),
}

// sections are the policy file's nested mappings, with the template's
// comment on each.
var sections = []struct{ key, doc string }{
	{"consent", ""},
	{"campaign", "The campaign the list is audited for (consent scope rules)."},
	{"messages", "At most max messages in any window (over-messaged)."},
	{"rules", ""},
	{"report", "Defaults for the report of 'listaudit check'."},
}

// Settings lists the rows of cmd, in table order.
func Settings(cmd Command) []*Setting {
	var out []*Setting
	for i := range table {
		if table[i].Commands&cmd != 0 {
			out = append(out, &table[i])
		}
	}
	return out
}

// byKey finds the row of a policy file key, or of a former name of its
// flag (formerKey).
func byKey(key string) *Setting {
	for i := range table {
		if table[i].Key == key || formerKey(&table[i]) == key {
			return &table[i]
		}
	}
	return nil
}

// formerKey is the policy file key of s's former flag name ("" for none).
func formerKey(s *Setting) string { return strings.ReplaceAll(s.Former, "-", "_") }

// keysUnder lists the names of the keys directly under prefix ("" for the
// top), in table order: a key's own name, or its section's.
func keysUnder(prefix string) []string {
	var names []string
	for i := range table {
		key, ok := strings.CutPrefix(table[i].Key, join(prefix, ""))
		if prefix == "" {
			key, ok = table[i].Key, table[i].Key != ""
		}
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(key, ".")
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// keyAlias finds the key a top-level name that is not one means: a flag's
// name, a nested key's last part or another of the key's names.
func keyAlias(name string) string {
	n := strings.TrimLeft(strings.ReplaceAll(strings.ToLower(name), "-", "_"), "_")
	for _, s := range table {
		if s.Key == "" {
			continue
		}
		if slices.Contains(s.Aliases, n) || s.Flag != "" && strings.ReplaceAll(s.Flag, "-", "_") == n && n != s.Key {
			return s.Key
		}
	}
	// The last part of a nested key: "limit" is report.limit.
	for _, s := range table {
		if _, last, nested := strings.Cut(s.Key, "."); nested && last == n {
			return s.Key
		}
	}
	return ""
}
