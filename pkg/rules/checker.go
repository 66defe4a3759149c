package rules

import (
	"strings"
	"sync"
	"time"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
	"github.com/listaudit/listaudit/pkg/phone"
)

// checkRow runs every family of rules that judge a record on its own. The
// cross-row rules (duplicates) live in Duplicates. The families run in
// the order of their rules' ids, as far as it goes (consent-*, the
// opt-out rules, over-messaged, phone-*, quiet-hours, stale), so that a
// row's findings mostly come already in report order and the audit's sort
// of them (domain.SortFindings) moves few: no family reads what another
// raised. They are called directly, not through a list of an interface:
// an indirect call for every family of every row cost more than some of
// them.
func (k *Checker) checkRow(c *Contact, e *emitter) {
	consentRules{}.check(c, e, k)
	scopeRules{}.check(c, e, k)
	optOutRules{}.check(c, e, k)
	messagingRules{}.check(c, e, k)
	phoneRules{}.check(c, e, k)
	timingRules{}.check(c, e, k)
	freshnessRules{}.check(c, e, k)
}

// Checker reads records into contacts and runs the row rules on them. It is
// safe for concurrent use: it holds only settings and a concurrent memo.
type Checker struct {
	Policy domain.Policy
	Now    time.Time
	Rules  *RuleSet
	// Evidence from suppression lists and send logs; nil when none.
	Evidence *Evidence
	dates    cellvalue.DateReader
	phones   *phone.Normaliser
	// sources is the set of allowed consent sources, normalised.
	sources map[string]bool
	// readsScope: a rule needs the consent's scope cells (a campaign
	// declared, double opt-in required, jurisdictions on).
	readsScope bool
	// juris finds each row's jurisdictions; nil unless the policy applies
	// the built-in table.
	juris *jurisdiction.Resolver
	// texts holds the policy's parts of the most frequent messages.
	texts policyTexts
	// expiredBefore and staleBefore are Now less the policy's consent
	// maximum age and stale-after: a consent before the first is older
	// than the maximum, a last activity before the second stale. Comparing
	// with them costs a row less than Now.Sub, which checks for overflow
	// (dates lie between 1900 and Now: no difference overflows).
	expiredBefore, staleBefore time.Time
	// memo keeps the most frequent messages, built once each.
	memo messageMemo
}

// NewChecker returns a checker for policy at time now, running the rules
// of rs (DefaultRuleSet when nil).
func NewChecker(p domain.Policy, now time.Time, phones *phone.Normaliser, rs *RuleSet) *Checker {
	if rs == nil {
		rs = DefaultRuleSet()
	}
	k := &Checker{Policy: p, Now: now.UTC(), Rules: rs, dates: cellvalue.DateReader{Layout: p.DateFormat}, phones: phones,
		readsScope: p.Channel != 0 || p.Purpose != 0 || p.Brand != "" || p.RequireDoubleOptIn || p.Jurisdictions.Builtin}
	k.texts = newPolicyTexts(&p)
	k.expiredBefore, k.staleBefore = k.Now.Add(-p.ConsentMaxAge.Std()), k.Now.Add(-p.StaleAfter.Std())
	if p.Jurisdictions.Builtin {
		k.juris = jurisdiction.NewResolver(p)
	}
	if len(p.ConsentSources) > 0 {
		k.sources = make(map[string]bool, len(p.ConsentSources))
		for _, s := range p.ConsentSources {
			k.sources[normaliseSource(s)] = true
		}
	}
	return k
}

// Jurisdictions is the resolver of the rows' jurisdictions, whose Uses
// a report records; nil unless the policy applies the built-in table.
func (k *Checker) Jurisdictions() *jurisdiction.Resolver { return k.juris }

// Check reads rec into c and appends the record's findings to out. A
// malformed record gets row-malformed and nothing else.
func (k *Checker) Check(rec *domain.Record, c *Contact, out []domain.Finding) []domain.Finding {
	return k.CheckUnread(rec, c, out, nil)
}

// CheckUnread is Check, but the findings of the rules in u.Rules it counts
// in u rather than builds (nil u: it builds every finding; see
// Unread.Tally), and those it builds it counts in u too (Unread.TallyBuilt).
// Those rules are judged all the same, and the contact is read the same.
func (k *Checker) CheckUnread(rec *domain.Record, c *Contact, out []domain.Finding, u *Unread) []domain.Finding {
	*c = Contact{Rec: rec}
	start := len(out)
	// Emitters escape to the rules: reusing them saves an allocation a row
	// and keeps their message buffers.
	var e *emitter
	if u != nil {
		if u.e == nil {
			u.e = new(emitter)
		}
		e = u.e
	} else {
		e = emitters.Get().(*emitter)
		defer emitters.Put(e)
	}
	*e = emitter{c: c, out: out, rules: k.Rules, unread: u, msg: text{free: e.msg.free}}
	if rec.Malformed != "" {
		e.row(refRowMalformed, rec.Malformed)
	} else {
		k.readCells(c, e)
		k.checkRow(c, e)
	}
	// The number is known only once the cells are read; every finding of
	// the row names it. Its E.164 text is kept with the messages.
	if len(e.out) > start {
		if raw := rec.Values[domain.FieldPhone]; c.Number.Valid && c.phoneID == "" {
			if c.Number.WrittenAs(raw) {
				c.phoneID = raw // the cell is the E.164 text: the findings hold it anyway
			} else {
				c.phoneID = e.text("").e164(c.Number).String()
			}
		}
		id := c.PhoneID()
		for i := start; i < len(e.out); i++ {
			e.out[i].Phone = id
		}
	}
	if rec.Malformed != "" {
		// Only now: the row-malformed finding names the cell as written,
		// as before the number was read.
		k.readMalformedNumber(c)
	}
	out = e.out
	e.c, e.out, e.unread = nil, nil, nil // the pool (or u) holds on to none
	return out
}

// readMalformedNumber reads the number of a malformed record's phone cell,
// with the row's country as region when the cell names one, and nothing
// else: no rule looks at the row, but the duplicate rules hold its number
// against the list's other rows, since the row may hold an opt-out that
// cannot be read.
func (k *Checker) readMalformedNumber(c *Contact) {
	rec := c.Rec
	raw := strings.TrimSpace(rec.Values[domain.FieldPhone])
	if raw == "" {
		return
	}
	region := RowRegion(rec.Values[domain.FieldCountry], k.Policy.DefaultRegion)
	c.Number = ReadNumber(k.phones, raw, rec.Columns[domain.FieldPhone], region)
}

var emitters = sync.Pool{New: func() any { return new(emitter) }}
