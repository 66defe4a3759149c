package sendlog

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	phonenum "github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/pii"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// maxKeyCache bounds the memo of NDJSON keys, so that a log whose keys
// never repeat cannot grow it without limit.
const maxKeyCache = 1024

// readNDJSON reads one NDJSON log: an object a line; blank lines are not
// records. Each line names its own keys, so columns are matched per line.
func (ld *loader) readNDJSON(br *bufio.Reader) error {
	lr := textfile.NewLines(br, maxRecord)
	for {
		line, tooLong, err := lr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return textfile.ReadError(ld.file.Path, err)
		}
		if tooLong {
			ld.file.Lines++
			ld.invalid(lr.N(), fmt.Sprintf("line is longer than %d MiB", maxRecord>>20))
			continue
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		ld.file.Lines++
		ld.objectLine(lr.N(), line)
	}
}

// objectLine reads one NDJSON line. A line it cannot use that may be an
// opt-out reply is counted as one (countMaybeOptOut): a line that is not
// JSON holding an opt-out keyword as a word, or a JSON line holding one
// as a value anywhere (a platform's webhook envelope: Meta's
// entry[].changes[].value.messages[], Infobip's results[], Telnyx's
// data.payload), whose sender is then not known.
func (ld *loader) objectLine(n int, line []byte) {
	invalid, maybe := ld.file.Invalid, ld.log.MaybeOptOuts
	json := ld.readObject(n, line)
	if ld.file.Invalid == invalid || ld.log.MaybeOptOuts != maybe {
		return
	}
	if json && holdsOptOutValue(line) || !json && mayBeOptOut(line) {
		ld.countMaybeOptOut(n)
	}
}

// readObject reads one NDJSON line; isJSON is false when it is not a JSON
// object.
func (ld *loader) readObject(n int, line []byte) (isJSON bool) {
	// The map is reused: decoding into a non-nil map adds to it.
	obj := ld.obj
	clear(obj)
	if err := ld.json.decode(line, &obj); err != nil || obj == nil {
		ld.invalid(n, "not a JSON object")
		return false
	}
	// The best alias per column wins whatever the map's order.
	var raws [numColumns]json.RawMessage
	var keys [numColumns]string
	var rank [numColumns]int
	dateKey := false
	for k, raw := range obj {
		a, ok := ld.keyRef(k)
		dateKey = dateKey || ok && a.col == colSentAt
		// A null does not hide a later alias: Twilio's date_sent is null
		// until a message is sent, and date_created is then its time.
		if ok && (keys[a.col] == "" || a.rank < rank[a.col]) && string(raw) != "null" {
			raws[a.col], keys[a.col], rank[a.col] = raw, k, a.rank
		}
	}
	ld.button, ld.dateKeys = false, ""
	if !dateKey {
		ld.dateKeys = objectKeys(obj)
	}
	if raws[colPhone] == nil && (raws[colFrom] == nil || raws[colBody] == nil) {
		// No number or no text at the top: a webhook envelope may hold
		// one message, or a WhatsApp message its button's text.
		if vals, button, ok := envelopeReply(obj, line); ok {
			// Meta and Infobip write the sender with its country code.
			ld.international, ld.metaText, ld.button = true, true, button
			ld.row(n, &vals)
			return true
		}
	}
	var vals [numColumns]string
	ld.metaText = false
	for c, raw := range raws {
		if raw == nil {
			continue
		}
		s, ok := jsonText(raw)
		if !ok && column(c) == colBody {
			s, ok = nestedBody(raw)
			ld.metaText = ok
		}
		if !ok && column(c) == colFrom {
			// A sender given as an object (Bird's sender.contact) is
			// not read: a send's is not needed, a reply's is then
			// unknown (countMaybeOptOut).
			s, ok = "", true
		}
		if !ok {
			ld.invalid(n, fmt.Sprintf("%s (key %q) is not a string or a number", column(c), keys[c]))
			return true
		}
		vals[c] = s
	}
	ld.international = phonenum.IsInternationalColumn(keys[colPhone])
	if vals[colKeyword] != "" && !keywordMarksReply(keys[colPhone], vals[colKeyword]) {
		vals[colKeyword] = ""
	}
	ld.row(n, &vals)
	return true
}

// objectKeys lists a line's keys, sorted, as an error names them: at most
// eight, each as a header is shown (one holding a number or an address is
// masked).
func objectKeys(obj map[string]json.RawMessage) string {
	keys := slices.Sorted(maps.Keys(obj))
	more := ""
	if len(keys) > 8 {
		keys, more = keys[:8], ", …"
	}
	for i, k := range keys {
		keys[i] = pii.Header(k, false)
	}
	return strings.Join(keys, ", ") + more
}

// holdsOptOutValue reports whether a JSON line holds, at any depth, a
// string that is an opt-out reply or starts with an opt-out keyword
// (WhatsApp's button "Stop promotions"). It runs only on unusable lines.
func holdsOptOutValue(line []byte) bool {
	var v any
	if json.Unmarshal(line, &v) != nil {
		return false
	}
	return anyOptOutValue(v, 0)
}

// maxDepth bounds the nesting holdsOptOutValue reads.
const maxDepth = 16

func anyOptOutValue(v any, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch v := v.(type) {
	case string:
		return isOptOutValue(v)
	case []any:
		for _, e := range v {
			if anyOptOutValue(e, depth+1) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if anyOptOutValue(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// lineDecoder decodes one line at a time with one json.Decoder, which
// keeps its decoding state between lines where json.Unmarshal allocates it
// afresh for each (most of its cost on short lines). A decoder's errors
// are sticky, so a bad line gets it replaced.
type lineDecoder struct {
	r   bytes.Reader
	dec *json.Decoder
}

var errTrailing = errors.New("data after the JSON value")

func (d *lineDecoder) decode(line []byte, v any) error {
	d.r.Reset(line)
	if d.dec == nil {
		d.dec = json.NewDecoder(&d.r)
	}
	start := d.dec.InputOffset()
	err := d.dec.Decode(v)
	if err == nil && d.dec.InputOffset()-start != int64(len(line)) {
		err = errTrailing
	}
	if err != nil {
		d.dec = nil
	}
	return err
}

// keyRef matches an NDJSON key, remembering the answer: logs repeat the
// same few keys on every line.
func (ld *loader) keyRef(k string) (aliasRef, bool) {
	if r, ok := ld.keys[k]; ok {
		return r, r.rank >= 0
	}
	r, ok := aliasIndex[textfile.HeaderKey(k)]
	if !ok {
		r.rank = -1
	}
	if len(ld.keys) < maxKeyCache {
		ld.keys[k] = r
	}
	return r, ok
}

// jsonText is a value as text: a string's contents, a number as written,
// "" for null. Objects, arrays and booleans are not values of a column.
func jsonText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return "", true
	case raw[0] == '"':
		// The line was valid JSON, so a string without escapes is its
		// text between the quotes; only escapes need the decoder.
		if bytes.IndexByte(raw, '\\') < 0 {
			return string(raw[1 : len(raw)-1]), true
		}
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err == nil
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		return string(raw), true
	}
	return "", false
}

// nestedBody is the text of a body given as an object with a body key:
// WhatsApp's Cloud API webhook writes a message's text as
// "text": {"body": "STOP"}.
func nestedBody(raw json.RawMessage) (string, bool) {
	var v struct {
		Body *string `json:"body"`
	}
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) && json.Unmarshal(raw, &v) == nil && v.Body != nil {
		return *v.Body, true
	}
	return "", false
}
