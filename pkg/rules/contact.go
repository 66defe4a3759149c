package rules

import (
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
	"github.com/listaudit/listaudit/pkg/phone"
)

// Contact is one record with its cells read: what the rules look at. A
// zero time means the cell is empty or was unreadable (and reported so).
type Contact struct {
	Rec    *domain.Record
	Number phone.Number
	// phoneID caches PhoneID: a row's findings share it.
	phoneID string
	// Country is the region named by the country cell ("" when empty or
	// unreadable).
	Country         string
	ConsentAt       time.Time
	OptedOutAt      time.Time
	LastContactedAt time.Time
	LastActiveAt    time.Time
	OptedOutFlag    bool
	// optOutUnread: the opted_out cell could not be read, and OptedOutFlag
	// holds it to be an opt-out (fail closed).
	optOutUnread bool
	// optOutDateUnread: the opted_out_at cell holds a date that cannot be
	// read or lies after now, and OptedOutFlag holds it to be an opt-out.
	optOutDateUnread bool
	MessagesSent     int
	HasMessagesSent  bool
	// damage is what a spreadsheet did to the phone cell (excel.go).
	damage excelDamage
	// DateHint is the --date-format that would read the row's first
	// unreadable date cell ("DD/MM/YYYY"; cellvalue.DateReader.Hint), ""
	// when none: Summary.DateHints counts them.
	DateHint string
	// placeholder is what the phone cell held when it was a placeholder
	// for no number ("n/a", "-"; cellvalue.Placeholders), read as empty.
	placeholder string
	// countryUnread: the country cell names a country that cannot be read.
	// The number is then read with no region (fail closed): --region is
	// the default for rows that name no country, not for one that names
	// another.
	countryUnread bool

	// The consent's scope, read only when the policy needs it (a declared
	// campaign, double opt-in, jurisdictions): the channels and purposes
	// recorded (0 when none), the brand, the consent type and when a double
	// opt-in was confirmed.
	Channels    domain.Channels
	Purposes    domain.Purposes
	Brand       string
	ConsentType domain.ConsentType
	ConfirmedAt time.Time
	// otherChannel: the row's opt-out is for channels other than the
	// campaign's, and the policy keeps opt-outs per channel.
	otherChannel bool
	// Jurisdiction is what the built-in table sets for the number's
	// jurisdictions; nil when the policy does not apply the table, the
	// number is invalid or nothing applies there.
	Jurisdiction *jurisdiction.Applied
}

// NeedsRegion reports whether the number, written without a + country
// code, was not read for want of a region that --region would give: the
// row names no country (a row whose country cannot be read is not read
// with --region).
func (c *Contact) NeedsRegion() bool {
	return c.Number.Problem == phone.NoRegion && !c.countryUnread
}

// OptedOut reports whether the contact is opted out: the flag says so
// (whatever the dates say), or it opted out and no later consent re-opted
// it in.
func (c *Contact) OptedOut() bool {
	if c.OptedOutFlag {
		return true
	}
	return !c.OptedOutAt.IsZero() && !c.ConsentAt.After(c.OptedOutAt)
}

// OptedOutForCampaign reports whether the contact's opt-out stops the
// campaign: OptedOut, unless the policy keeps opt-outs per channel and this
// one was recorded for other channels than the campaign's.
func (c *Contact) OptedOutForCampaign() bool { return !c.otherChannel && c.OptedOut() }

// PhoneID is how reports show which number a finding is about: the E.164
// form when valid, else the cell as written.
func (c *Contact) PhoneID() string {
	if !c.Number.Valid {
		return c.Rec.Values[domain.FieldPhone]
	}
	if c.phoneID == "" {
		c.phoneID = c.Number.E164()
	}
	return c.phoneID
}

// emitter builds findings about one contact with the rule's severity.
type emitter struct {
	c     *Contact
	out   []domain.Finding
	rules *RuleSet
	// unread, when set, names the rules whose findings are counted in it
	// rather than built.
	unread *Unread
	msg    text // the buffer messages are built in
}

// raised is the rule a finding is raised under, looked up once.
type raised struct {
	id  string
	sev domain.Severity
	bit RuleMask
}

// raise looks up the rule of a finding about to be raised. ok is false
// when the finding is not to be built: its rule is off, or no report reads
// its findings (then it is counted in e.unread). Call it only for a
// finding that is raised, and build a message that costs anything only
// once ok, with cellOf.
func (e *emitter) raise(rule ruleRef) (r raised, ok bool) {
	s := e.rules.state(rule)
	if s.disabled {
		return raised{}, false
	}
	bit := rule.bit()
	if u := e.unread; u != nil && u.Rules&bit != 0 {
		u.count(bit)
		return raised{}, false
	}
	return raised{rule.id, s.severity, bit}, true
}

// raiseIf is raise for a finding raised when cond holds.
func (e *emitter) raiseIf(cond bool, rule ruleRef) (raised, bool) {
	if !cond {
		return raised{}, false
	}
	return e.raise(rule)
}

// cell raises a finding about field f of the contact's record.
func (e *emitter) cell(rule ruleRef, f domain.Field, msg string) {
	if r, ok := e.raise(rule); ok {
		e.cellOf(r, f, msg)
	}
}

// cellOf builds a finding about field f that raise let through.
func (e *emitter) cellOf(r raised, f domain.Field, msg string) {
	rec := e.c.Rec
	if e.unread != nil {
		e.unread.built(r)
	}
	e.out = append(e.out, domain.Finding{
		Rule:     r.id,
		Severity: r.sev,
		Loc:      rec.At(f),
		Field:    f,
		Column:   rec.Columns[f],
		Value:    rec.Values[f],
		Message:  msg,
	})
}

// row raises a finding about the whole record.
func (e *emitter) row(rule ruleRef, msg string) {
	if r, ok := e.raise(rule); ok {
		if e.unread != nil {
			e.unread.built(r)
		}
		e.out = append(e.out, domain.Finding{
			Rule:     r.id,
			Severity: r.sev,
			Loc:      e.c.Rec.Loc,
			Field:    domain.FieldNone,
			Message:  msg,
		})
	}
}
