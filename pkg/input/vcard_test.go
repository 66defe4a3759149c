package input

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// vcardLabels reads data as a vCard (named by its alias vcf) and returns
// each record's phone column label: the TEL it came from.
func vcardLabels(t *testing.T, data string) []string {
	t.Helper()
	r, err := Open(Source{Path: "-", Stdin: strings.NewReader(data)}, Options{Format: "vcf"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var labels []string
	var rec domain.Record
	for r.Next(&rec) == nil {
		labels = append(labels, rec.Columns[domain.FieldPhone])
	}
	return labels
}

func TestIsFaxOrPager(t *testing.T) {
	tests := []struct {
		params string
		want   bool
	}{
		// vCard 3.0, any case, one TYPE or several.
		{"TYPE=FAX,WORK", true},
		{"type=fax", true},
		{"TYPE=fax;TYPE=work", true},
		{"type=WORK;type=FAX;type=pref", true},
		{"TYPE=PAGER", true},
		{"TYPE=fax,pager,home", true},
		// vCard 2.1's bare types, and its bare transfer encoding.
		{"FAX;WORK", true},
		{"PAGER", true},
		{"HOME;FAX", true},
		{"WORK;FAX;QUOTED-PRINTABLE", true},
		// vCard 4.0: a quoted list, with other parameters.
		{`TYPE="fax,work"`, true},
		{`VALUE=uri;TYPE="fax,work"`, true},
		{`TYPE="fax";VALUE=uri`, true},
		{"PREF=1;TYPE=fax", true},
		{" TYPE = FAX ", true},
		// A line for calls or messages too is a number to audit.
		{"TYPE=FAX,VOICE", false},
		{"TYPE=CELL,FAX", false},
		{"WORK;FAX;VOICE", false},
		{`TYPE="voice,fax"`, false},
		{"TYPE=fax;TYPE=cell", false},
		{"TYPE=fax,text", false},
		{"TYPE=fax,x-whatsapp", false}, // a type listaudit does not know
		// No fax or pager type.
		{"", false},
		{"TYPE=WORK", false},
		{"CELL", false},
		{"TYPE=FAXES", false},
		{"X-FAX", false},
		{"VALUE=fax", false}, // not a type
		{`TYPE="work;fax"`, false},
	}
	for _, tt := range tests {
		if got := isFaxOrPager(tt.params); got != tt.want {
			t.Errorf("isFaxOrPager(%q) = %v, want %v", tt.params, got, tt.want)
		}
	}
}

// TestVCardFaxAndPagerTELs: a fax or pager TEL is no number of its card
// (the others are numbered without it) and is named in Info.Skipped, once
// for each spelling.
func TestVCardFaxAndPagerTELs(t *testing.T) {
	const cards = "BEGIN:VCARD\nFN:A\nTEL;TYPE=CELL:+254712345601\nTEL;TYPE=FAX,WORK:+14155284164\nTEL;TYPE=HOME:+254712345602\nEND:VCARD\n" +
		"BEGIN:VCARD\nFN:B\nTEL;FAX;WORK:+14155284165\nitem1.TEL;type=pager:+14155284166\nTEL;TYPE=fax,work:+14155284167\nEND:VCARD\n" +
		"BEGIN:VCARD\nFN:C\nTEL;TYPE=\"voice,fax\":+254712345603\nTEL;TYPE=\"fax,work\";VALUE=uri:tel:+14155284168\nEND:VCARD\n"
	res := readBytes(t, "c.vcf", []byte(cards), Options{})
	checkRows(t, res, []string{
		"1@1 phone=+254712345601 name=A",
		"2@1 phone=+254712345602 name=A",
		"3@7 name=B",
		"4@13 phone=+254712345603 name=C",
	})
	if want := []string{"TEL;TYPE=FAX,WORK", "TEL;FAX;WORK", "TEL;TYPE=PAGER", `TEL;TYPE="FAX,WORK";VALUE=URI`}; !slices.Equal(res.info.Skipped, want) {
		t.Errorf("Skipped = %q, want %q", res.info.Skipped, want)
	}
	if want := []string{"TEL[1];TYPE=CELL", "TEL[2];TYPE=HOME", "TEL", `TEL;TYPE="VOICE,FAX"`}; !slices.Equal(vcardLabels(t, cards), want) {
		t.Errorf("labels = %q, want %q", vcardLabels(t, cards), want)
	}
	if len(res.warns) > 0 {
		t.Errorf("warnings: %q", res.warns)
	}
}

func TestVCardCharset(t *testing.T) {
	tests := []struct {
		name  string
		lines string // the card's lines but BEGIN and END
		row   string
		warns []string
	}{
		{"ISO-8859-1 quoted-printable", "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;Hans;;;",
			"1@1 phone=+254712345601 name=Hans Müller", nil},
		{"2.1 bare QUOTED-PRINTABLE, charset lower case", "FN;QUOTED-PRINTABLE;charset=iso-8859-1:M=FCller",
			"1@1 phone=+254712345601 name=Müller", nil},
		{"ISO-8859-2", "N;CHARSET=ISO-8859-2;ENCODING=QUOTED-PRINTABLE:Ko=B3odziej;Ma=B3gorzata;;;",
			"1@1 phone=+254712345601 name=Małgorzata Kołodziej", nil},
		{"ISO-8859-15 euro", "FN;CHARSET=ISO-8859-15;ENCODING=QUOTED-PRINTABLE:=A4 Club",
			"1@1 phone=+254712345601 name=€ Club", nil},
		{"Windows-1252", "FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Ren=E9e =80",
			"1@1 phone=+254712345601 name=Renée €", nil},
		{"Windows-1251", "FN;CHARSET=windows-1251;ENCODING=QUOTED-PRINTABLE:=C8=E2=E0=ED",
			"1@1 phone=+254712345601 name=Иван", nil},
		{"cp1252, a WHATWG label", "FN;CHARSET=cp1252;ENCODING=QUOTED-PRINTABLE:Ren=E9e",
			"1@1 phone=+254712345601 name=Renée", nil},
		{"Shift_JIS", "N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=93=FA=96=7B;=91=BE=98=59;;;",
			"1@1 phone=+254712345601 name=太郎 日本", nil},
		{"UTF-8", "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller",
			"1@1 phone=+254712345601 name=Müller", nil},
		{"UTF-8 under a Latin-1 label stays UTF-8", "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=C3=BCller",
			"1@1 phone=+254712345601 name=Müller", nil},
		{"8-bit value in its charset", "FN;CHARSET=ISO-8859-1:M\xfcller",
			"1@1 phone=+254712345601 name=Müller", nil},
		{"email in its charset", "EMAIL;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:j=FCrgen@example.com",
			"1@1 phone=+254712345601 email=jürgen@example.com", nil},
		{"unknown charset, ASCII value: read, warned", "FN;CHARSET=X-KLINGON:Worf",
			"1@1 phone=+254712345601 name=Worf",
			[]string{`-: line 2: CHARSET "X-KLINGON" is not a character set listaudit knows; its values are read as UTF-8`}},
		{"unknown charset, bytes not UTF-8: warned, and invalid", "FN;CHARSET=X-KLINGON;ENCODING=QUOTED-PRINTABLE:M=FCller",
			"1@1 phone=+254712345601 !line 2: invalid UTF-8 in FN",
			[]string{`-: line 2: CHARSET "X-KLINGON" is not a character set listaudit knows; its values are read as UTF-8`}},
		{"US-ASCII with 8-bit bytes is invalid", "FN;CHARSET=US-ASCII;ENCODING=QUOTED-PRINTABLE:M=FCller",
			"1@1 phone=+254712345601 !line 2: invalid UTF-8 in FN", nil},
		{"no charset, 8-bit bytes: invalid", "FN;ENCODING=QUOTED-PRINTABLE:M=FCller",
			"1@1 phone=+254712345601 !line 2: invalid UTF-8 in FN", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			card := "BEGIN:VCARD\n" + tt.lines + "\nTEL:+254712345601\nEND:VCARD\n"
			// Forced UTF-8: the file's bytes reach the vCard reader as they are.
			res := read(t, Source{Path: "-", Stdin: strings.NewReader(card)}, Options{Format: FormatVCard, Encoding: EncodingUTF8})
			checkRows(t, res, []string{tt.row})
			if !slices.Equal(res.warns, tt.warns) {
				t.Errorf("warnings:\n got %q\nwant %q", res.warns, tt.warns)
			}
		})
	}
}

// TestVCardUnknownCharsetWarnedOnce: one warning per unknown name, at its
// first line.
func TestVCardUnknownCharsetWarnedOnce(t *testing.T) {
	card := "BEGIN:VCARD\nFN;CHARSET=x-a:A\nTEL;CHARSET=X-A:+254712345601\nEND:VCARD\n" +
		"BEGIN:VCARD\nFN;CHARSET=x-b:B\nN;CHARSET=x-a:B;;;;\nTEL:+254712345602\nEND:VCARD\n"
	res := read(t, Source{Path: "-", Stdin: strings.NewReader(card)}, Options{Format: FormatVCard})
	want := []string{
		`-: line 2: CHARSET "x-a" is not a character set listaudit knows; its values are read as UTF-8`,
		`-: line 6: CHARSET "x-b" is not a character set listaudit knows; its values are read as UTF-8`,
	}
	if !slices.Equal(res.warns, want) {
		t.Errorf("warnings:\n got %q\nwant %q", res.warns, want)
	}
}

// TestVCardMapIgnored: a mapping is ignored for a vCard, with one warning
// per field in field order (the same every run), naming where it was
// set: --map, or the policy file's columns:. Evidence columns are not
// warned about (their absence is a finding).
func TestVCardMapIgnored(t *testing.T) {
	const card = "BEGIN:VCARD\nFN:A\nTEL:+254712345601\nEND:VCARD\n"
	for _, tt := range []struct {
		name  string
		opts  Options
		warns []string
	}{
		{"none", Options{}, nil},
		{"--map", Options{Map: map[domain.Field]string{domain.FieldEmail: "E", domain.FieldPhone: "Cell", domain.FieldName: "N"}}, []string{
			"-: --map phone=Cell is ignored: a vCard's fields are fixed (FN, TEL, EMAIL)",
			"-: --map name=N is ignored: a vCard's fields are fixed (FN, TEL, EMAIL)",
			"-: --map email=E is ignored: a vCard's fields are fixed (FN, TEL, EMAIL)",
		}},
		{"the policy file's and --map", Options{
			Map: map[domain.Field]string{domain.FieldEmail: "EMAIL", domain.FieldPhone: "TEL", domain.FieldName: "FN",
				domain.FieldOptedOut: "opted_out", domain.Evidence(0): "consent_text"},
			MapSource: map[domain.Field]string{domain.FieldPhone: ".listaudit.yaml", domain.FieldName: ".listaudit.yaml", domain.FieldEmail: ".listaudit.yaml"},
		}, []string{
			`-: phone: "TEL" (columns: in .listaudit.yaml) is ignored: a vCard's fields are fixed (FN, TEL, EMAIL)`,
			"-: --map opted_out=opted_out is ignored: a vCard's fields are fixed (FN, TEL, EMAIL)",
			`-: name: "FN" (columns: in .listaudit.yaml) is ignored: a vCard's fields are fixed (FN, TEL, EMAIL)`,
			`-: email: "EMAIL" (columns: in .listaudit.yaml) is ignored: a vCard's fields are fixed (FN, TEL, EMAIL)`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Several times: map order would show as a different order.
			for range 20 {
				opts := tt.opts
				opts.Format = FormatVCard
				res := read(t, Source{Path: "-", Stdin: strings.NewReader(card)}, opts)
				warns := slices.DeleteFunc(res.warns, func(w string) bool { return strings.Contains(w, "opt-out column") })
				if !slices.Equal(warns, tt.warns) {
					t.Fatalf("warnings:\n got %q\nwant %q", warns, tt.warns)
				}
			}
		})
	}
}

// TestVCardInvalidBytes: invalid bytes in a property the audit does not
// read are warned about once, with a count and the first; the card is
// read. In FN, N, EMAIL or TEL they make the card row-malformed.
func TestVCardInvalidBytes(t *testing.T) {
	tests := []struct {
		name  string
		cards string
		rows  []string
		warns []string
	}{
		{"ORG", "BEGIN:VCARD\nFN:A\nTEL:+254712345601\nORG:Caf\xe9\nEND:VCARD\n",
			[]string{"1@1 phone=+254712345601 name=A"},
			[]string{"-: a property listaudit does not read has invalid UTF-8 (ORG on line 4, in the card of line 1); it is ignored, and its card is audited all the same"}},
		{"several, in several cards: one warning", "BEGIN:VCARD\nFN:A\nNOTE:\xff\nTEL:+254712345601\nEND:VCARD\n" +
			"BEGIN:VCARD\nFN:B\nTEL:+254712345602\nADR:;;R\xfcckweg;;;;\nTITLE:\xe9\nTEL;TYPE=FAX:+254 41 \xa0\nEND:VCARD\n",
			[]string{"1@1 phone=+254712345601 name=A", "2@6 phone=+254712345602 name=B"},
			[]string{"-: 4 lines of properties listaudit does not read have invalid UTF-8 (first: NOTE on line 3, in the card of line 1); they are ignored, and their cards are audited all the same"}},
		{"quoted-printable in a property not read is not decoded", "BEGIN:VCARD\nFN:A\nNOTE;ENCODING=QUOTED-PRINTABLE:=FF=\n=ZZ\nTEL:+254712345601\nEND:VCARD\n",
			[]string{"1@1 phone=+254712345601 name=A"}, nil},
		{"bytes of a declared charset are not invalid", "BEGIN:VCARD\nFN:A\nORG;CHARSET=ISO-8859-1:Caf\xe9\nTEL:+254712345601\nEND:VCARD\n",
			[]string{"1@1 phone=+254712345601 name=A"}, nil},
		{"FN", "BEGIN:VCARD\nFN:Caf\xe9\nTEL:+254712345601\nEND:VCARD\n",
			[]string{"1@1 phone=+254712345601 !line 2: invalid UTF-8 in FN"}, nil},
		{"N", "BEGIN:VCARD\nN:M\xfcller;;;;\nTEL:+254712345601\nEND:VCARD\n",
			[]string{"1@1 phone=+254712345601 !line 2: invalid UTF-8 in N"}, nil},
		{"EMAIL", "BEGIN:VCARD\nFN:A\nEMAIL:j\xfcrgen@example.com\nTEL:+254712345601\nEND:VCARD\n",
			[]string{"1@1 phone=+254712345601 name=A !line 3: invalid UTF-8 in EMAIL"}, nil},
		{"TEL", "BEGIN:VCARD\nFN:A\nTEL:+254712345601\xe9\nEND:VCARD\n",
			[]string{"1@1 name=A !line 3: invalid UTF-8 in TEL"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, Source{Path: "-", Stdin: strings.NewReader(tt.cards)}, Options{Format: FormatVCard, Encoding: EncodingUTF8})
			checkRows(t, res, tt.rows)
			if !slices.Equal(res.warns, tt.warns) {
				t.Errorf("warnings:\n got %q\nwant %q", res.warns, tt.warns)
			}
		})
	}
}

// TestVCardWithoutTEL: a file none of whose cards has a TEL that takes
// messages is an error at its end, as a CSV without a phone column is at
// its header; inspect and init --from (PhoneOptional) read it.
func TestVCardWithoutTEL(t *testing.T) {
	tests := []struct {
		name    string
		cards   string
		opts    Options
		rows    int
		wantErr string
	}{
		{"no TEL", "BEGIN:VCARD\nFN:A\nEND:VCARD\n", Options{}, 1,
			"-: no phone number in any card (no TEL property)"},
		{"no TEL in two cards", "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEMAIL:b@example.com\nEND:VCARD\n", Options{}, 2,
			"-: no phone number in any of its 2 cards (no TEL property)"},
		{"a fax only", "BEGIN:VCARD\nFN:A\nTEL;TYPE=FAX:+14155284164\nEND:VCARD\n", Options{}, 1,
			"-: no phone number in any card (its one TEL is a fax or pager number, which cannot take messages)"},
		{"faxes and pagers only", "BEGIN:VCARD\nFN:A\nTEL;FAX:+14155284164\nEND:VCARD\nBEGIN:VCARD\nFN:B\nTEL;TYPE=pager:+14155284165\nTEL;TYPE=fax,home:+14155284166\nEND:VCARD\n", Options{}, 2,
			"-: no phone number in any of its 2 cards (its 3 TELs are fax or pager numbers, which cannot take messages)"},
		{"PhoneOptional reads it", "BEGIN:VCARD\nFN:A\nEND:VCARD\n", Options{PhoneOptional: true}, 1, ""},
		{"one TEL in the last card", "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nTEL:+254712345601\nEND:VCARD\n", Options{}, 2, ""},
		{"a TEL in a malformed card is a TEL", "BEGIN:VCARD\nFN:A\nTEL:+254712345601\n", Options{}, 1, ""},
		{"a TEL with invalid bytes is a TEL", "BEGIN:VCARD\nFN:A\nTEL:+254712345601\xff\nEND:VCARD\n", Options{}, 1, ""},
		// Content read as vCard with no card in it is no empty list.
		{"no card", "FN:A\nTEL:+254712345601\n", Options{}, 0,
			"-: read as vCard, but it holds no card (no BEGIN:VCARD line); line 1 is a vCard property outside any card: is a BEGIN:VCARD line misspelt?"},
		{"no card, PhoneOptional", "phone,name\n+254712345601,A\n", Options{PhoneOptional: true}, 0,
			"-: read as vCard, but it holds no card (no BEGIN:VCARD line); line 1 looks like a CSV header: give --input-format csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Format, opts.Encoding = FormatVCard, EncodingUTF8
			res := read(t, Source{Path: "-", Stdin: strings.NewReader(tt.cards)}, opts)
			if fmt.Sprint(res.err) != fmt.Sprint(errOrNil(tt.wantErr)) {
				t.Errorf("error = %v, want %q", res.err, tt.wantErr)
			}
			if len(res.rows) != tt.rows {
				t.Errorf("read %d records, want %d: %q", len(res.rows), tt.rows, res.rows)
			}
		})
	}
}

func errOrNil(s string) error {
	if s == "" {
		return nil
	}
	return fmt.Errorf("%s", s)
}

// TestVCardFixtures reads the fixture cards of each vCard version in
// testdata/vcard: exports of the kind phones and address books write.
func TestVCardFixtures(t *testing.T) {
	tests := []struct {
		file    string
		opts    Options
		rows    []string
		skipped []string
		warns   []string
	}{
		{"v21.vcf", Options{}, []string{
			"1@1 phone=+4915112345678 name=Jürgen Müller",
			"2@10 phone=+33142685300 name=Renée Dubois",
			"3@18 phone=+81 90-1234-5678 name=太郎 日本",
			"4@24 phone=+48221234567 name=Małgorzata Kołodziej",
			"5@29 phone=+254712345670 name=Worf",
		}, []string{"TEL;FAX;WORK", "TEL;PAGER", "TEL;HOME;FAX"},
			[]string{`line 31: CHARSET "X-KLINGON" is not a character set listaudit knows; its values are read as UTF-8`}},
		{"v30.vcf", Options{}, []string{
			"1@1 phone=+254 712 345 678 name=Amina Otieno email=amina@example.com",
			"2@16 phone=0722 000 001 name=Brian Kamau",
		}, []string{"TEL;TYPE=WORK;TYPE=FAX", "TEL;TYPE=FAX,WORK", "TEL;TYPE=PAGER", "TEL;TYPE=FAX"}, nil},
		{"v40.vcf", Options{}, []string{
			"1@1 phone=+254-733-000002 name=Chao Wanjiru email=chao@example.com",
			"2@1 phone=+254-20-3000005 name=Chao Wanjiru email=chao@example.com",
			"3@11 name=Zoë Njeri",
		}, []string{`TEL;VALUE=URI;TYPE="FAX,WORK"`, "TEL;VALUE=URI;TYPE=PAGER", `TEL;TYPE="FAX";VALUE=URI`}, nil},
		{"v30-bad-bytes.vcf", Options{Encoding: EncodingUTF8}, []string{
			"1@1 phone=+254712345601 name=José Núñez",
			"2@7 phone=+254712345602 name=Ann Wambui",
			"3@15 phone=+254712345603 !line 17: invalid UTF-8 in FN",
			"4@20 name=Odd Tel !line 23: invalid UTF-8 in TEL",
		}, []string{"TEL;TYPE=FAX"},
			[]string{"4 lines of properties listaudit does not read have invalid UTF-8 (first: ORG on line 5, in the card of line 1); they are ignored, and their cards are audited all the same"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("..", "..", "testdata", "vcard", tt.file)
			if _, err := os.Stat(path); err != nil {
				t.Fatal(err)
			}
			res := read(t, Source{Path: path}, tt.opts)
			checkRows(t, res, tt.rows)
			if !slices.Equal(res.info.Skipped, tt.skipped) {
				t.Errorf("Skipped = %q, want %q", res.info.Skipped, tt.skipped)
			}
			var warns []string
			for _, w := range tt.warns {
				warns = append(warns, path+": "+w)
			}
			if !slices.Equal(res.warns, warns) {
				t.Errorf("warnings:\n got %q\nwant %q", res.warns, warns)
			}
		})
	}
}

func TestContainsFold(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"ENCODING=QUOTED-PRINTABLE", true}, {"encoding=quoted-printable", true}, {"Quoted-Printable", true},
		{"QUOTED-PRINTABL", false}, {"", false}, {"QUOTED PRINTABLE", false},
	} {
		if got := containsFold(tt.s, "QUOTED-PRINTABLE"); got != tt.want {
			t.Errorf("containsFold(%q) = %v", tt.s, got)
		}
		if got := containsFold([]byte(tt.s), "QUOTED-PRINTABLE"); got != tt.want {
			t.Errorf("containsFold([]byte(%q)) = %v", tt.s, got)
		}
	}
}

// TestVCardNotClosedBeforeTheNext: a BEGIN:VCARD inside an open card
// closes it as malformed and starts the next card, whose name and numbers
// are its own; after an AGENT property (vCard 2.1) it is a nested card,
// read as the card's. TEL lines outside any card get one warning.
func TestVCardNotClosedBeforeTheNext(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
		warns      []string
		texts      []string // of the malformed records, raw
	}{
		{"END missing", "BEGIN:VCARD\nFN:Bob\nEMAIL:bob@example.com\nTEL:+254712345679\nBEGIN:VCARD\nFN:Cy\nEMAIL:cy@example.com\nTEL:+254712345670\nEND:VCARD\n",
			[]string{"1@1 phone=+254712345679 name=Bob email=bob@example.com !the card is not closed by END:VCARD before the BEGIN:VCARD of line 5",
				"2@5 phone=+254712345670 name=Cy email=cy@example.com"},
			nil, []string{"BEGIN:VCARD\nFN:Bob\nEMAIL:bob@example.com\nTEL:+254712345679"}},
		{"END missing twice, the last at the end", "BEGIN:VCARD\nTEL:+1\nBEGIN:VCARD\nTEL:+2\nBEGIN:VCARD\nTEL:+3\n",
			[]string{"1@1 phone=+1 !the card is not closed by END:VCARD before the BEGIN:VCARD of line 3",
				"2@3 phone=+2 !the card is not closed by END:VCARD before the BEGIN:VCARD of line 5",
				"3@5 phone=+3 !the card is not closed by END:VCARD"},
			nil, []string{"BEGIN:VCARD\nTEL:+1", "BEGIN:VCARD\nTEL:+2", "BEGIN:VCARD\nTEL:+3"}},
		{"AGENT's nested card", "BEGIN:VCARD\nFN:Ann\nTEL:+1\nAGENT:\nBEGIN:VCARD\nFN:Her agent\nEND:VCARD\n",
			[]string{"1@1 phone=+1 name=Ann"}, nil, nil},
		{"TELs between cards", "BEGIN:VCARD\nTEL:+1\nEND:VCARD\nBEGN:VCARD\nFN:Bob\nTEL:+2\nEND:VCARD\nnote\nTEL;TYPE=CELL:+3\n",
			[]string{"1@1 phone=+1"},
			[]string{"-: lines 6 and 9: 2 TEL lines outside any card (BEGIN:VCARD … END:VCARD) were not read, so their numbers are not audited; is a BEGIN:VCARD line misspelt?"}, nil},
		{"one TEL between cards", "TEL:+2\nBEGIN:VCARD\nTEL:+1\nEND:VCARD\n",
			[]string{"1@2 phone=+1"},
			[]string{"-: line 1: a TEL line outside any card (BEGIN:VCARD … END:VCARD) was not read, so its number is not audited; is a BEGIN:VCARD line misspelt?"}, nil},
		{"many TELs between cards", "BEGIN:VCARD\nTEL:+1\nEND:VCARD\n" + strings.Repeat("TEL:+2\n", 12),
			[]string{"1@1 phone=+1"},
			[]string{"-: lines 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 and 2 more: 12 TEL lines outside any card (BEGIN:VCARD … END:VCARD) were not read, so their numbers are not audited; is a BEGIN:VCARD line misspelt?"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := read(t, Source{Path: "-", Stdin: strings.NewReader(tt.data)}, Options{Format: "vcf"})
			if got.err != nil || !slices.Equal(got.rows, tt.want) || !slices.Equal(got.warns, tt.warns) {
				t.Errorf("error %v\nrows  %q\nwant  %q\nwarns %q\nwant  %q", got.err, got.rows, tt.want, got.warns, tt.warns)
			}
			texts := malformedTexts(t, tt.data, "vcf")
			if !slices.Equal(texts, tt.texts) {
				t.Errorf("texts %q, want %q", texts, tt.texts)
			}
		})
	}
}

// A line over the record size limit is an error naming the line it starts
// on, with no word of quotes, which a vCard does not have.
func TestVCardLineTooLong(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 10
	data := "BEGIN:VCARD\nFN:" + strings.Repeat("x", 2*bufSize) + "\nTEL:+254712345678\nEND:VCARD\n"
	got := readBytes(t, "c.vcf", []byte(data), Options{})
	if want := "c.vcf: line 2: more than 0 MiB read from there without the record ending (a line that long: a damaged card?)"; got.err == nil || !strings.HasSuffix(got.err.Error(), want) {
		t.Fatalf("error = %v, want %s", got.err, want)
	}
}
