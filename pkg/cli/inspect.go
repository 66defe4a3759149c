package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/report"
)

// InspectOptions are the settings of `listaudit inspect`.
type InspectOptions struct {
	Env   *Env
	File  string
	Flags *config.Flags
}

// NewCmdInspect builds `listaudit inspect FILE`.
func NewCmdInspect(env *Env, runF func(*InspectOptions) error) *cobra.Command {
	opts := &InspectOptions{Env: env, Flags: config.NewFlags(config.Inspect)}
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
	bindFlags(cmd.Flags(), opts.Flags)
	return cmd
}

// inspection is what inspect found; its JSON form is the --format json
// output.
type inspection struct {
	Path      string `json:"path"`
	Format    string `json:"format"`
	Delimiter string `json:"delimiter"`
	// Encoding is the text encoding read (Info.Encoding); "" for XLSX.
	Encoding string `json:"encoding"`
	// AloneRows and AloneHeader say which records of a file read as UTF-8
	// were read alone as Windows-1252 (Info.AloneRows).
	AloneRows   int    `json:"rows_read_as_windows1252,omitempty"`
	AloneHeader bool   `json:"header_read_as_windows1252,omitempty"`
	LineBreaks  string `json:"line_breaks,omitempty"`
	// SpaceAfter says the file has a space after every delimiter, which
	// is read as layout (input.Info.SpaceAfterDelimiter).
	SpaceAfter bool            `json:"space_after_delimiter,omitempty"`
	SepLine    bool            `json:"sep_line,omitempty"`
	RecordsKey string          `json:"records_key,omitempty"`
	Sheet      string          `json:"sheet,omitempty"`
	Rows       int             `json:"rows"`
	Malformed  int             `json:"malformed_rows"`
	SHA256     string          `json:"sha256"`
	Columns    []inspectColumn `json:"columns"`
	Unmatched  []string        `json:"fields_without_column"`
	Incomplete string          `json:"incomplete,omitempty"`
	// CountryColumn is a column of no field whose cells are (nearly) all
	// countries, in a file with no country column: the one to map as
	// country (input.Info.CountryColumn).
	CountryColumn string `json:"country_column,omitempty"`
	// NoPhone says no column is read as the phone ("phone" is then in
	// Unmatched).
	NoPhone bool `json:"-"`
	// Skipped says Columns ends with the fax and pager TELs of a vCard,
	// which are not read.
	Skipped bool `json:"-"`
}

// noPhoneText says that file has no phone column and how to map one.
func noPhoneText(file string) string {
	return fmt.Sprintf("%s: no column was recognised as the phone number, which check needs; map one with --map phone=HEADER or columns: in .listaudit.yaml", file)
}

type inspectColumn struct {
	Header string `json:"header"`
	Field  string `json:"field"`
	// Fallback numbers a phone column read, in this order, for a record
	// whose phone column has no number (input.Info.PhoneFallbacks); 0
	// for every other column.
	Fallback int    `json:"fallback,omitempty"`
	Sample   string `json:"sample"`
	date     string // a date column's first value, as read
	// DateFormat is, for a date column whose first value no format reads
	// (--date-format's, then the built-in ones), the --date-format that
	// would read it, and the other order when the day and the month
	// could be either: "M/D/YYYY h:mm A or D/M/YYYY h:mm A".
	DateFormat string `json:"date_format,omitempty"`
}

func runInspect(o *InspectOptions) error {
	filesRead := func(c *config.Config) []domain.ReadFile {
		return domain.FilesRead(fromList(o.File), domain.Policy{ConfigFile: c.Policy.ConfigFile})
	}
	c, err := resolve(o.Env, config.Inspect, o.Flags, filesRead)
	if err != nil {
		return err
	}
	// inspect writes no file, but standard output must not be the list
	// or the policy file it reads (outfile.Plan).
	var plan outfile.Plan
	if err := plan.Check(filesRead(c)); err != nil {
		return err
	}
	// A file whose phone column is not recognised is read all the same:
	// inspect is how one finds the header to map.
	in := c.Input
	in.PhoneOptional, in.Warn, in.Opened = true, o.Env.warn, o.Env.inputOpened
	var read *atomic.Int64 // counted for the progress line
	if p := o.Env.startProgress([]string{o.File}, c.Quiet, "reading"); p != nil {
		defer o.Env.stopProgress()
		read = &p.read
	}
	res, err := inspectFile(input.Source{Path: o.File, Stdin: o.Env.In}, in, c.Report.ShowPII, read)
	if err == nil {
		res.dateFormats(cellvalue.DateReader{Layout: c.Policy.DateFormat})
	}
	o.Env.stopProgress()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if c.Format == domain.SummaryJSON {
		if res.NoPhone {
			// The table says it in its text; JSON only by its lists.
			o.Env.warn(noPhoneText(o.File))
		}
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else if err := writeInspection(&buf, res, o.Env.outASCII()); err != nil {
		return err
	}
	_, err = o.Env.Out.Write(buf.Bytes())
	return err
}

// inspectFile reads src through in and says what was found, with sample
// values masked unless showPII. read, when set, counts the records read.
func inspectFile(src input.Source, in input.Options, showPII bool, read *atomic.Int64) (*inspection, error) {
	r, err := input.Open(src, in)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	samples, phoneSamples, malformed, err := readSamples(r, read)
	if err != nil {
		return nil, err
	}
	info := r.Info()
	res := &inspection{Path: src.Path, Format: info.Input().Format, Delimiter: input.DelimiterName(info.Delimiter),
		Rows: info.Rows, Malformed: malformed, SHA256: info.SHA256, Encoding: info.Encoding, LineBreaks: info.LineBreaks,
		AloneRows: info.AloneRows, AloneHeader: info.AloneHeader,
		SepLine: info.SepLine, SpaceAfter: info.SpaceAfterDelimiter, RecordsKey: info.RecordsKey, Sheet: info.Sheet, Incomplete: info.Incomplete,
		Columns: []inspectColumn{}, Unmatched: []string{}, NoPhone: info.Columns[domain.FieldPhone] == ""}
	if info.CountryColumn != "" {
		res.CountryColumn = pii.Header(info.CountryColumn, showPII)
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
	fallbacks := map[string][]int{}
	for i, h := range info.PhoneFallbacks {
		fallbacks[h] = append(fallbacks[h], i+1)
	}
	for _, h := range info.Header {
		// A header can hold a person's number or address (an export keyed
		// by contact, a file without a header line).
		c := inspectColumn{Header: pii.Header(h, showPII), Field: "-"}
		switch fs, fb := fieldsOf[h], fallbacks[h]; {
		case len(fs) > 0:
			f := fs[0]
			fieldsOf[h] = fs[1:]
			c.Field = f.Name()
			v := samples[f]
			if f == domain.FieldPhone && len(info.PhoneFallbacks) > 0 {
				v = phoneSamples[h] // not a number read from a fallback
			}
			if v != "" { // "": no sample, not a hidden one
				c.Sample = pii.FieldValue(f, v, showPII)
			}
			if f.IsDate() {
				c.date = v
			}
		case len(fb) > 0:
			fallbacks[h] = fb[1:]
			c.Field, c.Fallback = domain.FieldPhone.Name(), fb[0]
			// Named as the phone column, its numbers cannot be told apart.
			if v := phoneSamples[h]; v != "" && h != info.Columns[domain.FieldPhone] {
				c.Sample = pii.FieldValue(domain.FieldPhone, v, showPII)
			}
		}
		res.Columns = append(res.Columns, c)
	}
	// Numbers not read because they take no messages (a vCard's fax and
	// pager TELs) are listed as columns of no field, as a CSV export's fax
	// column is.
	for _, h := range info.Skipped {
		res.Columns = append(res.Columns, inspectColumn{Header: h, Field: "-"})
	}
	res.Skipped = len(info.Skipped) > 0
	return res, nil
}

// dateFormats sets the DateFormat of each date column whose first value
// dates does not read.
func (r *inspection) dateFormats(dates cellvalue.DateReader) {
	for i := range r.Columns {
		c := &r.Columns[i]
		if c.date == "" {
			continue
		}
		if _, err := dates.Parse(c.date); err != nil {
			var de *cellvalue.DateError
			if errors.As(err, &de) {
				c.DateFormat = de.Hint
			}
		}
	}
}

// readSamples reads every record of r, counting the malformed ones and
// keeping the first non-empty value of each field, and of the phone by
// the column it was read from (a phone column or one of its fallbacks).
// read, when set, counts the records read, by readStep.
func readSamples(r *input.Reader, read *atomic.Int64) (samples [domain.NumFields]string, phones map[string]string, malformed int, err error) {
	phones = map[string]string{}
	var rec domain.Record
	for n := 1; ; n++ {
		err := r.Next(&rec)
		if errors.Is(err, io.EOF) {
			return samples, phones, malformed, nil
		}
		if err != nil {
			return samples, phones, malformed, err
		}
		if n%readStep == 0 && read != nil {
			read.Add(readStep)
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
		if v, col := rec.Values[domain.FieldPhone], rec.Columns[domain.FieldPhone]; phones[col] == "" && strings.TrimSpace(v) != "" {
			phones[col] = v
		}
	}
}

// readStep is how many records inspect reads between additions to the
// progress line's count.
const readStep = 512

// readAlone says which records were read alone as Windows-1252, after
// the encoding on the Format line: ", 1 row read as windows-1252".
func (r *inspection) readAlone() string {
	var what []string
	if r.AloneHeader {
		what = append(what, "the header")
	}
	switch {
	case r.AloneRows == 1:
		what = append(what, "1 row")
	case r.AloneRows > 1:
		what = append(what, fmt.Sprintf("%d rows", r.AloneRows))
	}
	if len(what) == 0 {
		return ""
	}
	return ", " + strings.Join(what, " and ") + " read as " + input.EncodingWindows1252
}

// writeInspection writes r for a person; ascii draws listaudit's own
// marks in ASCII (Env.outASCII), never a header's or a sample's.
func writeInspection(b *bytes.Buffer, r *inspection, ascii bool) error {
	fmt.Fprintf(b, "File       %s\n", report.Printable(r.Path))
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
		format += ", " + r.Encoding + r.readAlone()
	}
	if r.LineBreaks != "" {
		format += ", " + r.LineBreaks + " line breaks"
	}
	if r.SpaceAfter {
		format += ", a space after each delimiter (not read)"
	}
	if r.RecordsKey != "" {
		format += fmt.Sprintf(", records under %q", r.RecordsKey)
	}
	fmt.Fprintf(b, "Format     %s\n", format)
	fmt.Fprintf(b, "Rows       %d (%d malformed)\n", r.Rows, r.Malformed)
	fmt.Fprintf(b, "SHA-256    %s\n", r.SHA256)
	if r.Incomplete != "" {
		fmt.Fprintf(b, "Incomplete %s\n", domain.Marks(ascii, report.Printable(r.Incomplete)))
	}
	b.WriteString("\n")
	rows := make([][]string, 0, len(r.Columns))
	for _, c := range r.Columns {
		field := c.Field
		if c.Fallback > 0 {
			field += fmt.Sprintf(" (fallback %d)", c.Fallback)
		}
		rows = append(rows, []string{c.Header, field, c.Sample})
	}
	if err := report.WriteTable(b, []string{"COLUMN", "FIELD", "SAMPLE"}, rows); err != nil {
		return err
	}
	writeDateFormats(b, r.Columns)
	if r.Skipped {
		b.WriteString("\nFax and pager numbers (field -) are not read: they cannot take messages.\n")
	}
	if hasFallback(r.Columns) {
		b.WriteString("\nA record with no number in the phone column is read from its fallbacks, in their order.\n")
	}
	if r.NoPhone {
		b.WriteString("\nNo column was recognised as the phone number: check stops with \"no phone column\".\n" +
			"Find the column that holds the numbers above and map it with --map phone=HEADER.\n")
	}
	if r.CountryColumn != "" {
		fmt.Fprintf(b, "\nColumn %s holds a country code or name on (nearly) every row, and no column is the country.\n"+
			"Map it, so that a number without + is read as its row's country's, not --region's: --map country=%s\n", report.Printable(strconv.Quote(r.CountryColumn)), report.Printable(domain.ShellQuote(r.CountryColumn)))
	}
	if len(r.Unmatched) > 0 {
		fmt.Fprintf(b, "\nFields without a column: %s\n", strings.Join(r.Unmatched, ", "))
		b.WriteString("Map one with --map field=HEADER or columns: in .listaudit.yaml.\n")
	}
	return nil
}

// writeDateFormats says, for each date column whose first value is not
// read, the --date-format that reads it.
func writeDateFormats(b *bytes.Buffer, columns []inspectColumn) {
	for _, c := range columns {
		if c.DateFormat == "" {
			continue
		}
		pattern, other, when := cellvalue.HintFlags(c.DateFormat)
		fmt.Fprintf(b, "\nColumn %s: its first date, %s, is read only with --date-format %s", report.Printable(strconv.Quote(c.Header)),
			report.Printable(strconv.Quote(c.Sample)), pattern)
		if other != "" {
			fmt.Fprintf(b, ", or %s %s", other, when)
		}
		b.WriteString(" (check reads the dates of every row: its next steps count them).\n")
	}
}

// hasFallback reports whether columns hold a phone column's fallback.
func hasFallback(columns []inspectColumn) bool {
	for _, c := range columns {
		if c.Fallback > 0 {
			return true
		}
	}
	return false
}
