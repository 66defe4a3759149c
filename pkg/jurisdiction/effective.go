package jurisdiction

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// policySource is the source of a value the policy file set.
var policySource = Source{Cite: "policy override", Status: Policy}

// Resolve is what code sets for the campaign of policy p: the table's
// entry with the policy's overrides for the code, less the thresholds
// that do not cover the campaign's channel and purpose (all cover a
// campaign that declares none). ok is false when nothing is left.
func Resolve(code string, p domain.Policy) (e Entry, ok bool) {
	if t, found := Lookup(code); found {
		e = *t
	} else {
		e = Entry{Code: code, Name: Name(code)}
	}
	if o, found := p.Jurisdictions.Overrides[code]; found {
		e = override(e, o, p)
	}
	e = forCampaign(e, p.Channel, p.Purpose)
	return e, e.Window != nil || len(e.Caps) > 0 || len(e.Ages) > 0
}

// override replaces the values the policy sets for a jurisdiction. A
// sending window replaces the hours, on the days the table's window allows
// (a day or a holiday a law excludes stays excluded, cited to the law); a cap
// replaces every cap, taking what it does not set from the table's first
// cap or, without one, from the policy's own cap; a consent age applies to
// every consent type.
func override(e Entry, o domain.JurisdictionOverride, p domain.Policy) Entry {
	if o.SendWindow != nil {
		w := &SendingWindow{Windows: []Window{{Hours: *o.SendWindow, Days: EveryDay}}, Source: policySource}
		if e.Window != nil {
			law := e.Window.HolidaySource()
			w.Windows[0].Days, w.Holidays, w.holidaySource = e.Window.Days(), e.Window.Holidays, &law
		}
		e.Window = w
	}
	if o.MaxMessages != nil || o.MessageWindow != nil {
		c := Cap{Max: p.MaxMessages, Per: p.MessageWindow, Source: policySource}
		if len(e.Caps) > 0 {
			c.Max, c.Per = e.Caps[0].Max, e.Caps[0].Per
		}
		if o.MaxMessages != nil {
			c.Max = *o.MaxMessages
		}
		if o.MessageWindow != nil {
			c.Per = *o.MessageWindow
		}
		e.Caps = []Cap{c}
	}
	if o.ConsentMaxAge != nil {
		e.Ages = []ConsentAge{{Types: allConsentTypes, Age: Age{Duration: *o.ConsentMaxAge}, Source: policySource}}
	}
	return e
}

// allConsentTypes are every consent type and none.
var allConsentTypes = []domain.ConsentType{domain.ConsentTypeNone, domain.ConsentExpress, domain.ConsentImplied,
	domain.ConsentImpliedInquiry, domain.ConsentSoftOptIn, domain.ConsentDoubleOptIn}

func forCampaign(e Entry, channel domain.Channel, purpose domain.Purpose) Entry {
	if w := e.Window; w != nil && !covers(w.Channels, w.Purposes, channel, purpose) {
		e.Window = nil
	}
	e.Caps = slices.DeleteFunc(slices.Clone(e.Caps), func(c Cap) bool { return !covers(c.Channels, c.Purposes, channel, purpose) })
	e.Ages = slices.DeleteFunc(slices.Clone(e.Ages), func(a ConsentAge) bool { return !covers(a.Channels, a.Purposes, channel, purpose) })
	return e
}

// Applied is what applies to a number in several jurisdictions at once
// (US and US-FL): every jurisdiction's window, which a send must be
// inside of all; every cap; and per consent type the strictest age.
type Applied struct {
	// Codes are the jurisdictions that set something, country first.
	Codes   []string
	windows []appliedWindow
	// allowed is the minutes every window allows; nil when none has one.
	allowed *minutes
	// holidays is whether some window excludes holidays.
	holidays bool
	caps     []AppliedCap
	ages     [consentTypes]AppliedAge
	// index holds the resolver's index of each code, for tallies.
	index []int
}

// consentTypes counts the consent types, none included.
const consentTypes = int(domain.ConsentDoubleOptIn) + 1

type appliedWindow struct {
	code string
	w    *SendingWindow
	set  *minutes
}

// AppliedCap is a cap and the jurisdiction that sets it.
type AppliedCap struct {
	Code string
	Cap
}

// AppliedAge is the strictest consent age for one consent type, and the
// jurisdiction that sets it.
type AppliedAge struct {
	Code   string
	Age    Age
	Source Source
	// Of are the jurisdictions that give the type an age (expiring or
	// not): several make Age the strictest of them.
	Of []string
}

// Effective merges what the candidates of one number set, each as
// Resolve gives it for p; nil when none sets anything.
func Effective(candidates []string, p domain.Policy) *Applied {
	var entries []Entry
	for _, code := range candidates {
		if e, ok := Resolve(code, p); ok {
			entries = append(entries, e)
		}
	}
	return merge(entries)
}

func merge(entries []Entry) *Applied {
	if len(entries) == 0 {
		return nil
	}
	a := &Applied{}
	for i := range entries {
		e := &entries[i]
		a.Codes = append(a.Codes, e.Code)
		if e.Window != nil {
			set := windowMinutes(e.Window)
			a.windows = append(a.windows, appliedWindow{code: e.Code, w: e.Window, set: set})
			a.holidays = a.holidays || len(e.Window.Holidays) > 0
			if a.allowed == nil {
				all := *set
				a.allowed = &all
			} else {
				a.allowed.and(set)
			}
		}
		for _, c := range e.Caps {
			a.caps = append(a.caps, AppliedCap{Code: e.Code, Cap: c})
		}
		for _, age := range e.Ages {
			a.addAge(e.Code, age)
		}
	}
	return a
}

// addAge keeps, per consent type, the age that lapses first.
func (a *Applied) addAge(code string, c ConsentAge) {
	for _, t := range c.Types {
		cur := &a.ages[t]
		cur.Of = append(cur.Of, code)
		stricter := c.Age.Expires() && (!cur.Age.Expires() || c.Age.approx() < cur.Age.approx())
		if len(cur.Of) == 1 || stricter {
			cur.Code, cur.Age, cur.Source = code, c.Age, c.Source
		}
	}
}

// HasWindow reports whether some jurisdiction sets a sending window.
func (a *Applied) HasWindow() bool { return a.allowed != nil }

// Allows reports whether every window allows a send at the recipient's
// local time, local, whose clock time is t: at t on its day of the week,
// on a date none of their holidays hold.
func (a *Applied) Allows(local time.Time, t domain.ClockTime) bool {
	if a.allowed == nil {
		return true
	}
	if !a.allowed.has(local.Weekday(), t) {
		return false
	}
	if a.holidays {
		d := dateOf(local)
		for _, w := range a.windows {
			if _, _, ok := w.holiday(d); ok {
				return false
			}
		}
	}
	return true
}

// WindowCodes are the jurisdictions that set a sending window.
func (a *Applied) WindowCodes() []string {
	codes := make([]string, len(a.windows))
	for i, w := range a.windows {
		codes[i] = w.code
	}
	return codes
}

// Outside says what forbids sending at the recipient's local time, local,
// whose clock time is t: the policy's own window and each jurisdiction's,
// leaving out any whose hours that day hold a stricter one's (22:00 in
// Florida is after both US's 21:00 and Florida's 20:00: Florida's is
// named; a holiday allows no hours, so it is the strictest). Each is a
// clause of a finding: "outside the sending window 08:00–20:00 of US-FL
// (Fla. Stat. §501.616(6)(a))", "on a Sunday, a day US-MS excludes (…)",
// "on Pioneer Day, a legal holiday excluded by US-UT (…)".
func (a *Applied) Outside(local time.Time, t domain.ClockTime, policy domain.QuietHours) []string {
	type refusal struct {
		set    *minutes
		clause string
	}
	day := local.Weekday()
	var d date
	if a.holidays {
		d = dateOf(local)
	}
	var rs []refusal
	if !policy.Allows(t) {
		rs = append(rs, refusal{policyMinutes(policy), policy.OutsideText(t)})
	}
	for _, w := range a.windows {
		if set, clause, ok := w.refusal(day, d, t); ok {
			rs = append(rs, refusal{set, clause})
		}
	}
	var out []string
	for i, r := range rs {
		looser := false
		for j, o := range rs {
			// o is stricter when its hours lie within r's; of two equal,
			// the first is named.
			if j != i && o.set.within(day, r.set) && (j < i || !r.set.within(day, o.set)) {
				looser = true
				break
			}
		}
		if !looser {
			out = append(out, r.clause)
		}
	}
	return out
}

// policySets caches the minutes of policies' windows: a policy has one.
var policySets sync.Map // domain.QuietHours → *minutes

func policyMinutes(q domain.QuietHours) *minutes {
	if m, ok := policySets.Load(q); ok {
		return m.(*minutes)
	}
	m := windowMinutes(&SendingWindow{Windows: []Window{{Hours: q}}})
	policySets.Store(q, m)
	return m
}

// noMinutes allows no minute: a holiday's.
var noMinutes minutes

// refusal says whether the window refuses clock time t on day, date d,
// with the minutes it allows that day and the clause that says why. A
// holiday on a day the window excludes anyway is named as that day.
func (w appliedWindow) refusal(day time.Weekday, d date, t domain.ClockTime) (*minutes, string, bool) {
	if name, c, ok := w.holiday(d); ok && !w.set.none(day) {
		return &noMinutes, "on " + name + ", a " + c.Kind + " excluded by " + w.code + " (" + w.w.HolidaySource().Short() + ")", true
	}
	if !w.set.has(day, t) {
		return w.set, w.clause(day, t), true
	}
	return nil, "", false
}

// holiday returns the holiday of the window's calendars on date d, with
// its calendar.
func (w appliedWindow) holiday(d date) (string, *Calendar, bool) {
	for _, c := range w.w.Holidays {
		if name, ok := c.on(d); ok {
			return name, c, true
		}
	}
	return "", nil, false
}

// clause says how a jurisdiction's window refuses clock time t on day;
// at the end of one of its hours, which the window excludes, it says the
// window is closed from then.
func (w appliedWindow) clause(day time.Weekday, t domain.ClockTime) string {
	src := " (" + w.w.Source.Short() + ")"
	hs := w.w.On(day)
	if len(hs) == 0 {
		return "on a " + day.String() + ", a day " + w.code + " excludes" + src
	}
	text := "outside the sending window " + hoursText(hs)
	for _, h := range hs {
		if h.End == t && h.Start != h.End {
			text += " (closed from " + t.String() + ")"
		}
	}
	if !w.w.sameEveryDay() {
		text += " on " + day.String() + "s"
	}
	return text + " of " + w.code + src
}

// Caps are every cap that applies, each with its jurisdiction.
func (a *Applied) Caps() []AppliedCap { return a.caps }

// ConsentAge is the strictest age consent of type t has; ok is false
// when no jurisdiction gives one that expires.
func (a *Applied) ConsentAge(t domain.ConsentType) (AppliedAge, bool) {
	if int(t) >= len(a.ages) {
		return AppliedAge{}, false
	}
	age := a.ages[t]
	return age, age.Age.Expires()
}

// StrictestOf words the jurisdictions a value was the strictest of, for
// a finding: ", the strictest of US, US-FL"; "" for one.
func StrictestOf(codes []string) string {
	if len(codes) < 2 {
		return ""
	}
	return ", the strictest of " + strings.Join(codes, ", ")
}

// minutes is a set of the minutes of each day of the week: bit m%64 of
// word m/64 of day d.
type minutes [7][23]uint64

func windowMinutes(s *SendingWindow) *minutes {
	var m minutes
	for _, w := range s.Windows {
		days := w.days()
		for d := time.Sunday; d <= time.Saturday; d++ {
			if !days.Has(d) {
				continue
			}
			for t := domain.ClockTime(0); t < 24*60; t++ {
				if w.Hours.Allows(t) {
					m[d][t/64] |= 1 << (t % 64)
				}
			}
		}
	}
	return &m
}

func (m *minutes) has(d time.Weekday, t domain.ClockTime) bool {
	return m[d][t/64]&(1<<(t%64)) != 0
}

// none reports whether day d has no minutes.
func (m *minutes) none(d time.Weekday) bool { return m[d] == [23]uint64{} }

func (m *minutes) and(o *minutes) {
	for d := range m {
		for i := range m[d] {
			m[d][i] &= o[d][i]
		}
	}
}

// within reports whether day d's minutes of m all lie in o's.
func (m *minutes) within(d time.Weekday, o *minutes) bool {
	for i := range m[d] {
		if m[d][i]&^o[d][i] != 0 {
			return false
		}
	}
	return true
}

// Merged is one threshold of what applies, merged over the jurisdictions:
// the value, the code that set it, and the codes it is the strictest of
// (when several set one).
type Merged struct {
	Kind  string
	Value string
	Code  string
	Of    []string
}

// Strictest lists what applies, merged: the hours every window allows,
// with every holiday any excludes; each cap; and per consent type the
// strictest age.
func (a *Applied) Strictest() []Merged {
	var out []Merged
	if a.allowed != nil {
		codes := a.WindowCodes()
		var cals []*Calendar
		for _, w := range a.windows {
			for _, c := range w.w.Holidays {
				if !slices.Contains(cals, c) {
					cals = append(cals, c)
				}
			}
		}
		m := Merged{Kind: "sending_window", Value: a.allowed.text(cals), Code: codes[0], Of: codes}
		for _, w := range a.windows {
			if *w.set == *a.allowed {
				m.Code = w.code // one window is the strictest everywhere
			}
		}
		out = append(out, m)
	}
	for _, c := range a.caps {
		out = append(out, Merged{Kind: "message_cap", Value: c.String(), Code: c.Code, Of: []string{c.Code}})
	}
	for t, age := range a.ages {
		if len(age.Of) > 0 {
			name := domain.ConsentType(t).String()
			if t == int(domain.ConsentTypeNone) {
				name = "no type recorded"
			}
			out = append(out, Merged{Kind: "consent_age", Value: name + ": " + age.Age.String(), Code: age.Code, Of: age.Of})
		}
	}
	return out
}

// dayText writes the minutes of day d as windows: "08:00–20:00",
// "10:00–13:00 and 14:00–20:00"; "" for none.
func (m *minutes) dayText(d time.Weekday) string {
	var parts []string
	for t := domain.ClockTime(0); t < 24*60; {
		if !m.has(d, t) {
			t++
			continue
		}
		start := t
		for t < 24*60 && m.has(d, t) {
			t++
		}
		parts = append(parts, start.String()+"–"+(t%(24*60)).String())
	}
	return strings.Join(parts, " and ")
}

// String writes the set as SendingWindow.String writes a window.
func (m *minutes) String() string { return m.text(nil) }

// text writes the set with the holidays cals, as SendingWindow.String
// writes a window.
func (m *minutes) text(cals []*Calendar) string {
	var texts []string
	days := map[string]Weekdays{}
	for i := range 7 {
		d := time.Weekday((i + 1) % 7) // from Monday
		text := m.dayText(d)
		if _, seen := days[text]; !seen {
			texts = append(texts, text)
		}
		days[text] |= 1 << d
	}
	var parts []string
	for _, text := range texts {
		switch {
		case text == "":
		case days[text] == EveryDay:
			parts = append(parts, text)
		default:
			parts = append(parts, days[text].String()+" "+text)
		}
	}
	out := strings.Join(parts, ", ")
	if ex := excludedText(days[""], cals); ex != "" {
		out += "; " + ex + " excluded"
	}
	return out
}
