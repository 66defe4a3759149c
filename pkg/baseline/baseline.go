package baseline

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// SchemaVersion is the version of the baseline file format.
const SchemaVersion = 1

// Entry is one accepted finding identity and how many findings share it.
type Entry struct {
	Rule string `json:"rule"`
	File string `json:"file"`
	// NumberSHA256 is the hex SHA-256 of the finding's number: its E.164
	// form when valid, else the cell as written.
	NumberSHA256 string `json:"number_sha256"`
	Count        int    `json:"count"`
}

// File is a baseline file's content.
type File struct {
	SchemaVersion int     `json:"schema_version"`
	Entries       []Entry `json:"entries"`
	// flaws holds, by entry index, what was wrong with an entry as read
	// that its Entry cannot show: those entries are unusable.
	flaws map[int]flaw
}

// flaw is what was wrong with an entry as read: no file (left out or
// null, File is then ""), or a count left out, null, no whole number or
// too large (Count is then 0), worded as problem reports it.
type flaw struct {
	noFile bool
	count  error
}

// entryJSON is an entry as a baseline file holds it, its count as
// written, so that a count that is no whole number makes its entry
// unusable rather than the file unreadable, as a count under 1 does.
type entryJSON struct {
	Rule string `json:"rule"`
	// File is nil when left out or null, so that the warning says so
	// rather than naming the path "".
	File         *string   `json:"file"`
	NumberSHA256 string    `json:"number_sha256"`
	Count        countJSON `json:"count"`
}

// countJSON is an entry's count: a whole number; set is false when it is
// null, as when left out, and bad says why any other value is unusable,
// naming it as written.
type countJSON struct {
	n   int
	set bool
	bad error
}

func (c *countJSON) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	c.set = true
	n, err := strconv.Atoi(string(b))
	switch {
	case err == nil:
		c.n = n
	case errors.Is(err, strconv.ErrRange) && b[0] == '-':
		c.bad = fmt.Errorf("count %s: want 1 or more", b)
	case errors.Is(err, strconv.ErrRange):
		c.bad = fmt.Errorf("count %s: too large, want at most %d", b, math.MaxInt)
	default:
		c.bad = fmt.Errorf("count %s: want a whole number, 1 or more", b)
	}
	return nil
}

// flaw says what is wrong with e that its Entry cannot show; ok is false
// when nothing is.
func (e *entryJSON) flaw() (fl flaw, ok bool) {
	fl = flaw{noFile: e.File == nil, count: e.Count.bad}
	if !e.Count.set {
		fl.count = errors.New("count missing: want a whole number, 1 or more")
	}
	return fl, fl.noFile || fl.count != nil
}

// key is a finding's identity. The number's digest is held as bytes, not
// hex: a million-row list's baseline has millions of keys.
type key struct {
	rule, file string
	number     [sha256.Size]byte
}

func identify(f *domain.Finding) key {
	return key{f.Rule, samePath(f.Loc.File), sha256.Sum256([]byte(f.Phone))}
}

// samePath is a path as a baseline compares it, a finding's and an
// entry's alike: cleaned, with forward slashes, so that "list.csv" and
// "./list.csv" are one file, whichever side wrote which.
func samePath(p string) string { return filepath.ToSlash(filepath.Clean(p)) }

// FromFindings builds the baseline that accepts every finding given.
func FromFindings(fs []domain.Finding) *File { return FromAll(domain.FindingSlice(fs)) }

func fromCounts(counts map[key]int) *File {
	b := &File{SchemaVersion: SchemaVersion, Entries: make([]Entry, 0, len(counts))}
	for k, n := range counts {
		b.Entries = append(b.Entries, Entry{Rule: k.rule, File: k.file, NumberSHA256: hex.EncodeToString(k.number[:]), Count: n})
	}
	slices.SortFunc(b.Entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.NumberSHA256, b.NumberSHA256))
	})
	return b
}

// Write saves b to path atomically, mode 0600.
func Write(path string, b *File) error {
	return outfile.Write(path, func(w io.Writer) error { return Encode(w, b) })
}

// Encode writes b as a baseline file holds it: as json.Encoder indents it,
// but entry by entry, since a million-row list's baseline is hundreds of
// megabytes that need not be built in memory first.
func Encode(w io.Writer, b *File) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"schema_version\": %d,\n  \"entries\": ", b.SchemaVersion)
	if b.Entries == nil {
		bw.WriteString("null\n}\n")
		return bw.Flush()
	}
	bw.WriteByte('[')
	for i := range b.Entries {
		e, err := json.MarshalIndent(&b.Entries[i], "    ", "  ")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(e)
	}
	if len(b.Entries) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// Load reads a baseline file. It is read as a stream, entry by entry, and
// the rule and file names that repeat in every entry are held once: a
// million-row list's baseline is hundreds of megabytes of JSON. It may
// start with a byte-order mark, or be UTF-16 with one, as every evidence
// file may (textfile.Decode).
func Load(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, textfile.ReadError("baseline "+path, err)
	}
	defer f.Close()
	// A byte-order mark is skipped, and UTF-16 (what Windows PowerShell
	// 5.1's > writes) read as UTF-8, rather than refused as "invalid
	// character 'ï'".
	br, text, err := textfile.Decode(bufio.NewReaderSize(f, textfile.BufSize), "", textfile.BufSize, textfile.BufSize)
	if err != nil {
		return nil, textfile.ReadError("baseline "+path, err)
	}
	var r io.Reader = br
	var bad *undecodable
	if text.Encoding == textfile.EncodingUTF16LE || text.Encoding == textfile.EncodingUTF16BE {
		bad = &undecodable{r: br}
		r = bad
	}
	dec := json.NewDecoder(r)
	b, err := decode(dec)
	if err == nil {
		err = trailing(dec, r, text)
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF // the file ends before the object does
	}
	if bad != nil && bad.seen {
		// The decoder's U+FFFD would be named as "invalid character 'ï'",
		// or as a second baseline after the object: neither is the cause.
		// Where the JSON still parses, it may be in a key ("entr�ies"),
		// which would leave a baseline of no entries, silently.
		return nil, fmt.Errorf("baseline %s: not a listaudit baseline: a damaged UTF-16 file (bytes cut off or lost; write it again with --write-baseline)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("baseline %s: not a listaudit baseline: %v", path, err)
	}
	if b.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("baseline %s: schema_version %d, want %d (write it again with --write-baseline)", path, b.SchemaVersion, SchemaVersion)
	}
	return b, nil
}

const utf8BOM = "\xef\xbb\xbf"

// undecodable passes on the UTF-8 text of a UTF-16 file, noting whether
// it holds U+FFFD, what the UTF-16 decoder writes for bytes it cannot
// decode (an odd last byte, a lone surrogate): a damaged file, as
// listaudit writes no such character.
type undecodable struct {
	r    io.Reader
	tail []byte // the last bytes read, for U+FFFD across two reads
	seen bool
}

var replacement = []byte("\uFFFD")

func (u *undecodable) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	if !u.seen && n > 0 {
		edge := append(slices.Clip(u.tail), p[:min(n, 2)]...)
		u.seen = bytes.Contains(edge, replacement) || bytes.Contains(p[:n], replacement)
		if n >= 2 {
			u.tail = append(u.tail[:0], p[n-2:n]...)
		} else {
			u.tail = edge[max(len(edge)-2, 0):]
		}
	}
	return n, err
}

// trailing refuses anything but white space after the baseline object
// dec has read from r: two baselines appended in one file would otherwise
// have the second's entries ignored. The byte it names is the file's: dec
// counts the text after a UTF-8 byte-order mark, and of a file in another
// encoding, UTF-8 text it was decoded to, whose bytes are not the file's.
func trailing(dec *json.Decoder, r io.Reader, text textfile.Text) error {
	off := dec.InputOffset()
	if text.BOM && !text.Transcoded() {
		off += int64(len(utf8BOM)) // before the text dec counts
	}
	rest := bufio.NewReader(io.MultiReader(dec.Buffered(), r))
	for {
		c, err := rest.ReadByte()
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		case c != ' ' && c != '\t' && c != '\n' && c != '\r':
			if text.Transcoded() {
				return errors.New("data after the end of the JSON object (two baselines in one file?)")
			}
			// Counted from 1, as the byte of the file it is.
			return fmt.Errorf("data after the end of the JSON object at byte %d (two baselines in one file?)", off+1)
		}
		off++
	}
}

// decode reads a baseline object from dec, its entries one at a time.
func decode(dec *json.Decoder) (*File, error) {
	if tok, err := dec.Token(); err != nil {
		return nil, err
	} else if tok != json.Delim('{') {
		return nil, fmt.Errorf("not a JSON object")
	}
	b := &File{}
	names := map[string]string{}
	intern := func(s string) string {
		if v, ok := names[s]; ok {
			return v
		}
		names[s] = s
		return s
	}
	versioned := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch tok {
		case "schema_version":
			versioned, err = decodeVersion(dec, b)
		case "entries":
			err = decodeEntries(dec, b, intern)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return nil, err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, err
	}
	if !versioned {
		return nil, errors.New("schema_version missing")
	}
	return b, nil
}

// decodeVersion reads schema_version into b; false when it is null, as
// when left out.
func decodeVersion(dec *json.Decoder, b *File) (bool, error) {
	var v *int
	if err := dec.Decode(&v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return false, fmt.Errorf("schema_version: want a whole number, got a JSON %s", te.Value)
		}
		return false, err
	}
	if v == nil {
		return false, nil
	}
	b.SchemaVersion = *v
	return true, nil
}

// decodeEntries reads the entries array into b.
func decodeEntries(dec *json.Decoder, b *File, intern func(string) string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("entries: not an array")
	}
	b.Entries = []Entry{}
	for dec.More() {
		// A pointer, so that a null entry is told from an empty object.
		var e *entryJSON
		if err := dec.Decode(&e); err != nil {
			return fmt.Errorf("entries: %w", entryError(len(b.Entries)+1, err))
		}
		if e == nil {
			return fmt.Errorf("entries: entry %d: want an object, got a JSON null", len(b.Entries)+1)
		}
		if fl, ok := e.flaw(); ok {
			if b.flaws == nil {
				b.flaws = map[int]flaw{}
			}
			b.flaws[len(b.Entries)] = fl
			e.Count.n = 0 // matches nothing (Matcher)
		}
		file := ""
		if e.File != nil {
			file = intern(*e.File)
		}
		b.Entries = append(b.Entries, Entry{Rule: intern(e.Rule), File: file, NumberSHA256: e.NumberSHA256, Count: e.Count.n})
	}
	_, err = dec.Token() // the closing bracket
	return err
}

// entryError words an error decoding entry n in the baseline's terms,
// naming the entry, when the entry's JSON is valid but of the wrong kind.
func entryError(n int, err error) error {
	var te *json.UnmarshalTypeError
	switch {
	case !errors.As(err, &te):
		return err
	case te.Field == "":
		return fmt.Errorf("entry %d: want an object, got a JSON %s", n, te.Value)
	}
	// Every field but count, which takes any value, is text.
	return fmt.Errorf("entry %d: %s: want a string, got a JSON %s", n, te.Field, te.Value)
}

// Usable counts the findings b's usable entries accept (their counts),
// and the entries that can match no finding, which Matcher leaves out: a
// rule that known refuses (rules.Check), no file, a number_sha256 that is
// not 64 hex digits, a count missing, no whole number, under 1 or too
// large. first says why the first of those is unusable, naming it by its
// place among the entries ("entry 2").
func (b *File) Usable(known func(rule string) error) (accepts, unusable int, first string) {
	for i := range b.Entries {
		err := b.Entries[i].problem(known, b.flaws[i])
		switch {
		case err == nil:
			accepts += b.Entries[i].Count
		case unusable == 0:
			first = fmt.Sprintf("entry %d: %v", i+1, err)
			fallthrough
		default:
			unusable++
		}
	}
	return accepts, unusable, first
}

// problem says why e can match no finding; nil when it can. fl is what
// was wrong with it as read.
func (e *Entry) problem(known func(rule string) error, fl flaw) error {
	if err := known(e.Rule); err != nil {
		return err
	}
	switch {
	case fl.noFile:
		return errors.New("file missing: want the path of an input file")
	case e.File == "":
		return errors.New(`file "": want the path of an input file`)
	}
	if _, ok := e.digest(); !ok {
		return fmt.Errorf("number_sha256 %q is not 64 hex digits", e.NumberSHA256)
	}
	if fl.count != nil {
		return fl.count
	}
	if e.Count < 1 {
		return fmt.Errorf("count %d: want 1 or more", e.Count)
	}
	return nil
}

// digest is the entry's number_sha256 as bytes; false when it is not 64
// hex digits.
func (e *Entry) digest() (d [sha256.Size]byte, ok bool) {
	if len(e.NumberSHA256) != hex.EncodedLen(sha256.Size) {
		return d, false
	}
	_, err := hex.Decode(d[:], []byte(e.NumberSHA256))
	return d, err == nil
}

// Matcher hides accepted findings as they stream past, in order. Each
// entry accepts at most Count findings, so a number that gains a second
// finding of the same rule is reported again.
type Matcher struct{ left map[key]int }

// Matcher returns a fresh matcher over b's entries.
func (b *File) Matcher() *Matcher {
	left := make(map[key]int, len(b.Entries))
	for _, e := range b.Entries {
		// An entry whose digest is not 64 hex digits, or with no file,
		// matches no finding.
		d, ok := e.digest()
		if !ok || e.Count < 1 || e.File == "" {
			continue
		}
		left[key{rule: e.Rule, file: samePath(e.File), number: d}] += e.Count
	}
	return &Matcher{left: left}
}

// Accepts reports whether the baseline accepts f, using up one of its
// entry's count when it does.
func (m *Matcher) Accepts(f *domain.Finding) bool {
	k := identify(f)
	if m.left[k] > 0 {
		m.left[k]--
		return true
	}
	return false
}

// Filter splits findings into those the baseline does not cover and those
// it accepts.
func (b *File) Filter(fs []domain.Finding) (kept, accepted []domain.Finding) {
	m := b.Matcher()
	kept = fs[:0:0]
	for i := range fs {
		if m.Accepts(&fs[i]) {
			accepted = append(accepted, fs[i])
			continue
		}
		kept = append(kept, fs[i])
	}
	return kept, accepted
}

// FromAll builds the baseline that accepts every finding of the lists.
func FromAll(lists ...domain.Findings) *File {
	counts := map[key]int{}
	for _, l := range lists {
		if l == nil {
			continue
		}
		for f := range l.All() {
			counts[identify(f)]++
		}
	}
	return fromCounts(counts)
}
