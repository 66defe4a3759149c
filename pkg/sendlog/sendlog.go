package sendlog

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	phonenum "github.com/listaudit/listaudit/pkg/phone"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// Normalise returns the E.164 digits of raw as an integer key (e.g.
// +254712345678 → 254712345678) and ok=false when raw is not a valid
// number; noRegion says that it is not only because raw has no + country
// code and there is no default region to read it with.
type Normalise func(raw string) (key uint64, ok, noRegion bool)

// Options says how to read logs.
type Options struct {
	Normalise Normalise
	// DateLayout is a Go time layout tried before the built-in formats
	// (--date-format); "" for none.
	DateLayout string
	// Now is the run's time: a send after it is a bad line. The zero time
	// accepts any date.
	Now time.Time
	// Include, when not nil, says which sends to keep by their category and
	// channel cells (e.g. marketing only); the others are counted as
	// Skipped.
	Include func(category, channel string) bool
}

// maxExamples bounds the invalid lines a Log keeps to show the user.
const maxExamples = 10

// LineError says why one line of a log was not used.
type LineError struct {
	File   string
	Line   int
	Reason string
}

func (e LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason) }

// Counts adds up what was read: Lines = Sends + Inbound + Invalid +
// Skipped. Lines are records (the header and blank lines are not).
// Inbound counts the messages received from contacts, OptOuts those of
// them that are opt-out replies.
type Counts struct {
	Lines   int
	Sends   int
	Inbound int
	OptOuts int
	Invalid int
	Skipped int
}

// FileStats is what one log file held.
type FileStats struct {
	Path string
	// Format is FormatCSV or FormatNDJSON.
	Format     string
	Compressed bool
	Counts
	// NoBody counts the inbound lines without a text (no body column, or
	// an empty one): an opt-out reply among them cannot be read.
	// FirstNoBody is the first, with an empty Reason.
	NoBody      int
	FirstNoBody LineError
	// OtherDirections counts the lines whose direction is a value
	// listaudit does not know; Directions holds the first few values.
	OtherDirections int
	Directions      []string
	// first is the file's first invalid line, for the error of a file
	// with no usable line.
	first LineError
}

// Log is the sends of one or more log files, by number. It is safe for
// concurrent use once loaded.
type Log struct {
	Total Counts // over all files
	// Numbers counts the distinct numbers with at least one send (not
	// those of NotInRegion).
	Numbers int
	Files   []FileStats
	// FirstInvalid holds the first few invalid lines, in file order.
	FirstInvalid []LineError

	// NotInRegion counts the sends to numbers written without a country
	// code that the region does not read as a valid number: they count for
	// every contact whose national number they can be (SendsTo).
	// FirstNotInRegion is the first, with an empty Reason.
	NotInRegion      int
	FirstNotInRegion LineError

	// UndatedOptOuts counts the opt-out replies whose date is empty,
	// cannot be read or lies after now: they are applied all the same
	// (OptOut.Undated, OptOut.Ahead). MaybeOptOuts counts the unusable
	// lines that may be opt-out replies (a keyword in a line that is not
	// JSON, a CSV record that cannot be parsed in a log with replies, a
	// reply whose sender cannot be read): their senders are not known.
	// MentionsOptOut counts the inbound messages that hold an opt-out
	// keyword among other words ("please stop texting me"), not read as
	// opt-outs, and so does a line without a direction whose short body
	// holds one other than as a send's instruction ("Reply STOP to opt
	// out"), read as a send. Each First is the first such line, with an
	// empty Reason.
	UndatedOptOuts      int
	FirstUndatedOptOut  LineError
	MaybeOptOuts        int
	FirstMaybeOptOut    LineError
	MentionsOptOut      int
	FirstMentionsOptOut LineError
	// MentionText is the first such message's text, as written.
	MentionText string

	// exact holds the sends by number, national those that NotInRegion
	// counts, by the phone.NationalKey of the number as written.
	exact, national sendIndex
	// optOuts holds the earliest opt-out reply of each number,
	// nationalOptOuts those from numbers the region does not read.
	optOuts, nationalOptOuts optOutIndex
	// sendLines is where the sends after an opt-out reply are (SendLine).
	sendLines map[sendRef]LineError
}

// sendIndex is sends grouped by key: keys is every key with a send,
// ascending; the sends of keys[i] are times[offs[i]:offs[i+1]],
// ascending. One array of times rather than a slice per number saves a
// slice header and the append slack of each number, and keeps a number's
// sends together in memory.
type sendIndex struct {
	keys  []uint64
	offs  []uint32
	times []int64
	// promo has bit i set when the send times[i] has a body that does not
	// read as an opt-out confirmation (readsAsConfirmation); nil when no
	// send has.
	promo []uint64
}

// send is one send while loading, before the sends are grouped by number.
type send struct {
	key uint64
	// at is the send's time in Unix seconds, times 2, plus 1 when its body
	// does not read as a confirmation: the flag rides along in the sort
	// without growing the 16 bytes a send takes while loading.
	at int64
}

// packSend is a send's at: its time, and whether it has a body that does
// not read as a confirmation.
func packSend(at int64, body string) int64 {
	at *= 2
	if body != "" && !readsAsConfirmation(body) {
		at++
	}
	return at
}

// Load reads the logs at paths, in order, into one Log. Its errors are
// fatal problems only: a file that cannot be read, is empty, or is a CSV
// file without a phone or sent_at column. A CSV file with only its header
// is read as no sends (Lines 0), which a new campaign's log can be; the
// caller says so.
//
// A log is CSV (delimiter sniffed from the header) or NDJSON (.ndjson,
// .jsonl, or content starting with "{"), optionally gzipped, in any text
// encoding textfile.Content detects (UTF-8, UTF-16 with a BOM,
// Windows-1252), with columns
//
//	phone     required; also phone_number, msisdn, to, recipient, wa_id
//	sent_at   required; also sent, timestamp, created_at, date, sent_date,
//	          date_sent, date_created, created_datetime, received_at,
//	          message_timestamp
//	category  optional
//	channel   optional
//	direction optional
//	from      optional: the sender of an inbound line; also originator,
//	          sender, from_number, source_number, source
//	body      optional; also message, text, message_body, content, sms, msg
//	keyword   optional, NDJSON only: Vonage's first word of an inbound
//	          message
//
// matched ignoring case and punctuation; other columns are ignored. A line
// whose direction is inbound (direction) is a message from the contact,
// not a send, and so is a line whose direction is empty or unknown but
// whose body (undirectedReply) or keyword is an opt-out keyword, or that
// is Vonage's inbound webhook (keywordMarksReply), or a webhook envelope of
// one message (envelopeReply): when its body is an opt-out reply
// (classifyReply) it opts its sender (from; else phone only when that is
// msisdn or wa_id, as elsewhere it is your own number) out at its time (OptOutOf), whatever its date (OptOut.Undated), else it
// changes nothing. A later opt-in reply (START, UNSTOP, YES) is
// not read: an opt-out is held, fail closed. Lines
// whose number or date cannot be read, or whose date is after the run's
// now, are counted and reported, never fatal and never silently dropped;
// but a number written without + when there is no region to read it with
// fails the load, as a region or E.164 is all such a log needs, and so
// does a file with lines but not one usable send (replies are no sends).
// A number written
// without + that the region does not read as valid is a send all the
// same, counted for every number it can be (NotInRegion, SendsTo).
// A JSON array (or pretty-printed JSON) is refused as a whole, with the
// jq command that makes NDJSON of it (jsonAdvice): it is a
// different export, not a log of unusable lines.
//
// A log is streamed and only the sends are kept: 16 bytes a send while
// loading, 8 bytes a send (and 12 a number) once loaded, and a bit a send
// when sends have bodies (whether each reads as a confirmation). When
// opt-out replies are followed by sends to the same number, the logs are
// read a second time to find those sends' lines (SendLine).
func Load(paths []string, opts Options) (*Log, error) {
	if opts.Normalise == nil {
		return nil, fmt.Errorf("sendlog: no Normalise function")
	}
	ld := newLoader(opts)
	for _, p := range paths {
		if err := ld.load(p); err != nil {
			return nil, err
		}
	}
	// Sends that cannot be read for want of a region would make the
	// rules undercount a number's messages while the run looks clean:
	// a region, or E.164, is all they need.
	if n := ld.noRegion; n > 0 {
		like := "1 line of the send logs is"
		if n > 1 {
			like = fmt.Sprintf("%d lines of the send logs are", n)
		}
		return nil, fmt.Errorf("%s:%d: a number without a + country code needs a region to be read: give --region (or region: in the policy file) or write the numbers in E.164; %s like this",
			ld.firstNoRegion.File, ld.firstNoRegion.Line, like)
	}
	for _, f := range ld.log.Files {
		if err := f.unusable(); err != nil {
			return nil, err
		}
	}
	l, err := ld.finish()
	if err != nil {
		return nil, err
	}
	if want := l.lateSends(); len(want) > 0 {
		locate(paths, opts, want)
		l.sendLines = want
	}
	return l, nil
}

// unusable refuses a file with lines but not one usable send: it is more
// likely the wrong file, or dates in another layout, than a log of
// nothing, and read as no sends it would leave the message cap unchecked
// while the run passes. (A file with only its header is read: a new
// campaign's log can be that.)
func (f *FileStats) unusable() error {
	if f.Invalid == 0 || f.Sends+f.Skipped > 0 {
		return nil
	}
	what := "its one line cannot be used"
	if f.Invalid > 1 {
		what = fmt.Sprintf("none of its %d lines can be used", f.Invalid)
	}
	if f.Inbound > 0 {
		// Replies are no sends: one STOP must not make a misread log
		// pass as a log of nothing sent.
		what = fmt.Sprintf("none of its lines but replies can be used (unusable: %d; replies, which are no sends: %d, of which opt-outs, not applied: %d)",
			f.Invalid, f.Inbound, f.OptOuts)
	}
	return fmt.Errorf("%s: no usable send: %s (first: %v); a send log with lines but no usable send is more likely the wrong file or date format than a log of nothing, and would leave the message cap unchecked", f.Path, what, f.first)
}

type loader struct {
	opts  Options
	dates cellvalue.DateReader
	log   *Log
	file  *FileStats
	sends []send
	// national is the sends NotInRegion counts, keyed by their national
	// digits.
	national []send
	replies  []reply
	keys     map[string]aliasRef
	obj      map[string]json.RawMessage // one NDJSON line
	json     lineDecoder
	// international says the current file's phone column holds numbers
	// without their "+" by definition (msisdn, wa_id).
	international bool
	// metaText says the current NDJSON line's text is WhatsApp's
	// text.body (Meta's webhook message), whose sender has its country
	// code.
	metaText bool
	// button says the current NDJSON line's text is a tapped button's
	// (WhatsApp's "Stop promotions"): one starting with an opt-out
	// keyword is an opt-out.
	button bool
	// dateKeys, for an NDJSON line without a sent_at key, is the keys it
	// has ("" else), which its error names: "sent_at is empty" would
	// hide that the time is under a key listaudit does not know.
	dateKeys string
	// locate, when not nil, makes the loader only find the lines of these
	// sends (locateSend): a second read, which keeps nothing else.
	locate map[sendRef]LineError
	// noRegion counts the lines whose number has no + and no region to be
	// read with; any makes Load fail. firstNoRegion is the first.
	noRegion      int
	firstNoRegion LineError
}

func newLoader(opts Options) *loader {
	return &loader{opts: opts, dates: cellvalue.DateReader{Layout: opts.DateLayout}, log: &Log{}, keys: map[string]aliasRef{}, obj: map[string]json.RawMessage{}}
}

func (ld *loader) load(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return textfile.ReadError(path, err)
	}
	defer f.Close()
	return ld.read(path, f)
}

// read reads one log from r, adding its counts to the Log's.
func (ld *loader) read(name string, r io.Reader) error {
	br, gz, compressed, err := textfile.Content(name, r)
	if err != nil {
		return err
	}
	if gz != nil {
		defer gz.Close()
	}
	head, err := br.Peek(textfile.BufSize)
	switch {
	case err != nil && err != io.EOF && len(head) == 0:
		return textfile.ReadError(name, err)
	case err == io.EOF && strings.TrimSpace(string(head)) == "":
		return fmt.Errorf("%s: file is empty", name)
	}
	if shape := textfile.JSONShape(head); shape != "" {
		return fmt.Errorf("%s: a send log must be CSV or NDJSON (one JSON object a line); this looks like %s: %s", name, shape, jsonAdvice(name, shape))
	}
	ld.log.Files = append(ld.log.Files, FileStats{Path: name, Format: formatOf(name, head), Compressed: compressed})
	ld.file = &ld.log.Files[len(ld.log.Files)-1]
	ld.dateKeys = "" // an NDJSON line's, which a CSV file's lines never set
	if ld.file.Format == FormatNDJSON {
		err = ld.readNDJSON(br)
	} else {
		err = ld.readCSV(br)
	}
	c := &ld.log.Total
	c.Lines += ld.file.Lines
	c.Sends += ld.file.Sends
	c.Inbound += ld.file.Inbound
	c.OptOuts += ld.file.OptOuts
	c.Invalid += ld.file.Invalid
	c.Skipped += ld.file.Skipped
	return err
}

// row checks one record and keeps its send, or the opt-out of an inbound
// line. The reasons name the column but never echo the phone cell: the
// examples reach the terminal and reports, where numbers are masked.
func (ld *loader) row(line int, v *[numColumns]string) {
	switch direction(v[colDirection]) {
	case dirInbound:
		ld.inbound(line, v)
		return
	case dirOther:
		ld.otherDirection(v[colDirection])
		fallthrough
	case dirNone:
		// A line that does not say who sent it is a reply when it has a
		// keyword (Vonage's inbound webhook) or is an opt-out keyword: a
		// send is never "STOP".
		if v[colKeyword] != "" {
			ld.inbound(line, v)
			return
		}
		if v[colBody] != "" {
			switch undirectedReply(v[colBody]) {
			case optOutReply:
				ld.inbound(line, v)
				return
			case mentionsOptOut:
				// Read as a send, as it may be one, but said.
				ld.countMention(line, v[colBody])
			}
		}
	}
	phone := channelNumber(strings.TrimSpace(v[colPhone]))
	if ld.international {
		phone = phonenum.WithPlus(phone)
	}
	key, national, at, ok := ld.numberAt(line, colPhone, phone, v[colSentAt])
	if !ok {
		return
	}
	if ld.opts.Include != nil && !ld.opts.Include(strings.TrimSpace(v[colCategory]), strings.TrimSpace(v[colChannel])) {
		ld.file.Skipped++
		return
	}
	if ld.locate != nil {
		if national == 0 {
			ld.locateSend(line, key, at)
		}
		return
	}
	ld.file.Sends++
	at = packSend(at, v[colBody])
	if national != 0 {
		if ld.log.NotInRegion++; ld.log.NotInRegion == 1 {
			ld.log.FirstNotInRegion = LineError{File: ld.file.Path, Line: line}
		}
		ld.national = append(ld.national, send{national, at})
		return
	}
	ld.sends = append(ld.sends, send{key, at})
}

// maxDirections bounds the unknown direction values a file keeps to name.
const maxDirections = 5

// otherDirection counts a line whose direction listaudit does not know.
func (ld *loader) otherDirection(cell string) {
	f := ld.file
	f.OtherDirections++
	cell = strings.TrimSpace(cell)
	if len(f.Directions) < maxDirections && !slices.Contains(f.Directions, cell) {
		f.Directions = append(f.Directions, cell)
	}
}

// numberAt reads a line's number from cell (trimmed, of column col) as
// number does, and its sent_at cell as Unix seconds; ok is false when the
// line is invalid (it is counted).
func (ld *loader) numberAt(line int, col column, cell, sentAt string) (key, national uint64, at int64, ok bool) {
	sentAt = strings.TrimSpace(sentAt)
	switch {
	case cell == "":
		ld.invalid(line, col.String()+" is empty")
		return 0, 0, 0, false
	case sentAt == "" && ld.dateKeys != "":
		ld.invalid(line, "no sent_at key (its keys: "+ld.dateKeys+")")
		return 0, 0, 0, false
	case sentAt == "":
		ld.invalid(line, "sent_at is empty")
		return 0, 0, 0, false
	}
	if key, national, ok = ld.number(line, col, cell); !ok {
		return 0, 0, 0, false
	}
	at, ok = ld.sentTime(line, sentAt)
	return key, national, at, ok
}

// sentTime reads a line's sent_at cell, trimmed and not empty, as Unix
// seconds; ok is false when the line is invalid (it is counted).
func (ld *loader) sentTime(line int, sentAt string) (at int64, ok bool) {
	t, err := ld.dates.Parse(sentAt)
	if err != nil {
		ld.invalid(line, "sent_at: "+err.Error())
		return 0, false
	}
	if !ld.opts.Now.IsZero() && t.After(ld.opts.Now) {
		ld.invalid(line, fmt.Sprintf("sent_at %s is after now (%s)", cellvalue.FormatDate(t), cellvalue.FormatDate(ld.opts.Now)))
		return 0, false
	}
	return t.Unix(), true
}

// severalNumbers ends the message of a line whose number cell holds more
// than one (phonenum.SeveralNumbers): libphonenumber would read the first,
// and a send to (or an opt-out from) the second would be lost unsaid.
const severalNumbers = " holds more than one number (after a ;): give each its own line"

// number reads a line's phone (or from) cell, of column col: the number's
// key, or for a number written without a country code that the region
// does not read, its national digits (phone.NationalKey), which count for
// every contact they can be: a log read fail-closed counts a send too
// many rather than one too few. ok is false when the line is invalid (it
// is counted).
func (ld *loader) number(line int, col column, phone string) (key, national uint64, ok bool) {
	if phonenum.SeveralNumbers(phone) {
		ld.invalid(line, col.String()+severalNumbers)
		return 0, 0, false
	}
	key, valid, noRegion := ld.opts.Normalise(phone)
	if valid && key != 0 {
		return key, 0, true
	}
	// The cell as Normalise reads it (phonenum.Clean): a direction mark
	// before a number, or Excel's ="…" around it, hides none of its
	// readings. Only a cell Normalise did not read pays for it.
	phone = phonenum.Clean(phone)
	looksLike := pii.LooksLikePhone(phone)
	switch {
	case noRegion && !looksLike:
		ld.invalid(line, col.String()+" is not a valid number")
		return 0, 0, false
	case noRegion:
		if ld.noRegion++; ld.noRegion == 1 {
			ld.firstNoRegion = LineError{File: ld.file.Path, Line: line}
		}
		ld.invalid(line, col.String()+" has no + country code and there is no region to read it with: give --region or write it in E.164")
		return 0, 0, false
	}
	// Before the look of the cell: "00254… ext. 5" is read as
	// "+254… ext. 5" is, text around it and all.
	if plus, idd := phonenum.DialledOut(phone); idd {
		if k, valid, _ := ld.opts.Normalise(plus); valid && k != 0 {
			return k, 0, true
		}
	}
	if !looksLike {
		ld.invalid(line, col.String()+" is not a valid number")
		return 0, 0, false
	}
	if national = phonenum.NationalKey(phone); national == 0 {
		ld.invalid(line, col.String()+" is not a valid number")
		return 0, 0, false
	}
	return 0, national, true
}

func (ld *loader) invalid(line int, reason string) {
	ld.file.Invalid++
	if ld.file.Invalid == 1 {
		ld.file.first = LineError{File: ld.file.Path, Line: line, Reason: reason}
	}
	if len(ld.log.FirstInvalid) < maxExamples {
		ld.log.FirstInvalid = append(ld.log.FirstInvalid, LineError{File: ld.file.Path, Line: line, Reason: reason})
	}
}

// finish groups the sends by number: one sort, then one pass.
func (ld *loader) finish() (*Log, error) {
	l := ld.log
	if len(ld.sends)+len(ld.national) > math.MaxUint32 {
		return nil, fmt.Errorf("sendlog: %d sends are more than %d", len(ld.sends)+len(ld.national), math.MaxUint32)
	}
	l.exact, l.Numbers = groupSends(ld.sends)
	l.national, _ = groupSends(ld.national)
	l.optOuts, l.nationalOptOuts = groupReplies(ld.replies)
	ld.sends, ld.national, ld.replies = nil, nil, nil
	return l, nil
}

// groupSends sorts sends by key and time and groups them by key; n is the
// number of keys.
func groupSends(sends []send) (ix sendIndex, n int) {
	slices.SortFunc(sends, func(a, b send) int {
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		return cmp.Compare(a.at, b.at)
	})
	for i := range sends {
		if i == 0 || sends[i].key != sends[i-1].key {
			n++
		}
	}
	ix.keys = make([]uint64, 0, n)
	ix.offs = make([]uint32, 0, n+1)
	ix.times = make([]int64, len(sends))
	for i, s := range sends {
		if i == 0 || s.key != sends[i-1].key {
			ix.keys = append(ix.keys, s.key)
			ix.offs = append(ix.offs, uint32(i))
		}
		ix.times[i] = s.at >> 1
		if s.at&1 != 0 {
			if ix.promo == nil {
				ix.promo = make([]uint64, (len(sends)+63)/64)
			}
			ix.promo[i/64] |= 1 << (i % 64)
		}
	}
	ix.offs = append(ix.offs, uint32(len(sends)))
	return ix, n
}

// Sends returns the send times of the number with E.164 digits key, Unix
// seconds ascending, or nil when the log has none. The slice is the Log's:
// do not modify it.
func (l *Log) Sends(key uint64) []int64 { return l.exact.sends(key) }

func (ix *sendIndex) sends(key uint64) []int64 {
	i, ok := slices.BinarySearch(ix.keys, key)
	if !ok {
		return nil
	}
	return ix.times[ix.offs[i]:ix.offs[i+1]:ix.offs[i+1]]
}

// SendsTo returns the send times of the valid number n, as Sends does,
// with the sends written without a country code that the region did not
// read and that can be n (its national forms, phone.NationalKeys) merged
// in. Only a number that has such sends gets a new slice.
func (l *Log) SendsTo(n phonenum.Number) []int64 {
	exact := l.exact.sends(n.Key)
	if len(l.national.keys) == 0 {
		return exact
	}
	var keys [4]uint64
	var found [4][]int64
	m, total := 0, len(exact)
	for _, k := range phonenum.NationalKeys(keys[:0], n) {
		if t := l.national.sends(k); len(t) > 0 && m < len(found) {
			found[m], total = t, total+len(t)
			m++
		}
	}
	if m == 0 {
		return exact
	}
	all := make([]int64, 0, total)
	all = append(all, exact...)
	for _, t := range found[:m] {
		all = append(all, t...)
	}
	slices.Sort(all)
	return all
}

// All yields every number in the log, ascending, with its sends as Sends
// returns them.
func (l *Log) All() iter.Seq2[uint64, []int64] {
	return func(yield func(uint64, []int64) bool) {
		ix := &l.exact
		for i, k := range ix.keys {
			if !yield(k, ix.times[ix.offs[i]:ix.offs[i+1]:ix.offs[i+1]]) {
				return
			}
		}
	}
}

// Unmatched counts the numbers in the log for which inList is false: sends
// to numbers that are not on the audited list. The sends NotInRegion
// counts have no number, and are not counted here.
func (l *Log) Unmatched(inList func(key uint64) bool) int {
	n := 0
	for _, k := range l.exact.keys {
		if !inList(k) {
			n++
		}
	}
	return n
}

// jsonAdvice is the jq command that turns a send log written as one JSON
// document (shape, as textfile.JSONShape names it) into NDJSON: an array
// of messages, or a page of Twilio's API, whose messages are its
// "messages" array.
func jsonAdvice(name, shape string) string {
	filter, what := ".[]", "an array of messages"
	if shape != "a JSON array" {
		filter, what = ".messages[]", "a page of Twilio's API (other APIs name the array otherwise)"
	}
	return fmt.Sprintf("for %s, jq -c '%s' %s > sends.ndjson makes one", what, filter, domain.ShellQuote(name))
}
