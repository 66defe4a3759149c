package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/domain"
)

// JSON and NDJSON inputs share objectDecoder: a source yields one element
// (an object's bytes, or why it could not be read) at a time, and the
// decoder flattens it and maps its keys to fields.
//
// Columns come from the first object's flattened keys; a key first seen in
// a later object is mapped too when it names a field that has no column
// yet (Info.Header then gains it); such keys are taken in the order they
// come, so --map and alias priority only fully apply to the first object. Because Record.Columns is shared, such a
// column also shows on records read before it appeared; their value for it
// is "". The phone column too may first appear in a later object: a file
// none of whose objects has one is an error only at its end, so that
// reading stays one pass in bounded memory.
//
// A key that names a field another key is already the column of is
// reported once (as MatchColumns reports two headers of one field) and not
// read, except for opted_out: a record whose other opt-out key says opted
// out, or has the only opt-out value, is read from that key (optOutAlias),
// since an opt-out lost is the worst mistake a list can hold.

const (
	// maxFlattenDepth bounds how deep nested objects are flattened into
	// dotted keys; deeper objects are kept as JSON text.
	maxFlattenDepth = 32
	// maxLeadingMalformed bounds the malformed elements buffered while
	// looking for the first object, which defines the columns.
	maxLeadingMalformed = 1000
	// maxUnmatchedKeys bounds the cache of keys known to map to no field.
	maxUnmatchedKeys = 10000
	// maxAllKeys bounds the distinct keys Options.AllKeys lists.
	maxAllKeys = 10000
)

// optOutAlias stands, where a field is looked up, for a key that names
// opted_out when another key is its column.
const optOutAlias domain.Field = -2

// element is one value of a JSON array or one NDJSON line.
type element struct {
	line      int
	data      []byte // valid until the next call of the source
	malformed string // set when data could not be read
	// unchecked is set when data was cut out by hand and may not be valid
	// JSON.
	unchecked bool
}

type elementSource interface {
	// nextElement returns the next element, io.EOF at the end, or a fatal
	// error.
	nextElement() (element, error)
}

// pendingRecord is a record read by Open while looking for the first
// object, returned by the first calls of Next.
type pendingRecord struct {
	line      int
	values    [domain.NumFields]string
	malformed string
	// raw holds the record's cells in raw mode.
	raw RawRecord
	// optOut holds the object's other opt-out keys (optOutAlias).
	optOut []keyValue
	// alone says it was read alone as Windows-1252 (rowsAlone).
	alone bool
}

type objectDecoder struct {
	r         *Reader
	src       elementSource
	flat      flattener
	pending   []pendingRecord
	fieldOf   map[string]domain.Field
	unmatched map[string]struct{}
	late      []keyValue // keys of the current object not yet known
	// byPosition holds, for each leaf position, the last known key seen
	// there and its field (knownKey).
	byPosition []keyField
	// allKeys (Options.AllKeys) holds the keys listed in Info.Keys; fresh
	// collects those first seen in the current object.
	allKeys map[string]struct{}
	fresh   []string
	// optOutKeys are the keys that are optOutAlias; optOut collects those
	// of the current object with their values.
	optOutKeys map[string]struct{}
	optOut     []keyValue
	// altCols holds, per opt-out key, the file's columns with that key as
	// the opted_out column, for the records read from it.
	altCols map[string]*domain.Columns
	// sawObject says an object was read, so the columns were matched.
	sawObject bool
}

func (r *Reader) openJSON() error {
	if arraysByHand {
		return r.openJSONArray()
	}
	return r.startArrayDecoder(r.content)
}

// startObjects reads elements up to the first object, whose keys define
// the columns, keeping the elements before it for Next.
func (r *Reader) startObjects(src elementSource) error {
	d := &objectDecoder{r: r, src: src, fieldOf: map[string]domain.Field{}, unmatched: map[string]struct{}{},
		optOutKeys: map[string]struct{}{}}
	if r.opts.AllKeys {
		d.allKeys = map[string]struct{}{}
	}
	r.dec = d
	for {
		el, scanned, err := d.element()
		if err == io.EOF {
			// No object at all: nothing to map, the malformed elements (if
			// any) are still returned.
			return nil
		}
		if err != nil {
			return err
		}
		p := pendingRecord{line: el.line, malformed: el.malformed, alone: r.alone.current}
		r.alone.current = false // noted when Next returns the record
		if p.malformed == "" {
			keys, values, err := d.leaves(el, scanned)
			if err == nil {
				if r.rawMode {
					// values holds the last of repeated keys; the cells
					// keep them all, as Next does for later objects.
					p.raw.Keys, p.raw.Cells = d.rawCells(el.data)
				}
				return d.firstObject(p, keys, values)
			}
			p.malformed = err.Error()
		}
		if r.rawMode {
			p.raw.Text = string(el.data)
		}
		d.pending = append(d.pending, p)
		if len(d.pending) > maxLeadingMalformed {
			return fmt.Errorf("%s: no JSON object among the first %d records", r.src.Path, maxLeadingMalformed)
		}
	}
}

// leaves returns the flattened keys of the object el, in order, and their
// values; of a repeated key, the last value.
func (d *objectDecoder) leaves(el element, scanned bool) (keys, values []string, err error) {
	seen := map[string]int{}
	err = d.walk(el, scanned, func(k []byte, v string) {
		if i, ok := seen[string(k)]; ok {
			values[i] = v // a repeated key: the last value wins
			return
		}
		seen[string(k)] = len(keys)
		keys = append(keys, string(k))
		values = append(values, v)
	})
	return keys, values, err
}

// firstObject maps the columns from the keys of the first object, and
// keeps it, p, with its values for Next.
func (d *objectDecoder) firstObject(p pendingRecord, keys, values []string) error {
	r := d.r
	if err := d.addKeys(keys); err != nil {
		return err
	}
	r.info.Header = keys
	// Without a phone key here, a later object may have one (lateField);
	// next says so at the end when none had.
	// A --map key missing here may come in a later object: the audit
	// checks at the end (Info.MissingMap).
	m := matchColumns(keys, r.opts, r.src.Path, r.warn, false)
	cols, idx := m.cols, m.idx
	r.cols = cols
	d.sawObject = true
	for f, i := range idx {
		if i >= 0 {
			d.fieldOf[keys[i]] = domain.Field(f)
			p.values[f] = values[i]
		}
	}
	// The keys that lost a field to another were reported by MatchColumns:
	// later objects do not report them again.
	for i, k := range keys {
		if _, mapped := d.fieldOf[k]; mapped {
			continue
		}
		if f, ok := d.matchKey(k); ok && cols[f] != "" {
			d.addOther(k, f, 0)
			if f == domain.FieldOptedOut {
				p.optOut = append(p.optOut, keyValue{k, values[i]})
			}
		}
	}
	d.pending = append(d.pending, p)
	return nil
}

// element reads the next element from the source and scans it, which
// checks it: scanned then says that d.flat holds its leaves. An element
// cut out by hand that is not valid JSON is malformed, worded as
// json.Decoder words it. An element of a file read as UTF-8 that is not
// valid UTF-8 is read alone as Windows-1252 where it can be (dataAlone),
// malformed or not.
func (d *objectDecoder) element() (el element, scanned bool, err error) {
	el, err = d.src.nextElement()
	if err != nil {
		return el, false, err
	}
	if el.malformed == "" {
		if scanned = d.scanElement(&el); scanned || !el.unchecked || json.Valid(el.data) {
			return el, scanned, nil // valid, but maybe not for scan: walk reads it
		}
		// Words as json.Decoder's: both use encoding/json's scanner.
		el.malformed = "invalid JSON: " + jsonErrorText(json.Unmarshal(el.data, new(json.RawMessage)))
	}
	if !utf8.Valid(el.data) {
		d.dataAlone(&el)
	}
	return el, false, nil
}

// scanElement scans el into d.flat and reports whether it could (see
// scan). The scan finds strings that are not valid UTF-8 (only there can
// valid JSON have such bytes): el is then read alone as Windows-1252 where
// it can be, and scanned again.
func (d *objectDecoder) scanElement(el *element) bool {
	scanned := d.flat.scan(el.data)
	if scanned && !d.flat.invalid || !scanned && utf8.Valid(el.data) {
		return scanned
	}
	if d.dataAlone(el) {
		return d.flat.scan(el.data)
	}
	return scanned
}

// dataAlone reads el's bytes, which are not valid UTF-8, alone as
// Windows-1252 where it can (Reader.cellsAlone): JSON's syntax is ASCII,
// so the element is the same JSON.
func (d *objectDecoder) dataAlone(el *element) bool {
	cells := []string{string(el.data)}
	if !d.r.cellsAlone(cells) {
		return false
	}
	el.data = []byte(cells[0])
	return true
}

// walk calls leaf for each leaf of el (see flattener.walk).
func (d *objectDecoder) walk(el element, scanned bool, leaf func(key []byte, value string)) error {
	if scanned {
		d.flat.yield(leaf)
		return nil
	}
	return d.flat.walk(el.data, leaf)
}

func (d *objectDecoder) next(rec *domain.Record) error {
	if len(d.pending) > 0 {
		p := d.pending[0]
		d.pending = d.pending[1:]
		rec.Loc.Line, rec.Values, rec.Malformed = p.line, p.values, p.malformed
		d.r.alone.current = p.alone
		if raw := d.r.rawRec; raw != nil {
			raw.Keys = append(raw.Keys, p.raw.Keys...)
			raw.Cells = append(raw.Cells, p.raw.Cells...)
			raw.Text = p.raw.Text
		}
		for _, kv := range p.optOut {
			d.readOptOut(rec, kv)
		}
		d.checkText(rec)
		return nil
	}
	el, scanned, err := d.element()
	if err == io.EOF && d.sawObject && d.r.cols[domain.FieldPhone] == "" && !d.r.opts.PhoneOptional {
		return noPhoneError(d.r.src.Path, d.r.info.Header, d.r.cols)
	}
	if err != nil {
		return err
	}
	rec.Loc.Line = el.line
	raw := d.r.rawRec
	if el.malformed != "" {
		rec.Malformed = el.malformed
		if raw != nil {
			raw.Text = string(el.data)
		}
		return nil
	}
	d.late, d.fresh, d.optOut = d.late[:0], d.fresh[:0], d.optOut[:0]
	leaf := 0
	err = d.walk(el, scanned, func(k []byte, v string) {
		if f, known := d.knownKey(leaf, k); known {
			switch {
			case f >= 0:
				rec.Values[f] = v
			case f == optOutAlias:
				d.optOut = append(d.optOut, keyValue{string(k), v})
			}
		} else {
			d.late = append(d.late, keyValue{string(k), v})
		}
		leaf++
		if raw != nil {
			raw.Keys = append(raw.Keys, string(k))
			raw.Cells = append(raw.Cells, v)
		}
		if d.allKeys != nil {
			if _, ok := d.allKeys[string(k)]; !ok {
				d.fresh = append(d.fresh, string(k))
			}
		}
	})
	if err != nil {
		rec.Values = [domain.NumFields]string{}
		rec.Malformed = err.Error()
		if raw != nil {
			raw.Keys, raw.Cells, raw.Text = raw.Keys[:0], raw.Cells[:0], string(el.data)
		}
		return nil
	}
	if err := d.addKeys(d.fresh); err != nil {
		return err
	}
	// New keys are only considered once the object proved well-formed, so
	// a broken line cannot define a column.
	for _, kv := range d.late {
		f, ok := d.fieldOf[kv.key] // mapped earlier in this object
		if !ok {
			f, ok = d.lateField(kv.key, el.line)
		}
		switch {
		case !ok:
		case f == optOutAlias:
			d.optOut = append(d.optOut, kv)
		default:
			rec.Values[f] = kv.value
		}
	}
	for _, kv := range d.optOut {
		d.readOptOut(rec, kv)
	}
	// An object written in ASCII without escapes holds valid UTF-8 and no
	// U+FFFD (which an escape could spell): most lists are, and checking
	// every value cost a sixth of reading them.
	if !isASCII(el.data) || bytes.IndexByte(el.data, '\\') >= 0 {
		d.checkText(rec)
	}
	return nil
}

// knownKey looks up the field of the i-th leaf's key k: a field, or -1
// for a key known to map to none; known is false for a key not seen
// before. Objects of one list mostly have the same keys in the same order,
// so the answer for each position is kept and, when the key there is the
// same as last time, reused without a lookup (a mapping, once made, never
// changes: fieldOf and unmatched only grow, and a key is in one at most).
func (d *objectDecoder) knownKey(i int, k []byte) (f domain.Field, known bool) {
	if i < len(d.byPosition) && d.byPosition[i].set && d.byPosition[i].key == string(k) {
		return d.byPosition[i].field, true
	}
	if f, ok := d.fieldOf[string(k)]; ok {
		d.remember(i, k, f)
		return f, true
	}
	if _, ok := d.unmatched[string(k)]; ok {
		d.remember(i, k, -1)
		return -1, true
	}
	if _, ok := d.optOutKeys[string(k)]; ok {
		d.remember(i, k, optOutAlias)
		return optOutAlias, true
	}
	return 0, false
}

func (d *objectDecoder) remember(i int, k []byte, f domain.Field) {
	if i >= maxFlattenDepth*64 {
		return // an object this wide is not worth remembering
	}
	for len(d.byPosition) <= i {
		d.byPosition = append(d.byPosition, keyField{})
	}
	d.byPosition[i] = keyField{key: string(k), field: f, set: true}
}

// keyField is a key known to map to field, to none (-1), or to be an
// optOutAlias; set says the position has one.
type keyField struct {
	key   string
	field domain.Field
	set   bool
}

// checkText makes a record malformed when a value did not survive
// decoding: JSON decoding and transcoding both turn bad bytes into U+FFFD,
// which must not reach a report as if it were the text.
func (d *objectDecoder) checkText(rec *domain.Record) {
	if rec.Malformed != "" {
		return
	}
	for f, v := range rec.Values {
		if !utf8.ValidString(v) || strings.Contains(v, replacementChar) {
			what := "invalid UTF-8"
			if d.r.transcoded {
				what = d.r.invalidText()
			}
			rec.Malformed = fmt.Sprintf("%s in key %q", what, rec.Columns[f])
			return
		}
	}
}

type keyValue struct{ key, value string }

// addKeys lists keys not seen before in Info.Keys (Options.AllKeys).
func (d *objectDecoder) addKeys(keys []string) error {
	if d.allKeys == nil {
		return nil
	}
	for _, k := range keys {
		if _, ok := d.allKeys[k]; ok {
			continue
		}
		if len(d.allKeys) == maxAllKeys {
			return fmt.Errorf("%s: more than %d distinct keys; they cannot all be written as columns", d.r.src.Path, maxAllKeys)
		}
		d.allKeys[k] = struct{}{}
		d.r.info.Keys = append(d.r.info.Keys, k)
	}
	return nil
}

// rawCells returns every leaf of a well-formed object, repeated keys
// included.
func (d *objectDecoder) rawCells(data []byte) (keys, cells []string) {
	d.flat.walk(data, func(k []byte, v string) {
		keys = append(keys, string(k))
		cells = append(cells, v)
	})
	return keys, cells
}

// lateField maps a key not in the first object, first seen on line, to
// a field that has no column yet: by --map (exactly, then normalised), then
// by alias. A key naming a field that another key is the column of is
// reported and read as no field, or as optOutAlias.
func (d *objectDecoder) lateField(key string, line int) (domain.Field, bool) {
	if _, ok := d.unmatched[key]; ok {
		return 0, false
	}
	if _, ok := d.optOutKeys[key]; ok {
		return optOutAlias, true
	}
	field, found := d.matchKey(key)
	if !found {
		if len(d.unmatched) < maxUnmatchedKeys {
			d.unmatched[key] = struct{}{}
		}
		return 0, false
	}
	if d.r.cols[field] != "" {
		return d.addOther(key, field, line)
	}
	d.r.cols[field] = key
	d.r.info.Header = append(d.r.info.Header, key)
	d.fieldOf[key] = field
	return field, true
}

// matchKey returns the field key names: by --map for a field without a
// column, by --map, then by alias.
func (d *objectDecoder) matchKey(key string) (domain.Field, bool) {
	for _, withColumn := range []bool{false, true} {
		for f := range domain.NumFields {
			want := d.r.opts.Map[f]
			if want == "" || (d.r.cols[f] != "") != withColumn {
				continue
			}
			if isMapHeader(key, want) {
				return f, true
			}
		}
	}
	f, _, ok := aliasField(key)
	return f, ok
}

// addOther records key, which names field although another key is its
// column, warning once (naming line) unless line is 0: the first object's
// such keys were reported by MatchColumns. It returns what key reads as.
func (d *objectDecoder) addOther(key string, field domain.Field, line int) (domain.Field, bool) {
	known, as, ok := d.unmatched, domain.Field(0), false
	if field == domain.FieldOptedOut {
		known, as, ok = d.optOutKeys, optOutAlias, true
	}
	if len(known) >= maxUnmatchedKeys {
		return as, ok // warned about enough keys already
	}
	known[key] = struct{}{}
	if line > 0 {
		at := fmt.Sprintf("%s: line %d", d.r.src.Path, line)
		col := d.r.cols[field]
		switch {
		case field != domain.FieldOptedOut:
			d.r.warn(ambiguityWarning(at, field, []string{col, key}, 0, []int{1}))
		case d.mapped(field, col):
			d.r.warn(mappedOptOutWarning(at, col, []string{key}))
		default:
			d.r.warn(ambiguityWarning(at, field, []string{col, key}, 0, []int{1}) + otherOptOutNote(col, []string{key}))
		}
	}
	return as, ok
}

// mapped reports whether --map named key, the column of field.
func (d *objectDecoder) mapped(field domain.Field, key string) bool {
	want := d.r.opts.Map[field]
	return want != "" && isMapHeader(key, want)
}

// readOptOut reads an object's other opt-out key kv (optOutAlias) into
// rec: when readsOtherOptOut says so (the opted_out column is empty, or kv
// says opted out, or cannot be read, and the column says no), the record
// is read from kv, and names kv's key as its opted_out column.
func (d *objectDecoder) readOptOut(rec *domain.Record, kv keyValue) {
	if !readsOtherOptOut(rec.Values[domain.FieldOptedOut], kv.value) {
		return
	}
	rec.Values[domain.FieldOptedOut] = kv.value
	rec.Columns = d.optOutColumns(kv.key)
}

// optOutColumns returns the file's columns with key as the opted_out
// column: one Columns per key, shared by the records read from it and
// refreshed with the columns mapped since.
func (d *objectDecoder) optOutColumns(key string) *domain.Columns {
	c, ok := d.altCols[key]
	if !ok {
		c = new(domain.Columns)
		if d.altCols == nil {
			d.altCols = map[string]*domain.Columns{}
		}
		if len(d.altCols) < maxUnmatchedKeys {
			d.altCols[key] = c
		}
	}
	*c = d.r.cols
	c[domain.FieldOptedOut] = key
	return c
}

// jsonArraySource streams the elements of a top-level JSON array.
type jsonArraySource struct {
	r     *Reader
	dec   *json.Decoder
	lines *lineTracker
	raw   json.RawMessage
	done  bool
	// wrapped: the array is a member of a top-level object, whose other
	// members follow it.
	wrapped bool
	// afterElement says the decoder stands after an element, where a
	// comma must come.
	afterElement bool
	// cutter, once set, reads on where the decoder failed (recover).
	cutter *arrayCutter
}

func (s *jsonArraySource) nextElement() (element, error) {
	if s.cutter != nil {
		return s.cutter.nextElement()
	}
	if s.done {
		return element{}, io.EOF
	}
	if !s.dec.More() {
		return s.end()
	}
	s.r.feed.bound()
	s.raw = s.raw[:0]
	before := s.dec.InputOffset()
	if err := s.dec.Decode(&s.raw); err != nil {
		if ferr := s.r.fatal(err); ferr != nil {
			return element{}, ferr
		}
		if err == io.EOF {
			// Nothing but white space after a comma: the array is not
			// closed, and every element was read, as when the file ends
			// right after an element (end).
			s.stop(fmt.Sprintf("line %d: invalid JSON: %s", s.startLine(), jsonErrorText(err)))
			return element{}, io.EOF
		}
		// The decoder consumed the comma, if any, before it failed.
		return s.recover(err, !s.afterElement || s.dec.InputOffset() != before)
	}
	s.afterElement = true
	end := s.dec.InputOffset()
	return element{line: s.lines.lineAt(end - int64(len(s.raw))), data: s.raw}, nil
}

// end reads the end of the array, and of the object around it.
func (s *jsonArraySource) end() (element, error) {
	s.done = true
	_, err := s.dec.Token()
	if err == nil && s.wrapped {
		// The rest of the object around the array: its other members.
		err = skipValue(s.dec, 1)
	}
	if err == nil {
		// The array is closed. Anything after it but white space (a second
		// export appended, say) is kept as one malformed record, so that
		// no contact in it is lost.
		what := "array"
		if s.wrapped {
			what = "object"
		}
		s.r.feed.limit = 0
		s.cutter = &arrayCutter{r: s.r, in: io.MultiReader(s.dec.Buffered(), s.lines.r), line: s.lines.lineAt(s.dec.InputOffset()),
			failed: "data after the end of the JSON " + what}
		return s.cutter.restAsRecord()
	}
	if ferr := s.r.fatal(err); ferr != nil {
		return element{}, ferr
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		// The array is not closed: every element was read.
		s.stop(fmt.Sprintf("line %d: invalid JSON: %s", s.startLine(), jsonErrorText(err)))
		return element{}, io.EOF
	}
	return s.recover(err, !s.afterElement)
}

// recover hands the rest of the input, from where the decoder failed, to
// a cutter: json.Decoder cannot read on after a syntax error, the cutter
// can (see arrayCutter); first says the decoder stood where an element
// starts rather than after one.
func (s *jsonArraySource) recover(err error, first bool) (element, error) {
	s.done = true
	s.r.feed.limit = 0 // the cutter bounds its own records
	// The cutter counts its own lines: it reads under the line tracker.
	s.cutter = &arrayCutter{r: s.r, in: io.MultiReader(s.dec.Buffered(), s.lines.r), line: s.lines.lineAt(s.dec.InputOffset()),
		first: first, wrapped: s.wrapped, failed: jsonErrorText(err)}
	return s.cutter.nextElement()
}

// startLine is the line of the next element: the decoder's position moved
// past white space and a comma still in its buffer.
func (s *jsonArraySource) startLine() int {
	off := s.dec.InputOffset()
	buffered := s.dec.Buffered()
	var chunk [512]byte
	comma := false
	for {
		n, err := buffered.Read(chunk[:])
		for _, c := range chunk[:n] {
			if c == ',' && !comma {
				comma = true
			} else if !isSpace(c) {
				return s.lines.lineAt(off)
			}
			off++
		}
		if err != nil || n == 0 {
			return s.lines.lineAt(off)
		}
	}
}

func (s *jsonArraySource) stop(why string) {
	s.done = true
	s.r.info.Incomplete = why
	s.r.warn(fmt.Sprintf("%s: %s; the rest of the file was not read", s.r.src.Path, why))
}

// jsonErrorText words a decoding error for a record's Malformed.
func jsonErrorText(err error) string {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return "unexpected end of file"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// jsonKind names the kind of a JSON token for messages.
func jsonKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "something else"
}

// firstLineIsObject reports whether head's first line is a whole JSON
// object, which makes a .json file that starts with "{" NDJSON.
func firstLineIsObject(head []byte) bool {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.TrimSpace(line)
	return len(line) > 0 && line[0] == '{' && json.Valid(line)
}

// flattener walks one JSON object, yielding every leaf with its dotted key.
// Its buffers are reused across objects.
type flattener struct {
	key   []byte
	marks []int // len(key) before each open nested object's key
	text  bytes.Buffer
	// What scan (jsonscan.go) found: each leaf's key is in keys; invalid
	// says a string held bytes that are not valid UTF-8.
	leaves  []scannedLeaf
	keys    []byte
	invalid bool
}

// walk calls leaf for each leaf of the object in data: strings as they
// are, numbers as written, booleans as true/false, null as "", and arrays
// (and objects nested deeper than maxFlattenDepth) as compact JSON text.
// The key slice is only valid during the call.
func (fl *flattener) walk(data []byte, leaf func(key []byte, value string)) error {
	if fl.scan(data) {
		fl.yield(leaf)
		return nil
	}
	return fl.walkTokens(data, leaf)
}

// yield calls leaf for each leaf the last successful scan found.
func (fl *flattener) yield(leaf func(key []byte, value string)) {
	for _, l := range fl.leaves {
		leaf(fl.keys[l.k0:l.k1], l.value)
	}
}

// walkTokens is walk done by encoding/json's tokenizer: the reference
// for scan, and what words the error of an object that is not valid.
func (fl *flattener) walkTokens(data []byte, leaf func(key []byte, value string)) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("invalid JSON: %s", flatErrorText(err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("not a JSON object (found %s)", jsonKind(tok))
	}
	fl.key, fl.marks = fl.key[:0], fl.marks[:0]
	depth := 1
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("invalid JSON: %s", flatErrorText(err))
		}
		k, ok := tok.(string)
		if !ok { // the only other token in key position is '}'
			depth--
			if depth > 0 {
				fl.key = fl.key[:fl.marks[len(fl.marks)-1]]
				fl.marks = fl.marks[:len(fl.marks)-1]
			}
			continue
		}
		mark := len(fl.key)
		fl.key = append(fl.key, k...)
		start := dec.InputOffset()
		tok, err = dec.Token()
		if err != nil {
			return fmt.Errorf("invalid JSON: %s", flatErrorText(err))
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' && depth < maxFlattenDepth {
				fl.marks = append(fl.marks, mark)
				fl.key = append(fl.key, '.')
				depth++
				continue
			}
			v, err := fl.rawText(dec, data, start)
			if err != nil {
				return err
			}
			leaf(fl.key, v)
		case string:
			leaf(fl.key, t)
		case json.Number:
			leaf(fl.key, string(t))
		case bool:
			if t {
				leaf(fl.key, "true")
			} else {
				leaf(fl.key, "false")
			}
		case nil:
			leaf(fl.key, "")
		}
		fl.key = fl.key[:mark]
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return errors.New("invalid JSON: unexpected data after the object")
		}
		return fmt.Errorf("invalid JSON: %s", flatErrorText(err))
	}
	return nil
}

// rawText consumes the rest of the array or object whose opening token was
// just read and returns its compact JSON text; start is the offset before
// that token.
func (fl *flattener) rawText(dec *json.Decoder, data []byte, start int64) (string, error) {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return "", fmt.Errorf("invalid JSON: %s", flatErrorText(err))
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
			} else {
				depth--
			}
		}
	}
	raw := bytes.TrimLeft(data[start:dec.InputOffset()], " \t\r\n:")
	fl.text.Reset()
	if err := json.Compact(&fl.text, raw); err != nil {
		return "", fmt.Errorf("invalid JSON: %s", flatErrorText(err))
	}
	return fl.text.String(), nil
}

// flatErrorText words an error met inside one element, where the end of
// the data is the end of the element.
func flatErrorText(err error) string {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return "unexpected end of object"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// lineTracker counts lines in what a json.Decoder reads, so the line of an
// offset the decoder reports can be found although it reads ahead.
type lineTracker struct {
	r      io.Reader
	off    int64   // bytes read
	nl     []int64 // offsets of newlines read; those before head are passed
	head   int
	passed int // newlines before the last offset asked about
}

func (t *lineTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for i, b := 0, p[:n]; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		t.nl = append(t.nl, t.off+int64(i+j))
		i += j + 1
	}
	t.off += int64(n)
	return n, err
}

// lineAt returns the line, from 1, of byte offset off; offsets asked about
// must not decrease.
func (t *lineTracker) lineAt(off int64) int {
	for t.head < len(t.nl) && t.nl[t.head] < off {
		t.head++
		t.passed++
	}
	// Drop passed offsets once they are most of the slice, so it stays
	// about the size of the decoder's read-ahead.
	if t.head > 64 && t.head*2 >= len(t.nl) {
		t.nl = t.nl[:copy(t.nl, t.nl[t.head:])]
		t.head = 0
	}
	return t.passed + 1
}
