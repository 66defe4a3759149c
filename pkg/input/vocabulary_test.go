package input

import (
	"slices"
	"testing"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// TestVocabularies lists every spelling each vocabulary of how to read an
// input accepts, with the value it means, and spellings it refuses with
// the error the user sees (after the flag's or key's name).
func TestVocabularies(t *testing.T) {
	type want struct{ in, canonical, err string }
	formats := []want{
		{"", "", ""},
		{"csv", "csv", ""}, {"CSV", "csv", ""}, {"Csv", "csv", ""},
		{"tsv", "tsv", ""}, {"TSV", "tsv", ""}, {"tab", "tsv", ""}, {"TAB", "tsv", ""},
		{"json", "json", ""}, {"JSON", "json", ""},
		{"ndjson", "ndjson", ""}, {"NDJSON", "ndjson", ""}, {"jsonl", "ndjson", ""}, {"JSONL", "ndjson", ""},
		{"vcard", "vcard", ""}, {"vCard", "vcard", ""}, {"vcf", "vcard", ""}, {"VCF", "vcard", ""},
		{"xlsx", "xlsx", ""}, {"XLSX", "xlsx", ""}, {"excel", "xlsx", ""}, {"Excel", "xlsx", ""},
		{"xml", "", `unknown format "xml" (want csv, tsv, json, ndjson, vcard or xlsx)`},
		{" csv", "", `unknown format " csv" (want csv, tsv, json, ndjson, vcard or xlsx)`},
		{"xls", "", `unknown format "xls" (want csv, tsv, json, ndjson, vcard or xlsx)`},
		{"gz", "", `unknown format "gz" (want csv, tsv, json, ndjson, vcard or xlsx)`},
	}
	for _, tt := range formats {
		got, err := ParseFormat(tt.in)
		if got != tt.canonical || errText(err) != tt.err {
			t.Errorf("ParseFormat(%q) = %q, %q; want %q, %q", tt.in, got, errText(err), tt.canonical, tt.err)
		}
	}

	delimiters := []want{
		{"", "", ""},
		{",", ",", ""}, {";", ";", ""}, {"|", "|", ""},
		{"tab", "tab", ""}, {"TAB", "tab", ""}, {`\t`, "tab", ""}, {"\t", "tab", ""},
		{":", "", `":" is not one of , ; | tab`},
		{"Tab", "", `"Tab" is not one of , ; | tab`},
		{" ", "", `" " is not one of , ; | tab`},
		{",,", "", `",," is not one of , ; | tab`},
		{`"`, "", `"\"" is not one of , ; | tab`},
	}
	for _, tt := range delimiters {
		d, err := ParseDelimiter(tt.in)
		if got := DelimiterName(d); got != tt.canonical || errText(err) != tt.err {
			t.Errorf("ParseDelimiter(%q) = %q, %q; want %q, %q", tt.in, got, errText(err), tt.canonical, tt.err)
		}
	}

	const wantEncodings = "(want utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, macintosh)"
	encodings := []want{
		{"", "", ""},
		{"utf-8", "utf-8", ""}, {"UTF-8", "utf-8", ""}, {"utf8", "utf-8", ""}, {"UTF8", "utf-8", ""}, {"utf_8", "utf-8", ""},
		{"utf-16le", "utf-16le", ""}, {"utf16le", "utf-16le", ""}, {"utf-16", "utf-16le", ""}, {"UTF16", "utf-16le", ""}, {"UTF_16LE", "utf-16le", ""},
		{"utf-16be", "utf-16be", ""}, {"utf16be", "utf-16be", ""}, {"UTF-16BE", "utf-16be", ""},
		{"windows-1252", "windows-1252", ""}, {"windows1252", "windows-1252", ""}, {"cp1252", "windows-1252", ""}, {"Windows 1252", "windows-1252", ""}, {"CP1252", "windows-1252", ""},
		{"iso-8859-1", "iso-8859-1", ""}, {"iso8859-1", "iso-8859-1", ""}, {"ISO_8859-1", "iso-8859-1", ""}, {"latin1", "iso-8859-1", ""}, {"latin-1", "iso-8859-1", ""}, {"Latin1", "iso-8859-1", ""},
		{"ebcdic", "", `unknown encoding "ebcdic" ` + wantEncodings},
		{"utf-32", "", `unknown encoding "utf-32" ` + wantEncodings},
		{"ascii", "", `unknown encoding "ascii" ` + wantEncodings},
		{"latin", "", `unknown encoding "latin" ` + wantEncodings},
	}
	for _, tt := range encodings {
		got, err := ParseEncoding(tt.in)
		if got != tt.canonical || errText(err) != tt.err {
			t.Errorf("ParseEncoding(%q) = %q, %q; want %q, %q", tt.in, got, errText(err), tt.canonical, tt.err)
		}
	}
}

// TestVocabularyLists checks the lists help texts print against what the
// parsers take, and the help texts themselves.
func TestVocabularyLists(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(f); got != f || err != nil {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	for alias, f := range formatAliases {
		if !slices.Contains(Formats, f) || slices.Contains(Formats, alias) {
			t.Errorf("alias %q of %q", alias, f)
		}
	}
	// Every delimiter detection tries can be named, and no other.
	var named []byte
	for _, n := range DelimiterNames {
		d, err := ParseDelimiter(n)
		if err != nil || DelimiterName(d) != n {
			t.Errorf("ParseDelimiter(%q) = %q, %v", n, d, err)
		}
		named = append(named, byte(d))
	}
	slices.Sort(named)
	detected := slices.Clone(textfile.Delimiters[:])
	slices.Sort(detected)
	if !slices.Equal(named, detected) {
		t.Errorf("named delimiters %q, detected %q", named, detected)
	}
	for _, e := range Encodings {
		if got, err := ParseEncoding(e); got != e || err != nil {
			t.Errorf("ParseEncoding(%q) = %q, %v", e, got, err)
		}
	}
	for _, u := range []struct{ got, want string }{
		{FormatUsage, "input format: csv, tsv, json, ndjson, vcard or xlsx (default: from the file name, then the content)"},
		{DelimiterUsage, "CSV delimiter: , ; | or tab (default: detected)"},
		{EncodingUsage, "text encoding of the contact lists: utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, macintosh (default: detected)"},
	} {
		if got, want := u.got, u.want; got != want {
			t.Errorf("usage %q, want %q", got, want)
		}
	}
}
