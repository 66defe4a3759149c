package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/report"
	"github.com/listaudit/listaudit/pkg/rules"
)

// RulesOptions are the settings of `listaudit rules`.
type RulesOptions struct {
	Env   *Env
	ID    string
	Flags *config.Flags
}

// NewCmdRules builds `listaudit rules [ID]`.
func NewCmdRules(env *Env, runF func(*RulesOptions) error) *cobra.Command {
	opts := &RulesOptions{Env: env, Flags: config.NewFlags(config.Rules)}
	cmd := &cobra.Command{
		Use:   "rules [RULE | explain RULE | jurisdictions]",
		Short: "List the audit rules, or explain one",
		// Its arguments, typed as commands, are suggested as rules WORD.
		SuggestFor: []string{"jurisdictions", "explain"},
		Long: `Without an argument, list every rule: its id, default severity, family and
what makes it fire. With a rule id (or 'explain RULE', the same), explain that
rule: what it checks, why (the law or platform policy behind it), the
settings it reads, how to fix a finding and how to configure or disable it.

'rules jurisdictions' lists the built-in jurisdiction table that
--jurisdictions builtin applies (sending windows, message caps, consent ages,
each with its source); --jurisdiction CODE prints what applies to a number
there, merged with its country's.`,
		Example: "  listaudit rules\n  listaudit rules consent-expired\n  listaudit rules explain consent-expired\n" +
			"  listaudit rules jurisdictions\n  listaudit rules --jurisdiction US-FL",
		Args: optionalRule,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				opts.ID = args[len(args)-1]
			}
			if runF != nil {
				return runF(opts)
			}
			return runRules(opts)
		},
	}
	bindFlags(cmd.Flags(), opts.Flags)
	return cmd
}

// ruleJSON is the machine-readable form of a catalogue entry.
type ruleJSON struct {
	ID       string   `json:"id"`
	Severity string   `json:"severity"`
	Family   string   `json:"family"`
	Summary  string   `json:"summary"`
	Help     string   `json:"help"`
	Settings []string `json:"settings"`
	Basis    []string `json:"basis"`
}

func toJSON(r *rules.Rule) ruleJSON {
	settings := r.Settings
	if settings == nil {
		settings = []string{}
	}
	return ruleJSON{r.ID, r.Severity.String(), r.Family, r.Summary, r.Help, settings, r.Basis}
}

func runRules(o *RulesOptions) error {
	c, err := resolve(o.Env, config.Rules, o.Flags, nil)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	ascii := o.Env.outASCII() && c.Format != domain.SummaryJSON
	switch {
	case c.Jurisdiction != "" && o.ID != "":
		return fmt.Errorf("rules prints a rule or what applies in a jurisdiction, not both: %s and --jurisdiction %s", o.ID, c.Jurisdiction)
	case c.Jurisdiction != "":
		err = writeJurisdiction(&buf, c.Jurisdiction, c.Format, ascii)
	case o.ID == jurisdictionsTopic:
		err = writeJurisdictionTable(&buf, c.Format, ascii)
	default:
		if err = ruleOrTopic(o.ID); err == nil {
			err = writeRules(&buf, o.ID, c.Format, ascii)
		}
	}
	if err != nil {
		return err
	}
	// All of it is listaudit's own text: its tables' cells are in ASCII
	// already, before they were laid out; the prose here.
	_, err = io.WriteString(o.Env.Out, ownText(ascii, buf.String()))
	return err
}

// ruleOrTopic is rules.Check's error for an id that is no rule, unless
// the id is nearer to a topic of the command than to any rule
// ("jurisdiction" for jurisdictions), which it then names.
func ruleOrTopic(id string) error {
	err := rules.Check(id)
	if err == nil || id == "" {
		return nil
	}
	if domain.Nearest(id, append(rules.IDs(), jurisdictionsTopic)) == jurisdictionsTopic {
		return fmt.Errorf("unknown rule %q (did you mean 'listaudit rules %s'?)", id, jurisdictionsTopic)
	}
	return err
}

// ownText is listaudit's own text, which rules prints all of, in ASCII
// when ascii says so: its marks (domain.Marks), its letters' accents and
// its curly quotes (report.FoldToASCII: the French holiday names "Pâques"
// and "Noël", "Côte d’Ivoire").
func ownText(ascii bool, s string) string {
	if !ascii {
		return s
	}
	return report.FoldToASCII(domain.Marks(true, s))
}

// marksCells is rows in ASCII when ascii says so (ownText): cells of
// listaudit's own text, before they are laid out in columns, whose widths
// the marks change.
func marksCells(ascii bool, rows [][]string) [][]string {
	if !ascii {
		return rows
	}
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, cell := range row {
			out[i][j] = ownText(true, cell)
		}
	}
	return out
}

// writeRules writes the catalogue, or one rule of it.
func writeRules(buf *bytes.Buffer, id, format string, ascii bool) error {
	var selected []*rules.Rule
	if id != "" {
		if err := rules.Check(id); err != nil {
			return err
		}
		r, _ := rules.Lookup(id)
		selected = append(selected, r)
	} else {
		for i := range rules.Catalogue {
			selected = append(selected, &rules.Catalogue[i])
		}
	}
	switch {
	case format == domain.SummaryJSON:
		out := make([]ruleJSON, 0, len(selected))
		for _, r := range selected {
			out = append(out, toJSON(r))
		}
		var v any = out
		if id != "" {
			v = out[0]
		}
		return encodeJSON(buf, v)
	case id != "":
		explainRule(buf, selected[0])
	default:
		rows := make([][]string, 0, len(selected))
		for _, r := range selected {
			rows = append(rows, []string{r.ID, r.Severity.String(), r.Family, r.Summary})
		}
		if err := report.WriteTable(buf, []string{"RULE", "SEVERITY", "FAMILY", "FIRES WHEN"}, marksCells(ascii, rows)); err != nil {
			return err
		}
		buf.WriteString("\nExplain one with 'listaudit rules RULE'.\n")
	}
	return nil
}

// encodeJSON writes v as rules' JSON: indented two spaces.
func encodeJSON(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// explainRule writes one rule's page: what, why, how to fix, how to set.
func explainRule(b *bytes.Buffer, r *rules.Rule) {
	fmt.Fprintf(b, "%s (%s, %s rules)\n\n", r.ID, r.Severity, r.Family)
	fmt.Fprintf(b, "Fires when %s.\n\n", r.Summary)
	b.WriteString(wrap(r.Help, 78))
	b.WriteString("\n\n")
	if len(r.Basis) > 0 {
		b.WriteString("Why:\n")
		for _, basis := range r.Basis {
			fmt.Fprintf(b, "  - %s\n", basis)
		}
		b.WriteString("\n")
	}
	if len(r.Settings) > 0 {
		fmt.Fprintf(b, "Settings: %s\n", strings.Join(r.Settings, ", "))
	}
	if r.Family == "consent" || r.Family == "phone" {
		b.WriteString("Strict:   --strict raises this rule's warnings to error\n")
	}
	fmt.Fprintf(b, "Severity: rules: {severity: {%s: error}} in .listaudit.yaml\n", r.ID)
	fmt.Fprintf(b, "Disable:  --disable %s, or rules: {disabled: [%s]} in .listaudit.yaml\n", r.ID, r.ID)
}

// wrap breaks text into lines of at most width columns at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		switch {
		case n == 0:
		case n+1+len(word) > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}
