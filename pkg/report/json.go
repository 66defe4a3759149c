package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// jsonReporter writes the result as one JSON document for programs.
//
// The document is one object, indented two spaces and ended by a newline,
// with its keys in this order (schema_version 1):
//
//	{
//	  "schema_version": 1,
//	  "tool": {"name": "listaudit", "version": "0.1.0", "phone_metadata": "libphonenumber 9.0.32 (github.com/nyaruka/phonenumbers v1.8.1)"},
//	  "now": "2026-01-15T00:00:00Z",
//	  "generated_at": "2026-12-05T14:03:07Z",
//	  "command": ["listaudit", "check", "--now", "2026-01-15", "-f", "json", "contacts.csv"],
//	  "inputs": [{"path": "contacts.csv", "format": "csv", "rows": 12, "sha256": "3f2a...", "columns": [{"field": "phone", "header": "Mobile"}]}],
//	  "evidence": [{"path": "dnc.txt", "kind": "suppression-list", "entries": 40, "invalid": 0, "sha256": "..."}],
//	  "policy": {
//	    "config_file": ".listaudit.yaml", "default_region": "KE", "date_format": "",
//	    "consent_max_age": "730d", "stale_after": "365d", "message_window": "7d",
//	    "max_messages": 2, "fail_on": "error",
//	    "consent_sources": ["web_form"], "consent_require": [],
//	    "quiet_hours": {"start": "08:00", "end": "21:00"}, "send_at": "",
//	    "strict": false, "severity": {"stale": "error"}, "disabled_rules": [],
//	    "suppression_lists": ["dnc.txt"], "message_logs": [], "baseline": ""
//	  },
//	  "summary": {
//	    "rows": 12, "unique_numbers": 10,
//	    "by_severity": {"error": 3, "warning": 5, "info": 0},
//	    "by_rule": {"consent-missing": 1, "duplicate": 2},
//	    "log_numbers_not_in_list": 0, "baseline_hidden": 0
//	  },
//	  "jurisdictions": [{
//	    "code": "US-FL", "name": "Florida", "rows": 120,
//	    "thresholds": [{"kind": "sending_window", "value": "08:00–20:00", "covers": "voice, sms; marketing",
//	      "source": "Fla. Stat. §501.616(6)(a)", "url": "http://...", "status": "law", "note": "..."}]
//	  }],
//	  "findings": [{
//	    "rule": "duplicate", "severity": "warning",
//	    "file": "contacts.csv", "row": 3, "line": 4,
//	    "column": "Phone", "field": "phone", "value": "+2547******78",
//	    "number": "+2547******78", "message": "...",
//	    "related_rows": [{"file": "contacts.csv", "row": 1}]
//	  }],
//	  "verdict": {"fail_on": "error", "failed": true}
//	}
//
// Field by field:
//   - now is RFC 3339 in UTC: the time the audit is as of (--now).
//   - generated_at is when the audit ended and the report was made, by the
//     real clock whatever --now says, RFC 3339 in UTC ("" when unknown);
//     command is the command line, "listaudit" and the arguments as given
//     ([] when unknown).
//   - evidence lists the suppression lists, send logs and baseline read.
//   - inputs, evidence and findings are [] when empty, never null; findings keep the
//     caller's order (domain.SortFindings: file, row, rule).
//   - policy durations are written in days or hours ("730d", "36h");
//     fail_on is "error", "warning", "info" or "never".
//   - by_severity always has error, warning and info, in that order;
//     by_rule has one key per rule that fired, sorted by rule id.
//   - row counts data records from 1 (the header is not a row); line is the
//     physical line the record starts on.
//   - column is the file's header, field the canonical field name; both and
//     value are "" for a finding about a whole row.
//   - value and number are masked unless PII is shown: phone numbers keep
//     their calling code, first digit and last two digits, names and emails
//     become "[hidden]"; in other cells, and in messages and headers, what
//     may be a person's number, address or name is masked too (package
//     pii).
//   - related_rows points at the other records a finding refers to (the
//     first row of a duplicate); [] when none.
//   - jurisdictions is present only under --jurisdictions builtin: each
//     jurisdiction of the built-in table that rows' numbers are in, by
//     code, with the rows counted and the thresholds it set with their
//     sources (kind sending_window, message_cap or consent_age; status law,
//     guidance, practice or policy); [] when no row was in one.
type jsonReporter struct{}

// jsonSchemaVersion changes only when a key is removed or changes meaning;
// new keys may be added within a version.
const jsonSchemaVersion = 1

// The json* types fix the output's shape and key order independently of the
// domain types, so refactoring the model cannot change the schema.
type jsonReport struct {
	SchemaVersion int            `json:"schema_version"`
	Tool          jsonTool       `json:"tool"`
	Now           string         `json:"now"`
	GeneratedAt   string         `json:"generated_at"`
	Command       []string       `json:"command"`
	Inputs        []jsonInput    `json:"inputs"`
	Evidence      []EvidenceJSON `json:"evidence"`
	Policy        PolicyJSON     `json:"policy"`
	Summary       jsonSummary    `json:"summary"`
	// Jurisdictions is present only when the policy applies the built-in
	// table, so reports without it keep their shape.
	Jurisdictions *[]jsonJurisdiction `json:"jurisdictions,omitempty"`
	Findings      []jsonFinding       `json:"findings"`
	Verdict       jsonVerdict         `json:"verdict"`
}

type jsonTool struct {
	Name          string `json:"name"`
	Version       string `json:"version"`
	PhoneMetadata string `json:"phone_metadata"`
}

type jsonInput struct {
	Path    string             `json:"path"`
	Format  string             `json:"format"`
	Sheet   string             `json:"sheet,omitempty"`
	Rows    int                `json:"rows"`
	SHA256  string             `json:"sha256"`
	Columns []domain.ColumnUse `json:"columns"`
}

// EvidenceJSON is an evidence file as the JSON report and fix's JSON
// summary write it: the domain's record, whose JSON names are the
// report's.
type EvidenceJSON = domain.EvidenceFile

type jsonSummary struct {
	Rows                int            `json:"rows"`
	UniqueNumbers       int            `json:"unique_numbers"`
	BySeverity          jsonBySeverity `json:"by_severity"`
	ByRule              map[string]int `json:"by_rule"`
	LogNumbersNotInList int            `json:"log_numbers_not_in_list"`
	// Present when the send logs hold opt-out replies: the rows they opt
	// out, even none (replies from numbers not on the list), with them.
	OptOutReplies   int  `json:"opt_out_replies,omitempty"`
	OptOutReplyRows *int `json:"opt_out_reply_rows,omitempty"`
	BaselineHidden  int  `json:"baseline_hidden"`
}

// replyRows is the rows the send logs' opt-out replies opt out, nil when
// the logs hold no reply.
func replyRows(s domain.Summary) *int {
	if s.OptOutReplies == 0 {
		return nil
	}
	return &s.OptOutReplyRows
}

// jsonBySeverity is a struct, not a map, so the keys keep severity order
// and are present even when zero.
type jsonBySeverity struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

type jsonFinding struct {
	Rule     string         `json:"rule"`
	Severity string         `json:"severity"`
	File     string         `json:"file"`
	Row      int            `json:"row"`
	Line     int            `json:"line"`
	Sheet    string         `json:"sheet,omitempty"`
	Cell     string         `json:"cell,omitempty"`
	Column   string         `json:"column"`
	Field    string         `json:"field"`
	Value    string         `json:"value"`
	Number   string         `json:"number"`
	Message  string         `json:"message"`
	Related  []jsonLocation `json:"related_rows"`
}

type jsonLocation struct {
	File  string `json:"file"`
	Row   int    `json:"row"`
	Line  int    `json:"line"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
}

type jsonJurisdiction struct {
	Code       string          `json:"code"`
	Name       string          `json:"name"`
	Rows       int             `json:"rows"`
	Thresholds []jsonThreshold `json:"thresholds"`
}

type jsonThreshold struct {
	Kind   string `json:"kind"`
	Value  string `json:"value"`
	Covers string `json:"covers"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Status string `json:"status"`
	Note   string `json:"note"`
}

type jsonVerdict struct {
	FailOn string `json:"fail_on"`
	Failed bool   `json:"failed"`
}

// Report writes r as the JSON document described on jsonReporter. It
// renders r.Summary and r.Verdict as given, so the caller must have run
// r.Decide. The findings, which can number millions, are streamed one by
// one rather than built into one value: the output is the same bytes
// encoding/json's indenting encoder would write.
func (jsonReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	// The document without its findings, which are written one by one.
	err := writeStreamedArray(w, newJSONReport(r, opts), "findings", 1, r.Findings.Len() == 0, func(w io.Writer) error {
		// A writer renders one part at a time, and keeps what it cached
		// for the next part.
		writers := sync.Pool{New: func() any { return &jsonFindingWriter{opts: opts} }}
		return writeFindingParts(w, r.Findings, ",", func(b []byte, part iter.Seq[*domain.Finding]) []byte {
			jw := writers.Get().(*jsonFindingWriter)
			jw.started = false
			for f := range part {
				b = append(b, ',')
				b = jw.append(b, f)
			}
			writers.Put(jw)
			return b
		})
	})
	if err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// writeStreamedArray writes doc as marshalIndent does, but for the array
// under key, which doc holds as null and elems writes element by element;
// the array's closing bracket sits at depth. A report of millions of
// findings is written this way without ever being one value.
func writeStreamedArray(w io.Writer, doc any, key string, depth int, empty bool, elems func(io.Writer) error) error {
	data, err := marshalIndent(doc)
	if err != nil {
		return err
	}
	marker := `"` + key + `": null`
	at := bytes.Index(data, []byte(marker))
	if at < 0 {
		return fmt.Errorf("no %s key", key)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(data[:at])
	bw.WriteString(`"` + key + `": [`)
	if err := elems(bw); err != nil {
		return err
	}
	if !empty {
		bw.Write(appendJSONIndent(nil, depth))
	}
	bw.WriteString("]")
	bw.Write(data[at+len(marker):])
	return bw.Flush()
}

// marshalIndent encodes v as the report does: two-space indent, no HTML
// escaping (messages are for people, not browsers), a final newline.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// jsonFindingWriter writes the elements of the findings array for one run
// of findings. A row's findings share its location and number, so it keeps
// the last ones rendered. Each piece it keeps ends with the next member's
// key, so that a finding is a few copies of rendered bytes around its
// value and message.
type jsonFindingWriter struct {
	opts      Options
	loc       domain.Location
	locJSON   []byte // file, row and line as rendered for loc, then the column's key
	file      string // a copy of the last location's file
	fileJSON  []byte // file as rendered
	phone     string
	phoneJSON []byte // the number's member as rendered for phone, then the message's key
	started   bool
	// rules and columns hold the rendered rule and severity, and column
	// and field, which repeat across a part's findings.
	rules, columns pieceCache
	messages       messageCache
	values         *valueCache // made when first needed
}

// valueCache keeps the rendering of cell values that recur across a list
// and hold no person's data: dates and counts, mostly, in fields that are
// not personal in themselves. A value of up to 16 bytes is known by its
// bytes as two words and its length, so it is looked up without a copy;
// and its finding's cell need not be asked whether it holds a person's
// data (pii.FindingCell), which costs more than rendering it.
type valueCache [2048]valueSlot

type valueSlot struct {
	first, last uint64
	n           int
	field       domain.Field
	json        []byte // the value as rendered; nil in an empty slot
}

// valueWords are the words that hold v, of up to 16 bytes: a shorter one's
// bytes in first, a longer one's first and last eight bytes; ok is false
// for a value the cache does not keep.
func valueWords(v string) (first, last uint64, ok bool) {
	if len(v) >= 8 {
		return textfile.Word(v[:8]), textfile.Word(v[len(v)-8:]), len(v) <= 16
	}
	for i := 0; i < len(v); i++ {
		first |= uint64(v[i]) << (8 * i)
	}
	return first, 0, true
}

// slot is the slot for f's value, and whether it holds its rendering; nil
// when the cache does not keep a value of its length.
func (c *valueCache) slot(f *domain.Finding) (*valueSlot, bool) {
	first, last, ok := valueWords(f.Value)
	if !ok {
		return nil, false
	}
	h := (first ^ last*0xc2b2ae3d27d4eb4f ^ uint64(len(f.Value)) ^ uint64(f.Field)<<8) * 0x9e3779b97f4a7c15
	s := &c[h>>(64-11)]
	return s, s.json != nil && s.first == first && s.last == last && s.n == len(f.Value) && s.field == f.Field
}

// fill keeps rendered, the rendering of f's value, in s.
func (s *valueSlot) fill(f *domain.Finding, rendered []byte) {
	s.first, s.last, _ = valueWords(f.Value)
	s.n, s.field = len(f.Value), f.Field
	s.json = append(s.json[:0], rendered...)
}

// messageCache keeps the rendering of messages that recur: a rule's fixed
// text, and the dated messages the rules build once each (some thousands
// on a large list), which the findings list holds once and every finding
// that has them points at. A slot is found by the address of a message's
// bytes, and holds a copy of the message, compared in full; it is filled
// the second time a message at the same address misses it, so that the
// messages written once (a duplicate's, naming its row) are never copied.
type messageCache [1 << messageCacheBits]struct {
	message string
	json    []byte
	// addr and n are the address and length of the last message that
	// missed the slot.
	addr uintptr
	n    int
}

const messageCacheBits = 11

// append writes m as a JSON string.
func (c *messageCache) append(b []byte, m string) []byte {
	addr := uintptr(unsafe.Pointer(unsafe.StringData(m)))
	// Fibonacci hashing: messages of one size class lie a fixed stride
	// apart, which a plain modulus would crowd into a few slots.
	slot := &c[uint64(addr)*0x9e3779b97f4a7c15>>(64-messageCacheBits)]
	if slot.json != nil && slot.message == m {
		return append(b, slot.json...)
	}
	start := len(b)
	b = appendJSONString(b, m)
	if slot.addr == addr && slot.n == len(m) {
		slot.message, slot.json = strings.Clone(m), append(slot.json[:0], b[start:]...)
	}
	slot.addr, slot.n = addr, len(m)
	return b
}

// pieceCache keeps rendered text for a short string and a small number
// that many findings share. Rule ids and column names are the same few
// strings, so their bytes' address finds a slot; the strings are compared
// all the same (equal addresses make that quick).
type pieceCache [64]piece

type piece struct {
	s    string
	k    int
	text []byte
	// personal is, for a column, whether its header holds a person's
	// number or address (pii.HeaderPersonal), which each of its findings'
	// messages needs.
	personal bool
}

// slot is the piece kept for s and k, and whether it holds them; when not,
// the caller fills it.
func (c *pieceCache) slot(s string, k int) (*piece, bool) {
	p := &c[(uintptr(unsafe.Pointer(unsafe.StringData(s)))>>3^uintptr(k))%uintptr(len(c))]
	return p, p.text != nil && p.k == k && p.s == s
}

// The keys that follow the pieces, as the document indents them.
const (
	jsonFindingOpen = "\n    {\n      \"rule\": "
	jsonSeverityKey = ",\n      \"severity\": "
	jsonFileKey     = ",\n      \"file\": "
	jsonColumnKey   = ",\n      \"column\": "
	jsonValueKey    = ",\n      \"value\": "
	jsonMessageKey  = ",\n      \"message\": "
)

// append writes one element of the findings array, indented as it sits in
// the document: the bytes encoding/json writes for the finding as a
// jsonFinding (json_stream_test.go holds it to them), without building it.
func (w *jsonFindingWriter) append(b []byte, f *domain.Finding) []byte {
	rule, ok := w.rules.slot(f.Rule, int(f.Severity))
	if !ok {
		*rule = piece{s: f.Rule, k: int(f.Severity), text: appendJSONRule(rule.text[:0], f)}
	}
	b = append(b, rule.text...)
	if !w.started || !f.Loc.Same(&w.loc) {
		if !w.started || !w.nextRow(&f.Loc) {
			w.locJSON = w.appendLocation(w.locJSON[:0], &f.Loc)
		}
		w.loc = f.Loc
	}
	if !w.started || f.Phone != w.phone {
		w.phone = f.Phone
		l := append(w.phoneJSON[:0], ",\n      \"number\": "...)
		l = appendJSONText(l, func(b []byte) []byte { return pii.AppendFindingNumber(b, f, w.opts.ShowPII) })
		w.phoneJSON = append(l, jsonMessageKey...)
	}
	w.started = true
	b = append(b, w.locJSON...)
	column := ""
	if f.HasField() {
		column = f.Column
	}
	col, ok := w.columns.slot(column, int(f.Field))
	if !ok {
		*col = piece{s: column, k: int(f.Field), text: w.appendColumn(col.text[:0], f, column), personal: pii.HeaderPersonal(column)}
	}
	b = append(b, col.text...)
	b = w.appendValueAndMessage(b, f, col.personal)
	if len(f.Related) == 0 {
		return append(b, ",\n      \"related_rows\": []\n    }"...)
	}
	b = append(b, ",\n      \"related_rows\": ["...)
	for i, l := range f.Related {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n        {\n          \"file\": "...)
		b = appendJSONString(b, l.File)
		b = appendJSONRowMembers(b, l, "\n          ")
		b = append(b, "\n        }"...)
	}
	return append(b, "\n      ]\n    }"...)
}

// appendValueAndMessage writes f's value, number and message members;
// headerPersonal is whether f's column's header holds a person's data.
func (w *jsonFindingWriter) appendValueAndMessage(b []byte, f *domain.Finding, headerPersonal bool) []byte {
	// A value that holds no person's data leaves the message as it is,
	// unless the header does.
	var slot *valueSlot
	if !w.opts.ShowPII && f.HasField() && !f.Field.IsPII() && !headerPersonal {
		if w.values == nil {
			w.values = new(valueCache)
		}
		var ok bool
		if slot, ok = w.values.slot(f); ok {
			b = append(b, slot.json...)
			b = append(b, w.phoneJSON...)
			return w.messages.append(b, f.Message)
		}
	}
	cell := pii.FindingCell(f, w.opts.ShowPII)
	start := len(b)
	b = appendJSONText(b, cell.AppendValue)
	if slot != nil && !cell.Personal() {
		slot.fill(f, b[start:])
	}
	b = append(b, w.phoneJSON...)
	return w.messages.append(b, cell.Message(headerPersonal))
}

// appendJSONRule renders the start of f's element, up to its file's key:
// the rule and severity, which a rule's findings share.
func appendJSONRule(b []byte, f *domain.Finding) []byte {
	b = append(b, jsonFindingOpen...)
	b = appendJSONString(b, f.Rule)
	b = append(b, jsonSeverityKey...)
	b = appendJSONString(b, f.Severity.String())
	return append(b, jsonFileKey...)
}

// appendLocation renders l's members, from its file to the column's key,
// which a row's findings share; its file, which a file's rows share, is
// rendered once.
func (w *jsonFindingWriter) appendLocation(b []byte, l *domain.Location) []byte {
	if w.fileJSON == nil || l.File != w.file {
		w.file, w.fileJSON = strings.Clone(l.File), appendJSONString(w.fileJSON[:0], l.File)
	}
	b = append(b, w.fileJSON...)
	return append(appendJSONRowMembers(b, *l, "\n      "), jsonColumnKey...)
}

// nextRow makes locJSON, rendered for loc, the rendering of l when l is
// the row after loc's in the same text file, a line further, as it mostly
// is: the numbers are counted up in place. It reports false when it
// cannot (l is not that row, or a number needs one more digit).
func (w *jsonFindingWriter) nextRow(l *domain.Location) bool {
	last := &w.loc
	if l.Row != last.Row+1 || l.Line != last.Line+1 || last.Row < 0 || last.Line < 0 ||
		l.Sheet != "" || last.Sheet != "" || l.File != last.File {
		return false
	}
	// The piece ends with the line's digits and the column's key, and the
	// row's digits come before the line's key.
	lineEnd := len(w.locJSON) - len(jsonColumnKey)
	rowEnd := lineEnd
	for rowEnd > 0 && isDigit(w.locJSON[rowEnd-1]) {
		rowEnd--
	}
	rowEnd -= len(",\n      \"line\": ")
	return rowEnd > 0 && countUp(w.locJSON[:rowEnd]) && countUp(w.locJSON[:lineEnd])
}

// countUp adds one to the decimal number that ends b, in place; it
// reports false, leaving b as it was, when the number needs one more
// digit.
func countUp(b []byte) bool {
	i := len(b) - 1
	for i >= 0 && b[i] == '9' {
		i--
	}
	if i < 0 || b[i] < '0' || b[i] > '8' {
		return false
	}
	b[i]++
	for j := i + 1; j < len(b); j++ {
		b[j] = '0'
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// appendJSONRowMembers renders l's row, line, and a workbook's sheet and
// cell members, after its file, each on a line starting with indent.
func appendJSONRowMembers(b []byte, l domain.Location, indent string) []byte {
	b = append(append(append(b, ','), indent...), "\"row\": "...)
	b = strconv.AppendInt(b, int64(l.Row), 10)
	b = append(append(append(b, ','), indent...), "\"line\": "...)
	b = strconv.AppendInt(b, int64(l.Line), 10)
	return appendJSONCell(b, l, indent)
}

// appendColumn renders the column and field members of f, whose column is
// column ("" for a whole-row finding), up to the value's key.
func (w *jsonFindingWriter) appendColumn(b []byte, f *domain.Finding, column string) []byte {
	field := ""
	if f.HasField() {
		field = f.Field.Name()
	}
	b = appendJSONString(b, pii.Header(column, w.opts.ShowPII))
	b = append(b, ",\n      \"field\": "...)
	b = appendJSONString(b, field)
	return append(b, jsonValueKey...)
}

// appendJSONCell writes a workbook location's sheet and cell members, each
// on a line starting with indent; nothing for a text file's.
func appendJSONCell(b []byte, l domain.Location, indent string) []byte {
	if l.Sheet == "" || l.Line < 1 {
		return b
	}
	b = append(append(append(b, ','), indent...), "\"sheet\": "...)
	b = appendJSONString(b, l.Sheet)
	b = append(append(append(b, ','), indent...), "\"cell\": "...)
	return appendJSONString(b, l.CellName())
}

// appendJSONText quotes the text text appends, which is rendered in place
// and moved only in the rare case that it needs escaping.
func appendJSONText(b []byte, text func([]byte) []byte) []byte {
	start := len(b)
	b = append(b, '"')
	b = text(b)
	if !textfile.JSONVerbatim(b[start+1:]) {
		v := string(b[start+1:])
		return appendJSONString(b[:start], v)
	}
	return append(b, '"')
}

// appendJSONString quotes s exactly as encoding/json does without HTML
// escaping: control characters, quotes, backslashes, U+2028 and U+2029
// escaped, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	if textfile.JSONVerbatim(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0
	i := textfile.JSONVerbatimLen(s)
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONIndent starts a new line indented depth levels of two spaces,
// as encoding/json's indenting encoder does.
func appendJSONIndent(b []byte, depth int) []byte {
	const line = "\n                                        "
	if n := 1 + 2*depth; n <= len(line) {
		return append(b, line[:n]...)
	}
	b = append(b, line...)
	return append(b, strings.Repeat("  ", depth-(len(line)-1)/2)...)
}

// appendJSONKey starts an object member on a new line at depth. Keys are
// listaudit's own names, which JSON writes as they are.
func appendJSONKey(b []byte, depth int, key string) []byte {
	b = appendJSONIndent(b, depth)
	b = append(b, '"')
	b = append(b, key...)
	return append(b, `": `...)
}

func newJSONReport(r *domain.Result, opts Options) jsonReport {
	out := jsonReport{
		SchemaVersion: jsonSchemaVersion,
		Tool: jsonTool{
			Name:          r.Tool.Name,
			Version:       r.Tool.Version,
			PhoneMetadata: r.Tool.PhoneMetadata,
		},
		Now:         r.Now.UTC().Format(time.RFC3339),
		GeneratedAt: rfc3339(r.GeneratedAt),
		Command:     append([]string{}, r.Command...),
		Inputs:      make([]jsonInput, 0, len(r.Inputs)),
		Policy:      PolicyJSON(ShownPolicy(r.Policy, opts.ShowPII)),
		Summary: jsonSummary{
			Rows:                r.Summary.Rows,
			UniqueNumbers:       r.Summary.UniqueNumbers,
			LogNumbersNotInList: r.Summary.LogNumbersNotInList,
			OptOutReplies:       r.Summary.OptOutReplies,
			OptOutReplyRows:     replyRows(r.Summary),
			BaselineHidden:      r.Summary.BaselineHidden,
			BySeverity: jsonBySeverity{
				Error:   r.Summary.BySeverity[domain.Error],
				Warning: r.Summary.BySeverity[domain.Warning],
				Info:    r.Summary.BySeverity[domain.Info],
			},
			ByRule: make(map[string]int, len(r.Summary.ByRule)),
		},
		Verdict: jsonVerdict{
			FailOn: r.Verdict.FailOn.String(),
			Failed: r.Verdict.Failed,
		},
	}
	for _, in := range r.Inputs {
		out.Inputs = append(out.Inputs, jsonInput{Path: in.Path, Format: in.Format, Sheet: in.Sheet, Rows: in.Rows, SHA256: in.SHA256,
			Columns: pii.Columns(in.Columns, opts.ShowPII)})
	}
	out.Evidence = EvidenceOf(r)
	// Copied into a non-nil map so an empty result writes {} rather than null.
	maps.Copy(out.Summary.ByRule, r.Summary.ByRule)
	if r.Policy.Jurisdictions.Builtin {
		out.Jurisdictions = jsonJurisdictions(r.Jurisdictions)
	}
	return out
}

// EvidenceOf is r's evidence files as the JSON report writes them ([],
// never null, when none).
func EvidenceOf(r *domain.Result) []EvidenceJSON {
	// A copy, never nil: the report writes [] for none.
	return append(make([]EvidenceJSON, 0, len(r.Evidence)), r.Evidence...)
}

func jsonJurisdictions(uses []domain.JurisdictionUse) *[]jsonJurisdiction {
	out := make([]jsonJurisdiction, 0, len(uses))
	for _, u := range uses {
		j := jsonJurisdiction{Code: u.Code, Name: u.Name, Rows: u.Rows, Thresholds: make([]jsonThreshold, 0, len(u.Thresholds))}
		for _, t := range u.Thresholds {
			j.Thresholds = append(j.Thresholds, jsonThreshold(t))
		}
		out = append(out, j)
	}
	return &out
}
