package sendlog

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/phone/phonetest"
	"golang.org/x/text/encoding/unicode"
)

// kenya normalises with KE as the default region, so national spellings
// such as "0712 345678" are numbers.
func kenya() Normalise {
	return phone.NewNormaliser().Keys("KE")
}

const (
	keA = 254712345678
	keB = 254722000001
)

var now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func unix(s string) int64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.Unix()
}

func write(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(body string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(body))
	zw.Close()
	return buf.String()
}

func mustLoad(t *testing.T, opts Options, files ...[2]string) *Log {
	t.Helper()
	var paths []string
	for _, f := range files {
		paths = append(paths, write(t, f[0], f[1]))
	}
	if opts.Normalise == nil {
		opts.Normalise = kenya()
	}
	if opts.Now.IsZero() {
		opts.Now = now
	}
	l, err := Load(paths, opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if l.Total.Lines != l.Total.Sends+l.Total.Inbound+l.Total.Invalid+l.Total.Skipped {
		t.Errorf("counts do not add up: %+v", l.Total)
	}
	return l
}

func TestCSV(t *testing.T) {
	body := "phone,sent_at,category,channel,body\n" +
		"+254712345678,2026-01-10T09:00:00Z,marketing,whatsapp,hi\n" +
		"0712 345678,2026-01-05,marketing,sms,\"hello, again\"\n" +
		"+254722000001,1767600000,utility,sms,x\n"
	l := mustLoad(t, Options{}, [2]string{"log.csv", body})
	if l.Total.Lines != 3 || l.Total.Sends != 3 || l.Total.Invalid != 0 || l.Numbers != 2 {
		t.Fatalf("log = %+v", l)
	}
	// Out of order in the file, ascending from Sends.
	want := []int64{unix("2026-01-05T00:00:00Z"), unix("2026-01-10T09:00:00Z")}
	if got := l.Sends(keA); !slices.Equal(got, want) {
		t.Errorf("Sends(A) = %v, want %v", got, want)
	}
	if got := l.Sends(keB); !slices.Equal(got, []int64{1767600000}) {
		t.Errorf("Sends(B) = %v", got)
	}
	if l.Sends(254733000000) != nil {
		t.Error("Sends of an absent number is not nil")
	}
	if f := l.Files[0]; f.Format != FormatCSV || f.Compressed || f.Sends != 3 {
		t.Errorf("file = %+v", f)
	}
}

func TestHeaderAliases(t *testing.T) {
	tests := []struct{ name, body string }{
		{"to and timestamp", "id,To,Timestamp\n1,+254712345678,2026-01-10T09:00:00Z\n"},
		{"recipient and created at", "Recipient;Created At;status\n+254712345678;2026-01-10 09:00:00;ok\n"},
		{"msisdn and date, tab", "MSISDN\tDATE\n254712345678\t2026-01-10T09:00:00Z\n"},
		{"wa_id and sent", "WA-ID|Sent\n254712345678|2026-01-10T09:00:00Z\n"},
		{"phone beats to", "to,phone,sent_at\n+254722000001,+254712345678,2026-01-10T09:00:00Z\n"},
		{"sent_at beats date", "date,phone,SENT_AT\n2020-01-01,+254712345678,2026-01-10T09:00:00Z\n"},
		{"bom", "\xef\xbb\xbfphone,sent_at\n+254712345678,2026-01-10T09:00:00Z\n"},
	}
	want := []int64{unix("2026-01-10T09:00:00Z")}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustLoad(t, Options{}, [2]string{"log.csv", tt.body})
			if got := l.Sends(keA); l.Numbers != 1 || !slices.Equal(got, want) {
				t.Fatalf("Sends = %v, log = %+v", got, l)
			}
		})
	}
}

func TestDateLayout(t *testing.T) {
	l := mustLoad(t, Options{DateLayout: "02/01/2006 15:04"}, [2]string{"log.csv", "phone,sent_at\n+254712345678,10/01/2026 09:00\n"})
	if got := l.Sends(keA); !slices.Equal(got, []int64{unix("2026-01-10T09:00:00Z")}) {
		t.Fatalf("Sends = %v, invalid %v", got, l.FirstInvalid)
	}
}

func TestBadLinesCounted(t *testing.T) {
	body := "phone,sent_at\n" +
		"+254712345678,2026-01-10T09:00:00Z\n" + // 2 ok
		",2026-01-10\n" + // 3
		"+254712345678,\n" + // 4
		"not a number,2026-01-10\n" + // 5
		"+254712345678,yesterday\n" + // 6
		"+254712345678,2026-03-02\n" + // 7: after now
		"+254712345678,\"2026-01\"x\n" + // 8: CSV syntax
		"\n" + // blank: not a line
		"+254712345678\n" + // 10: short row
		"0722000001,2026-02-01\n" // 11 ok
	l := mustLoad(t, Options{}, [2]string{"log.csv", body})
	if l.Total.Lines != 9 || l.Total.Sends != 2 || l.Total.Invalid != 7 || l.Numbers != 2 {
		t.Fatalf("counts = %+v, numbers %d", l.Total, l.Numbers)
	}
	p := l.Files[0].Path
	want := []string{
		p + ":3: phone is empty",
		p + ":4: sent_at is empty",
		p + ":5: phone is not a valid number",
		p + `:6: sent_at: "yesterday" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`,
		p + ":7: sent_at 2026-03-02 is after now (2026-03-01)",
		p + `:8: extraneous or missing " in quoted-field`,
		p + ":10: sent_at is empty",
	}
	var got []string
	for _, e := range l.FirstInvalid {
		got = append(got, e.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("FirstInvalid:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNDJSONNoDateKey: a line whose time is under a key listaudit does
// not read names its keys, where one whose date key is empty or null says
// so (a tester's finding: both said "sent_at is empty"), then a CSV
// file's empty cell is empty again.
func TestNDJSONNoDateKey(t *testing.T) {
	body := `{"to":"+254712345678","sent_at":"2026-01-10"}
{"to":"+254712345678","when":"2026-01-10","body":"hi"}
{"to":"+254712345678","sent_at":""}
{"to":"+254712345678","date_sent":null}
`
	l := mustLoad(t, Options{}, [2]string{"log.ndjson", body}, [2]string{"log.csv", "phone,sent_at\n+254712345678,\n+254712345678,2026-01-10\n"})
	want := []string{
		l.Files[0].Path + ":2: no sent_at key (its keys: body, to, when)",
		l.Files[0].Path + ":3: sent_at is empty",
		l.Files[0].Path + ":4: sent_at is empty",
		l.Files[1].Path + ":2: sent_at is empty",
	}
	var got []string
	for _, e := range l.FirstInvalid {
		got = append(got, e.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("FirstInvalid:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestExamplesBounded(t *testing.T) {
	// One usable send: a log of nothing but bad lines is refused
	// (TestNoUsableSend).
	body := "phone,sent_at\n" + strings.Repeat("x,2026-01-01\n", 50) + "+254712345678,2026-01-01\n"
	l := mustLoad(t, Options{}, [2]string{"log.csv", body})
	if l.Total.Invalid != 50 || len(l.FirstInvalid) != maxExamples {
		t.Fatalf("Invalid %d, examples %d", l.Total.Invalid, len(l.FirstInvalid))
	}
}

// TestNoUsableSend: a log with lines but not one usable send is an error
// naming its first bad line, with a --date-format value that reads it; a
// header alone, or one good line among bad ones, is read.
func TestNoUsableSend(t *testing.T) {
	for _, tc := range []struct{ name, body, err string }{
		{"dmy.csv", "phone,sent_at\n+254712345678,01/12/2026 09:00\n+254712345678,03/12/2026 09:00\n",
			`dmy.csv: no usable send: none of its 2 lines can be used (first: dmy.csv:2: sent_at: "01/12/2026 09:00" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "DD/MM/YYYY HH:mm" to read it, or "MM/DD/YYYY HH:mm" if the month comes first)); a send log with lines but no usable send is more likely the wrong file or date format than a log of nothing, and would leave the message cap unchecked`},
		{"us.csv", "phone,sent_at\n+254712345678,12/1/2026 9:00 AM\n+254712345678,12/3/2026 9:00 AM\n",
			`us.csv: no usable send: none of its 2 lines can be used (first: us.csv:2: sent_at: "12/1/2026 9:00 AM" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "M/D/YYYY h:mm A" to read it, or "D/M/YYYY h:mm A" if the day comes first)); a send log with lines but no usable send is more likely the wrong file or date format than a log of nothing, and would leave the message cap unchecked`},
		{"one.csv", "phone,sent_at\nnot a number,2026-01-01\n",
			`one.csv: no usable send: its one line cannot be used (first: one.csv:2: phone is not a valid number); a send log with lines but no usable send is more likely the wrong file or date format than a log of nothing, and would leave the message cap unchecked`},
		{"replies.csv", "from,phone,body,direction,sent_at\n+254700000000,+254712345678,Sale,outbound,01/12/2026 09:00\n+254722000001,+254700000000,STOP,inbound,2026-01-01\n+254722000002,+254700000000,Hi,inbound,2026-01-01\n",
			`replies.csv: no usable send: none of its lines but replies can be used (unusable: 1; replies, which are no sends: 2, of which opt-outs, not applied: 1) (first: replies.csv:2: sent_at: "01/12/2026 09:00" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "DD/MM/YYYY HH:mm" to read it, or "MM/DD/YYYY HH:mm" if the month comes first)); a send log with lines but no usable send is more likely the wrong file or date format than a log of nothing, and would leave the message cap unchecked`},
		{"onlyreplies.csv", "from,phone,body,direction,sent_at\n+254722000001,+254700000000,STOP,inbound,2026-01-01\n", ""},
		{"header.csv", "phone,sent_at\n", ""},
		{"mixed.csv", "phone,sent_at\nx,2026-01-01\n+254712345678,2026-01-01\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load([]string{path}, Options{Normalise: kenya(), Now: time.Unix(unix("2026-12-07T08:00:00Z"), 0)})
			got := ""
			if err != nil {
				got = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			}
			if got != tc.err {
				t.Errorf("Load error = %q\nwant %q", got, tc.err)
			}
		})
	}
}

func TestNowZeroAcceptsFuture(t *testing.T) {
	l, err := Load([]string{write(t, "log.csv", "phone,sent_at\n+254712345678,2099-01-01\n")}, Options{Normalise: kenya()})
	if err != nil || l.Total.Sends != 1 {
		t.Fatalf("Load = %+v, %v", l, err)
	}
}

func TestNDJSON(t *testing.T) {
	body := `{"to":"+254712345678","timestamp":"2026-01-10T09:00:00Z","category":"marketing"}` + "\n" +
		"\n" +
		`{"Phone": 254722000001, "Sent At": 1767600000, "extra": {"nested": [1,2]}}` + "\n" +
		`{"phone":"0712345678","sent_at":"2026-01-05"}` + "\r\n" +
		`not json` + "\n" +
		`["an","array"]` + "\n" +
		`{"phone":true,"sent_at":"2026-01-05"}` + "\n" +
		`{"sent_at":"2026-01-05"}` + "\n" +
		`{"phone":"+254712345678","sent_at":null}` + "\n" +
		`{"phone":"+254712345678","sent_at":"2026-01-12"} {"x":1}` + "\n" +
		`{"phone":"+254712345678","sent_at":"2026-01-13"}`
	l := mustLoad(t, Options{}, [2]string{"log.jsonl", body})
	if l.Total.Lines != 10 || l.Total.Sends != 4 || l.Total.Invalid != 6 || l.Numbers != 2 {
		t.Fatalf("counts = %+v", l.Total)
	}
	// The last line is read after bad ones: the decoder recovered.
	want := []int64{unix("2026-01-05T00:00:00Z"), unix("2026-01-10T09:00:00Z"), unix("2026-01-13T00:00:00Z")}
	if got := l.Sends(keA); !slices.Equal(got, want) {
		t.Errorf("Sends(A) = %v", got)
	}
	if got := l.Sends(keB); !slices.Equal(got, []int64{1767600000}) {
		t.Errorf("Sends(B) = %v", got)
	}
	lines := []int{5, 6, 7, 8, 9, 10}
	for i, e := range l.FirstInvalid {
		if e.Line != lines[i] {
			t.Errorf("invalid %d: %v, want line %d", i, e, lines[i])
		}
	}
	if got := l.FirstInvalid[5].Reason; got != "not a JSON object" {
		t.Errorf("trailing data reason = %q", got)
	}
	if got := l.FirstInvalid[2].Reason; got != `phone (key "phone") is not a string or a number` {
		t.Errorf("reason = %q", got)
	}
	if l.Files[0].Format != FormatNDJSON {
		t.Errorf("format = %s", l.Files[0].Format)
	}
}

func TestNDJSONSniffed(t *testing.T) {
	l := mustLoad(t, Options{}, [2]string{"log.txt", `  {"phone":"+254712345678","sent_at":"2026-01-10"}`})
	if l.Files[0].Format != FormatNDJSON || l.Total.Sends != 1 {
		t.Fatalf("log = %+v", l)
	}
}

func TestGzip(t *testing.T) {
	l := mustLoad(t, Options{},
		[2]string{"a.csv.gz", gz("phone,sent_at\n+254712345678,2026-01-10\n")},
		[2]string{"b.ndjson.gz", gz(`{"phone":"+254712345678","sent_at":"2026-01-11"}` + "\n")},
	)
	if l.Total.Sends != 2 || !l.Files[0].Compressed || l.Files[1].Format != FormatNDJSON {
		t.Fatalf("log = %+v", l)
	}
	_, err := Load([]string{write(t, "bad.csv.gz", "\x1f\x8b\x08\x00junk")}, Options{Normalise: kenya()})
	if err == nil || !strings.HasPrefix(err.Error(), "read ") {
		t.Errorf("corrupt gzip err = %v", err)
	}
}

func TestMultiFileMerged(t *testing.T) {
	l := mustLoad(t, Options{},
		[2]string{"jan.csv", "phone,sent_at\n+254712345678,2026-01-20\n+254722000001,2026-01-02\n"},
		[2]string{"dec.csv", "msisdn,date\n0712345678,2025-12-30\n0712345678,2026-01-01\nbad,2026-01-01\n"},
	)
	if l.Total.Lines != 5 || l.Total.Sends != 4 || l.Total.Invalid != 1 || l.Numbers != 2 || len(l.Files) != 2 {
		t.Fatalf("log = %+v", l)
	}
	if l.Files[1].Invalid != 1 || l.Files[0].Invalid != 0 || l.FirstInvalid[0].File != l.Files[1].Path || l.FirstInvalid[0].Line != 4 {
		t.Errorf("per-file = %+v, invalid %v", l.Files, l.FirstInvalid)
	}
	sends := l.Sends(keA)
	if len(sends) != 3 || !slices.IsSorted(sends) {
		t.Fatalf("Sends(A) = %v", sends)
	}
	count, first, last := WorstWindow(sends, 7*24*time.Hour)
	if count != 2 || first != unix("2025-12-30T00:00:00Z") || last != unix("2026-01-01T00:00:00Z") {
		t.Errorf("WorstWindow = %d %d %d", count, first, last)
	}
	var keys []uint64
	total := 0
	for k, s := range l.All() {
		keys = append(keys, k)
		total += len(s)
	}
	if !slices.Equal(keys, []uint64{keA, keB}) || total != l.Total.Sends {
		t.Errorf("All = %v, %d sends", keys, total)
	}
	if n := l.Unmatched(func(k uint64) bool { return k == keA }); n != 1 {
		t.Errorf("Unmatched = %d", n)
	}
}

func TestInclude(t *testing.T) {
	body := "phone,sent_at,category\n+254712345678,2026-01-10,marketing\n+254712345678,2026-01-11,Utility\n"
	l := mustLoad(t, Options{Include: func(cat, _ string) bool { return !strings.EqualFold(cat, "utility") }}, [2]string{"log.csv", body})
	if l.Total.Sends != 1 || l.Total.Skipped != 1 {
		t.Fatalf("counts = %+v", l.Total)
	}
}

func TestSendsCannotClobberNeighbours(t *testing.T) {
	l := mustLoad(t, Options{}, [2]string{"log.csv", "phone,sent_at\n+254712345678,2026-01-10\n+254722000001,2026-01-11\n"})
	s := append(l.Sends(keA), 1)
	_ = s
	if got := l.Sends(keB); len(got) != 1 || got[0] != unix("2026-01-11T00:00:00Z") {
		t.Fatalf("append to one number's sends changed another's: %v", got)
	}
}

func TestFatal(t *testing.T) {
	tests := []struct{ name, file, body, want string }{
		{"empty", "log.csv", "", "%s: file is empty"},
		{"blank", "log.csv", " \n\n", "%s: file is empty"},
		{"no phone column", "log.csv", "number,sent_at\n1,2\n", "%s:1: no phone column (headers: number, sent_at); want one named phone, phone_number, msisdn, to, recipient, wa_id"},
		{"no sent_at column", "log.csv", "phone,when\n1,2\n", "%s:1: no sent_at column (headers: phone, when); want one named sent_at, sent, timestamp, created_at, date, sent_date, date_sent, date_created, created_datetime, received_at, message_timestamp"},
		{"no header", "log.csv", "+254712345601,2026-01-02\n", "%s:1: the first line looks like data, not a header (it holds a phone number); add a header line naming the columns, e.g. phone and sent_at"},
		{"masked header", "log.csv", "phone,sent to jane@x.com\n", "%s:1: no sent_at column (headers: phone, [hidden]); want one named sent_at, sent, timestamp, created_at, date, sent_date, date_sent, date_created, created_datetime, received_at, message_timestamp"},
		{"bad header", "log.csv", "phone,\"sent\"_at\n", `%s:1: cannot read the header: extraneous or missing " in quoted-field`},
		{"json array", "log.json", `[{"phone":"+254712345678","sent_at":"2026-01-10"}]`, "%s: a send log must be CSV or NDJSON (one JSON object a line); this looks like a JSON array: for an array of messages, jq -c '.[]' %s > sends.ndjson makes one"},
		{"json array named csv", "log.csv", "[\n  {\"phone\": \"+254712345678\"}\n]\n", "%s: a send log must be CSV or NDJSON (one JSON object a line); this looks like a JSON array: for an array of messages, jq -c '.[]' %s > sends.ndjson makes one"},
		{"pretty-printed json", "log.ndjson", "{\n  \"sends\": []\n}\n", "%s: a send log must be CSV or NDJSON (one JSON object a line); this looks like pretty-printed JSON: for a page of Twilio's API (other APIs name the array otherwise), jq -c '.messages[]' %s > sends.ndjson makes one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, tt.file, tt.body)
			_, err := Load([]string{p}, Options{Normalise: kenya()})
			if want := strings.ReplaceAll(tt.want, "%s", p); err == nil || err.Error() != want {
				t.Fatalf("err = %v\nwant %s", err, want)
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "nope.csv")
	if _, err := Load([]string{missing}, Options{Normalise: kenya()}); err == nil || err.Error() != "read "+missing+": no such file or directory" {
		t.Errorf("missing file err = %v", err)
	}
}

func TestUnclosedQuoteIsBounded(t *testing.T) {
	body := "phone,sent_at\n+254712345678,\"2026-01-10\n" + strings.Repeat("+254712345678,2026-01-10\n", maxRecord/20)
	p := write(t, "log.csv", body)
	_, err := Load([]string{p}, Options{Normalise: kenya()})
	if want := p + ": a record after line 1 is longer than 1 MiB (an unclosed quote?)"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

func TestLongNDJSONLine(t *testing.T) {
	body := `{"phone":"+254712345678","sent_at":"2026-01-10","pad":"` + strings.Repeat("x", maxRecord) + "\"}\n" +
		`{"phone":"+254712345678","sent_at":"2026-01-11"}`
	l := mustLoad(t, Options{}, [2]string{"log.ndjson", body})
	if l.Total.Sends != 1 || l.Total.Invalid != 1 || l.FirstInvalid[0].Line != 1 {
		t.Fatalf("log = %+v", l)
	}
}

// TestSepLine reads a log that starts with Excel's "sep=;" line: it names
// the delimiter, is no line of the log, and line numbers stay the file's.
func TestSepLine(t *testing.T) {
	body := "sep=;\r\nphone;sent_at\r\n+254712345678;2026-01-10\r\nnot a number;2026-01-10\r\n"
	l := mustLoad(t, Options{}, [2]string{"log.csv", body})
	if l.Total.Lines != 2 || l.Total.Sends != 1 || l.Total.Invalid != 1 {
		t.Fatalf("counts = %+v", l.Total)
	}
	if got, want := l.FirstInvalid[0].Error(), l.Files[0].Path+":4: phone is not a valid number"; got != want {
		t.Errorf("FirstInvalid = %q, want %q", got, want)
	}
}

// A send to two numbers in one cell ("0712345601;0712345602"), which
// libphonenumber reads as its first, is an unusable line, named, not a
// send to the first alone; so is an opt-out reply from such a cell.
func TestSeveralNumbersInOneCell(t *testing.T) {
	body := "phone,sent_at\n+254712345678,2026-01-10\n\"0712345601;0712345602\",2026-01-10\n"
	l := mustLoad(t, Options{}, [2]string{"log.csv", body})
	if l.Total.Lines != 2 || l.Total.Sends != 1 || l.Total.Invalid != 1 {
		t.Fatalf("counts = %+v", l.Total)
	}
	if got, want := l.FirstInvalid[0].Error(), l.Files[0].Path+":3: phone holds more than one number (after a ;): give each its own line"; got != want {
		t.Errorf("FirstInvalid = %q, want %q", got, want)
	}
	replies := "from,to,body,direction,date\n+254700000000,+254712345678,hello,outbound,2026-01-05\n\"00254712345601;00254712345602\",+254700000000,STOP,inbound,2026-01-05\n"
	l = mustLoad(t, Options{}, [2]string{"replies.csv", replies})
	if got, want := l.FirstInvalid[0].Error(), l.Files[0].Path+":3: from holds more than one number (after a ;): give each its own line"; got != want {
		t.Errorf("replies: FirstInvalid = %q, want %q", got, want)
	}
}

// A UTF-16 log (Excel's "Unicode Text") is decoded as a contact list is:
// its NUL bytes neither spoil the numbers nor make a phantom last line.
func TestUTF16(t *testing.T) {
	body := "phone\tsent_at\r\n+254712345678\t2026-01-10\r\nnot a number\t2026-01-11\r\n+254712345678\t2026-01-12\r\n"
	ndjson := `{"phone":"+254722000001","sent_at":"2026-01-13"}` + "\n"
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		l := mustLoad(t, Options{}, [2]string{"log.txt", utf16(t, order, body)}, [2]string{"log.ndjson.gz", gz(utf16(t, order, ndjson))})
		if l.Total.Lines != 4 || l.Total.Sends != 3 || l.Total.Invalid != 1 || len(l.Sends(keA)) != 2 || len(l.Sends(keB)) != 1 {
			t.Fatalf("%v: counts = %+v", order, l.Total)
		}
		if got, want := l.FirstInvalid[0].Error(), l.Files[0].Path+":3: phone is not a valid number"; got != want {
			t.Errorf("%v: %s, want %s", order, got, want)
		}
	}
}

// utf16 encodes s as UTF-16 with a byte-order mark.
func utf16(t *testing.T, order unicode.Endianness, s string) string {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A header alone is no sends, not an error: the caller warns about it.
func TestHeaderOnly(t *testing.T) {
	l := mustLoad(t, Options{}, [2]string{"log.csv", "sep=;\nphone;sent_at\r\n\r\n"})
	if l.Total != (Counts{}) || len(l.Files) != 1 || l.Files[0].Lines != 0 || l.Numbers != 0 {
		t.Fatalf("log = %+v", l)
	}
}

// A number written without + cannot be read without a region: the load
// fails with that cause, rather than undercount the number's sends.
func TestNationalNumberWithoutRegion(t *testing.T) {
	p := write(t, "log.csv", "phone,sent_at\n+254712345678,2026-01-02\n0712345678,2026-01-03\n0722000001,2026-01-04\nx,2026-01-05\n")
	q := write(t, "log.ndjson", `{"phone":"+254712345678","sent_at":"2026-01-02"}`+"\n"+`{"wa_id":254722000001,"sent_at":"2026-01-03"}`+"\n")
	opts := Options{Normalise: phone.NewNormaliser().Keys("")}
	const cause = ": a number without a + country code needs a region to be read: give --region (or region: in the policy file) or write the numbers in E.164; "
	// wa_id (and msisdn) hold international numbers without their "+":
	// q's second line is +254722000001, which needs no region.
	_, err := Load([]string{q, p}, opts)
	if want := p + ":3" + cause + "2 lines of the send logs are like this"; err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	l, err := Load([]string{q, write(t, "wa.csv", "MSISDN,sent_at\n254722000001,2026-01-04\n0722000001,2026-01-05\n")}, Options{Normalise: phone.NewNormaliser().Keys("KE")})
	if err != nil || l.Total.Sends != 4 || l.Total.Invalid != 0 {
		t.Fatalf("international columns: %+v, %v", l.Total, err)
	}
	l, err = Load([]string{write(t, "ok.csv", "phone,sent_at\n+254712345678,2026-01-02\ncall me,2026-01-03\n")}, opts)
	if err != nil || l.Total.Sends != 1 || l.Total.Invalid != 1 || l.FirstInvalid[0].Reason != "phone is not a valid number" {
		t.Fatalf("junk without a region: %+v, %v", l, err)
	}
}

// TestEverySpellingIsOneNumber: a send's number is read as the list's
// cell is (phone.Clean): a direction mark, zero-width space or stray BOM
// before +, 0 or 00, or Excel's ="…" around it, is a send to the same
// number, never an unusable line (QA28 F1). In an international column,
// 00 and a country code needs no region; a mark before a national number
// without a region is the load's error, as without the mark.
func TestEverySpellingIsOneNumber(t *testing.T) {
	spellings := phonetest.KenyanSpellings
	var body strings.Builder
	body.WriteString("phone,sent_at\n")
	for i, s := range spellings {
		fmt.Fprintf(&body, "\"%s\",2026-01-%02dT09:00:00Z\n", strings.ReplaceAll(s, `"`, `""`), i+1)
	}
	l := mustLoad(t, Options{}, [2]string{"log.csv", body.String()})
	if got := len(l.Sends(254712345604)); l.Total.Invalid != 0 || l.NotInRegion != 0 || got != len(spellings) {
		t.Errorf("counts %+v, NotInRegion %d, %d sends to +254712345604; want %d (first invalid %v)", l.Total, l.NotInRegion, got, len(spellings), l.FirstInvalid)
	}
	body.Reset()
	body.WriteString("msisdn,sent_at\n")
	intl := []string{"33612345678", "0033612345678", "\u200e0033612345678", `="0033612345678"`, "\u200e33612345678"}
	for i, s := range intl {
		fmt.Fprintf(&body, "\"%s\",2026-01-%02dT09:00:00Z\n", strings.ReplaceAll(s, `"`, `""`), i+1)
	}
	l = mustLoad(t, Options{Normalise: phone.NewNormaliser().Keys("")}, [2]string{"msisdn.csv", body.String()})
	if got := len(l.Sends(33612345678)); l.Total.Invalid != 0 || got != len(intl) {
		t.Errorf("msisdn without a region: counts %+v, %d sends to +33612345678; want %d (first invalid %v)", l.Total, got, len(intl), l.FirstInvalid)
	}
	p := write(t, "marked.csv", "phone,sent_at\n\u200e0712345604,2026-01-02\n")
	_, err := Load([]string{p}, Options{Normalise: phone.NewNormaliser().Keys("")})
	if want := p + ":2: a number without a + country code needs a region to be read"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v\nwant it to start with %s", err, want)
	}
}

// TestNationalSendsFailClosed: a send to a number written without a
// country code that the region does not read counts for every contact it
// can be (SendsTo), not for none; one the region reads counts for that
// number; 00 dials out.
func TestNationalSendsFailClosed(t *testing.T) {
	body := "phone,sent_at\n" +
		"07911 123456,2026-01-01T09:00:00Z\n" + // 2: a UK mobile, no number in KE
		"+447911123456,2026-01-02T09:00:00Z\n" + // 3
		"7911 123456,2026-01-03T09:00:00Z\n" + // 4: without its trunk 0
		"0044 7911 123456,2026-01-04T09:00:00Z\n" + // 5: 00 dials out
		"06 12 34 56 78,2026-01-05T09:00:00Z\n" // 6: a KE landline to KE
	l := mustLoad(t, Options{}, [2]string{"log.csv", body})
	if l.Total.Sends != 5 || l.Total.Invalid != 0 || l.NotInRegion != 2 || l.FirstNotInRegion.Line != 2 || l.Numbers != 2 {
		t.Fatalf("counts %+v, NotInRegion %d (first %+v), Numbers %d", l.Total, l.NotInRegion, l.FirstNotInRegion, l.Numbers)
	}
	num := func(e164 string) phone.Number { return phone.Parse(e164, "") }
	for _, tc := range []struct {
		e164 string
		want []string
	}{
		{"+447911123456", []string{"2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z", "2026-01-04T09:00:00Z"}},
		{"+254612345678", []string{"2026-01-05T09:00:00Z"}},
		{"+33612345678", nil}, // read as KE's by the region: see the README
		{"+254712345678", nil},
	} {
		var want []int64
		for _, w := range tc.want {
			want = append(want, unix(w))
		}
		if got := l.SendsTo(num(tc.e164)); !slices.Equal(got, want) {
			t.Errorf("SendsTo(%s) = %v; want %v", tc.e164, got, want)
		}
	}
	if got := l.Sends(447911123456); len(got) != 2 {
		t.Errorf("Sends(+447911123456) = %v; want the 2 sends with its country code", got)
	}
	if a := testing.AllocsPerRun(100, func() { _ = l.SendsTo(num("+254712345678")) }); a != 0 {
		t.Errorf("SendsTo of a number without national sends allocates %v times", a)
	}
}
