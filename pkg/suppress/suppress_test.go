package suppress

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	kePhone  = 254712345678 // +254712345678
	keOther  = 254722000001 // +254722000001
	keAbsent = 254733111222
)

func digest(e164 string) string {
	h := sha256.Sum256([]byte(e164))
	return hex.EncodeToString(h[:])
}

func write(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustLoad(t *testing.T, name, body string) *List {
	t.Helper()
	l, err := Load(write(t, name, body), kenya())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return l
}

func TestLines(t *testing.T) {
	l := mustLoad(t, "dnc.txt", "# do not contact\n\n+254712345678\r\n  0722 000001  \n+254 712 345 678\n")
	if l.Format != FormatLines || l.Entries != 3 || l.Invalid != 0 || l.Numbers() != 2 || l.Hashes() != 0 {
		t.Fatalf("list = %+v, numbers %d", l, l.Numbers())
	}
	for key, want := range map[uint64]bool{kePhone: true, keOther: true, keAbsent: false} {
		if got := l.Contains(key); got != want {
			t.Errorf("Contains(%d) = %v, want %v", key, got, want)
		}
	}
}

func TestNationalNumberMatchesE164(t *testing.T) {
	// The list says "0712 345678"; the contact list has +254712345678.
	l := mustLoad(t, "dnc.txt", "0712 345678\n")
	key, ok, _ := kenya()("+254712345678")
	if !ok || !l.Contains(key) {
		t.Fatalf("national entry does not match +254712345678 (key %d, ok %v)", key, ok)
	}
}

func TestHashed(t *testing.T) {
	body := "# sha256 of E.164\n" + digest("+254712345678") + "\n" + strings.ToUpper(digest("+254722000001")) + "\n"
	l := mustLoad(t, "hashed.txt", body)
	if l.Entries != 2 || l.Hashes() != 2 || l.Numbers() != 0 || l.Invalid != 0 {
		t.Fatalf("list = %+v", l)
	}
	if !l.Contains(kePhone) {
		t.Error("hashed list does not contain +254712345678")
	}
	if !l.Contains(keOther) {
		t.Error("upper-case digest does not match")
	}
	if l.Contains(keAbsent) {
		t.Error("hashed list contains a number not on it")
	}
}

func TestKnownDigest(t *testing.T) {
	// Fixed so that the documented shell recipe and Contains agree: this is
	// printf '%s' +254712345678 | sha256sum.
	const want = "7e68ed1fbff891757a23ef26f54dd9de094c47613a21f736deb30c14b70e8127"
	if got := digest("+254712345678"); got != want {
		t.Fatalf("digest of +254712345678 = %s, want %s", got, want)
	}
	if l := mustLoad(t, "h.txt", want+"\n"); !l.Contains(kePhone) {
		t.Error("known digest not matched")
	}
}

func TestMixed(t *testing.T) {
	body := "+254712345678\n" + digest("+254722000001") + "\nnot a number\n# comment\n12\n"
	l := mustLoad(t, "mixed.txt", body)
	if l.Entries != 2 || l.Numbers() != 1 || l.Hashes() != 1 || l.Invalid != 2 {
		t.Fatalf("list = %+v", l)
	}
	if !l.Contains(kePhone) || !l.Contains(keOther) || l.Contains(keAbsent) {
		t.Error("mixed list matches wrongly")
	}
	want := []string{
		l.Path + ":3: not a phone number or SHA-256 hex digest",
		l.Path + ":5: not a phone number or SHA-256 hex digest",
	}
	if len(l.FirstInvalid) != 2 || l.FirstInvalid[0].Error() != want[0] || l.FirstInvalid[1].Error() != want[1] {
		t.Errorf("FirstInvalid = %v, want %v", l.FirstInvalid, want)
	}
}

func TestFirstLineInvalid(t *testing.T) {
	// A junk first line without a delimiter is a bad entry, not a header.
	l := mustLoad(t, "dnc.txt", "numbers\n+254712345678\n")
	if l.Format != FormatLines || l.Entries != 1 || l.Invalid != 1 || l.FirstInvalid[0].Line != 1 {
		t.Fatalf("list = %+v", l)
	}
}

func TestInvalidExamplesBounded(t *testing.T) {
	body := "+254712345678\n" + strings.Repeat("x\n", 20)
	l := mustLoad(t, "dnc.txt", body)
	if l.Invalid != 20 || len(l.FirstInvalid) != maxExamples || l.FirstInvalid[0].Line != 2 {
		t.Fatalf("Invalid = %d, FirstInvalid = %v", l.Invalid, l.FirstInvalid)
	}
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name, body string
	}{
		{"comma", "id,Phone Number,name\n1,+254712345678,a\n2,0722 000001,b\n"},
		{"semicolon and comments", "# export\nname;MSISDN\na;+254712345678\n# note\nb;0722000001\n"},
		{"quoted with unknown columns", "\"Name\",\"E.164\",\"Notes, free text\"\n\"a\",\"+254712345678\",\"x, y\"\nb,+254722000001,\n"},
		{"single column", "wa_id\n254712345678\n+254722000001\n"},
		{"tab", "tel\tname\n+254712345678\ta\n0722000001\tb\n"},
		{"digest column", "sha256\n" + digest("+254712345678") + "\n" + digest("+254722000001") + "\n"},
		{"bom", "\xef\xbb\xbfphone\n+254712345678\n+254722000001\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustLoad(t, "dnc.csv", tt.body)
			if l.Format != FormatCSV || l.Entries != 2 || l.Invalid != 0 {
				t.Fatalf("list = %+v", l)
			}
			if !l.Contains(kePhone) || !l.Contains(keOther) || l.Contains(keAbsent) {
				t.Error("matches wrongly")
			}
		})
	}
}

func TestCSVPrefersEarlierAlias(t *testing.T) {
	// "number" could be an order number; "phone" is the better match.
	l := mustLoad(t, "dnc.csv", "number,phone\n17,+254712345678\n")
	if l.Entries != 1 || !l.Contains(kePhone) {
		t.Fatalf("list = %+v", l)
	}
}

func TestCSVInvalidRows(t *testing.T) {
	body := "# header follows\nname,phone\na,+254712345678\nb,\nc,call me\nd,\"bad\"quote\ne,0722000001\n"
	l := mustLoad(t, "dnc.csv", body)
	if l.Entries != 2 || l.Invalid != 3 {
		t.Fatalf("list = %+v", l)
	}
	lines := []int{4, 5, 6}
	for i, e := range l.FirstInvalid {
		if e.Line != lines[i] {
			t.Errorf("invalid %d on line %d, want %d (%v)", i, e.Line, lines[i], e)
		}
	}
	if got := l.FirstInvalid[0].Error(); got != l.Path+":4: phone column is empty" {
		t.Errorf("first invalid = %q", got)
	}
}

func TestCSVWithoutPhoneColumn(t *testing.T) {
	p := write(t, "dnc.csv", "# exported\nname,email\na,a@example.com\n")
	_, err := Load(p, kenya())
	want := p + ":2: no phone column (headers: name, email); want one named phone, phone_number, mobile, msisdn, number, e164, whatsapp, wa_id, tel, sha256, phone_sha256, hash"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
}

func TestFatal(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"empty", "", "file is empty"},
		{"blank", "\n  \n", "file is empty"},
		{"comments only", "# nobody yet\n", "no entries, only comments"},
		{"header only", "phone\n", "no entries, only a header"},
		{"nothing usable", "foo\nbar\n", "no phone numbers or SHA-256 digests: none of its 2 entries is one (first: "},
		{"json array", `["+254712345678"]`, "a suppression list must be one number or digest a line, or CSV; this looks like a JSON array"},
		{"json objects", "[\n {\"phone\": \"+254712345678\"}\n]", "a suppression list must be one number or digest a line, or CSV; this looks like a JSON array"},
		{"pretty-printed json", "{\n \"numbers\": []\n}", "a suppression list must be one number or digest a line, or CSV; this looks like pretty-printed JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, "dnc.txt", tt.body)
			_, err := Load(p, kenya())
			if err == nil || !strings.HasPrefix(err.Error(), p+": "+tt.want) {
				t.Fatalf("err = %v, want %s: %s", err, p, tt.want)
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "nope.txt")
	if _, err := Load(missing, kenya()); err == nil || err.Error() != "read "+missing+": no such file or directory" {
		t.Errorf("missing file err = %v", err)
	}
}

func TestGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("phone\n+254712345678\n"))
	zw.Close()
	p := write(t, "dnc.csv.gz", buf.String())
	l, err := Load(p, kenya())
	if err != nil || !l.Contains(kePhone) || l.Format != FormatCSV {
		t.Fatalf("Load = %+v, %v", l, err)
	}
	if _, err := Load(write(t, "bad.gz", "\x1f\x8b\x08\x00garbage"), kenya()); err == nil || !strings.HasPrefix(err.Error(), "read ") {
		t.Errorf("corrupt gzip err = %v", err)
	}
}

func TestLongLine(t *testing.T) {
	l := mustLoad(t, "dnc.txt", "+254712345678\n"+strings.Repeat("9", maxLine+10)+"\n+254722000001")
	if l.Entries != 2 || l.Invalid != 1 || l.FirstInvalid[0].Line != 2 {
		t.Fatalf("list = %+v", l)
	}
}

func TestContainsDoesNotAllocate(t *testing.T) {
	l := mustLoad(t, "h.txt", digest("+254712345678")+"\n")
	allocs := testing.AllocsPerRun(100, func() { l.Contains(keAbsent) })
	if allocs != 0 {
		t.Errorf("Contains allocates %v times", allocs)
	}
}

func BenchmarkContainsHashed(b *testing.B) {
	var sb strings.Builder
	for i := range 10000 {
		sb.WriteString(digest("+2547" + strings.Repeat("0", 7) + string(rune('0'+i%10))))
		sb.WriteByte('\n')
	}
	l, err := load("h.txt", strings.NewReader(sb.String()), kenya())
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		l.Contains(uint64(254712000000 + i%100000))
	}
}

// TestSepLine reads a CSV list that starts with Excel's "sep=;" line: it
// names the delimiter and is no entry; line numbers stay the file's.
func TestSepLine(t *testing.T) {
	l := mustLoad(t, "dnc.csv", "sep=;\r\nname;phone\r\nA;+254712345678\r\nB;nope\r\n")
	if l.Entries != 1 || l.Invalid != 1 || !l.Contains(kePhone) {
		t.Fatalf("list = %+v", l)
	}
	if got, want := l.FirstInvalid[0].Error(), l.Path+":4: not a phone number or SHA-256 hex digest"; got != want {
		t.Errorf("FirstInvalid = %q, want %q", got, want)
	}
}

// A UTF-16 list is decoded as a contact list is, in every format.
func TestUTF16(t *testing.T) {
	for _, tt := range []struct {
		name, body, format string
	}{
		{"lines", "# dnc\n+254712345678\n0722 000001\n", FormatLines},
		{"csv", "name\tphone\r\nA\t+254712345678\r\nB\t0722 000001\r\n", FormatCSV},
		{"csv, one column", "phone\n+254712345678\n0722000001", FormatCSV},
	} {
		for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
			b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().String(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			l := mustLoad(t, "dnc.txt", b)
			if l.Format != tt.format || l.Entries != 2 || l.Invalid != 0 || !l.Contains(kePhone) || !l.Contains(keOther) {
				t.Errorf("%s %v: list = %+v", tt.name, order, l)
			}
		}
	}
}

// A CSV list without a header has an opt-out where the header should be:
// the error says so rather than print its number and name.
func TestCSVWithoutHeader(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"first line", "+254712345601;STOP;Jane Doe\n",
			":1: the first line looks like data, not a header (it holds a phone number); add a header line naming the columns, e.g. phone"},
		{"after comments", "# opt-outs\n0712345601,jane@x.com\n",
			":2: the first line that is not a comment looks like data, not a header (it holds a phone number); add a header line naming the columns, e.g. phone"},
		{"masked header", "name,owner jane@x.com\n",
			":1: no phone column (headers: name, [hidden]); want one named phone, phone_number, mobile, msisdn, number, e164, whatsapp, wa_id, tel, sha256, phone_sha256, hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, "dnc.csv", tt.body)
			_, err := Load(p, kenya())
			if err == nil || err.Error() != p+tt.want {
				t.Fatalf("err = %v\nwant %s", err, p+tt.want)
			}
		})
	}
}

// An opt-out export often has a number column and a digest column, and a
// line may fill either: both are read.
func TestCSVPhoneAndDigestColumns(t *testing.T) {
	tests := []struct {
		name, body       string
		entries, invalid int
		numbers, hashes  int
		firstInvalid     string // after "PATH:"
	}{
		{"one or the other", "phone,sha256\n+254712345678,\n," + digest("+254722000001") + "\n", 2, 0, 1, 1, ""},
		{"digest of the line's number", "phone,sha256\n+254712345678," + digest("+254712345678") + "\n0722000001,\n", 2, 0, 2, 0, ""},
		{"different numbers on a line", "msisdn;hash\n+254712345678;" + strings.ToUpper(digest("+254722000001")) + "\n", 2, 0, 1, 1, ""},
		{"digest column first", "phone_sha256,number\n" + digest("+254722000001") + ",+254712345678\n", 2, 0, 1, 1, ""},
		{"both empty", "phone,sha256\n+254712345678,\n,\n0722000001,\n", 2, 1, 2, 0, "3: phone and digest columns are empty"},
		{"bad number, good digest", "phone,sha256\ncall me," + digest("+254712345678") + "\n0722000001,\n", 2, 1, 1, 1, "2: phone column: not a phone number or SHA-256 hex digest"},
		{"good number, bad digest", "phone,sha256\n+254712345678,abc\n0722000001,\n", 2, 1, 2, 0, "2: digest column: not a phone number or SHA-256 hex digest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustLoad(t, "dnc.csv", tt.body)
			if l.Format != FormatCSV || l.Entries != tt.entries || l.Invalid != tt.invalid || l.Numbers() != tt.numbers || l.Hashes() != tt.hashes {
				t.Fatalf("list = %+v, numbers %d, hashes %d", l, l.Numbers(), l.Hashes())
			}
			if !l.Contains(kePhone) || !l.Contains(keOther) || l.Contains(keAbsent) {
				t.Error("matches wrongly")
			}
			if tt.invalid > 0 {
				if got, want := l.FirstInvalid[0].Error(), l.Path+":"+tt.firstInvalid; got != want {
					t.Errorf("FirstInvalid = %q, want %q", got, want)
				}
			}
		})
	}
}

// A number written without + cannot be read without a region. It is an
// opt-out all the same, so the list fails with the real cause rather
// than being applied without it; junk stays an unusable line.
func TestNationalNumberWithoutRegion(t *testing.T) {
	noRegion := phone.NewNormaliser().Keys("")
	const cause = "a number without a + country code needs a region to be read: give --region (or region: in the policy file) or write the numbers in E.164; "
	tests := []struct{ name, file, body, want string }{
		{"lines", "dnc.txt", "+254712345678\n0712345678\njunk\n0722 000001\n", ":2: " + cause + "2 lines of the list are like this, and an opt-out list must be applied whole"},
		{"only line", "dnc.txt", "0712345601\n", ":1: " + cause + "1 line of the list is like this, and an opt-out list must be applied whole"},
		{"behind a mark", "dnc.txt", "\u200e0712345601\n\u200e00254712345601\n", ":1: " + cause + "2 lines of the list are like this, and an opt-out list must be applied whole"},
		{"csv", "dnc.csv", "phone,name\n+254712345678,a\n254722000001,b\n", ":3: " + cause + "1 line of the list is like this, and an opt-out list must be applied whole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, tt.file, tt.body)
			_, err := Load(p, noRegion)
			if err == nil || err.Error() != p+tt.want {
				t.Fatalf("err = %v\nwant %s", err, p+tt.want)
			}
		})
	}
	l, err := Load(write(t, "dnc.txt", "+254712345678\ncall me\n"), noRegion)
	if err != nil || l.Entries != 1 || l.NoRegion != 0 || l.FirstInvalid[0].Reason != notEntry {
		t.Fatalf("junk without a region: %+v, %v", l, err)
	}
	// An msisdn or wa_id column holds international numbers without "+".
	l, err = Load(write(t, "dnc.csv", "MSISDN,name\n254722000001,b\n"), noRegion)
	if err != nil || l.Entries != 1 || !l.Contains(254722000001) {
		t.Fatalf("msisdn without a region: %+v, %v", l, err)
	}
}

// TestNationalEntriesFailClosed: an entry without a country code counts
// for every number whose national form it can be, as well as for the one
// the region reads it as; an entry the region does not read is counted
// (NotInRegion), not dropped.
func TestNationalEntriesFailClosed(t *testing.T) {
	num := func(e164 string) phone.Number {
		n := phone.Parse(e164, "")
		if !n.Valid {
			t.Fatalf("%s is not valid", e164)
		}
		return n
	}
	for _, tc := range []struct {
		name, body  string
		notInRegion int
		match       map[string]Matched
	}{
		{"a UK mobile in a KE run", "07911 123456\n", 1, map[string]Matched{
			"+447911123456": National, "+254791112345": NoMatch}},
		{"a French mobile the region reads as a KE landline", "06 12 34 56 78\n", 0, map[string]Matched{
			"+33612345678": National, "+254612345678": Exact}},
		{"a KE mobile can be a TZ one, not a Spanish one (no trunk 0 in ES)", "0712 345678\n", 0, map[string]Matched{
			"+254712345678": Exact, "+255712345678": National, "+34712345678": NoMatch}},
		{"without its trunk 0", "7911 123456\n", 1, map[string]Matched{"+447911123456": National}},
		{"a Russian number after its trunk 8", "8 912 345-67-89\n", 1, map[string]Matched{"+79123456789": National}},
		{"a US number after its trunk 1", "1 (415) 555-0123\n", 1, map[string]Matched{"+14155550123": National}},
		{"an Italian landline keeps its 0", "06 1234 5678\n", 0, map[string]Matched{"+390612345678": National}},
		{"00 dials out", "0044 7911 123456\n", 0, map[string]Matched{"+447911123456": Exact}},
		{"E.164 entries stay exact", "+447911123456\n", 0, map[string]Matched{"+447911123456": Exact, "+254791112345": NoMatch}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := mustLoad(t, "dnc.txt", tc.body)
			if l.Entries != 1 || l.Invalid != 0 || l.NotInRegion != tc.notInRegion {
				t.Fatalf("Entries %d, Invalid %d %v, NotInRegion %d; want 1, 0, %d", l.Entries, l.Invalid, l.FirstInvalid, l.NotInRegion, tc.notInRegion)
			}
			if tc.notInRegion > 0 && l.FirstNotInRegion.Line != 1 {
				t.Errorf("FirstNotInRegion = %+v; want line 1", l.FirstNotInRegion)
			}
			for e164, want := range tc.match {
				if got := l.Match(num(e164)); got != want {
					t.Errorf("Match(%s) = %d; want %d", e164, got, want)
				}
			}
		})
	}
}

// TestEverySpellingIsOneEntry: an entry is read as the list's cell is
// (phone.Clean): a direction mark, zero-width space or stray BOM before
// +, 0 or 00, or Excel's ="…" around it, is the same opt-out, never an
// unusable line (QA28 F1). In an international column, 00 and a country
// code needs no region.
func TestEverySpellingIsOneEntry(t *testing.T) {
	want := phone.Parse("+254712345604", "")
	ke := phonetest.KenyanSpellings
	for _, entry := range ke {
		for name, body := range map[string]string{
			"lines": "# dnc\n" + entry + "\n",
			"csv":   "phone,name\n\"" + strings.ReplaceAll(entry, `"`, `""`) + "\",a\n",
		} {
			l := mustLoad(t, "dnc."+name, body)
			if l.Entries != 1 || l.Invalid != 0 || l.NotInRegion != 0 || l.Match(want) != Exact {
				t.Errorf("%s %q: Entries %d, Invalid %d %v, NotInRegion %d, Match %d; want 1, 0, 0, Exact",
					name, entry, l.Entries, l.Invalid, l.FirstInvalid, l.NotInRegion, l.Match(want))
			}
		}
	}
	french := phone.Parse("+33612345678", "")
	for _, column := range []string{"msisdn", "MSISDN", "wa_id"} {
		for _, entry := range []string{"33612345678", "0033612345678", "\u200e0033612345678", `="0033612345678"`, "\u200e33612345678"} {
			body := column + "\n\"" + strings.ReplaceAll(entry, `"`, `""`) + "\"\n"
			l, err := Load(write(t, "dnc.csv", body), phone.NewNormaliser().Keys(""))
			if err != nil || l.Entries != 1 || l.Invalid != 0 || l.Match(french) != Exact {
				t.Errorf("%s %q without a region: %+v, %v", column, entry, l, err)
			}
		}
	}
}

// TestSeveralNumbersInOneEntry: an entry naming two numbers
// ("0712345601;0712345602"), which libphonenumber reads as its first, is
// both numbers' opt-out, in a file of lines and in a CSV cell alike.
func TestSeveralNumbersInOneEntry(t *testing.T) {
	first, second := phone.Parse("+254712345601", ""), phone.Parse("+254712345602", "")
	for _, entry := range []string{"0712345601;0712345602", "00254712345601;00254712345602", "+254712345601; 0712345602", "‎0712345601;‎0712345602"} {
		for name, body := range map[string]string{
			"lines": "# dnc\n" + entry + "\n",
			"csv":   "phone,name\n\"" + entry + "\",a\n",
		} {
			l := mustLoad(t, "dnc."+name, body)
			if l.Entries != 2 || l.Invalid != 0 || l.Match(first) != Exact || l.Match(second) != Exact {
				t.Errorf("%s %q: Entries %d, Invalid %d, Match %d and %d; want 2, 0, Exact, Exact",
					name, entry, l.Entries, l.Invalid, l.Match(first), l.Match(second))
			}
		}
	}
}

// TestPhoneLikeButInvalid: an entry written as a number with its country
// code that is no valid number is named as such, not as junk.
func TestPhoneLikeButInvalid(t *testing.T) {
	l := mustLoad(t, "dnc.txt", "+254712345678\n+44 7911 12345\nsend me nothing\n")
	want := []string{
		l.Path + ":2: written as a phone number, but not a valid one",
		l.Path + ":3: not a phone number or SHA-256 hex digest",
	}
	if l.Entries != 1 || l.Invalid != 2 || len(l.FirstInvalid) != 2 || l.FirstInvalid[0].Error() != want[0] || l.FirstInvalid[1].Error() != want[1] {
		t.Errorf("Entries %d, Invalid %d, FirstInvalid %v; want 1, 2, %q", l.Entries, l.Invalid, l.FirstInvalid, want)
	}
}

// TestMatchAllocatesNothing: every row of a list asks.
func TestMatchAllocatesNothing(t *testing.T) {
	l := mustLoad(t, "dnc.txt", "07911 123456\n")
	n := phone.Parse("+33612345678", "")
	if a := testing.AllocsPerRun(100, func() { _ = l.Match(n) }); a != 0 {
		t.Errorf("Match allocates %v times", a)
	}
}
