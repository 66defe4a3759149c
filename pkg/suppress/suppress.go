package suppress

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// Normalise returns the E.164 digits of raw as an integer key (e.g.
// +254712345678 → 254712345678) and ok=false when raw is not a valid
// number; noRegion says that it is not only because raw has no + country
// code and there is no default region to read it with.
type Normalise func(raw string) (key uint64, ok, noRegion bool)

// Formats a list can be in.
const (
	FormatLines = "lines" // one number or digest a line
	FormatCSV   = "csv"
)

// maxExamples bounds the invalid lines a List keeps to show the user.
const maxExamples = 5

// maxLine bounds one line of a file of lines; a number or digest is far
// shorter, and a longer line is counted invalid rather than kept.
const maxLine = 64 << 10

// LineError says why one line of a list was not used.
type LineError struct {
	File   string
	Line   int
	Reason string
}

func (e LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason) }

// List is one loaded do-not-contact list. It is safe for concurrent use
// once loaded.
type List struct {
	Path   string
	Format string // FormatLines or FormatCSV
	// Entries counts the numbers and digests read: one a line, or two for
	// a CSV line whose phone and digest columns hold different numbers (a
	// number listed twice counts twice).
	Entries int
	// Invalid counts the lines that were neither; FirstInvalid holds the
	// first few, in file order.
	Invalid      int
	FirstInvalid []LineError
	// NoRegion counts the invalid lines that are numbers written without
	// + when there is no region to read them with; any makes Load fail.
	NoRegion      int
	firstNoRegion int
	// NotInRegion counts the entries written without a country code that
	// the region does not read as a valid number ("07911 123456" in a KE
	// run): they are applied by their national digits alone (Match).
	// FirstNotInRegion is the first, with an empty Reason.
	NotInRegion      int
	FirstNotInRegion LineError

	numbers map[uint64]struct{}
	hashes  map[[32]byte]struct{}
	// national holds the phone.NationalKey of every entry written without
	// a country code, whether or not the region reads it: which country's
	// number it is the entry does not say, so it stands for every number
	// whose national form it can be.
	national map[uint64]struct{}
}

// Matched says how a list holds a number.
type Matched uint8

const (
	// NoMatch: the list does not hold the number.
	NoMatch Matched = iota
	// Exact: the number, or the digest of its E.164 text, is on the list
	// (a national entry the region reads as it counts too).
	Exact
	// National: only an entry written without a country code can be the
	// number: its digits are the number's national form in its country.
	National
)

// Match says whether, and how, the list holds the valid number n. An
// entry without a country code counts for every number it can be, not
// only for the one the region reads it as: a do-not-contact list fails
// closed, as messaging an opted-out person costs more than not messaging
// one whose number looks the same.
func (l *List) Match(n phone.Number) Matched {
	if !n.Valid {
		return NoMatch
	}
	if l.Contains(n.Key) {
		return Exact
	}
	if len(l.national) == 0 {
		return NoMatch
	}
	var buf [4]uint64
	for _, k := range phone.NationalKeys(buf[:0], n) {
		if _, ok := l.national[k]; ok {
			return National
		}
	}
	return NoMatch
}

// NationalEntries is the number of distinct entries written without a
// country code.
func (l *List) NationalEntries() int { return len(l.national) }

// Numbers is the number of distinct numbers on the list.
func (l *List) Numbers() int { return len(l.numbers) }

// Hashes is the number of distinct digests on the list.
func (l *List) Hashes() int { return len(l.hashes) }

// Contains reports whether the number with E.164 digits key is on the list,
// as a number or as the SHA-256 digest of its E.164 text.
func (l *List) Contains(key uint64) bool {
	if _, ok := l.numbers[key]; ok {
		return true
	}
	if len(l.hashes) == 0 || key == 0 {
		return false
	}
	_, ok := l.hashes[keyDigest(key)]
	return ok
}

// keyDigest is the SHA-256 of the E.164 text of the number with digits
// key.
func keyDigest(key uint64) [32]byte {
	// "+" and at most 20 digits; a stack buffer keeps this allocation-free,
	// which matters when every row of a large list is checked.
	var buf [24]byte
	buf[0] = '+'
	return sha256.Sum256(strconv.AppendUint(buf[:1], key, 10))
}

// Load reads the list at path. Its errors are fatal problems only: the
// file cannot be read, is empty, has no usable entry, or is a CSV file
// without a phone column.
//
// A list is one of:
//
//   - one number a line, in any spelling the caller's normaliser accepts
//     ("+254712345678", "0712 345678" with a default region); blank lines
//     and lines starting with # are skipped;
//   - a CSV file whose header has a phone column (phone, phone_number,
//     mobile, msisdn, number, e164, whatsapp, wa_id, tel, or sha256/hash
//     for a column of digests; matched ignoring case and punctuation);
//     with a column of numbers and one of digests, both are read, and a
//     line may fill either; other columns are ignored;
//   - SHA-256 hex digests of E.164 numbers, one a line, so that a partner
//     can share its list without handing over the numbers.
//
// A file of lines may mix numbers and digests. Any format may be gzipped,
// and in any text encoding textfile.Content detects (UTF-8, UTF-16 with a
// BOM, Windows-1252).
// Lines that are neither a number nor a digest are counted, not fatal; a
// JSON array (or pretty-printed JSON) is refused as a whole.
//
// A digest is of the E.164 text with its plus sign and nothing else (no
// newline), in upper or lower case hex. To make a hashed list from a file
// of E.164 numbers, one a line:
//
//	while read -r n; do printf '%s' "$n" | sha256sum | cut -d' ' -f1; done < numbers.txt > hashed.txt
func Load(path string, norm Normalise) (*List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, textfile.ReadError(path, err)
	}
	defer f.Close()
	return load(path, f, norm)
}

func load(name string, r io.Reader, norm Normalise) (*List, error) {
	br, gz, _, err := textfile.Content(name, r)
	if err != nil {
		return nil, err
	}
	if gz != nil {
		defer gz.Close()
	}
	head, err := br.Peek(textfile.BufSize)
	if err != nil && err != io.EOF && len(head) == 0 {
		return nil, textfile.ReadError(name, err)
	}
	if shape := textfile.JSONShape(head); shape != "" {
		return nil, fmt.Errorf("%s: a suppression list must be one number or digest a line, or CSV; this looks like %s", name, shape)
	}
	l := &List{Path: name, Format: FormatLines, numbers: map[uint64]struct{}{}, hashes: map[[32]byte]struct{}{}}
	lr := textfile.NewLines(br, maxLine)
	comments := false
	// Excel's "sep=" first line names a CSV list's delimiter.
	sep, sepLine := rune(0), false
	for {
		line, tooLong, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, textfile.ReadError(name, err)
		}
		if tooLong {
			l.invalid(lr.N(), fmt.Sprintf("line is longer than %d KiB", maxLine>>10))
			continue
		}
		s := strings.TrimSpace(string(line))
		if lr.N() == 1 {
			if sep, sepLine = textfile.SepDirective(line); sepLine {
				continue
			}
		}
		if s == "" || s[0] == '#' {
			comments = comments || s != ""
			continue
		}
		if l.Entries == 0 && l.Invalid == 0 {
			if csv, err := l.firstEntry(s, lr.N(), sep, br, norm); csv != nil || err != nil {
				return csv, err
			}
			continue
		}
		if _, why := l.read(s, lr.N(), norm); why != "" {
			l.unread(lr.N(), "", why)
		}
	}
	if comments {
		return l.check("only comments")
	}
	return l.check("")
}

// firstEntry reads s, the first entry of the list, on line n, which
// decides the format: a number or digest means a file of lines, a header
// with a phone column a CSV list, which is then read here with the rest of
// br (sep is the delimiter a "sep=" line named, or 0). It returns the CSV
// list; nil when the file is one of lines.
func (l *List) firstEntry(s string, n int, sep rune, br io.Reader, norm Normalise) (csv *List, err error) {
	_, why := l.read(s, n, norm)
	if why == "" {
		return nil, nil
	}
	header, comma, ok := splitHeader(s, sep)
	if ok {
		if _, found := phoneColumn(header); found {
			return l.readCSV(io.MultiReader(strings.NewReader(s+"\n"), br), comma, n, norm)
		}
		if len(header) > 1 {
			return nil, noPhoneError(l.Path, n, header)
		}
	}
	l.unread(n, "", why)
	return nil, nil
}

// Why a line or cell was not read.
const (
	notEntry = "not a phone number or SHA-256 hex digest"
	// notValid is written as a phone number is, with its country code,
	// but is no valid number: a number that cannot be any contact's.
	notValid = "written as a phone number, but not a valid one"
	// noRegion is a number written without its country code, which is an
	// opt-out all the same: it is named as such, not as junk.
	noRegion = "a number without + needs a region: give --region or write it in E.164"
)

// read records s, on line, as a digest or a number. It returns the
// number's key (0 for a digest, or for an entry applied by its national
// digits alone), or why s is neither (notEntry, notValid or noRegion).
func (l *List) read(s string, line int, norm Normalise) (key uint64, why string) {
	if phone.SeveralNumbers(s) {
		return l.readSeveral(s, line, norm)
	}
	if h, ok := parseDigest(s); ok {
		l.hashes[h] = struct{}{}
		l.Entries++
		return 0, ""
	}
	k, ok, needsRegion := norm(s)
	// The entry as norm reads it (phone.Clean): a direction mark before a
	// number, or Excel's ="…" around it, hides none of its readings.
	c := phone.Clean(s)
	phoneLike := pii.LooksLikePhone(c)
	var national uint64
	if phoneLike {
		national = phone.NationalKey(c) // 0 for a number with +
	} else if !ok && !needsRegion {
		// "00254… ext. 5" is read as "+254… ext. 5" is: text around a
		// number that the parse takes with a + it takes with a 00.
		k, ok = dialledOut(c, norm)
	}
	switch {
	case ok && k != 0:
		l.numbers[k] = struct{}{}
	case needsRegion && phoneLike:
		return 0, noRegion
	case national != 0:
		// "0044…" is + and a country code where 00 dials out, as in
		// most countries, whatever the region's own prefix.
		if k, ok := dialledOut(c, norm); ok {
			l.numbers[k] = struct{}{}
		} else if l.NotInRegion++; l.NotInRegion == 1 {
			l.FirstNotInRegion = LineError{File: l.Path, Line: line}
		}
	case phoneLike:
		return 0, notValid
	default:
		return 0, notEntry
	}
	if national != 0 {
		if l.national == nil {
			l.national = map[uint64]struct{}{}
		}
		l.national[national] = struct{}{}
	}
	l.Entries++
	return k, ""
}

// readSeveral reads each of the numbers of an entry that holds several
// ("0712345601;0712345602": phone.SeveralNumbers) as an entry of its own:
// every person it names has opted out. why is the first part's that was
// not read, if any.
func (l *List) readSeveral(s string, line int, norm Normalise) (key uint64, why string) {
	for _, part := range strings.Split(s, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		k, w := l.read(part, line, norm)
		if w != "" && why == "" {
			why = w
		} else if w == "" {
			key = k
		}
	}
	return key, why
}

// dialledOut reads s, a number the region does not read, as + and what
// follows a leading 00 (phone.DialledOut).
func dialledOut(s string, norm Normalise) (uint64, bool) {
	plus, ok := phone.DialledOut(s)
	if !ok {
		return 0, false
	}
	k, ok, _ := norm(plus)
	return k, ok && k != 0
}

// unread counts a line whose cell in column ("" for a file of lines) read
// did not read, for reason why.
func (l *List) unread(line int, column, why string) {
	if why == noRegion {
		if l.NoRegion == 0 {
			l.firstNoRegion = line
		}
		l.NoRegion++
	}
	l.invalid(line, column+why)
}

func (l *List) invalid(line int, reason string) {
	l.Invalid++
	if len(l.FirstInvalid) < maxExamples {
		l.FirstInvalid = append(l.FirstInvalid, LineError{File: l.Path, Line: line, Reason: reason})
	}
}

// check refuses a list with nothing on it: a --suppress file that
// suppresses nothing is more likely the wrong file or format than an empty
// list, and silently auditing without it would hide that. had says what
// the file held instead ("" for nothing at all).
//
// A number that cannot be read for want of a region fails the list too,
// even among good entries: it is an opt-out, and a list applied in part
// would let its numbers be messaged while the run looks clean.
func (l *List) check(had string) (*List, error) {
	switch {
	case l.NoRegion > 0:
		like := "1 line of the list is"
		if l.NoRegion > 1 {
			like = fmt.Sprintf("%d lines of the list are", l.NoRegion)
		}
		return nil, fmt.Errorf("%s:%d: a number without a + country code needs a region to be read: give --region (or region: in the policy file) or write the numbers in E.164; %s like this, and an opt-out list must be applied whole",
			l.Path, l.firstNoRegion, like)
	case l.Entries > 0:
		return l, nil
	case l.Invalid > 0:
		return nil, fmt.Errorf("%s: no phone numbers or SHA-256 digests: none of its %d entries is one (first: %v)", l.Path, l.Invalid, l.FirstInvalid[0])
	case had != "":
		return nil, fmt.Errorf("%s: no entries, %s", l.Path, had)
	}
	return nil, fmt.Errorf("%s: file is empty", l.Path)
}

// parseDigest reads 64 hex digits, either case.
func parseDigest(s string) ([32]byte, bool) {
	var h [32]byte
	if len(s) != 64 {
		return h, false
	}
	_, err := hex.Decode(h[:], []byte(s))
	return h, err == nil
}
