package fix

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/csvsafe"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// write is the second pass: it reads every input again, raw, and writes
// each record to the clean or the quarantine file. Both are temporary
// files until both are complete; then they are renamed into place.
func (p *plan) write(ctx context.Context, paths []string, opts Options, stdin *os.File, c *collector, res *domain.Result, s *Summary) error {
	if len(c.infos) != len(paths) || len(paths) == 0 {
		return fmt.Errorf("internal error: %d inputs described for %d paths", len(c.infos), len(paths))
	}
	lay := newLayout(c.infos)
	clean, err := createOutput(opts.Clean, opts)
	if err != nil {
		return err
	}
	defer clean.Abort()
	quar, err := createOutput(opts.Quarantine, opts)
	if err != nil {
		return err
	}
	defer quar.Abort()
	w, delim := newRowWriter(lay, opts, c.infos[0], clean, quar)

	in := opts.Audit.Input
	in.AllKeys, in.Warn = false, nil // the first pass warned already
	var rec input.RawRecord
	for i, path := range paths {
		r, err := reopen(input.Source{Path: path, FileIndex: i}, in, stdin)
		if err != nil {
			return err
		}
		defer r.Close()
		fl := &lay.files[i]
		// A malformed row without source text gets its cells joined with
		// its file's delimiter; an XLSX or vCard file has none, so the
		// output's is used (csv.Writer writes nothing with a zero one).
		rawDelim := r.Info().Delimiter
		if rawDelim == 0 {
			rawDelim = delim
		}
		for n := 0; ; n++ {
			err := r.Next(&rec)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			if n%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			d := p.decide(idOf(i, rec.Loc.Row))
			if d.quarantine() {
				err = w.quarantine(&rec, fl, &d, rawDelim)
			} else {
				err = w.keep(&rec, fl, &d)
			}
			if err != nil {
				return err
			}
		}
		info := r.Info()
		if err := r.Close(); err != nil {
			return err
		}
		if err := changedBetweenPasses(path, c.infos[i], info); err != nil {
			return err
		}
	}
	for _, f := range []*csvFile{w.clean, w.quar} {
		if err := f.flush(); err != nil {
			return err
		}
	}
	if err := res.FindingsErr(); err != nil {
		return err
	}
	p.classes.tally(s)
	if s.Kept+s.Quarantined != res.Summary.Rows {
		return fmt.Errorf("internal error: %d rows read, %d kept and %d quarantined", res.Summary.Rows, s.Kept, s.Quarantined)
	}
	return commitOutputs(clean, quar, opts)
}

// changedBetweenPasses returns the error for an input that the writing
// pass read otherwise than the audit did: other rows, another hash.
func changedBetweenPasses(path string, audited, now input.Info) error {
	if now.Rows == audited.Rows && now.SHA256 == audited.SHA256 {
		return nil
	}
	what := "its bytes are not those the audit read (another SHA-256)"
	if now.Rows != audited.Rows {
		what = fmt.Sprintf("the audit read %d rows, the writing pass %d", audited.Rows, now.Rows)
	}
	return textfile.ChangedError(path, "between the audit and the writing pass", what)
}

// reopen opens an input again for the second pass, raw; standard input
// is read from stdin, the file the first pass spooled it to.
func reopen(src input.Source, in input.Options, stdin *os.File) (*input.RawReader, error) {
	if src.Path == "-" {
		if err := rewind(stdin); err != nil {
			return nil, err
		}
		src.Stdin = stdin
	}
	return input.OpenRaw(src, in)
}

// createOutput starts the clean or quarantine file at path; "-" is
// spooled, then copied to standard output when committed.
func createOutput(path string, opts Options) (*outfile.Pending, error) {
	if path == "-" {
		return outfile.Spool(path, opts.Stdout)
	}
	return outfile.Create(path)
}

// newRowWriter writes the header lines of the clean and quarantine files,
// in the first input's delimiter, BOM and "sep=" line, and returns their
// writer and that delimiter.
func newRowWriter(lay *layout, opts Options, first input.Info, clean, quar *outfile.Pending) (*rowWriter, rune) {
	w := &rowWriter{lay: lay, opts: opts, phones: phone.NewNormaliser(), region: opts.Audit.Policy.DefaultRegion}
	delim := first.Delimiter
	if delim == 0 {
		delim = ','
	}
	w.clean = newCSV(clean, opts.Clean, delim, first.BOM, first.SepLine)
	// The clean list is for sending tools: its numbers keep their bare +
	// (they are no formulas), unless --excel-safe asks for a spreadsheet's
	// quote. The quarantine file is for review in a spreadsheet.
	w.clean.plainPhones = !opts.ExcelSafe
	w.quar = newCSV(quar, opts.Quarantine, delim, first.BOM, first.SepLine)
	w.e164 = -1
	header := append([]string(nil), lay.cols...)
	if opts.KeepPhone {
		w.e164 = len(header)
		header = append(header, e164Name(header))
	}
	w.clean.write(header)
	w.quar.write(append(append([]string(nil), lay.cols...), ColRules, ColSource, ColKept, ColRaw))
	return w, delim
}

// commitOutputs puts the complete clean and quarantine files in place.
func commitOutputs(clean, quar *outfile.Pending, opts Options) error {
	// Both files are complete: only now do they replace their targets.
	if err := clean.Close(); err != nil {
		return err
	}
	if err := quar.Close(); err != nil {
		return err
	}
	// Standard output first: copying to a pipe can fail where a rename
	// does not, and then neither file is in place.
	one, other := clean, quar
	if opts.Quarantine == "-" {
		one, other = quar, clean
	}
	if err := one.Commit(); err != nil {
		return err
	}
	return other.Commit()
}

// e164Name is the --keep-phone column's name, made unique.
func e164Name(cols []string) string {
	name := ColE164
	for taken := true; taken; {
		taken = false
		for _, c := range cols {
			if c == name {
				name, taken = "listaudit_"+name, true
				break
			}
		}
	}
	return name
}

// rowWriter places one record's cells in the output columns.
type rowWriter struct {
	lay         *layout
	opts        Options
	phones      *phone.Normaliser
	region      string
	clean, quar *csvFile
	e164        int // the clean file's phone_e164 column, -1 without --keep-phone
	row         []string
}

// cells spreads rec's cells over the output columns.
func (w *rowWriter) cells(rec *input.RawRecord, fl *fileLayout, width int) error {
	w.row = resize(w.row, width)
	if len(rec.Keys) > 0 {
		for j, k := range rec.Keys {
			o, ok := fl.named[k]
			if !ok {
				return fmt.Errorf("%s: row %d: key %q was not in the file when it was audited; was it changed?", rec.Loc.File, rec.Loc.Row, k)
			}
			w.row[o] = rec.Cells[j]
		}
		return nil
	}
	for j, v := range rec.Cells {
		if j < len(fl.pos) {
			w.row[fl.pos[j]] = v
		}
	}
	return nil
}

func resize(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// keep writes a row to the clean file with its number in E.164.
func (w *rowWriter) keep(rec *input.RawRecord, fl *fileLayout, d *decision) error {
	width := len(w.lay.cols)
	if w.e164 >= 0 {
		width++
	}
	if err := w.cells(rec, fl, width); err != nil {
		return err
	}
	if fl.phone >= 0 {
		if e164, ok := w.number(rec, d); ok {
			col := fl.phone
			if w.e164 >= 0 {
				col = w.e164
			}
			w.row[col] = e164
		}
	}
	return w.clean.write(w.row)
}

// number returns the row's number in E.164, read as the audit read it:
// with the row's country as region, else the default region.
func (w *rowWriter) number(rec *input.RawRecord, d *decision) (string, bool) {
	raw := rec.Values[domain.FieldPhone]
	if raw == "" {
		return "", false
	}
	region := w.region
	if r, ok := phone.RegionFromCountry(rec.Values[domain.FieldCountry]); ok && rec.Values[domain.FieldCountry] != "" {
		region = r
	}
	if phone.IsInternationalColumn(rec.Columns[domain.FieldPhone]) {
		raw = phone.WithPlus(raw) // msisdn, wa_id: as the audit read it
	}
	n := w.phones.Normalise(raw, region)
	if !n.Valid {
		return "", false
	}
	if d.inGroup && (n.Key == 0 || n.Key != d.role.key) {
		// The audit grouped this row under another number: never write a
		// number the audit did not judge.
		return "", false
	}
	return n.E164(), true
}

// quarantine writes a row to the quarantine file, cells as read, with why.
func (w *rowWriter) quarantine(rec *input.RawRecord, fl *fileLayout, d *decision, delim rune) error {
	width := len(w.lay.cols)
	if err := w.cells(rec, fl, width); err != nil && rec.Malformed == "" {
		return err
	}
	raw := ""
	if rec.Malformed != "" {
		raw = rec.Text
		if raw == "" && len(rec.Keys) == 0 {
			raw = joinCSV(rec.Cells, delim)
		}
	}
	w.row = append(w.row, d.class.joined, rec.Loc.String(), d.kept, raw)
	return w.quar.write(w.row)
}

// joinCSV writes cells as one delimited line, without its line end.
func joinCSV(cells []string, delim rune) string {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Comma = delim
	cw.Write(cells)
	cw.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// csvFile writes CSV records, every cell neutralised against formula
// injection (but phone numbers when plainPhones), lines ending in LF, in
// writes of about flushAt bytes.
type csvFile struct {
	path string
	// plainPhones writes a cell that is a phone number with a leading +
	// (csvsafe.PhoneNumber) as is.
	plainPhones bool
	w           io.Writer
	enc         csvEncoder
	buf         []byte
	err         error
	// xlsx, when the path ends in .xlsx, takes the rows instead (xlsx.go).
	xlsx *xlsxOut
}

// flushAt is the size of the writes to an output.
const flushAt = 1 << 20

// newCSV starts an output file like the first input: its delimiter, its
// byte-order mark and its Excel "sep=" line, if it had them.
func newCSV(w io.Writer, path string, delim rune, bom, sepLine bool) *csvFile {
	f := &csvFile{path: path, w: w}
	if isXLSX(path) {
		f.xlsx, f.err = newXLSX(path)
		return f
	}
	f.buf = make([]byte, 0, flushAt+64<<10)
	if bom {
		f.buf = append(f.buf, "\ufeff"...)
	}
	if sepLine {
		f.buf = utf8.AppendRune(append(f.buf, "sep="...), delim)
		f.buf = append(f.buf, '\n')
	}
	var err error
	if f.enc, err = newCSVEncoder(delim); err != nil {
		f.err = fmt.Errorf("write %s: %w", path, err)
	}
	return f
}

func (f *csvFile) write(cells []string) error {
	if f.err != nil {
		return f.err
	}
	if f.xlsx != nil {
		// Text cells are never formulas: no neutralising needed.
		if f.err = f.xlsx.write(cells); f.err != nil {
			f.err = fmt.Errorf("write %s: %w", f.path, f.err)
		}
		return f.err
	}
	if len(cells) == 1 && cells[0] == "" {
		// encoding/csv would write a blank line, which is not a record.
		f.buf = append(f.buf, "\"\"\n"...)
	} else {
		for j, c := range cells {
			quote := csvsafe.NeedsQuote(c) && (!f.plainPhones || !csvsafe.PhoneNumber(c))
			f.buf = cell(&f.enc, f.buf, c, j == 0, quote)
		}
		f.buf = append(f.buf, '\n')
	}
	if len(f.buf) >= flushAt {
		return f.writeOut()
	}
	return nil
}

// writeOut writes what is buffered.
func (f *csvFile) writeOut() error {
	if _, err := f.w.Write(f.buf); err != nil {
		f.err = fmt.Errorf("write %s: %w", f.path, err)
	}
	f.buf = f.buf[:0]
	return f.err
}

func (f *csvFile) flush() error {
	if f.err != nil {
		return f.err
	}
	if f.xlsx != nil {
		if err := f.xlsx.finish(f.w); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		return nil
	}
	return f.writeOut()
}
