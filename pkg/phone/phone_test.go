package phone

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

func TestParse(t *testing.T) {
	tests := []struct {
		raw, region string
		want        Number
	}{
		{"+254712345678", "", Number{Valid: true, Key: 254712345678, Type: phonenumbers.MOBILE, CallingCode: 254, Region: "KE"}},
		{"0712 345678", "KE", Number{Valid: true, Key: 254712345678, Type: phonenumbers.MOBILE, CallingCode: 254, Region: "KE"}},
		{"00254712345678", "GB", Number{Valid: true, Key: 254712345678, Type: phonenumbers.MOBILE, CallingCode: 254, Region: "KE"}},
		{"+254 20 2123456", "", Number{Valid: true, Key: 254202123456, Type: phonenumbers.FIXED_LINE, CallingCode: 254, Region: "KE"}},
		{"+1 202-555-0143", "", Number{Valid: true, Key: 12025550143, Type: phonenumbers.FIXED_LINE_OR_MOBILE, CallingCode: 1, Region: "US"}},
		// The same text is another number under another region.
		{"0712345678", "TZ", Number{Valid: true, Key: 255712345678, Type: phonenumbers.MOBILE, CallingCode: 255, Region: "TZ"}},
		{"0712345678", "", Number{Problem: NoRegion, Type: phonenumbers.UNKNOWN}},
		{"+2547123", "", Number{Problem: TooShort, Type: phonenumbers.UNKNOWN, CallingCode: 254}},
		{"+25471234567899", "", Number{Problem: TooLong, Type: phonenumbers.UNKNOWN, CallingCode: 254}},
		{"+999123456", "", Number{Problem: BadCountryCode, Type: phonenumbers.UNKNOWN}},
		{"+254800123456", "", Number{Problem: NotAssigned, Type: phonenumbers.UNKNOWN, CallingCode: 254}},
		{"call me", "KE", Number{Problem: NotANumber, Type: phonenumbers.UNKNOWN}},
		{"7", "KE", Number{Problem: NotANumber, Type: phonenumbers.UNKNOWN}},
		// Invisible format characters a copied number carries are dropped:
		// the library reads U+202A as "not a number".
		{"\u202a+254 712 345678\u202c", "", Number{Valid: true, Key: 254712345678, Type: phonenumbers.MOBILE, CallingCode: 254, Region: "KE"}},
		{"\u200e0712\u200b345678\ufeff", "KE", Number{Valid: true, Key: 254712345678, Type: phonenumbers.MOBILE, CallingCode: 254, Region: "KE"}},
		// Excel's text formula, which keeps a leading 0; nothing else that
		// starts with = is read as one.
		{`="0712345685"`, "KE", Number{Valid: true, Key: 254712345685, Type: phonenumbers.MOBILE, CallingCode: 254, Region: "KE"}},
		{`= "+254 712 345685" `, "", Number{Problem: NotANumber, Type: phonenumbers.UNKNOWN}},
		{`="+254 712 345685"`, "", Number{Valid: true, Key: 254712345685, Type: phonenumbers.MOBILE, CallingCode: 254, Region: "KE"}},
		{`="0712"&"345685"`, "KE", Number{Problem: NotANumber, Type: phonenumbers.UNKNOWN}},
		// Spaces between digit groups: no-break (read by the library), and
		// narrow no-break, thin and figure spaces (read as spaces).
		{"+33\u00a06\u00a012\u00a034\u00a056\u00a070", "", Number{Valid: true, Key: 33612345670, Type: phonenumbers.MOBILE, CallingCode: 33, Region: "FR"}},
		{"+33\u202f6\u202f12\u202f34\u202f56\u202f71", "", Number{Valid: true, Key: 33612345671, Type: phonenumbers.MOBILE, CallingCode: 33, Region: "FR"}},
		{"+33\u20096\u200912\u200934\u200956\u200972", "", Number{Valid: true, Key: 33612345672, Type: phonenumbers.MOBILE, CallingCode: 33, Region: "FR"}},
		{"06\u200712\u200734\u200756\u200773\u2007", "FR", Number{Valid: true, Key: 33612345673, Type: phonenumbers.MOBILE, CallingCode: 33, Region: "FR"}},
		{"\u202a\u202c", "KE", Number{Problem: NotANumber, Type: phonenumbers.UNKNOWN}},
	}
	z := NewNormaliser()
	for _, tt := range tests {
		if got := Parse(tt.raw, tt.region); got != tt.want {
			t.Errorf("Parse(%q, %q) = %+v, want %+v", tt.raw, tt.region, got, tt.want)
		}
		if got := parseWithLibrary(tt.raw, tt.region); got != tt.want {
			t.Errorf("parseWithLibrary(%q, %q) = %+v, want %+v", tt.raw, tt.region, got, tt.want)
		}
		if got := z.Normalise(tt.raw, tt.region); got != tt.want {
			t.Errorf("Normalise(%q, %q) = %+v, want %+v", tt.raw, tt.region, got, tt.want)
		}
	}
}

func TestE164(t *testing.T) {
	for _, tt := range []struct {
		raw, region, want string
		writtenAs         bool
	}{
		{"+254712345678", "", "+254712345678", true},
		{" +254712345678 ", "", "+254712345678", false},
		{"0712 345678", "KE", "+254712345678", false},
		{"+1 202-555-0143", "", "+12025550143", false},
		{"0712345678", "", "", false}, // invalid: no region
	} {
		n := Parse(tt.raw, tt.region)
		if got := n.E164(); got != tt.want {
			t.Errorf("Parse(%q, %q).E164() = %q, want %q", tt.raw, tt.region, got, tt.want)
		}
		if got := string(n.AppendE164([]byte("x"))); got != "x"+tt.want {
			t.Errorf("Parse(%q, %q).AppendE164(x) = %q", tt.raw, tt.region, got)
		}
		if got := n.WrittenAs(tt.raw); got != tt.writtenAs {
			t.Errorf("Parse(%q, %q).WrittenAs(%[1]q) = %v", tt.raw, tt.region, got)
		}
	}
	// A number too long for a key keeps its text (none is valid today).
	long := newValid("+12345678901234567890123", 0, phonenumbers.MOBILE, 1, "US")
	if long.E164() != "+12345678901234567890123" || !long.WrittenAs("+12345678901234567890123") || long.WrittenAs("+1") {
		t.Errorf("long number: %q", long.E164())
	}
	if got := string(long.AppendE164([]byte("x"))); got != "x+12345678901234567890123" {
		t.Errorf("long number appended: %q", got)
	}
}

func TestProblemText(t *testing.T) {
	if got := TooShort.String(); got != "too short" {
		t.Errorf("TooShort = %q", got)
	}
	if got := NoRegion.String(); got != "no region: the number has no + country code, and neither --region nor the row's country says which country it belongs to" {
		t.Errorf("NoRegion = %q", got)
	}
}

func TestNormaliserMemoisesByTextAndRegion(t *testing.T) {
	z := NewNormaliser()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if got := z.Normalise("0712345678", "KE").E164(); got != "+254712345678" {
					t.Errorf("KE: %s", got)
				}
				if got := z.Normalise("0712345678", "TZ").E164(); got != "+255712345678" {
					t.Errorf("TZ: %s", got)
				}
			}
		}()
	}
	wg.Wait()
}

func TestNormaliserMemoIsBounded(t *testing.T) {
	z := NewNormaliser()
	for i := range shardCount * shardEntries * 2 {
		z.Normalise(string(rune('a'+i%26))+string(rune(i)), "KE")
	}
	for i := range z.shards {
		if n := len(z.shards[i].m); n > shardEntries {
			t.Fatalf("shard %d holds %d entries, more than %d", i, n, shardEntries)
		}
	}
}

func TestRegionFromCountry(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"KE", "KE", true}, {"ke", "KE", true}, {" gb ", "GB", true},
		{"+254", "KE", true}, {"254", "KE", true}, {"1", "US", true},
		{"XX", "XX", false}, {"+999", "", false}, {"", "", false}, {"0254", "", false},
		// Codes that stand for a region under another code.
		{"UK", "GB", true}, {"uk", "GB", true}, {"ZR", "CD", true},
		// English names, any case, spacing and punctuation.
		{"Kenya", "KE", true}, {"United States", "US", true}, {"united states", "US", true},
		{"UNITED KINGDOM", "GB", true}, {" Germany ", "DE", true}, {"South Korea", "KR", true},
		{"Côte d’Ivoire", "CI", true}, {"Cote d'Ivoire", "CI", true}, {"cote divoire", "CI", true},
		// Forms derived from the CLDR name.
		{"Bosnia & Herzegovina", "BA", true}, {"Bosnia and Herzegovina", "BA", true},
		{"Myanmar", "MM", true}, {"Burma", "MM", true}, {"Myanmar (Burma)", "MM", true},
		{"Hong Kong", "HK", true}, {"St. Lucia", "LC", true}, {"Saint Lucia", "LC", true},
		{"Trinidad and Tobago", "TT", true}, {"Saint Kitts and Nevis", "KN", true},
		// The region's name in its own language, and alpha-3 codes.
		{"Deutschland", "DE", true}, {"España", "ES", true}, {"Espana", "ES", true}, {"Česko", "CZ", true},
		{"Brasil", "BR", true}, {"México", "MX", true}, {"Österreich", "AT", true},
		{"USA", "US", true}, {"usa", "US", true}, {"KEN", "KE", true}, {"GBR", "GB", true}, {"DEU", "DE", true},
		// Names in the export languages: French, Spanish, Portuguese, German.
		{"Maroc", "MA", true}, {"Suisse", "CH", true}, {"Belgique", "BE", true}, {"Algérie", "DZ", true},
		{"Allemagne", "DE", true}, {"Tunisie", "TN", true}, {"Chine", "CN", true}, {"Royaume-Uni", "GB", true},
		{"Marruecos", "MA", true}, {"Suiza", "CH", true}, {"Alemania", "DE", true}, {"Estados Unidos", "US", true},
		{"Holanda", "NL", true}, {"Suíça", "CH", true}, {"Alemanha", "DE", true}, {"Costa do Marfim", "CI", true},
		{"Marokko", "MA", true}, {"Schweiz", "CH", true}, {"Belgien", "BE", true}, {"Niederlande", "NL", true},
		{"Kenia", "KE", true},
		// ISO 3166 short names as picklists write them, the United
		// Kingdom's countries, and other names CLDR's do not give.
		{"Korea, Republic of", "KR", true}, {"Russian Federation", "RU", true},
		{"Iran, Islamic Republic of", "IR", true}, {"Tanzania, United Republic of", "TZ", true},
		{"Viet Nam", "VN", true}, {"England", "GB", true}, {"Scotland", "GB", true},
		{"Great Britain", "GB", true}, {"U.S.A.", "US", true},
		// Not countries, though the ISO names' reader would take some.
		{"#N/A", "", false}, {"N.A.", "", false}, {"none", "", false}, {"international", "", false},
		{"Marocco", "", false},
		// Not a country, or not one the metadata knows.
		{"Atlantis", "", false}, {"Europe", "", false}, {"World", "", false}, {"ZZZ", "", false},
		{"+254 Kenya", "", false}, {"Kenya1", "", false}, {"n/a", "", false}, {"-", "", false},
		// Longer than any name: not given to the ISO names' reader, which
		// reads up to the "(" (and took 5 s on a 160 KB cell).
		{"Kenya (" + strings.Repeat("x", 60) + ")", "", false},
	}
	for _, tt := range tests {
		got, ok := RegionFromCountry(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("RegionFromCountry(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestCountryNames: every region of the metadata is found by its CLDR
// English name and its alpha-3 code, unless another region shares it,
// and a name is looked up without allocating.
func TestCountryNames(t *testing.T) {
	en := display.English.Regions()
	for _, code := range supportedRegionList() {
		r := language.MustParseRegion(code)
		for _, name := range []string{en.Name(r), r.ISO3()} {
			if got, ok := RegionFromCountry(name); !ok || got != code {
				t.Errorf("RegionFromCountry(%q) = %q, %v; want %s", name, got, ok, code)
			}
		}
	}
	for _, lang := range exportLanguages {
		namer := display.Regions(lang)
		for _, code := range supportedRegionList() {
			name := namer.Name(language.MustParseRegion(code))
			if got, ok := RegionFromCountry(name); ok && got != code {
				t.Errorf("RegionFromCountry(%q) = %q; want %s (%s)", name, got, code, lang)
			}
		}
	}
	for _, cell := range []string{"United States", "Kenya", "USA", "Atlantis", "Maroc"} {
		if n := testing.AllocsPerRun(100, func() { RegionFromCountry(cell) }); n != 0 {
			t.Errorf("RegionFromCountry(%q) allocates %v times", cell, n)
		}
	}
}

func TestCallingCodeLen(t *testing.T) {
	tests := []struct {
		digits string
		want   int
	}{
		{"254712345678", 3},
		{"12025550143", 1},
		{"447911123456", 2},
		{"3531234", 3},
		{"8081234567", 3}, // 808, a non-geographic ("001") code
		{"99912345", 1},   // no code the metadata knows
		{"9", 1},
		{"", 1},
	}
	for _, tt := range tests {
		if got := CallingCodeLen(tt.digits); got != tt.want {
			t.Errorf("CallingCodeLen(%q) = %d, want %d", tt.digits, got, tt.want)
		}
	}
}

func TestIsE164(t *testing.T) {
	for in, want := range map[string]bool{"+254712345678": true, "254712345678": false, "+254 712": false, "+": false, " +254712345678": false} {
		if got := IsE164(in); got != want {
			t.Errorf("IsE164(%q) = %v", in, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"+254712345678", "0712 345678", "00254712345678", "+1 (202) 555-0143 ext. 5", "abc", "+", "٠٧١٢٣٤٥٦٧٨", "tel:+254712345678"} {
		f.Add(s, "KE")
	}
	f.Fuzz(func(t *testing.T, raw, region string) {
		n := Parse(raw, region)
		if n.Valid {
			if !IsE164(n.E164()) || !n.WrittenAs(n.E164()) || n.Problem != OK || n.CallingCode == 0 {
				t.Fatalf("Parse(%q, %q) = %+v: valid but inconsistent", raw, region, n)
			}
			// The E.164 form is a fixed point: it parses to itself without a region.
			if again := Parse(n.E164(), ""); again.E164() != n.E164() {
				t.Fatalf("Parse(%q) = %q, want it unchanged", n.E164(), again.E164())
			}
		} else if n.Problem == OK {
			t.Fatalf("Parse(%q, %q) invalid without a problem", raw, region)
		}
	})
}

// TestCallingCodeMatchesLibrary checks CallingCode, answered from the fast
// path's tables, against the library for every region and a few
// non-regions.
func TestCallingCodeMatchesLibrary(t *testing.T) {
	for region := range phonenumbers.GetSupportedRegions() {
		if got, want := CallingCode(region), phonenumbers.GetCountryCodeForRegion(region); got != want {
			t.Errorf("CallingCode(%q) = %d, library %d", region, got, want)
		}
	}
	for _, region := range []string{"", "ZZ", "001", "ke", "K", "KEN", "XX"} {
		if got := CallingCode(region); got != 0 {
			t.Errorf("CallingCode(%q) = %d, want 0", region, got)
		}
	}
}

// TestIsRegionMatchesLibrary checks IsRegion, answered from the fast
// path's tables, against the library's list for every two-letter code.
func TestIsRegionMatchesLibrary(t *testing.T) {
	supported := phonenumbers.GetSupportedRegions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r := string([]rune{a, b})
			if got, want := IsRegion(r), supported[r]; got != want {
				t.Errorf("IsRegion(%q) = %v, library %v", r, got, want)
			}
		}
	}
	for _, r := range []string{"", "001", "ke", "Ke", "K", "KEN", "1A"} {
		if IsRegion(r) {
			t.Errorf("IsRegion(%q) = true", r)
		}
	}
}

func TestInternationalColumn(t *testing.T) {
	for h, want := range map[string]bool{"msisdn": true, "MSISDN": true, "wa_id": true, "WA-ID": true, "SMS": true, "sms": true,
		"phone": false, "whatsapp": false, "WHATSAPP": false, "to": false, "sm": false, "smss": false, "sms_blacklisted": false} {
		if got := IsInternationalColumn(h); got != want {
			t.Errorf("IsInternationalColumn(%q) = %v", h, got)
		}
	}
	for cell, want := range map[string]string{
		"254712345678": "+254712345678", " 254712345678 ": "+254712345678", "+254712345678": "+254712345678",
		"0712345678": "0712345678", "254 712 345678": "254 712 345678", "": "", "n/a": "n/a",
		// 00 and a country code has it, with or without a region (Brevo's
		// SMS column takes 0033…); 000 is no country code's.
		"0033612345678": "+33612345678", "00 33 6 12 34 56 78": "+ 33 6 12 34 56 78", "000254712345678": "000254712345678",
		// Marks and Excel's ="…" are read through, as Parse reads them.
		"\u200e254712345678": "+254712345678", "254712345678\u200b": "+254712345678", "\ufeff254712345678": "+254712345678",
		`="254712345678"`: "+254712345678", "\u200e0033612345678": "+33612345678", `="0033612345678"`: "+33612345678",
		"\u200e0712345678": "\u200e0712345678", "\u200e+254712345678": "\u200e+254712345678",
	} {
		if got := WithPlus(cell); got != want {
			t.Errorf("WithPlus(%q) = %q, want %q", cell, got, want)
		}
	}
}

// TestAsNational: bare digits get a space, so that an international
// column reads them as the national number they were (WithPlus leaves
// them alone), under the same region to the same answer, valid or not:
// 447911123456 in Kenya stays too long rather than becoming the British
// +447911123456.
func TestAsNational(t *testing.T) {
	for cell, want := range map[string]string{
		"2015550154": "201 5550154", " 447911123456 ": "447 911123456", "123": "12 3", "12": "12", "7": "7",
		"0712345678": "0712345678", "201 555 0154": "201 555 0154", "(201) 555-0154": "(201) 555-0154",
		"+12015550154": "+12015550154", "": "", "n/a": "n/a",
		// 00 is broken up, so that WithPlus does not read a country code.
		"0033612345678": "0 033612345678", "00 33 6 12 34 56 78": "0 0 33 6 12 34 56 78", "000254712345678": "000254712345678",
		"\u200e2015550154": "201 5550154", `="2015550154"`: "201 5550154", "\u200e0033612345678": "0 033612345678",
	} {
		if got := AsNational(cell); got != want {
			t.Errorf("AsNational(%q) = %q, want %q", cell, got, want)
		}
	}
	for _, tc := range []struct{ cell, region string }{
		{"2015550154", "US"}, {"2015550154", "KE"}, {"447911123456", "KE"}, {"447911123456", ""},
		{"712345678", "KE"}, {"20155501", "US"}, {"123", "US"}, {"7911123456", "GB"},
		{"0033612345678", ""}, {"0033612345678", "KE"}, {"0033612345678", "FR"}, {"00 33 6 12 34 56 78", "GB"},
		{"\u200e2015550154", "US"}, {`="2015550154"`, "KE"}, {"\u200e0033612345678", ""},
	} {
		got, want := Parse(AsNational(tc.cell), tc.region), Parse(tc.cell, tc.region)
		if got != want {
			t.Errorf("Parse(AsNational(%q), %q) = %+v, want %+v as Parse(%q)", tc.cell, tc.region, got, want, tc.cell)
		}
		if s := AsNational(tc.cell); WithPlus(s) != s {
			t.Errorf("WithPlus(AsNational(%q)) = %q: an international column would read it with a +", tc.cell, WithPlus(s))
		}
	}
}

// TestSuggestRegion: a name in a language that is not read names its own
// country, never a look-alike of another; a misspelling gets the nearest.
func TestSuggestRegion(t *testing.T) {
	for in, want := range map[string]string{
		"Marocco": "MA (Morocco)", "Cina": "CN (China)", "Olanda": "NL (Netherlands)", "Svizzera": "CH (Switzerland)",
		"Kenyaa": "KE (Kenya)", "Atlantis": "", "KX": "",
	} {
		if got := SuggestRegion(in); got != want {
			t.Errorf("SuggestRegion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestE164Key holds e164Key's own digit loop to strconv.ParseUint, which
// it stands in for: 0 for anything ParseUint rejects.
func TestE164Key(t *testing.T) {
	for _, s := range []string{"+", "+0", "+7", "+254712345678", "+0012", "+1234567890123456789",
		"+18446744073709551615", "+18446744073709551616", "+99999999999999999999", "+12a4", "+-1", "++1", "+1 2", "+١٢"} {
		want, err := strconv.ParseUint(s[1:], 10, 64)
		if err != nil {
			want = 0
		}
		if got := e164Key(s); got != want {
			t.Errorf("e164Key(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestWrittenAsIsE164AndKey holds WrittenAs, which leaves the digits to
// e164Key, to its definition: IsE164(s) and s's digits are the key.
func TestWrittenAsIsE164AndKey(t *testing.T) {
	n := Number{Valid: true, Key: 254712345678}
	for _, s := range []string{"+254712345678", "254712345678", "+254712345678 ", "+25471234567a", "+", "", "+0254712345678",
		"++254712345678", "+254 712345678", "+２５４712345678", "+254712345679", "+2547123456780000000000"} {
		if got, want := n.WrittenAs(s), IsE164(s) && e164Key(s) == n.Key; got != want {
			t.Errorf("WrittenAs(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestKeyE164 holds keyE164's reading of digits, eight at a time, to
// strconv's, for national numbers of every length the fast path takes.
func TestKeyE164(t *testing.T) {
	for _, cc := range []int{1, 44, 254, 998} {
		for _, nsn := range []string{"", "7", "12345678", "99999999", "00000001", "712345678", "7123456789",
			"10000000000000000", "98765432109876543", "2025550143"} {
			if len(strconv.Itoa(cc))+len(nsn) > 19 {
				continue
			}
			want, err := strconv.ParseUint(strconv.Itoa(cc)+nsn, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			if got, long := keyE164(cc, []byte(nsn)); got != want || long != "" {
				t.Errorf("keyE164(%d, %q) = %d, %q, want %d", cc, nsn, got, long, want)
			}
		}
	}
}
