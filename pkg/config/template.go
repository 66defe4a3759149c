package config

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
)

// Template returns the commented starter file `listaudit init` writes:
// every key with its default value and a comment. The columns section
// holds mapping (the headers `init --from FILE` detected, detectedFrom
// naming FILE) or, when mapping is empty, commented examples. Parsing the
// result yields the defaults.
func Template(mapping map[domain.Field]string, detectedFrom string) []byte {
	def := domain.DefaultPolicy()
	qh := domain.DefaultQuietHours()
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	w(`# listaudit policy: the settings 'listaudit check' audits contact lists with.
# Every key is optional: delete a key to use the built-in default. Flags on
# the command line override this file. Paths are relative to this file's
# directory. 'listaudit rules' lists every rule and the settings it reads.

# Default region (ISO 3166 alpha-2, e.g. KE) for numbers written without +; "" = none.
region: ""
# Go time layout tried before the built-in date formats, e.g. "02/01/2006".
date_format: ""
# CSV delimiter: ",", ";", "|" or tab; "" = detect. Quote , and |.
delimiter: ""
# Format of every input: csv, tsv, json, ndjson, vcard or xlsx; "" = from the
# file name, then the content.
input_format: ""

`)
	writeColumns(&b, mapping, detectedFrom)
	w(`
consent:
  # Consent older than this is expired (consent-expired). Units: w, d, h, m, s.
  max_age: %s
  # Allowed consent sources, e.g. [web_form, checkout, keyword_sms, paper_form];
  # any other gives consent-source-unknown. [] = any source.
  sources: []
  # Consent evidence columns (headers) that must be filled on every row, e.g.
  # [consent_text_version, consent_channel] (consent-evidence-incomplete).
  require: []

# A contact with no activity or consent for this long is stale.
stale_after: %s

# At most max messages in any window (over-messaged).
messages:
  max: %d
  window: %s

# Local sending window for --send-at: from start up to, not including, end
# (quiet-hours). A start after end spans midnight, e.g. 22:00 to 06:00.
quiet_hours:
  start: "%s"
  end: "%s"

# Exit with status 1 when a finding is at or above: error, warning, info or never.
fail_on: %s
# Raise every warning of the consent and phone families to error.
strict: false

rules:
  # Severity per rule id: error, warning or info, e.g. phone-not-mobile: error.
  severity: {}
  # Rules that do not run, e.g. [stale].
  disabled: []
  # Rules that run even when disabled elsewhere (like --enable).
  enabled: []

# Do-not-contact lists (like --suppress): one number a line, a CSV with a
# phone column, or SHA-256 hex digests of E.164 numbers.
suppress: []
# Send logs (like --messages): CSV or NDJSON with phone and sent_at columns.
messages_log: []
# Findings accepted earlier, written by --write-baseline; "" = none.
baseline: ""

# Defaults for the report of 'listaudit check'.
report:
  # Report format (see 'listaudit check --help').
  format: %s
  # Table: list at most this many findings; 0 = all.
  limit: %d
  # SARIF: list at most this many results, the most severe first; 0 = all.
  # GitHub code scanning rejects a run of more than 25,000.
  sarif_max_results: 0
  # HTML report title and author; "" = the built-in title, no author.
  title: ""
  author: ""
`, def.ConsentMaxAge, def.StaleAfter, def.MaxMessages, def.MessageWindow,
		qh.Start, qh.End, def.FailOn, DefaultReportFormat, DefaultReportLimit)
	return b.Bytes()
}

func writeColumns(b *bytes.Buffer, mapping map[domain.Field]string, from string) {
	b.WriteString("# Which column holds which field, for headers listaudit does not recognise\n" +
		"# (like --map field=HEADER). Fields:\n")
	line := "#  "
	for i, name := range fieldNames() {
		word := " " + name + ","
		if i == int(domain.NumNamedFields)-1 {
			word = " " + name + "."
		}
		if len(line)+len(word) > 78 {
			b.WriteString(line + "\n")
			line = "#  "
		}
		line += word
	}
	b.WriteString(line + "\n")
	var named []domain.Field
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		if strings.TrimSpace(mapping[f]) != "" {
			named = append(named, f)
		}
	}
	if len(named) == 0 && from == "" {
		b.WriteString("columns:\n  # phone: \"Mobile Number\"\n  # consent_at: \"Opt-in date\"\n")
		return
	}
	if from != "" {
		fmt.Fprintf(b, "# Detected from %s: check it before use.\n", oneLine(from))
	} else {
		b.WriteString("# Detected: check it before use.\n")
	}
	// The one field check cannot do without: say so where it is set.
	noPhone := strings.TrimSpace(mapping[domain.FieldPhone]) == ""
	if noPhone {
		b.WriteString("# No phone column was found: set phone to the header of the numbers,\n" +
			"# or check stops with \"no phone column\" (exit 2).\n")
	}
	b.WriteString("columns:\n")
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		if h := strings.TrimSpace(mapping[f]); h != "" {
			fmt.Fprintf(b, "  %s: %s\n", f.Name(), quote(mapping[f]))
		} else {
			fmt.Fprintf(b, "  # %s: \"\"  # no column found\n", f.Name())
		}
	}
}

// quote writes s as a one-line YAML double-quoted scalar.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == 0xFEFF || !unicode.IsPrint(r) && r != ' ':
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
