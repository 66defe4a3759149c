package jurisdiction

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// Resolver finds what applies to each row's number under one policy. It
// works the answers out once per country and per area code, so a row
// costs a map lookup or an array index. It is safe for concurrent use.
type Resolver struct {
	policy domain.Policy
	// codes are every code the table or the policy sets something for,
	// sorted: a tally counts rows by index into it.
	codes   []string
	regions map[string]*Applied
	// areas holds the Applied of each +1 area code once known; none when
	// nothing applies there.
	areas [1000]atomic.Pointer[Applied]
	mu    sync.Mutex
	sets  map[string]*Applied // by candidates, joined
}

// none marks an area code where nothing applies.
var none = new(Applied)

// NewResolver returns a resolver of the table under policy p (its
// overrides and campaign).
func NewResolver(p domain.Policy) *Resolver {
	r := &Resolver{policy: p, regions: map[string]*Applied{}, sets: map[string]*Applied{}}
	for _, e := range table {
		r.codes = append(r.codes, e.Code)
	}
	for code := range p.Jurisdictions.Overrides {
		if !slices.Contains(r.codes, code) {
			r.codes = append(r.codes, code)
		}
	}
	slices.Sort(r.codes)
	for _, code := range r.codes {
		country, _, _ := strings.Cut(code, "-")
		if _, done := r.regions[country]; !done {
			r.regions[country] = r.effective([]string{country})
		}
	}
	return r
}

// Lookup returns what applies to a valid number; nil when nothing does.
func (r *Resolver) Lookup(n phone.Number) *Applied {
	if ac, ok := areaCode(n); ok {
		if a := r.areas[ac].Load(); a != nil {
			if a == none {
				return nil
			}
			return a
		}
		return r.area(n, ac)
	}
	return r.regions[n.Region]
}

// area works out and keeps what applies to an area code.
func (r *Resolver) area(n phone.Number, ac int) *Applied {
	a := r.effective(For(n))
	if a == nil {
		r.areas[ac].Store(none)
	} else {
		r.areas[ac].Store(a)
	}
	return a
}

// effective is Effective, made once per set of candidates and indexed
// for tallies.
func (r *Resolver) effective(candidates []string) *Applied {
	key := strings.Join(candidates, ",")
	r.mu.Lock()
	defer r.mu.Unlock()
	if a, ok := r.sets[key]; ok {
		return a
	}
	a := Effective(candidates, r.policy)
	if a != nil {
		for _, code := range a.Codes {
			a.index = append(a.index, slices.Index(r.codes, code))
		}
	}
	r.sets[key] = a
	return a
}

// Tally counts rows by jurisdiction, as a worker checks them; tallies of
// several workers merge.
type Tally struct{ rows []int }

// Add counts a row that a applied to.
func (t *Tally) Add(a *Applied) {
	for _, i := range a.index {
		if i >= len(t.rows) {
			t.rows = append(t.rows, make([]int, i+1-len(t.rows))...)
		}
		t.rows[i]++
	}
}

// Merge adds another tally's counts.
func (t *Tally) Merge(o *Tally) {
	for i, n := range o.rows {
		if i >= len(t.rows) {
			t.rows = append(t.rows, make([]int, i+1-len(t.rows))...)
		}
		t.rows[i] += n
	}
}

// Reset empties the tally, keeping its memory.
func (t *Tally) Reset() { clear(t.rows) }

// Uses lists the jurisdictions that applied to rows of t, by code, with
// what they set: the evidence a report records. Never nil.
func (r *Resolver) Uses(t *Tally) []domain.JurisdictionUse {
	out := []domain.JurisdictionUse{}
	for i, n := range t.rows {
		if n == 0 {
			continue
		}
		e, _ := Resolve(r.codes[i], r.policy)
		out = append(out, domain.JurisdictionUse{Code: e.Code, Name: e.Name, Rows: n, Thresholds: Thresholds(e)})
	}
	return out
}

// Thresholds lists what an entry sets, in the order window, caps, ages.
func Thresholds(e Entry) []domain.JurisdictionThreshold {
	out := []domain.JurisdictionThreshold{}
	if w := e.Window; w != nil {
		out = append(out, threshold("sending_window", w.String(), w.Channels, w.Purposes, w.Source))
	}
	for _, c := range e.Caps {
		out = append(out, threshold("message_cap", c.String(), c.Channels, c.Purposes, c.Source))
	}
	for _, a := range e.Ages {
		out = append(out, threshold("consent_age", a.typesText()+": "+a.Age.String(), a.Channels, a.Purposes, a.Source))
	}
	return out
}

func threshold(kind, value string, ch domain.Channels, pu domain.Purposes, s Source) domain.JurisdictionThreshold {
	return domain.JurisdictionThreshold{Kind: kind, Value: value, Covers: coverText(ch, pu),
		Source: s.Cite, URL: s.URL, Status: s.Status.String(), Note: s.Note}
}
