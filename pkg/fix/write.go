package fix

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/csvsafe"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/rules"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// write is the second pass: it reads every input again, raw, and writes
// each record to the clean or the quarantine file. Both are temporary
// files until both are complete; then they are renamed into place.
func (p *plan) write(ctx context.Context, paths []string, opts Options, stdin *os.File, c *collector, res *domain.Result, s *Summary) error {
	if len(c.infos) != len(paths) || len(paths) == 0 {
		return fmt.Errorf("internal error: %d inputs described for %d paths", len(c.infos), len(paths))
	}
	lay := newLayout(c.infos, opts.Audit.Input.Map)
	if opts.KeepPhone {
		lay.phonesAsWritten(c.infos)
	}
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
	// The bytes written are hashed on their way, a megabyte at a time, so
	// that the summary names the very files written.
	cleanSum, quarSum := sha256.New(), sha256.New()
	w, delim := newRowWriter(lay, opts, c.infos[0], io.MultiWriter(clean, cleanSum), io.MultiWriter(quar, quarSum))
	w.plan, w.dups = p, dupRows{rows: p.dups.rows}

	in := opts.Audit.Input
	in.AllKeys, in.Warn = false, nil // the first pass warned already
	pipe := newWritePipe(w)
	defer pipe.close(nil)
	for i, path := range paths {
		r, err := reopen(input.Source{Path: path, FileIndex: i}, in, stdin)
		if err != nil {
			return pipe.close(err)
		}
		defer r.Close()
		// A malformed row without source text gets its cells joined with
		// its file's delimiter; an XLSX or vCard file has none, so the
		// output's is used (csv.Writer writes nothing with a zero one).
		rawDelim := r.Info().Delimiter
		if rawDelim == 0 {
			rawDelim = delim
		}
		if err := p.read(ctx, r, i, pipe, &lay.files[i], rawDelim, opts.Written); err != nil {
			return pipe.close(err)
		}
		info := r.Info()
		if err := r.Close(); err != nil {
			return pipe.close(err)
		}
		if err := changedBetweenPasses(path, c.infos[i], info); err != nil {
			return pipe.close(err)
		}
	}
	if err := pipe.close(nil); err != nil {
		return err
	}
	for _, f := range []*csvFile{w.clean, w.quar} {
		if err := f.flush(); err != nil {
			return err
		}
	}
	if err := res.FindingsErr(); err != nil {
		return err
	}
	s.CleanSHA256, s.QuarantineSHA256 = hex.EncodeToString(cleanSum.Sum(nil)), hex.EncodeToString(quarSum.Sum(nil))
	p.classes.tally(s)
	if s.Kept+s.Quarantined != res.Summary.Rows {
		return fmt.Errorf("internal error: %d rows read, %d kept and %d quarantined", res.Summary.Rows, s.Kept, s.Quarantined)
	}
	return commitOutputs(clean, quar, opts)
}

// read reads input i's records and hands them to pipe in batches, to be
// decided and encoded, adding each batch's rows to written when it is set.
func (p *plan) read(ctx context.Context, r *input.RawReader, i int, pipe *writePipe, fl *fileLayout, rawDelim rune, written *atomic.Int64) error {
	var rec input.RawRecord
	b := pipe.batch(fl, rawDelim)
	send := func(b *rowsBatch) {
		if written != nil {
			written.Add(int64(len(b.rows)))
		}
		pipe.send(b)
	}
	defer func() { send(b) }() // the rows read before an error are written, or fail, first
	for {
		err := r.Next(&rec)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		b.add(&rec, idOf(i, rec.Loc.Row))
		if b.full() {
			send(b)
			b = pipe.batch(fl, rawDelim)
			if err := ctx.Err(); err != nil {
				return err
			}
			if pipe.failed() {
				return nil // close returns the batch's error
			}
		}
	}
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
// in the first input's delimiter and "sep=" line, with a BOM when it had
// one or was decoded from another encoding (outputBOM), and returns their
// writer and that delimiter. A file with a BOM gets no "sep=" line: Excel
// reads a file that starts with one in the ANSI code page, BOM or not, and
// would garble every accent (reported in Belphemur/vue-json-csv#43,
// alexcaza/export-to-csv#119, StackOverflow question 20395699); the
// delimiter is kept, which Excel splits on where it is the list separator.
func newRowWriter(lay *layout, opts Options, first input.Info, clean, quar io.Writer) (*rowWriter, rune) {
	w := &rowWriter{lay: lay, opts: opts, phones: phone.NewNormaliser(), region: opts.Audit.Policy.DefaultRegion}
	delim := first.Delimiter
	if delim == 0 {
		delim = ','
	}
	bom := outputBOM(first)
	sepLine := first.SepLine && !bom
	w.clean = newCSV(clean, opts.Clean, delim, bom, sepLine)
	// The clean list is for sending tools: its numbers keep their bare +
	// (they are no formulas), unless --excel-safe asks for a spreadsheet's
	// quote; its other cells are guarded as any. The quarantine file is for
	// review in a spreadsheet.
	w.clean.plainPhones = !opts.ExcelSafe
	w.clean.typedNumbers = true
	w.quar = newCSV(quar, opts.Quarantine, delim, bom, sepLine)
	w.e164 = -1
	header := append([]string(nil), lay.cols...)
	w.keptE164 = keptE164Column(header)
	if opts.KeepPhone {
		w.e164 = keptE164Column(header)
		if w.e164 < 0 {
			w.e164 = len(header)
			header = append(header, e164Name(header))
		}
	}
	w.clean.write(header)
	w.quar.write(append(append([]string(nil), lay.cols...), ColRules, ColSource, ColKept, ColRaw))
	return w, delim
}

// outputBOM reports whether the CSV outputs start with a UTF-8 BOM: when
// the input is bound for Excel (input.Info.ForExcel).
func outputBOM(in input.Info) bool { return in.ForExcel() }

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

// keptE164Column is the output column of an input's phone_e164 column,
// in any spelling (the clean file of an earlier fix --keep-phone, a CRM
// that stores both), -1 when none: --keep-phone writes its numbers there,
// replacing them, rather than adding a column a run.
func keptE164Column(cols []string) int {
	return slices.IndexFunc(cols, input.IsE164Header)
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

// rowWriter decides where one record goes and places its cells in the
// output columns.
type rowWriter struct {
	plan *plan
	// dups is a cursor of plan.dups' rows of the rowWriter's own, for
	// plan.decideWith.
	dups        dupRows
	lay         *layout
	opts        Options
	phones      *phone.Normaliser
	region      string
	clean, quar *csvFile
	e164        int // the clean file's phone_e164 column, -1 without --keep-phone
	// keptE164 is the output column of an input's phone_e164 column
	// (keptE164Column), with or without --keep-phone; -1 when none.
	keptE164 int
	row      []string
	src      []byte // the quarantine file's listaudit_source
}

// cells spreads v's cells over the output columns.
func (w *rowWriter) cells(v *rowView, fl *fileLayout, width int) error {
	w.row = resize(w.row, width)
	if len(v.keys) > 0 {
		for j, k := range v.keys {
			o, ok := fl.named[k]
			if !ok {
				return fmt.Errorf("%s: row %d: key %q was not in the file when it was audited; was it changed?", v.loc.File, v.loc.Row, k)
			}
			if o >= 0 {
				w.row[o] = v.cells[j]
			}
		}
		return nil
	}
	for j, c := range v.cells {
		if j < len(fl.pos) && fl.pos[j] >= 0 {
			w.row[fl.pos[j]] = c
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

// place writes a row to the clean or the quarantine file: to b's bytes,
// or to a workbook.
func (w *rowWriter) place(b *rowsBatch, v *rowView, d *decision) error {
	if d.quarantine() {
		return w.quarantine(b, v, d)
	}
	return w.keep(b, v, d)
}

// keep writes a row to the clean file with its number in E.164, in the
// column it was read from (or, with --keep-phone, in phone_e164).
func (w *rowWriter) keep(b *rowsBatch, v *rowView, d *decision) error {
	width := max(len(w.lay.cols), w.e164+1) // with the phone_e164 column added
	if err := w.cells(v, b.fl, width); err != nil {
		return err
	}
	phoneCol := phoneColumn(v, b.fl)
	if phoneCol >= 0 {
		if e164, ok := w.number(v, d); ok {
			col := phoneCol
			if w.e164 >= 0 {
				col = w.e164
			}
			w.row[col] = e164
		} else {
			// No E.164 (a rule disabled keeps the row): a check of the
			// clean file reads the cell as read.
			w.numberAsRead(v, b.fl, d)
		}
	}
	return w.clean.emit(&b.clean, w.row, w.numberCells(v, b.fl, phoneCol))
}

// numberCells are the cells of a kept row that hold its number: its phone
// column's (phoneCol) and --keep-phone's phone_e164, but the cell of a
// phone fallback column that the number was read from instead of the
// empty phone cell's (with --keep-phone) or besides the E.164 written
// (without). An input whose phone column is a phone_e164 column (a CRM's
// Phone (E.164), the clean file of an earlier fix --keep-phone) has the
// phone as written in its first fallback, with or without --keep-phone.
func (w *rowWriter) numberCells(v *rowView, fl *fileLayout, phoneCol int) numberCells {
	if c := v.fallbackCell - 1; c >= 0 && c < len(fl.pos) && len(v.keys) == 0 {
		if w.e164 >= 0 {
			return numberCells{fl.pos[c], w.e164}
		}
		return numberCells{phoneCol, fl.pos[c]}
	}
	if phoneCol >= 0 && phoneCol == w.keptE164 {
		return numberCells{phoneCol, fl.fallback}
	}
	return numberCells{phoneCol, w.e164}
}

// phoneColumn is the output column of the cell that holds the row's
// number, -1 when none: the phone column's, or, for a contacts export, the
// phone column the number came from, so that each number keeps its column
// (and the label column beside it).
func phoneColumn(v *rowView, fl *fileLayout) int {
	if c := v.phoneCell - 1; c >= 0 && c < len(fl.pos) && len(v.keys) == 0 {
		return fl.pos[c]
	}
	return fl.phone
}

// number returns the row's number in E.164, as the audit read it: its
// key, or read again with the row's country as region, else the default
// region.
func (w *rowWriter) number(v *rowView, d *decision) (string, bool) {
	raw := v.phone
	if raw == "" {
		return "", false
	}
	if d.number != 0 {
		var b [21]byte
		return string(strconv.AppendUint(append(b[:0], '+'), d.number, 10)), true
	}
	region := rules.RowRegion(v.country, w.region)
	n := rules.ReadNumber(w.phones, raw, v.phoneCol, region) // as the audit read it
	if !n.Valid {
		return "", false
	}
	if d.inGroup && (n.Key == 0 || n.Key != d.key) {
		// The audit grouped this row under another number: never write a
		// number the audit did not judge.
		return "", false
	}
	return n.E164(), true
}

// quarantine writes a row to the quarantine file, cells as read, with why.
func (w *rowWriter) quarantine(b *rowsBatch, v *rowView, d *decision) error {
	width := len(w.lay.cols)
	if err := w.cells(v, b.fl, width); err != nil && !v.malformed {
		return err
	}
	w.numberAsRead(v, b.fl, d)
	raw := ""
	switch {
	case v.malformed:
		raw = v.text
		if raw == "" && len(v.keys) == 0 {
			raw = joinCSV(v.cells, b.rawDelim)
		}
	case b.fl.raw >= 0:
		raw = b.fl.rawCell(v.keys, v.cells) // a held row's (heldRows)
	}
	kept := d.kept
	if kept == "" && d.class.key.held != 0 {
		// Held for rules this run cannot check: the row kept of its
		// number, if any, is the run's that found them.
		kept = quarantineCell(b.fl.kept, ColKept, v.keys, v.cells)
	}
	w.row = append(w.row, d.class.joined)
	if w.quar.xlsx != nil {
		return w.quar.write(append(w.row, v.loc.String(), kept, raw))
	}
	// The location is written from bytes: no string per row. It starts
	// with its file's path, which decides csvsafe's quote (the quarantine
	// file has no plainPhones).
	dst := w.quar.appendCells(b.quar, w.row, true, noNumberCells)
	w.src = appendLocation(w.src[:0], v.loc)
	dst = cell(&w.quar.enc, dst, w.src, false, csvsafe.NeedsQuote(v.loc.File))
	dst = w.quar.appendCells(dst, []string{kept, raw}, false, noNumberCells)
	b.quar = append(dst, '\n')
	return nil
}

// numberAsRead rewrites the cell of a row's number written as read (a
// quarantined row's, a kept row's without an E.164) when its output column
// reads numbers otherwise than the column the number was read from, so
// that a re-read gives the number the audit read: the quarantine file is
// a worklist that is fixed and audited again. Only such rows pay for it.
func (w *rowWriter) numberAsRead(v *rowView, fl *fileLayout, d *decision) {
	col := numberColumn(v, fl)
	if v.phone == "" || col < 0 || col >= len(w.row) {
		return
	}
	from, to := phone.IsInternationalColumn(v.phoneCol), phone.IsInternationalColumn(w.lay.cols[col])
	if from == to {
		return
	}
	w.row[col] = movedNumber(w.row[col], from, func() (string, bool) { return w.number(v, d) })
}

// movedNumber is the cell to write for a number read from cell, of a
// column of international numbers without "+" (wa_id, msisdn, Brevo's
// SMS) when international, placed under a column of the other kind; e164
// gives the number as the audit read it, if valid. Under a column that is
// not international, bare digits would be read as a national number
// (447911123456 in Kenya): they get their + (phone.WithPlus). Under one
// that is, a national number's bare digits would be read with a +
// (2015550154, read with --region US, as the Egyptian +20 1555 0154): the
// number is written in E.164, which any column reads alike, and a number
// with none, no valid number, gets a space (phone.AsNational), which an
// international column reads as the national number it was, still
// invalid, never another country's number. Any other cell (spaces, a
// leading 0 or +) reads alike in either column, and is written as read.
func movedNumber(cell string, international bool, e164 func() (string, bool)) string {
	if international {
		return phone.WithPlus(cell)
	}
	if phone.WithPlus(cell) == cell {
		return cell
	}
	if n, ok := e164(); ok {
		return n
	}
	return phone.AsNational(cell)
}

// numberColumn is the output column of the cell a row's number was read
// from: its phone fallback column's (input.RawRecord.FallbackCell) when
// its phone cell had none, else phoneColumn's.
func numberColumn(v *rowView, fl *fileLayout) int {
	if c := v.fallbackCell - 1; c >= 0 && c < len(fl.pos) && len(v.keys) == 0 {
		return fl.pos[c]
	}
	return phoneColumn(v, fl)
}

// appendLocation appends loc.String() to dst.
func appendLocation(dst []byte, loc domain.Location) []byte {
	if loc.Sheet != "" || loc.Line < 1 {
		return append(dst, loc.String()...)
	}
	dst = append(append(dst, loc.File...), ':')
	return strconv.AppendInt(dst, int64(loc.Line), 10)
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
// injection (but a record's phone numbers when plainPhones), lines ending
// in LF, in writes of about flushAt bytes.
type csvFile struct {
	path string
	// plainPhones writes the cells of a record's numberCells that are phone
	// numbers with a leading + (csvsafe.PhoneNumber) as they are; any other
	// cell, "+3" of a count or a number in a note, is guarded as ever.
	plainPhones bool
	// typedNumbers writes digits typed with a leading ' (csvsafe.TypedNumber)
	// as is.
	typedNumbers bool
	w            io.Writer
	enc          csvEncoder
	buf          []byte
	err          error
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

// write writes a record (the header) to the file.
func (f *csvFile) write(cells []string) error {
	if f.err != nil {
		return f.err
	}
	if f.xlsx != nil {
		// Text cells are never formulas: no neutralising needed.
		if f.err = f.xlsx.write(cells); f.err != nil {
			f.err = outfile.WriteError(f.path, f.err)
		}
		return f.err
	}
	return f.add(f.appendRecord(nil, cells, noNumberCells))
}

// numberCells are the cells of a clean record that hold its number
// (rowWriter.numberCells): the phone column's as read or in E.164 (the
// column the number came from, for a contacts export) or the phone
// fallback column's it was read from, and --keep-phone's phone_e164 or,
// without it, that fallback's cell; -1 for none.
type numberCells struct{ phone, e164 int }

// noNumberCells is a record with no number to write bare: a header, a
// quarantined row.
var noNumberCells = numberCells{-1, -1}

// emit writes a record: appended to dst, which the writer adds to the
// file in order, or, for a workbook, to the workbook (in order too: see
// writePipe.serial).
func (f *csvFile) emit(dst *[]byte, cells []string, numbers numberCells) error {
	if f.xlsx != nil {
		return f.write(cells)
	}
	*dst = f.appendRecord(*dst, cells, numbers)
	return nil
}

// appendRecord appends cells as a CSV line to dst.
func (f *csvFile) appendRecord(dst []byte, cells []string, numbers numberCells) []byte {
	if len(cells) == 1 && cells[0] == "" {
		// encoding/csv would write a blank line, which is not a record.
		return append(dst, "\"\"\n"...)
	}
	return append(f.appendCells(dst, cells, true, numbers), '\n')
}

// appendCells appends cells to a line, without ending it; first: the
// line has no cell yet.
func (f *csvFile) appendCells(dst []byte, cells []string, first bool, numbers numberCells) []byte {
	for j, c := range cells {
		quote := csvsafe.NeedsQuote(c) && !(f.plainPhones && (j == numbers.phone || j == numbers.e164) && csvsafe.PhoneNumber(c)) && (!f.typedNumbers || !csvsafe.TypedNumber(c))
		dst = cell(&f.enc, dst, c, first && j == 0, quote)
	}
	return dst
}

// add adds encoded records to the file, writing what it holds once that
// passes flushAt.
func (f *csvFile) add(b []byte) error {
	if f.err != nil {
		return f.err
	}
	if len(f.buf)+len(b) > cap(f.buf) && len(f.buf) > 0 && f.writeOut() != nil {
		return f.err // what b would make the buffer grow: written first
	}
	f.buf = append(f.buf, b...)
	if len(f.buf) >= flushAt {
		return f.writeOut()
	}
	return nil
}

// writeOut writes what is buffered.
func (f *csvFile) writeOut() error {
	if _, err := f.w.Write(f.buf); err != nil {
		f.err = outfile.WriteError(f.path, err)
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
			return outfile.WriteError(f.path, err)
		}
		return nil
	}
	return f.writeOut()
}
