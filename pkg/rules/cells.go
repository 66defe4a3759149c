package rules

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// readCells parses the typed cells of a record. An unreadable cell is
// reported (date-invalid, value-invalid) and counts as empty everywhere
// else, but for an opt-out cell: that is read as opted out, since whether
// the person said no cannot be told (listaudit fails closed). It also
// normalises the phone number, with the row's country as region when it
// names one.
func (k *Checker) readCells(c *Contact, e *emitter) {
	rec := c.Rec
	// A cell a person sees as empty is empty to every rule. Only a cell
	// that starts with white space or a non-ASCII byte (not '!' to DEL)
	// can be blank, which keeps the check off the common cell; such cells
	// are gathered first, so that the loop over every field of every row
	// calls nothing.
	var maybeBlank uint32
	for f, v := range &rec.Values {
		if v != "" && v[0]-'!' >= utf8.RuneSelf-'!' {
			maybeBlank |= 1 << f
		}
	}
	if maybeBlank != 0 {
		clearBlank(rec, maybeBlank)
	}
	c.ConsentAt = k.date(c, e, domain.FieldConsentAt)
	var optOutDateUnread bool
	c.OptedOutAt, optOutDateUnread = k.dateOf(c, e, domain.FieldOptedOutAt)
	c.LastContactedAt = k.date(c, e, domain.FieldLastContactedAt)
	c.LastActiveAt = k.date(c, e, domain.FieldLastActiveAt)
	if k.readsScope {
		k.readScope(c, e)
	}

	readOptOut(c, e, optOutDateUnread)
	if v := rec.Values[domain.FieldMessagesSent]; v != "" {
		n, err := cellvalue.ParseCount(v)
		if err == nil {
			c.MessagesSent, c.HasMessagesSent = n, true
		} else if r, ok := e.raise(refValueInvalid); ok {
			e.cellOf(r, domain.FieldMessagesSent, fmt.Sprintf("%s: %v", rec.Columns[domain.FieldMessagesSent], err))
		}
	}
	if v := rec.Values[domain.FieldCountry]; v != "" {
		region, ok := phone.RegionFromCountry(v)
		if ok {
			c.Country = region
		} else {
			// A placeholder ("n/a", "-") names no country: --region
			// reads the number, as for an empty cell.
			c.countryUnread = !cellvalue.Placeholder(v)
			countryInvalid(rec, e, v)
		}
	}
	if raw := rec.Values[domain.FieldPhone]; raw != "" {
		region := k.regionOf(c)
		c.Number = ReadNumber(k.phones, raw, rec.Columns[domain.FieldPhone], region)
		if !c.Number.Valid && cellvalue.Placeholder(raw) {
			// "n/a", "-", "#N/A": no number, an empty cell to every rule
			// (phone-missing says what it held), not a bad one. Only a
			// cell that is no number is looked at.
			c.Number, c.placeholder = phone.Number{}, strings.TrimSpace(raw)
			rec.Values[domain.FieldPhone] = ""
			return
		}
		if !k.Rules.state(refPhoneExcelDamaged).disabled && mayBeExcelDamaged(raw, rec.PhoneIsNumber) {
			c.damage = excelDamageOf(raw, rec.PhoneIsNumber, region, k.phones)
			if c.damage.number.Valid {
				c.Number = c.damage.number // the number the cell meant
			}
		}
		if k.juris != nil && c.Number.Valid {
			c.Jurisdiction = k.juris.Lookup(c.Number)
		}
	}
}

// regionOf is the region the row's numbers are read with: its country's,
// else --region, but none when its country cannot be read (fail closed).
func (k *Checker) regionOf(c *Contact) string {
	if c.Country == "" && !c.countryUnread {
		return k.Policy.DefaultRegion
	}
	return c.Country
}

// maybeBlank in readCells holds a bit a field.
const _ = uint32(1) << (domain.NumFields - 1)

// clearBlank empties the cells of the fields in maybe that are Blank.
func clearBlank(rec *domain.Record, maybe uint32) {
	for ; maybe != 0; maybe &= maybe - 1 {
		if f := bits.TrailingZeros32(maybe); cellvalue.Blank(rec.Values[f]) {
			rec.Values[f] = ""
		}
	}
}

// readOptOut reads the opted_out cell into c. A cell that cannot be read
// is an opt-out, and so is an opted_out_at cell that could not be
// (dateUnread: 15/03/2025 with no --date-format, 45678), whatever the
// opted_out cell says, as a readable date would be: listaudit fails closed.
func readOptOut(c *Contact, e *emitter, dateUnread bool) {
	if v := c.Rec.Values[domain.FieldOptedOut]; v != "" {
		b, err := cellvalue.ParseOptOut(v)
		if r, ok := e.raiseIf(err != nil, refValueInvalid); ok {
			e.cellOf(r, domain.FieldOptedOut, fmt.Sprintf("%s: %v; read as opted out to be safe", c.Rec.Columns[domain.FieldOptedOut], err))
		}
		c.OptedOutFlag, c.optOutUnread = b || err != nil, err != nil
	}
	if dateUnread && !c.OptedOutFlag {
		c.OptedOutFlag, c.optOutDateUnread = true, true
	}
}

// date reads one date cell, reporting one that does not parse or lies
// after now or before 1900.
func (k *Checker) date(c *Contact, e *emitter, f domain.Field) time.Time {
	t, _ := k.dateOf(c, e, f)
	return t
}

// dateOf is date, also reporting whether the cell held a date it could
// not take (unread): one that does not parse or lies after now. A
// placeholder (cellvalue.Placeholder: "-", "n/a", "NULL", "0") or a date
// before 1900 (0001-01-01) says there is no date, and is not unread. An
// unread opted_out_at cell is read as an opt-out (readCells); its message
// says so. The first unreadable cell's --date-format hint is kept in
// c.DateHint for the table's next steps.
func (k *Checker) dateOf(c *Contact, e *emitter, f domain.Field) (t time.Time, unread bool) {
	v := c.Rec.Values[f]
	if v == "" {
		return time.Time{}, false
	}
	t, err := k.dates.Parse(v)
	if err == nil && !t.After(k.Now) && !t.Before(earliestDate) {
		return t, false
	}
	unread = !cellvalue.Placeholder(v) && (err != nil || t.After(k.Now))
	if de, ok := err.(*cellvalue.DateError); ok && c.DateHint == "" {
		c.DateHint = de.Hint
	}
	if r, ok := e.raise(refDateInvalid); ok {
		col := c.Rec.Columns[f]
		var msg string
		switch {
		case err != nil:
			msg = fmt.Sprintf("%s: %v", col, err)
		case t.After(k.Now):
			msg = fmt.Sprintf("%s: %s lies after now (%s)", col, cellvalue.FormatDate(t), cellvalue.FormatDate(k.Now))
		default:
			msg = fmt.Sprintf("%s: %s lies before 1900: a placeholder, not a date", col, cellvalue.FormatDate(t))
		}
		if unread && f == domain.FieldOptedOutAt {
			msg += "; read as opted out to be safe"
		}
		e.cellOf(r, f, msg)
	}
	return time.Time{}, unread
}

// earliestDate bounds the dates a contact list can hold: earlier ones are
// placeholders for "none" (0001-01-01 is .NET's and Go's zero date), and
// would otherwise read as empty or as consent centuries old.
var earliestDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// readScope reads the consent's scope cells that the policy needs: the
// channels and purposes (several in a cell: "sms;whatsapp") when the
// campaign declares them, the brand when it names one, the consent type
// for double opt-in and jurisdictions, the confirmation date for double
// opt-in. A word the vocabulary does not know is value-invalid; the words
// it knows still count.
func (k *Checker) readScope(c *Contact, e *emitter) {
	rec, p := c.Rec, &k.Policy
	if v := rec.Values[domain.FieldConsentChannel]; v != "" && p.Channel != 0 {
		var unknown []string
		c.Channels, unknown = domain.ParseChannels(v)
		k.unknownWords(c, e, domain.FieldConsentChannel, "channel", unknown, c.Channels.String(), domain.ChannelNames)
	}
	if v := rec.Values[domain.FieldConsentPurpose]; v != "" && p.Purpose != 0 {
		var unknown []string
		c.Purposes, unknown = domain.ParsePurposes(v)
		k.unknownWords(c, e, domain.FieldConsentPurpose, "purpose", unknown, c.Purposes.String(), domain.PurposeNames)
	}
	if p.Brand != "" {
		if c.Brand = strings.TrimSpace(rec.Values[domain.FieldConsentBrand]); domain.SetItem(c.Brand) == "" {
			c.Brand = "" // an empty JSON array ([]) names no brand
		}
	}
	if v := rec.Values[domain.FieldConsentType]; v != "" && (p.RequireDoubleOptIn || p.Jurisdictions.Builtin) {
		t, err := domain.ParseConsentType(v)
		if r, ok := e.raiseIf(err != nil, refValueInvalid); ok {
			e.cellOf(r, domain.FieldConsentType, fmt.Sprintf("%s: %v", rec.Columns[domain.FieldConsentType], err))
		}
		c.ConsentType = t
	}
	if p.RequireDoubleOptIn {
		c.ConfirmedAt = k.date(c, e, domain.FieldConsentConfirmedAt)
	}
	c.otherChannel = !k.optOutCovers(c)
}

// unknownWords reports the words of a scope cell the vocabulary does not
// know, quoting the cell as written: "n/a" names no channel, and in
// "sms/n/a" (a slash separates words) "n" and "a" are unknown and sms is
// read. known is the set read, as its String writes it ("sms+email").
func (k *Checker) unknownWords(c *Contact, e *emitter, f domain.Field, what string, unknown []string, known string, names []string) {
	r, ok := e.raiseIf(len(unknown) > 0, refValueInvalid)
	if !ok {
		return
	}
	col, cell, want := c.Rec.Columns[f], c.Rec.Values[f], domain.OrList(names)
	if known == "" {
		e.cellOf(r, f, fmt.Sprintf("%s: %q names no %s listaudit knows (want %s)", col, cell, what, want))
		return
	}
	words := make([]string, len(unknown))
	for i, w := range unknown {
		words[i] = strconv.Quote(w)
	}
	verb := "is not a " + what
	if len(unknown) > 1 {
		verb = "are not " + what + "s"
	}
	read := strings.Split(known, "+")
	verbRead := " is read"
	if len(read) > 1 {
		verbRead = " are read"
	}
	e.cellOf(r, f, fmt.Sprintf("%s: %q: %s %s listaudit knows (want %s); %s%s", col, cell, domain.AndList(words), verb, want, domain.AndList(read), verbRead))
}

// countryInvalid reports a country cell that cannot be read.
func countryInvalid(rec *domain.Record, e *emitter, v string) {
	if r, ok := e.raise(refValueInvalid); ok {
		e.cellOf(r, domain.FieldCountry, fmt.Sprintf("%s: %q is not an ISO 3166 code, calling code or country name the phone metadata knows", rec.Columns[domain.FieldCountry], v))
	}
}

// ReadNumber reads raw, a list's phone cell under column, with region, as
// every command reads it (a cell of several numbers is none:
// phone.SeveralNumbers), in two steps around libphonenumber's reading:
// before it, a cell of an international column (msisdn, wa_id, Brevo's
// SMS) gets its "+", its 00 included, with or without a region
// (phone.WithPlus); after it, a cell the region does not read that
// starts with 00 is read as + and the rest (phone.DialledOut), as
// suppression lists and send logs read it: 00 dials out in most
// countries, whatever the region's own prefix (Kenya's is 000). Both
// look at the cell as libphonenumber's reading does (phone.Clean: marks
// and ="…" dropped). A cell of another column without a region stays
// unread, as there.
func ReadNumber(phones *phone.Normaliser, raw, column, region string) phone.Number {
	if phone.SeveralNumbers(raw) {
		return phone.Number{Problem: phone.Several}
	}
	if phone.IsInternationalColumn(column) {
		raw = phone.WithPlus(raw) // msisdn, wa_id: international without "+"
	}
	n := phones.Normalise(raw, region)
	if n.Valid || n.Problem == phone.NoRegion {
		return n
	}
	if plus, ok := phone.DialledOut(raw); ok {
		if m := phones.Normalise(plus, region); m.Valid {
			return m
		}
	}
	return n
}

// RowRegion is the region a row's number without + is read with: its
// country cell's region, else def (--region) when the cell names no
// country (empty, blank or a placeholder such as "n/a"), and "" when it
// names one that cannot be read ("Marocco"): fail closed, as readCells.
func RowRegion(country, def string) string {
	if country == "" {
		return def
	}
	if r, ok := phone.RegionFromCountry(country); ok {
		return r
	}
	if cellvalue.Blank(country) || cellvalue.Placeholder(country) {
		return def
	}
	return ""
}
