package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/report"
)

// InspectOptions are the settings of `listaudit inspect`.
type InspectOptions struct {
	Env         *Env
	File        string
	Config      string
	Map         []string
	Delimiter   string
	InputFormat string
	Sheet       string
	Encoding    string
	Format      string
	ShowPII     bool
}

// NewCmdInspect builds `listaudit inspect FILE`.
func NewCmdInspect(env *Env, runF func(*InspectOptions) error) *cobra.Command {
	opts := &InspectOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "inspect FILE",
		Short: "Show how a contact list is read and how its columns map to fields",
		Long: `Read a contact list and show what listaudit detected: format, delimiter,
encoding, header and row count, and for each column the field it maps to with
a sample value (masked unless --show-pii), so a mapping can be fixed with
--map or the policy file before auditing.`,
		Example: "  listaudit inspect contacts.csv\n  listaudit inspect --map phone=\"Mobile, work\" crm.csv",
		Args:    oneListFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runInspect(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "read the column mapping from policy `FILE` (default: .listaudit.yaml, if any)")
	f.StringArrayVar(&opts.Map, "map", nil, "map a field to a column: `field=HEADER` (repeatable)")
	f.StringVar(&opts.Delimiter, "delimiter", "", "CSV delimiter: , ; | or tab (default: detected)")
	f.StringVar(&opts.InputFormat, "input-format", "", inputFormatUsage)
	addReadFlags(f, &opts.Sheet, &opts.Encoding)
	f.StringVarP(&opts.Format, "format", "f", "table", "output format: table or json")
	f.BoolVar(&opts.ShowPII, "show-pii", false, "show sample values unmasked")
	return cmd
}

// inspection is what inspect found; its JSON form is the --format json
// output.
type inspection struct {
	Path      string `json:"path"`
	Format    string `json:"format"`
	Delimiter string `json:"delimiter"`
	// Encoding is the text encoding read (Info.Encoding); "" for XLSX.
	Encoding   string          `json:"encoding"`
	LineBreaks string          `json:"line_breaks,omitempty"`
	SepLine    bool            `json:"sep_line,omitempty"`
	RecordsKey string          `json:"records_key,omitempty"`
	Sheet      string          `json:"sheet,omitempty"`
	Rows       int             `json:"rows"`
	Malformed  int             `json:"malformed_rows"`
	SHA256     string          `json:"sha256"`
	Columns    []inspectColumn `json:"columns"`
	Unmatched  []string        `json:"fields_without_column"`
	Incomplete string          `json:"incomplete,omitempty"`
	// NoPhone says no column is read as the phone ("phone" is then in
	// Unmatched).
	NoPhone bool `json:"-"`
}

// noPhoneText says that file has no phone column and how to map one.
func noPhoneText(file string) string {
	return fmt.Sprintf("%s: no column was recognised as the phone number, which check needs; map one with --map phone=HEADER or columns: in .listaudit.yaml", file)
}

type inspectColumn struct {
	Header string `json:"header"`
	Field  string `json:"field"`
	Sample string `json:"sample"`
}

func runInspect(o *InspectOptions) error {
	if o.Format != "table" && o.Format != "json" {
		return fmt.Errorf("--format: unknown format %q (want table or json)", o.Format)
	}
	file, err := loadConfig(o.Env, o.Config)
	if err != nil {
		return err
	}
	flagMap, err := parseMap(o.Map)
	if err != nil {
		return err
	}
	columns, err := columnMap(file, flagMap, nil)
	if err != nil {
		return err
	}
	// A file whose phone column is not recognised is read all the same:
	// inspect is how one finds the header to map.
	in := input.Options{Map: columns, Format: o.InputFormat, PhoneOptional: true,
		Warn: func(msg string) { fmt.Fprintf(o.Env.ErrOut, "listaudit: warning: %s\n", msg) }}
	if in.Delimiter, err = parseDelimiter(o.Delimiter); err != nil {
		return err
	}
	if in.Encoding, err = checkEncoding(o.Encoding); err != nil {
		return err
	}
	in.Sheet = o.Sheet
	r, err := input.Open(input.Source{Path: o.File, Stdin: o.Env.In}, in)
	if err != nil {
		return err
	}
	defer r.Close()
	// One pass: count rows and keep the first non-empty value per field.
	var samples [domain.NumFields]string
	malformed := 0
	var rec domain.Record
	for {
		err := r.Next(&rec)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if rec.Malformed != "" {
			malformed++
			continue
		}
		for f, v := range rec.Values {
			if samples[f] == "" && strings.TrimSpace(v) != "" {
				samples[f] = v
			}
		}
	}
	info := r.Info()
	res := inspection{Path: o.File, Format: info.Input().Format, Rows: info.Rows, Malformed: malformed,
		SHA256: info.SHA256, Encoding: info.Encoding, LineBreaks: info.LineBreaks, SepLine: info.SepLine, RecordsKey: info.RecordsKey, Sheet: info.Sheet, Columns: []inspectColumn{}, Unmatched: []string{}, Incomplete: info.Incomplete}
	if info.Delimiter != 0 {
		res.Delimiter = delimiterName(info.Delimiter)
	}
	// A header can appear twice; the reader maps a field to the first
	// column of its name that no other field took, in field order.
	fieldsOf := map[string][]domain.Field{}
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		if h := info.Columns[f]; h != "" {
			fieldsOf[h] = append(fieldsOf[h], f)
		} else {
			res.Unmatched = append(res.Unmatched, f.Name())
		}
	}
	for _, h := range info.Header {
		c := inspectColumn{Header: pii.Header(h, o.ShowPII), Field: "-"}
		if fs := fieldsOf[h]; len(fs) > 0 {
			f := fs[0]
			fieldsOf[h] = fs[1:]
			c.Field = f.Name()
			if v := samples[f]; v != "" { // "": no sample, not a hidden one
				c.Sample = pii.FieldValue(f, v, o.ShowPII)
			}
		}
		res.Columns = append(res.Columns, c)
	}
	var buf bytes.Buffer
	res.NoPhone = info.Columns[domain.FieldPhone] == ""
	if o.Format == "json" {
		if res.NoPhone {
			// The table says it in its text; JSON only by its lists.
			fmt.Fprintf(o.Env.ErrOut, "listaudit: warning: %s\n", noPhoneText(o.File))
		}
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else if err := writeInspection(&buf, &res); err != nil {
		return err
	}
	_, err = o.Env.Out.Write(buf.Bytes())
	return err
}

func delimiterName(d rune) string {
	if d == '\t' {
		return "tab"
	}
	return string(d)
}

func writeInspection(b *bytes.Buffer, r *inspection) error {
	fmt.Fprintf(b, "File       %s\n", r.Path)
	format := r.Format
	if r.Delimiter != "" {
		format += fmt.Sprintf(", delimiter %q", r.Delimiter)
		if r.SepLine {
			format += " (sep= line)"
		}
	}
	switch {
	case r.Sheet != "":
		format += fmt.Sprintf(", sheet %q", r.Sheet)
	case r.Encoding != "":
		format += ", " + r.Encoding
	}
	if r.LineBreaks != "" {
		format += ", " + r.LineBreaks + " line breaks"
	}
	if r.RecordsKey != "" {
		format += fmt.Sprintf(", records under %q", r.RecordsKey)
	}
	fmt.Fprintf(b, "Format     %s\n", format)
	fmt.Fprintf(b, "Rows       %d (%d malformed)\n", r.Rows, r.Malformed)
	fmt.Fprintf(b, "SHA-256    %s\n", r.SHA256)
	if r.Incomplete != "" {
		fmt.Fprintf(b, "Incomplete %s\n", r.Incomplete)
	}
	b.WriteString("\n")
	rows := make([][]string, 0, len(r.Columns))
	for _, c := range r.Columns {
		rows = append(rows, []string{c.Header, c.Field, c.Sample})
	}
	if err := report.WriteTable(b, []string{"COLUMN", "FIELD", "SAMPLE"}, rows); err != nil {
		return err
	}
	if r.NoPhone {
		b.WriteString("\nNo column was recognised as the phone number: check stops with \"no phone column\".\n" +
			"Find the column that holds the numbers above and map it with --map phone=HEADER.\n")
	}
	if len(r.Unmatched) > 0 {
		fmt.Fprintf(b, "\nFields without a column: %s\n", strings.Join(r.Unmatched, ", "))
		b.WriteString("Map one with --map field=HEADER or columns: in .listaudit.yaml.\n")
	}
	return nil
}
