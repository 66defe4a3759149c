package phone

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// The number-type descriptions of a region, in the order the library's
// getNumberTypeHelper tests them; each owns one bit of a match mask.
const (
	descGeneral = iota
	descPremiumRate
	descTollFree
	descSharedCost
	descVoip
	descPersonalNumber
	descPager
	descUAN
	descVoicemail
	descFixedLine
	descMobile
	descCount
)

func descs(m *phonenumbers.PhoneMetadata) [descCount]*phonenumbers.PhoneNumberDesc {
	return [descCount]*phonenumbers.PhoneNumberDesc{
		m.GetGeneralDesc(), m.GetPremiumRate(), m.GetTollFree(), m.GetSharedCost(),
		m.GetVoip(), m.GetPersonalNumber(), m.GetPager(), m.GetUan(),
		m.GetVoicemail(), m.GetFixedLine(), m.GetMobile(),
	}
}

// regionInfo is what the fast path needs of one region's metadata. The
// cheap fields are filled for every region at first use of the package;
// the automata are built when a number first needs them (compile).
type regionInfo struct {
	id      string
	meta    *phonenumbers.PhoneMetadata
	cc      int
	ccDigit string // cc in decimal

	// ok is false when the region's metadata has something the fast path
	// does not mirror; every number touching the region then falls back.
	ok bool

	// descsOfLength[n] has bit i set when desc i lets a national number of
	// n digits (64 or more at 64) pass its length check: it lists n as a
	// possible length, or lists none (then any length passes, as in the
	// library's isNumberPossibleForDesc).
	descsOfLength      [65]uint16
	sameMobileAndFixed bool

	// General desc possible lengths, as testNumberLength(…, UNKNOWN) reads them.
	possible, localOnly []int32
	noPattern           bool // empty general desc pattern

	// National prefix for parsing: literal alternatives tried in order when
	// npLiterals is set, else npRegexp mirrors the library step by step.
	npfp       string
	npLiterals []string
	npRegexp   *regexp.Regexp
	npRule     string
	// npSub and iddSub match npRegexp and iddRegexp without allocating;
	// nil when a pattern is too large for them. npRuleParts is npRule
	// parsed for expandTemplate; nil when it is not digits and $N.
	npSub, iddSub *submatcher
	npRuleParts   []templatePart
	// trunk is the national (trunk) prefixes a national number of the
	// region is written with (NationalKeys).
	trunk []string

	// International (IDD) prefix: every match has length iddLen when
	// iddFixed, tested with the automaton idd; else iddRegexp.
	iddFixed  bool
	iddLen    int
	iddRegexp *regexp.Regexp

	once    sync.Once
	types   *dfa // one bit per desc, full match
	leading *dfa // leading digits, prefix match; nil when none
	idd     *dfa
	// npMatch answers npRegexp.MatchString without allocating, so only
	// numbers that do start with the prefix pay for the regexp calls.
	npMatch *dfa
	built   bool // automata built without error
}

// callingCode is one calling code and the regions sharing it, main first,
// in the library's order (the order GetRegionCodeForNumber tries them).
type callingCode struct {
	regions []*regionInfo
	// nonGeo codes ("001") and codes whose regions lack metadata fall back.
	ok bool
}

type tables struct {
	byRegion [26 * 26]*regionInfo
	byCode   [1000]*callingCode
	meta     map[string]*phonenumbers.PhoneMetadata // by region id, while building
}

var (
	tablesOnce sync.Once
	tab        *tables
)

func loadTables() *tables {
	tablesOnce.Do(func() { tab = newTables() })
	return tab
}

func newTables() *tables {
	t := &tables{meta: map[string]*phonenumbers.PhoneMetadata{}}
	if coll, err := phonenumbers.MetadataCollection(); err == nil {
		for _, m := range coll.GetMetadata() {
			t.meta[m.GetId()] = m
		}
	}
	for cc := 1; cc < 1000; cc++ {
		ids := phonenumbers.GetRegionCodesForCountryCode(cc)
		if len(ids) == 0 {
			continue
		}
		code := &callingCode{ok: true}
		for _, id := range ids {
			ri := t.region(id)
			if ri == nil {
				code.ok = false // "001" or a region without metadata
				break
			}
			if ri.cc != cc {
				code.ok = false
			}
			code.regions = append(code.regions, ri)
		}
		t.byCode[cc] = code
	}
	t.meta = nil
	return t
}

// region returns the info of an upper-case two-letter region the metadata
// supports, making it on first request.
func (t *tables) region(id string) *regionInfo {
	i, ok := regionIndex(id)
	if !ok || !phonenumbers.GetSupportedRegions()[id] {
		return nil
	}
	if t.byRegion[i] == nil {
		t.byRegion[i] = newRegionInfo(id, t.meta[id])
	}
	return t.byRegion[i]
}

func regionIndex(id string) (int, bool) {
	if len(id) != 2 || id[0] < 'A' || id[0] > 'Z' || id[1] < 'A' || id[1] > 'Z' {
		return 0, false
	}
	return int(id[0]-'A')*26 + int(id[1]-'A'), true
}

// lookup is the hot-path form of region: tables are complete after
// loadTables, so it only indexes.
func (t *tables) lookup(id string) *regionInfo {
	i, ok := regionIndex(id)
	if !ok {
		return nil
	}
	return t.byRegion[i]
}

func newRegionInfo(id string, m *phonenumbers.PhoneMetadata) *regionInfo {
	ri := &regionInfo{id: id, meta: m, ok: m != nil}
	if m == nil {
		return ri
	}
	ri.cc = int(m.GetCountryCode())
	ri.ccDigit = strconv.Itoa(ri.cc)
	ri.sameMobileAndFixed = m.GetSameMobileAndFixedLinePattern()
	for i, d := range descs(m) {
		if d == nil { // the library would dereference it
			ri.ok = false
			return ri
		}
		if len(d.PossibleLength) == 0 {
			for n := range ri.descsOfLength {
				ri.descsOfLength[n] |= 1 << i
			}
		}
		for _, l := range d.PossibleLength {
			if l >= 64 {
				ri.ok = false
			} else if l >= 0 {
				ri.descsOfLength[l] |= 1 << i
			}
		}
	}
	gd := m.GetGeneralDesc()
	ri.possible, ri.localOnly = gd.PossibleLength, gd.PossibleLengthLocalOnly
	ri.noPattern = gd.GetNationalNumberPattern() == ""
	if len(ri.possible) == 0 { // testNumberLength would index past the end
		ri.ok = false
	}

	ri.npfp, ri.npRule = m.GetNationalPrefixForParsing(), m.GetNationalPrefixTransformRule()
	if ri.npfp != "" {
		if lits, ok := literalAlternatives(ri.npfp); ok && ri.npRule == "" {
			ri.npLiterals = lits
		} else if re, err := regexp.Compile("^(?:" + ri.npfp + ")"); err == nil {
			ri.npRegexp = re
			ri.npSub, _ = newSubmatcher("^(?:" + ri.npfp + ")")
			ri.npRuleParts, _ = parseTemplate(ri.npRule)
		} else {
			ri.ok = false
		}
	}
	ri.trunk = trunkPrefixes(m.GetNationalPrefix(), ri.npfp, ri.npRule)
	idd := m.GetInternationalPrefix()
	if n, ok := fixedLength(idd); ok && n > 0 {
		ri.iddFixed, ri.iddLen = true, n
	} else if re, err := regexp.Compile(idd); err == nil {
		ri.iddRegexp = re
		// Only a match at the start counts, and the leftmost match starts
		// there when one can.
		ri.iddSub, _ = newSubmatcher("^(?:" + idd + ")")
	} else {
		ri.ok = false
	}
	return ri
}

// compile builds the region's automata, once; false when they cannot be
// built, so the caller falls back. They are read from the ones built
// ahead (automata.bin) when those were built from the same patterns.
func (ri *regionInfo) compile() bool {
	ri.once.Do(func() {
		if !ri.ok {
			return
		}
		pats := ri.patterns()
		a, ok := builtAutomata(ri.id, pats)
		if !ok {
			var err error
			if a, err = pats.build(); err != nil {
				return
			}
		}
		ri.types, ri.leading, ri.idd, ri.npMatch = a.types, a.leading, a.idd, a.npMatch
		ri.built = true
	})
	return ri.built
}

// automataPatterns are the patterns a region's automata are built from:
// one per desc for types, and for leading, idd and npMatch one or none.
type automataPatterns struct {
	types                 []string
	leading, idd, npMatch string
}

// automata are a region's automata, as regionInfo holds them.
type automata struct {
	types, leading, idd, npMatch *dfa
}

// patterns is what the region's automata are built from.
func (ri *regionInfo) patterns() automataPatterns {
	var p automataPatterns
	for _, d := range descs(ri.meta) {
		// The library's isNumberMatchingDesc anchors every pattern so.
		p.types = append(p.types, "^(?:"+d.GetNationalNumberPattern()+")$")
	}
	if ld := ri.meta.GetLeadingDigits(); ld != "" {
		p.leading = "^(?:" + ld + ")"
	}
	if ri.iddFixed {
		p.idd = "^(?:" + ri.meta.GetInternationalPrefix() + ")$"
	}
	if ri.npRegexp != nil {
		p.npMatch = "^(?:" + ri.npfp + ")"
	}
	return p
}

// build builds the automata of p: the reference the automata built ahead
// are held to.
func (p automataPatterns) build() (automata, error) {
	var a automata
	var err error
	if a.types, err = buildDFA(p.types); err != nil {
		return a, err
	}
	for _, one := range []struct {
		pattern string
		d       **dfa
	}{{p.leading, &a.leading}, {p.idd, &a.idd}, {p.npMatch, &a.npMatch}} {
		if one.pattern == "" {
			continue
		}
		if *one.d, err = buildDFA([]string{one.pattern}); err != nil {
			return a, err
		}
	}
	return a, nil
}

// literalAlternatives splits a pattern made only of digits and '|' into
// its alternatives; Go's leftmost-first matching of ^(?:a|b) picks the
// first alternative that is a prefix, which is what the caller replays.
func literalAlternatives(p string) ([]string, bool) {
	for i := 0; i < len(p); i++ {
		if (p[i] < '0' || p[i] > '9') && p[i] != '|' {
			return nil, false
		}
	}
	return strings.Split(p, "|"), true
}

// matches returns the descs that nsn matches as isNumberMatchingDesc
// decides: a listed possible length, then the full pattern.
func (ri *regionInfo) matches(nsn []byte) uint16 {
	return full(ri.types, nsn) & ri.descsOfLength[min(len(nsn), len(ri.descsOfLength)-1)]
}

// general reports whether s fully matches the general desc's pattern (the
// library's "viable" number checks, which ignore possible lengths).
func general[T string | []byte](ri *regionInfo, s T) bool {
	return full(ri.types, s)&(1<<descGeneral) != 0
}

// numberType is getNumberTypeHelper over a match mask.
func (ri *regionInfo) numberType(nsn []byte) phonenumbers.PhoneNumberType {
	return ri.typeOf(ri.matches(nsn))
}

// typeOf is the type of a number whose match mask is m.
func (ri *regionInfo) typeOf(m uint16) phonenumbers.PhoneNumberType {
	if m&(1<<descGeneral) == 0 {
		return phonenumbers.UNKNOWN
	}
	if m&specialDescs != 0 {
		return specialType(m)
	}
	if m&(1<<descFixedLine) != 0 {
		if ri.sameMobileAndFixed || m&(1<<descMobile) != 0 {
			return phonenumbers.FIXED_LINE_OR_MOBILE
		}
		return phonenumbers.FIXED_LINE
	}
	if !ri.sameMobileAndFixed && m&(1<<descMobile) != 0 {
		return phonenumbers.MOBILE
	}
	return phonenumbers.UNKNOWN
}

// specialDescs are the descs of the types getNumberTypeHelper tries before
// fixed line and mobile, which few numbers match.
const specialDescs = 1<<descPremiumRate | 1<<descTollFree | 1<<descSharedCost | 1<<descVoip |
	1<<descPersonalNumber | 1<<descPager | 1<<descUAN | 1<<descVoicemail

// specialType is the type of the first of specialDescs, in the library's
// order, that a match mask m holds.
func specialType(m uint16) phonenumbers.PhoneNumberType {
	for _, c := range [...]struct {
		desc int
		typ  phonenumbers.PhoneNumberType
	}{
		{descPremiumRate, phonenumbers.PREMIUM_RATE},
		{descTollFree, phonenumbers.TOLL_FREE},
		{descSharedCost, phonenumbers.SHARED_COST},
		{descVoip, phonenumbers.VOIP},
		{descPersonalNumber, phonenumbers.PERSONAL_NUMBER},
		{descPager, phonenumbers.PAGER},
		{descUAN, phonenumbers.UAN},
		{descVoicemail, phonenumbers.VOICEMAIL},
	} {
		if m&(1<<c.desc) != 0 {
			return c.typ
		}
	}
	return phonenumbers.UNKNOWN
}

// testLength is the library's testNumberLength(number, metadata, UNKNOWN).
func (ri *regionInfo) testLength(n int) phonenumbers.ValidationResult {
	pl := ri.possible
	if pl[0] == -1 {
		return phonenumbers.INVALID_LENGTH
	}
	for _, l := range ri.localOnly {
		if int(l) == n {
			return phonenumbers.IS_POSSIBLE_LOCAL_ONLY
		}
	}
	switch {
	case int(pl[0]) == n:
		return phonenumbers.IS_POSSIBLE
	case int(pl[0]) > n:
		return phonenumbers.TOO_SHORT
	case int(pl[len(pl)-1]) < n:
		return phonenumbers.TOO_LONG
	}
	for _, l := range pl[1:] {
		if int(l) == n {
			return phonenumbers.IS_POSSIBLE
		}
	}
	return phonenumbers.INVALID_LENGTH
}
