package phone

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/biter777/countries"
	"github.com/listaudit/listaudit/pkg/domain"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// Exports write the country as a name as often as a code (Klaviyo's
// "United States", a German CRM's "Deutschland"). The names come from
// CLDR through golang.org/x/text, for every region the phone metadata
// knows: its English name, its name in its own main language, and its
// ISO 3166 alpha-3 code. Nothing is typed by hand, so no region is
// forgotten and no spelling is invented.

// maxNameKey bounds the normalised names looked up without allocating;
// the longest region name CLDR has is under 40 letters.
const maxNameKey = 64

// regionFromName reads a country cell that names a country: its English
// name ("United States", "Kenya"), short forms derived from it ("Bosnia
// and Herzegovina" for CLDR's "Bosnia & Herzegovina", "Myanmar" and
// "Burma" for "Myanmar (Burma)", "Hong Kong" for "Hong Kong SAR China",
// "Saint Lucia" for "St. Lucia"), its name in its own main language
// ("Deutschland", "España", "Česko"), or its ISO 3166 alpha-3 code
// ("USA", "KEN"). Case, accents, spaces and punctuation do not matter.
// A name two regions share is neither's. ok is false for anything else.
func regionFromName(cell string) (region string, ok bool) {
	var buf [maxNameKey]byte
	key, fast := asciiNameKey(buf[:0], strings.TrimSpace(cell))
	if !fast {
		key = []byte(nameKey(cell))
	}
	if len(key) == 0 {
		return "", false
	}
	if region, ok = countryNames()[string(key)]; ok {
		return region, true
	}
	return isoName(key, cell)
}

// isoName reads a country name that CLDR's do not give: ISO 3166's short
// names as CRM picklists write them ("Korea, Republic of", "Russian
// Federation", "Iran, Islamic Republic of"), the United Kingdom's countries
// ("England", "Scotland") and "Great Britain", through
// github.com/biter777/countries. Only for a key of four letters or more:
// it reads "n/a" (key "na") as Namibia and "no" as Norway, which a country
// cell means as no country.
func isoName(key []byte, cell string) (string, bool) {
	// Nor for a cell with digits or a "+": it reads "Kenya1" and
	// "+254 Kenya" as Kenya, which a cell of names does not hold.
	// Nor for a key longer than any name (maxNameKey): ByName's time grows
	// as the square of a cell's letters, and a 160 KB cell took 5 s.
	if len(key) < 4 || len(key) > maxNameKey || strings.ContainsAny(cell, "0123456789+") {
		return "", false
	}
	cell = strings.TrimSpace(cell)
	isoNames.RLock()
	code, seen := isoNames.m[cell]
	isoNames.RUnlock()
	if !seen {
		// ByName allocates: a column of names it does not know would
		// pay on every row, so its answers are kept (up to a bound, for
		// a file of a million different cells).
		code = countries.ByName(cell).Alpha2()
		if len(code) != 2 || !supportedRegions[code] {
			code = "" // Unknown, or a code such as "International"
		}
		isoNames.Lock()
		if len(isoNames.m) < maxISONames {
			isoNames.m[strings.Clone(cell)] = code
		}
		isoNames.Unlock()
	}
	return code, code != ""
}

// isoNames keeps isoName's answers by cell; workers share it.
var isoNames = struct {
	sync.RWMutex
	m map[string]string
}{m: map[string]string{}}

const maxISONames = 4096

// asciiNameKey appends the name key of s to dst when s is ASCII and its key
// fits: letters lower-cased and digits, everything else dropped. fast is
// false when nameKey must do it.
func asciiNameKey(dst []byte, s string) (key []byte, fast bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return nil, false
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			continue
		}
		if len(dst) == cap(dst) {
			return nil, false
		}
		dst = append(dst, c)
	}
	return dst, true
}

// nameKey is the key a country name is looked up by: its letters and
// digits, lower-cased, without accents.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// exportLanguages are the languages, besides English and a region's own,
// in which a spreadsheet or CRM writes country names: those of the
// headers listaudit reads (French, Spanish, Portuguese, German), whose
// users' Excel writes "Maroc", "Suiza", "Alemanha" or "Marokko".
var exportLanguages = []language.Tag{language.French, language.Spanish, language.Portuguese, language.German}

// countryNames maps name keys to the regions of the phone metadata. It is
// built once, on first use: most lists write codes, and never need it.
// English names, own-language names and alpha-3 codes come first; a name
// in an export language is added only for a key none of those gave to a
// region (nor to two), so that no French, Spanish, Portuguese or German
// name ever takes a name that reads as another region in English. A name
// two regions share at one level is neither's.
var countryNames = sync.OnceValue(func() map[string]string {
	regions := parsedRegions()
	names := nameTable{}
	english := display.English.Regions()
	for _, c := range regions {
		names.add(c.region.ISO3(), c.code)
		names.addForms(english.Name(c.region), c.code)
		names.addForms(ownName(c.region), c.code)
	}
	first := names.resolved()
	others := nameTable{}
	for _, lang := range exportLanguages {
		namer := display.Regions(lang)
		for _, c := range regions {
			others.addForms(namer.Name(c.region), c.code)
		}
	}
	for k, code := range others.resolved() {
		if _, taken := names.regions[k]; !taken {
			first[k] = code
		}
	}
	return first
})

// regionCode is a region of the metadata, as its code and as parsed.
type regionCode struct {
	code   string
	region language.Region
}

// parsedRegions is the metadata's regions that CLDR knows, sorted.
func parsedRegions() []regionCode {
	var out []regionCode
	for _, code := range supportedRegionList() {
		if r, err := language.ParseRegion(code); err == nil {
			out = append(out, regionCode{code, r})
		}
	}
	return out
}

// nameTable collects name keys and the regions they name; a key given to
// two regions is shared.
type nameTable struct {
	regions map[string]string
	shared  map[string]bool
}

func (t *nameTable) add(name, region string) {
	k := nameKey(name)
	if k == "" {
		return
	}
	if t.regions == nil {
		t.regions, t.shared = map[string]string{}, map[string]bool{}
	}
	if r, ok := t.regions[k]; ok && r != region {
		t.shared[k] = true
	}
	t.regions[k] = region
}

func (t *nameTable) addForms(name, region string) {
	for _, n := range nameForms(name) {
		t.add(n, region)
	}
}

// resolved is the table without its shared keys (a new map: regions keeps
// them, so that a later level does not take them either).
func (t *nameTable) resolved() map[string]string {
	out := make(map[string]string, len(t.regions))
	for k, r := range t.regions {
		if !t.shared[k] {
			out[k] = r
		}
	}
	return out
}

// supportedRegionList is the metadata's regions, sorted so that building
// countryNames does not depend on map order.
func supportedRegionList() []string {
	out := make([]string, 0, len(supportedRegions))
	for r := range supportedRegions {
		if len(r) == 2 {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// ownName is region r's name in the main language spoken there ("Deutschland"
// for DE), "" when CLDR has none.
func ownName(r language.Region) string {
	tag, err := language.Compose(language.Und, r)
	if err != nil {
		return ""
	}
	base, _ := tag.Base() // the likely language: de for und-DE
	local, err := language.Compose(base, r)
	if err != nil {
		return ""
	}
	namer := display.Regions(local)
	if namer == nil {
		return ""
	}
	return namer.Name(r)
}

// nameForms returns a CLDR region name and the forms lists write it in:
// "&" as "and", "St." as "Saint", without a parenthesised alternative
// name and that name alone ("Myanmar (Burma)"), and without the " SAR
// China" of Hong Kong and Macau.
func nameForms(name string) []string {
	if name == "" {
		return nil
	}
	forms := []string{name}
	if base, alt, ok := strings.Cut(name, " ("); ok {
		forms = append(forms, base, strings.TrimSuffix(alt, ")"))
	}
	if base, ok := strings.CutSuffix(name, " SAR China"); ok {
		forms = append(forms, base)
	}
	for _, f := range forms {
		if strings.Contains(f, "&") {
			forms = append(forms, strings.ReplaceAll(f, "&", "and"))
		}
	}
	for _, f := range forms {
		if strings.HasPrefix(f, "St. ") {
			forms = append(forms, "Saint "+f[len("St. "):])
		}
	}
	return forms
}

// regionFromAlias reads a two-letter code that is not a region of the
// metadata but stands for one: "UK" (reserved by ISO 3166 for the United
// Kingdom, whose code is GB) and withdrawn codes (ZR for Congo - Kinshasa),
// as CLDR's aliases say.
func regionFromAlias(code string) (string, bool) {
	r, err := language.ParseRegion(code)
	if err != nil {
		return "", false
	}
	c := r.Canonicalize().String()
	return c, IsRegion(c)
}

// SuggestRegion is the hint for a country value RegionFromCountry does not
// read: the region it names in a language whose names are not read
// ("Marocco", Italian: "MA (Morocco)"), else the region whose name or
// alpha-3 code is nearest to it, as "KE (Kenya)"; "" when none is within
// two edits. A name of a country is never taken for a look-alike name of
// another ("Marocco" is not Monaco). A two-letter code is one edit from
// too many others to guess from.
func SuggestRegion(s string) string {
	key := nameKey(s)
	if len(key) < 3 {
		return ""
	}
	if code, ok := hintNames()[key]; ok {
		return code + " (" + RegionName(code) + ")"
	}
	names := countryNames()
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the first of equally near names, whatever the map's order
	near := domain.Nearest(key, keys)
	if near == "" {
		return ""
	}
	code := names[near]
	return code + " (" + RegionName(code) + ")"
}

// hintLanguages are further languages written in Latin letters whose
// country names SuggestRegion knows, but a country cell does not read:
// a name in one of them is a hint for the code to give, not a country.
var hintLanguages = []string{
	"af", "az", "bs", "ca", "cs", "cy", "da", "et", "eu", "fi", "fil", "ga", "gl", "hr", "hu", "id", "is",
	"it", "lt", "lv", "ms", "nb", "nl", "pl", "ro", "sk", "sl", "sq", "sv", "sw", "tr", "uz", "vi", "zu",
}

// hintNames maps the name keys of hintLanguages to regions; a key two
// regions share is neither's. Built on first use: only a --region value
// that is not read asks for it.
var hintNames = sync.OnceValue(func() map[string]string {
	t := nameTable{}
	regions := parsedRegions()
	for _, l := range hintLanguages {
		namer := display.Regions(language.MustParse(l))
		if namer == nil {
			continue
		}
		for _, c := range regions {
			t.addForms(namer.Name(c.region), c.code)
		}
	}
	return t.resolved()
})

// RegionName is region code's English name ("Kenya" for KE); the code
// itself when CLDR has none.
func RegionName(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.English.Regions().Name(r); n != "" {
		return n
	}
	return code
}
