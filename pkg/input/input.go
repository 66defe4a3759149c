package input

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/textfile"
)

const (
	bufSize     = 256 << 10
	sniffWindow = 64 << 10
)

// maxRecordBytes bounds one record (a CSV record, a JSON element, an NDJSON
// line) so that an unclosed quote cannot pull a whole file into memory. A
// variable so tests can lower it.
var maxRecordBytes int64 = 64 << 20

var errRecordTooLong = errors.New("record too long")

// Options says how to read an input.
type Options struct {
	// Delimiter is the CSV field separator; 0 sniffs among , ; tab and |.
	Delimiter rune
	// Format is one of Formats or an alias of one (see ParseFormat); ""
	// picks one by file extension, then content. Required for stdin.
	Format string
	// Encoding forces the text encoding (see Encodings); "" detects it.
	Encoding string
	// Sheet names the XLSX worksheet to read; "" reads the first.
	Sheet string
	// Map holds --map field=HEADER overrides.
	Map map[domain.Field]string
	// MapSource holds, for each Map entry the policy file's columns: set
	// (and --map did not replace), that file's path; the rest came from
	// --map. Messages name where a mapping was set.
	MapSource map[domain.Field]string
	// MapRequired makes a Map header the input lacks an error (the audit
	// of a single input: a misspelt header must not quietly audit another
	// column) rather than a warning and alias matching (one of several
	// inputs, which may each have their own header). A JSON input is
	// checked at its end (Info.MissingMap), as a later object may hold it.
	MapRequired bool
	// Warn receives warnings about the input; nil discards them.
	Warn func(msg string)
	// PhoneOptional lets a file without a phone column be read (for
	// inspect and init --from, which help map one): Columns then has no
	// phone. Without it, such a file is an error.
	PhoneOptional bool
	// AllKeys makes Info.Keys list every column of the input: a CSV
	// file's header, or every flattened key of every object of a JSON file
	// in order of first appearance (listaudit fix writes them all back).
	AllKeys bool
	// Opened, when set, is called with an input file's name once it is
	// open and stamped (see change.go), before anything is read from it
	// (package audit calls it for the evidence files it stamps too): tests
	// change the file there.
	Opened func(name string)
}

// Source names one input. Path "-" reads Stdin (os.Stdin when nil).
type Source struct {
	Path      string
	FileIndex int
	Stdin     io.Reader
}

// Info describes an input. Rows and SHA256 are final only after Next has
// returned io.EOF.
type Info struct {
	Path string
	// Format is "csv", "tsv", "json", "ndjson", "vcard" or "xlsx", whatever
	// the compression.
	Format string
	// Encoding is the text encoding the file was read in: "utf-8",
	// "utf-8 (BOM)", "utf-16le", "utf-16be", "windows-1252" or
	// "iso-8859-1"; "" for XLSX, whose XML carries its own.
	Encoding string
	// Sheet is the worksheet read, for XLSX.
	Sheet      string
	Compressed bool
	// Delimiter is the CSV field separator (0 for JSON formats).
	Delimiter rune
	// Rows counts the records returned, malformed ones included.
	Rows int
	// SHA256 is the hex digest of the file's bytes as on disk.
	SHA256 string
	// Header is the CSV header, or for JSON the first object's flattened
	// keys plus keys of later objects that were mapped to a field.
	Header []string
	// Keys, with Options.AllKeys, lists every column of the input: the
	// header of a CSV file, or every key of a JSON file, in order of first
	// appearance. Final only after Next has returned io.EOF.
	Keys    []string
	Columns domain.Columns
	// PhoneFallbacks are the other phone columns of a CSV, TSV or XLSX
	// file, in the order they are read for a record whose phone column
	// has no number (see phonefallback.go).
	PhoneFallbacks []string
	// CountryColumn, for a CSV, TSV or XLSX file with no country column,
	// is the header of a column of no field whose cells in the first
	// records are (nearly) all country codes or names (countryscan.go):
	// the column to map as country. Final only after Next has returned
	// io.EOF.
	CountryColumn string
	// Skipped names what holds numbers that are not read because they
	// cannot take messages, and Header does not list: a vCard's fax and
	// pager TELs, one entry for each spelling of their parameters
	// ("TEL;TYPE=FAX,WORK"), as a CSV export's fax column is a column of
	// no field. Final only after Next has returned io.EOF.
	Skipped []string
	BOM     bool
	// Footer holds the first and last line of the Salesforce report footer
	// a CSV file ends with, which is not read (see footer.go); zero when
	// there is none. Final only after Next has returned io.EOF.
	Footer [2]int
	// SpaceAfterDelimiter is set for a CSV file written with a space after
	// every delimiter, which is read as layout: the spaces at the start of
	// each field are not part of it (see spaceAfterDelimiter).
	SpaceAfterDelimiter bool
	// LineBreaks is "CR" for a CSV file that breaks its lines with a bare
	// CR (read as if they were LF), else "".
	LineBreaks string
	// SepLine is set for a CSV file that starts with Excel's "sep=X" line,
	// which named the delimiter (unless one was given) and is no record.
	SepLine bool
	// RecordsKey is the member of a top-level JSON object whose array holds
	// the records ({"data": [...]}, as APIs export); "" for a JSON array.
	RecordsKey string
	// Incomplete, when not empty, says why the end of the file was not
	// read as records (a JSON syntax error cannot be resynchronised).
	Incomplete string
	// AloneRows counts the records of a file read as UTF-8 that were not
	// valid UTF-8 and were read alone as Windows-1252; AloneHeader says
	// its CSV header was (see rowsAlone). Final only after Next has
	// returned io.EOF.
	AloneRows   int
	AloneHeader bool
}

// QuarantineColumn is the column of fix's quarantine file that lists why
// each row was left out (pkg/fix writes it): an input with it is a
// quarantine file, whose rows are corrected and fixed again.
const QuarantineColumn = "listaudit_rules"

// ForExcel reports whether the file had a UTF-8 BOM or was text in another
// encoding than UTF-8 (Windows-1252, UTF-16), as exports from Excel on
// Windows are: CSV written from it for Excel gets a BOM, since Excel reads
// a CSV file without one in the machine's ANSI code page ("Téléphone"
// would show as "TÃ©lÃ©phone").
func (i Info) ForExcel() bool {
	return i.BOM || i.Encoding != "" && i.Encoding != EncodingUTF8
}

// Input returns the report's description of the input; Format carries a
// "+gzip" suffix for compressed files.
func (i Info) Input() domain.Input {
	f := i.Format
	if i.Compressed {
		f += "+gzip"
	}
	in := domain.Input{Path: i.Path, Format: f, Sheet: i.Sheet, Rows: i.Rows, SHA256: i.SHA256, Columns: []domain.ColumnUse{},
		CountryColumn: i.CountryColumn, Delimiter: i.Delimiter, ForExcel: i.ForExcel(), Quarantine: slices.Contains(i.Header, QuarantineColumn)}
	for fld := range domain.NumNamedFields {
		if h := i.Columns[fld]; h != "" {
			in.Columns = append(in.Columns, domain.ColumnUse{Field: fld.Name(), Header: h})
		}
	}
	return in
}

// decoder reads one format. next fills rec's Loc.Line, Values and
// Malformed; rec arrives reset.
type decoder interface {
	next(rec *domain.Record) error
}

// Reader streams the records of one input.
type Reader struct {
	src     Source
	opts    Options
	warn    func(string)
	closer  io.Closer
	gz      *textfile.GzipReader
	raw     io.Reader // bytes as on disk, hashed as they are read
	hash    *digest
	feed    *feed
	content *bufio.Reader // decompressed bytes, after the BOM
	dec     decoder
	info    Info
	cols    domain.Columns
	rows    int
	err     error // sticky: io.EOF or a fatal error
	closed  bool
	// countries looks for a column of countries in the first records of a
	// file with no country column (countryscan.go); nil when done.
	countries *countryScan
	// rawMode (OpenRaw) keeps every cell of each record in raw.
	rawMode bool
	rawRec  *RawRecord
	// transcoded says the content is converted to UTF-8 from another
	// encoding (see badText).
	transcoded bool
	// recordStart, when set, gives the line the record being read starts
	// on and what a record that long may be, for the error that it is too
	// long (see fatal); it is set by the decoders that know.
	recordStart func() (line int, hint string)
	// alone tracks the records read alone as Windows-1252 (encoding.go).
	alone rowsAlone
	// xlsx is set for a workbook, which is read from its zip directory
	// rather than as a byte stream.
	xlsx *xlsxSheet
	// Records of one contact with several numbers: see multi.go.
	phones  []phoneValue
	queue   []phoneValue
	base    domain.Record
	baseRaw []string
	labels  map[labelKey]*domain.Columns
	// cells is a workbook's column of each field (nil for a text file),
	// and phoneCells its copies with the phone read from another column.
	cells      *domain.CellColumns
	phoneCells map[phoneCellKey]*domain.CellColumns
	// phoneCell is the positional cell of the phone column, -1 when none.
	phoneCell int
	// asWritten is the header of the phone as written beside a phone_e164
	// phone column (its first fallback), "" when the phone column is none:
	// see readPhoneFallback.
	asWritten string
	// quoted is the CSV record with a quoting error being recovered, nil
	// when none (see csvrecover.go).
	quoted *quotedRecord
	// file and stamp are the input file and what it was when opened,
	// checked at its end (change.go); file is nil for standard input.
	file  *os.File
	stamp textfile.Stamp
}

// Open opens one input, detects its format and reads its header.
func Open(src Source, opts Options) (*Reader, error) {
	return open(src, opts, false)
}

func open(src Source, opts Options, rawMode bool) (*Reader, error) {
	r := &Reader{src: src, opts: opts, warn: opts.Warn, hash: &digest{Hash: sha256.New()}, rawMode: rawMode, phoneCell: -1}
	if r.warn == nil {
		r.warn = func(string) {}
	}
	r.info.Path = src.Path
	if err := r.open(); err != nil {
		err = r.changedOr(err)
		r.Close()
		return nil, err
	}
	return r, nil
}

// open opens the input named by r.src: it picks the format, undoes gzip
// and the text encoding, and hands the content to the format's decoder,
// which reads the header.
func (r *Reader) open() error {
	name := r.src.Path
	format, err := r.givenFormat()
	if err != nil {
		return err
	}
	var in io.Reader
	if name == "-" {
		// Without --input-format the content decides, as for a file whose
		// name says nothing.
		in = r.src.Stdin
		if in == nil {
			in = os.Stdin
		}
	} else {
		f, err := os.Open(name)
		if err != nil {
			return r.ioError(err)
		}
		r.closer = f
		if err := r.stampOpened(f); err != nil {
			return err
		}
		in = f
		if format == "" {
			format = formatFromName(name)
		}
		// An OLE2 file is no workbook listaudit reads, whatever its name
		// or the format given: an .xls renamed .xlsx, or an encrypted .xlsx.
		if err := oleError(f, name); err != nil {
			return err
		}
		if format == FormatXLSX || format == "" && isZip(f) {
			r.info.Format = FormatXLSX
			return r.openXLSX(f)
		}
		if err := workbookError(f, name, format, r.opts.Format != ""); err != nil {
			return err
		}
	}
	if format == FormatXLSX {
		return r.xlsxOnStdin()
	}
	if r.opts.Delimiter != 0 {
		if err := checkDelimiter(r.opts.Delimiter); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := r.openText(in); err != nil {
		return err
	}
	head, atEOF, err := r.peekHead(format)
	if err != nil {
		return err
	}
	if format == "" {
		format = formatFromContent(head)
	}
	return r.openDecoder(format, head, atEOF)
}

// givenFormat is the format Options.Format names, "" when it names none.
func (r *Reader) givenFormat() (string, error) {
	if r.opts.Format == "" {
		return "", nil
	}
	f, ok := formatByName(r.opts.Format)
	if !ok {
		return "", fmt.Errorf("%s: unknown input format %q (want %s)", r.src.Path, r.opts.Format, domain.OrList(Formats))
	}
	return f, nil
}

// xlsxOnStdin is the error for a workbook given on standard input, which
// cannot be read from its zip directory.
func (r *Reader) xlsxOnStdin() error {
	return fmt.Errorf("%s: an XLSX workbook cannot be read from standard input; give its file name", r.src.Path)
}

// openText sets up the readers of a text input: the bytes as on disk,
// hashed as they are read, decompressed when they are gzip, then decoded
// to UTF-8 (see setupEncoding).
func (r *Reader) openText(in io.Reader) error {
	// Gzip is recognised by its magic bytes, whatever the name says.
	tee := io.TeeReader(in, r.hash)
	var magic [2]byte
	n, err := io.ReadFull(tee, magic[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return r.ioError(err)
	}
	r.raw = io.MultiReader(bytes.NewReader(magic[:n]), tee)
	var body io.Reader = r.raw
	if n == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		rawBuf := bufio.NewReaderSize(r.raw, bufSize)
		r.raw = rawBuf
		gz, err := textfile.NewGzipReader(rawBuf)
		if err != nil {
			return r.ioError(err)
		}
		r.gz = gz
		r.info.Compressed = true
		body = gz
	}
	r.feed = &feed{r: body}
	r.content = bufio.NewReaderSize(r.feed, bufSize)
	return r.setupEncoding()
}

// peekHead returns the start of the content, which format detection and
// the decoders look at, refusing content that is empty or not text.
// format is the format given or named by the file, "" when the content
// decides. atEOF says head is all of the content.
func (r *Reader) peekHead(format string) (head []byte, atEOF bool, err error) {
	name := r.src.Path
	head, err = r.content.Peek(sniffWindow)
	atEOF = err == io.EOF
	var nul *nulError
	if err != nil && !atEOF && !errors.As(err, &nul) {
		return nil, false, r.ioError(err)
	}
	if atEOF && isBlank(head) {
		return nil, false, fmt.Errorf("%s: file is empty", name)
	}
	if name == "-" && format == "" && bytes.HasPrefix(head, []byte(zipMagic)) {
		return nil, false, r.xlsxOnStdin()
	}
	if bytes.HasPrefix(head, []byte(oleMagic)) { // on standard input, or gzipped
		return nil, false, oleError(bytes.NewReader(head), name)
	}
	if nul != nil {
		return nil, false, r.ioError(nul)
	}
	if r.feed.failNUL && r.feed.nul.line > 0 {
		// A NUL in what was read before the encoding was known.
		return nil, false, r.ioError(r.feed.nul.err())
	}
	return head, atEOF, nil
}

// openDecoder starts the decoder of a text format, which reads the header.
func (r *Reader) openDecoder(format string, head []byte, atEOF bool) error {
	r.info.Format = format
	switch format {
	case FormatCSV, FormatTSV:
		return r.openCSV(head, atEOF)
	case FormatJSON:
		if firstNonSpace(head) == '{' && firstLineIsObject(head) && !wrapsArray(head) {
			r.warn(fmt.Sprintf("%s: starts with an object, not an array; reading it as NDJSON (one object per line)", r.src.Path))
			r.info.Format = FormatNDJSON
			return r.openNDJSON()
		}
		return r.openJSON()
	case FormatVCard:
		return r.openVCard(head)
	default:
		return r.openNDJSON()
	}
}

// Next reads the next record into rec, overwriting all of it. It returns
// io.EOF after the last record; any other error is fatal.
func (r *Reader) Next(rec *domain.Record) error {
	if r.err != nil {
		return r.err
	}
	if len(r.queue) > 0 {
		r.nextNumber(rec)
		r.rows++
		rec.Loc.Row = r.rows
		return nil
	}
	r.resetRecord(rec)
	r.phones = r.phones[:0]
	var err error
	if r.quoted == nil || !r.nextSwallowed(rec) {
		err = r.dec.next(rec)
	}
	switch err {
	case nil:
		if r.quoted != nil {
			r.recoverQuoted(rec)
		}
		if len(r.phones) > 0 {
			r.expand(rec)
		}
		r.rows++
		rec.Loc.Row = r.rows
		if r.alone.current {
			r.alone.note(r.rows)
		}
		return nil
	case io.EOF:
		err = cmp.Or(r.finish(), io.EOF)
	default:
		err = r.changedOr(err)
	}
	*rec = domain.Record{Columns: &r.cols}
	r.err = err
	return err
}

// resetRecord makes rec a record of this input before the decoder fills
// it. It clears rec in place and sets its few fields: building the record
// and copying it in (as *rec = Record{...} compiles) moves its ~0.5 KB
// twice, for every row.
func (r *Reader) resetRecord(rec *domain.Record) {
	*rec = domain.Record{}
	rec.Loc.File, rec.Loc.FileIndex, rec.Loc.Sheet = r.src.Path, r.src.FileIndex, r.info.Sheet
	rec.Columns, rec.CellColumns = &r.cols, r.cells
}

// finish reads the rest of the file so the hash covers all of it and a
// gzip checksum is verified, then checks that the file did not change
// while it was read.
func (r *Reader) finish() error {
	if r.xlsx == nil { // a workbook was hashed when opened
		r.feed.limit = 0
		if _, err := io.Copy(io.Discard, r.content); err != nil {
			return r.changedOr(r.ioError(err))
		}
		if _, err := io.Copy(io.Discard, r.raw); err != nil {
			return r.changedOr(r.ioError(err))
		}
		r.info.SHA256 = hex.EncodeToString(r.hash.Sum(nil))
	}
	r.info.AloneRows, r.info.AloneHeader = r.alone.n, r.alone.header
	r.endCountryScan()
	if w := r.alone.warning(r.src.Path); w != "" {
		r.warn(w)
	}
	return r.changedSince(r.hash.n)
}

// Info describes the input; see Info.
func (r *Reader) Info() Info {
	i := r.info
	i.Rows = r.rows
	i.Columns = r.cols
	i.Header = append([]string(nil), r.info.Header...)
	i.Keys = append([]string(nil), r.info.Keys...)
	i.Skipped = append([]string(nil), r.info.Skipped...)
	i.PhoneFallbacks = append([]string(nil), r.info.PhoneFallbacks...)
	return i
}

// Close releases the input. It does not close stdin.
func (r *Reader) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	if r.gz != nil {
		r.gz.Close()
	}
	if r.xlsx != nil {
		r.xlsx.close()
	}
	if r.closer != nil {
		if err := r.closer.Close(); err != nil {
			return r.ioError(err)
		}
	}
	return nil
}

// ioError words an error of the underlying file as "read NAME: reason".
func (r *Reader) ioError(err error) error {
	if r.feed != nil && r.feed.err != nil {
		err = r.feed.err
	}
	var ne *nulError
	if errors.As(err, &ne) {
		if ne.line == 1 && r.feed != nil {
			if hint := r.binaryHint(r.feed.start); hint != "" {
				return fmt.Errorf("%s: %s", r.src.Path, hint)
			}
		}
		return fmt.Errorf("%s: %w", r.src.Path, ne)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("read %s: %w", r.src.Path, err)
}

// fatal turns an error a decoder's parser passed up into the Reader's
// error: a read error or an over-long record. It returns nil for errors
// that came from parsing rather than reading.
func (r *Reader) fatal(err error) error {
	var ne *nulError
	switch {
	case r.feed.err != nil:
		return r.ioError(r.feed.err)
	case errors.As(err, &ne):
		return r.ioError(err)
	case errors.Is(err, errRecordTooLong):
		return r.tooLong()
	}
	return nil
}

// tooLong is the error for a record over maxRecordBytes: it names the line
// the record starts on where the decoder knows it, as every other message
// does.
func (r *Reader) tooLong() error {
	if r.recordStart == nil {
		// Blank lines before a record count towards it: they are skipped
		// while reading it.
		return fmt.Errorf("%s: record %d: more than %d MiB read without it ending (an unclosed quote, or a run of blank lines that long?)", r.src.Path, r.rows+1, maxRecordBytes>>20)
	}
	line, hint := r.recordStart()
	return fmt.Errorf("%s: line %d: more than %d MiB read from there without the record ending (%s)", r.src.Path, line, maxRecordBytes>>20, hint)
}

// feed sits under the content buffer: it remembers the first read error,
// so parse errors can be told from I/O errors, and enforces the record
// size limit.
type feed struct {
	r     io.Reader
	n     int64 // bytes read
	limit int64 // when > 0, reading past it fails with errRecordTooLong
	err   error // first error other than io.EOF
	// nul finds the first NUL byte, in a single-byte encoding or UTF-8,
	// whose bytes are the text's; failNUL, set once the encoding is
	// known, makes it an error (see nulError).
	nul     nulFinder
	failNUL bool
	// start is the start of the content, for what a file that is not
	// text is instead (binaryHint).
	start []byte
}

// feedStartBytes is how much of the content feed keeps in start.
const feedStartBytes = 512

func (f *feed) Read(p []byte) (int, error) {
	if f.limit > 0 {
		if f.n >= f.limit {
			return 0, errRecordTooLong
		}
		// A reader whose buffer has grown asks for as much as it has
		// room for: a read must stop at the limit, not pass it by that.
		p = p[:min(int64(len(p)), f.limit-f.n)]
	}
	if f.failNUL && f.nul.line > 0 {
		return 0, f.nul.err()
	}
	n, err := f.r.Read(p)
	if len(f.start) < feedStartBytes && f.n < feedStartBytes {
		f.start = append(f.start, p[:min(n, feedStartBytes-len(f.start))]...)
	}
	f.n += int64(n)
	if f.nul.line == 0 && f.nul.found(p[:n]) && f.failNUL {
		n, err = 0, f.nul.err()
	}
	if err != nil && err != io.EOF && f.err == nil {
		f.err = err
	}
	return n, err
}

// nulFinder looks for the first NUL byte in text read block by block,
// counting the lines before it. No text any format listaudit reads holds
// one: it is a program, an image or an archive given by mistake, or a
// damaged export, wherever the NUL is.
type nulFinder struct {
	lines int // line breaks before the block looked at
	// line is the first NUL's line; 0 when none was found, -1 when not
	// looked for.
	line int
}

// found looks at the next block of text and reports whether it holds the
// first NUL.
func (f *nulFinder) found(b []byte) bool {
	i := bytes.IndexByte(b, 0)
	if i < 0 {
		f.lines += bytes.Count(b, []byte{'\n'})
		return false
	}
	f.line = f.lines + bytes.Count(b[:i], []byte{'\n'}) + 1
	return true
}

func (f *nulFinder) err() error { return &nulError{line: f.line} }

// nulError is a NUL byte in the text: the run stops at it, naming its
// line, since a row holding one cannot be trusted and a file holding many
// is not text.
type nulError struct{ line int }

func (e *nulError) Error() string {
	return fmt.Sprintf("line %d holds a NUL byte: not a text file (it holds binary data), or a damaged one; listaudit reads CSV, TSV, JSON, NDJSON, XLSX and vCard files", e.line)
}

// nulReader is nulFinder over a reader: text transcoded from UTF-16, whose
// bytes hold NULs that are no NUL character.
type nulReader struct {
	r   io.Reader
	nul nulFinder
}

func (n *nulReader) Read(p []byte) (int, error) {
	if n.nul.line > 0 {
		return 0, n.nul.err()
	}
	k, err := n.r.Read(p)
	if n.nul.found(p[:k]) {
		return 0, n.nul.err()
	}
	return k, err
}

// bound lets the next record read at most maxRecordBytes beyond what is
// already buffered.
func (f *feed) bound() { f.limit = f.n + maxRecordBytes }
