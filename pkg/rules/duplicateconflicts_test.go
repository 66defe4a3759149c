package rules

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// TestConflictsInReportOrder feeds random rows (packable or not, with
// numbers the table holds and those it does not) to Duplicates and compares
// Conflicts, built one at a time in the order of their rows, with the
// conflicts all built at once and sorted, as Duplicates made them before.
func TestConflictsInReportOrder(t *testing.T) {
	for _, tt := range []struct {
		name    string
		channel domain.Channels
		scope   domain.OptOutScope
	}{
		{"no campaign", 0, 0},
		{"campaign channel", domain.ChannelWhatsApp, domain.OptOutGlobal},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := randomDuplicates(rand.New(rand.NewPCG(3, 4)), 40000)
			d.channel, d.scope = tt.channel, tt.scope
			want := conflictsBuiltAll(d)
			c := d.Conflicts()
			if len(want) < 1000 || c.Len() != len(want) {
				t.Fatalf("Len() = %d, want %d (and the test wants at least 1000)", c.Len(), len(want))
			}
			if n := countMessages(want, "malformed", "opted out"); n[0] < 100 || n[1] < 100 || n[2] < 10 {
				t.Fatalf("%d conflicts with malformed rows, %d with opted-out rows, %d with both: the test wants more", n[0], n[1], n[2])
			}
			if c.RuleSeverity() != (domain.RuleSeverity{Rule: DuplicateConflict, Severity: domain.Error}) {
				t.Errorf("RuleSeverity() = %+v", c.RuleSeverity())
			}
			got := c.Collect()
			if !reflect.DeepEqual(got, want) {
				for i := range min(len(got), len(want)) {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("conflict %d:\n%+v\nwant\n%+v", i, got[i], want[i])
					}
				}
				t.Fatalf("%d conflicts, want %d", len(got), len(want))
			}
			// A reader may stop early, and read again.
			n := 0
			for range c.All() {
				if n++; n == 10 {
					break
				}
			}
			if again := c.Collect(); !reflect.DeepEqual(again, want) {
				t.Error("a second read differs")
			}
		})
	}
}

// conflictWhy is why a row whose consent is at consent (0 for none) is
// stopped by opt-outs at dates (0 for none), as the conflicts say it.
func conflictWhy(consent int64, dates []int64) string {
	day := func(sec int64) string { return cellvalue.FormatDate(time.Unix(sec, 0)) }
	undated, latest := 0, int64(0)
	for _, at := range dates {
		if at == 0 {
			undated++
		}
		latest = max(latest, at)
	}
	switch {
	case consent == 0:
		return "this row has no consent date"
	case undated == len(dates) && undated == 1:
		return "the opt-out has no date, so no consent can be shown to be later"
	case undated == len(dates):
		return "the opt-outs have no date, so no consent can be shown to be later"
	}
	why := "this row's consent (" + day(consent) + ") is not later than the opt-out (" + day(latest) + ")"
	if undated == 1 {
		why += ", and another opt-out has no date"
	} else if undated > 1 {
		why += ", and other opt-outs have no date"
	}
	return why
}

// TestConflictsOnOneRow: rows that share a file and row (no input makes
// them, but Duplicates does not rely on it) come in the order of the rest
// of their findings.
func TestConflictsOnOneRow(t *testing.T) {
	d := NewDuplicates(nil)
	d.files = []fileRef{{path: "a.csv"}}
	d.files[0].phoneColumn(phoneColumn{header: "phone"})
	d.files[0].phoneColumn(phoneColumn{header: "mobile"})
	for i, key := range []uint64{254700000009, 254700000001, 254700000005} {
		d.record(key, rowRef{row: 7, line: 8, column: uint16(i % 2)})
		d.record(key, rowRef{row: int32(20 - i), line: int32(21 - i), flags: optedOutFlag})
	}
	want := conflictsBuiltAll(d)
	if got := d.Conflicts().Collect(); len(want) != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

// TestConflictRowSize: a conflict costs 16 bytes until it is read.
func TestConflictRowSize(t *testing.T) {
	if n := unsafe.Sizeof(conflictRow{}); n != 16 {
		t.Errorf("conflictRow is %d bytes, want 16", n)
	}
}

// countMessages counts the findings whose message holds a, b, and both.
func countMessages(fs []domain.Finding, a, b string) [3]int {
	var n [3]int
	for _, f := range fs {
		hasA, hasB := strings.Contains(f.Message, a), strings.Contains(f.Message, b)
		if hasA {
			n[0]++
		}
		if hasB {
			n[1]++
		}
		if hasA && hasB {
			n[2]++
		}
	}
	return n
}

// randomDuplicates is a Duplicates fed n random rows in three files, a
// tenth of whose dates do not pack and one in 30 malformed, with numbers
// that repeat and a few the table does not hold.
func randomDuplicates(rng *rand.Rand, n int) *Duplicates {
	day := int64(secondsADay)
	dates := []int64{0, 20000 * day, 20100 * day, 20200 * day, 20000*day + 3600, 20100*day + 60}
	date := func() int64 {
		if rng.IntN(10) == 0 {
			return dates[4+rng.IntN(2)]
		}
		return dates[rng.IntN(4)]
	}
	keys := []uint64{0, keyMask + 1, 1<<64 - 1}
	for i := range n / 3 {
		keys = append(keys, 254700000000+uint64(i)*7)
	}
	d := threeFileDuplicates()
	rows := make([]int32, len(d.files))
	for range n {
		file := rng.IntN(len(d.files))
		rows[file]++
		r := rowRef{
			file: int32(file), row: rows[file], line: rows[file] + 1, column: uint16(rng.IntN(2)),
			flags: flagIf(rng.IntN(4) == 0, optedOutFlag), scope: uint8(rng.IntN(1 << scopeBits)),
			consentAt: date(), optedOutAt: date(),
		}
		if rng.IntN(30) == 0 { // a malformed row: none of its cells is read
			r.flags, r.scope, r.consentAt, r.optedOutAt = malformedFlag, 0, 0, 0
		}
		d.record(keys[rng.IntN(len(keys))], r)
	}
	return d
}

// threeFileDuplicates is an empty Duplicates that has seen three files,
// f0.csv to f2.csv, each with the phone columns phone and mobile.
func threeFileDuplicates() *Duplicates {
	d := NewDuplicates(nil)
	d.files = make([]fileRef, 3)
	for i := range d.files {
		d.files[i].path = fmt.Sprintf("f%d.csv", i)
		d.files[i].phoneColumn(phoneColumn{header: "phone"})
		d.files[i].phoneColumn(phoneColumn{header: "mobile"})
	}
	return d
}

// conflictsBuiltAll is how Duplicates made the conflicts before
// Conflicts: every one built, then sorted.
func conflictsBuiltAll(d *Duplicates) []domain.Finding {
	var out []domain.Finding
	var rows []rowRef
	for _, s := range d.numbers.slots {
		if s.val&chainedBit != 0 {
			out, rows = numberConflictsBuiltAll(d, out, rows, s.key&keyMask, s.val)
		}
	}
	for key, val := range d.wide {
		out, rows = numberConflictsBuiltAll(d, out, rows, key, val)
	}
	domain.SortFindings(out)
	return out
}

func numberConflictsBuiltAll(d *Duplicates, out []domain.Finding, rows []rowRef, key, val uint64) ([]domain.Finding, []rowRef) {
	head, tail := chainHead(val), chainTail(val)
	if head == tail || val&anyOptedOutBit == 0 {
		return out, rows
	}
	rows = rows[:0]
	for i := head; ; i = d.rows.at(i).next {
		rows = append(rows, d.rowAt(i))
		if i == tail {
			break
		}
	}
	list := func(ls []domain.Location) string {
		sortLocations(ls)
		out := ""
		for i, l := range ls {
			if i > 0 {
				out += ", "
			}
			out += l.String()
		}
		return out
	}
	for _, r := range rows {
		if r.optedOut() || r.malformed() {
			continue
		}
		var opted, malformed []domain.Location
		var dates []int64 // of the opt-outs that stop r, 0 for none
		for _, o := range rows {
			if o.optedOut() && (o.optedOutAt == 0 || r.consentAt == 0 || r.consentAt <= o.optedOutAt) {
				opted = append(opted, d.loc(o))
				dates = append(dates, o.optedOutAt)
			}
			if o.malformed() {
				malformed = append(malformed, d.loc(o))
			}
		}
		related := append(slices.Clone(opted), malformed...)
		if len(related) == 0 {
			continue
		}
		sortLocations(related)
		var msg []string
		if len(opted) > 0 {
			msg = append(msg, fmt.Sprintf("another row of this number is opted out (%s) and %s%s", list(opted), conflictWhy(r.consentAt, dates), d.scopeNote(rows)))
		}
		if len(malformed) > 0 {
			msg = append(msg, fmt.Sprintf("another row of this number is malformed (%s), so whether it is opted out cannot be read", list(malformed)))
		}
		e164 := "+" + strconv.FormatUint(key, 10)
		out = append(out, domain.Finding{
			Rule:     DuplicateConflict,
			Severity: d.rules.Severity(DuplicateConflict),
			Loc:      d.loc(r),
			Field:    domain.FieldPhone,
			Column:   d.files[r.file].phoneColumns.values[r.column].header,
			Value:    e164,
			Message:  strings.Join(msg, "; "),
			Related:  related,
			Phone:    e164,
		})
	}
	return out, rows
}

// TestAddUnreadCountsDuplicates: with the duplicate rule in the mask,
// AddUnread counts the duplicate findings Add builds; with other rules in
// it, it builds them as Add does. It records every row the same.
func TestAddUnreadCountsDuplicates(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	built, counted, others := NewDuplicates(nil), NewDuplicates(nil), NewDuplicates(nil)
	dup := Unread{Rules: k.Rules.Mask(func(id string, _ domain.Severity) bool { return id == Duplicate })}
	other := Unread{Rules: k.Rules.Mask(func(id string, _ domain.Severity) bool { return id != Duplicate })}
	var wantTally domain.Tally
	for i, p := range []string{"+254712345678", "0712345678", "+254722000111", "", "0722 000 111", "+254712345678"} {
		cells := with(good(), domain.FieldPhone, p)
		if i == 2 {
			cells[domain.FieldOptedOut] = "yes"
		}
		var c Contact
		k.Check(record(i+1, cells), &c, nil)
		wantF, wantOK := built.Add(&c)
		if wantOK {
			wantTally.Add(&wantF)
		}
		if f, ok := counted.AddUnread(&c, &dup); ok {
			t.Errorf("row %d: built %+v", i+1, f)
		}
		if f, ok := others.AddUnread(&c, &other); ok != wantOK || !reflect.DeepEqual(f, wantF) {
			t.Errorf("row %d: AddUnread with other rules unread = %+v, %v; want %+v, %v", i+1, f, ok, wantF, wantOK)
		}
	}
	var got domain.Tally
	if n := dup.Tally(k.Rules, &got); n != 3 || other.Tally(k.Rules, &got) != 0 {
		t.Errorf("counted %d duplicates, want 3", n)
	}
	var a, b domain.Result
	a.DecideFrom(&wantTally)
	b.DecideFrom(&got)
	if !reflect.DeepEqual(a.Summary, b.Summary) {
		t.Errorf("counted %v, want %v", b.Summary.ByRuleSeverity, a.Summary.ByRuleSeverity)
	}
	wantConflicts := built.Conflicts().Collect()
	for name, d := range map[string]*Duplicates{"counted": counted, "others": others} {
		if got := d.Conflicts().Collect(); len(wantConflicts) != 1 || !reflect.DeepEqual(got, wantConflicts) {
			t.Errorf("%s: conflicts %+v, want %+v", name, got, wantConflicts)
		}
	}
}

// largeNumbers is n rows over three numbers taken in turn, every 7th row
// opted out (some on a date, some before a later re-consent), so that
// each number's conflicts are many and built apart from one another.
func largeNumbers(n int) *Duplicates {
	d := NewDuplicates(nil)
	d.files = []fileRef{{path: "a.csv"}}
	d.files[0].phoneColumn(phoneColumn{header: "phone"})
	for i := range n {
		r := rowRef{row: int32(i + 1), line: int32(i + 2), consentAt: int64(i % 5 * 86400)}
		if i%7 == 3 {
			r.flags, r.optedOutAt = optedOutFlag, int64(i%3*86400)
		}
		d.record(254700000001+uint64(i%3), r)
	}
	return d
}

// TestConflictsOfLargeNumbers: numbers on many rows, their conflicts built
// one by one from the cache of opted-out rows (also when the cache starts
// again at every number), give the conflicts built all at once.
func TestConflictsOfLargeNumbers(t *testing.T) {
	d := largeNumbers(3000)
	want := conflictsBuiltAll(d)
	if len(want) < 1000 {
		t.Fatalf("%d conflicts: the list should have more", len(want))
	}
	for _, limit := range []int{maxCachedNumbers, 1} {
		defer func(old int) { maxCachedNumbers = old }(maxCachedNumbers)
		maxCachedNumbers = limit
		if got := d.Conflicts().Collect(); !reflect.DeepEqual(got, want) {
			t.Errorf("cache of %d numbers: %d conflicts differ from the %d built at once", limit, len(got), len(want))
		}
	}
}

// BenchmarkConflictsOneNumber: one number on 20,000 rows, the last opted
// out: its 19,999 conflicts cost as many steps, not their square.
func BenchmarkConflictsOneNumber(b *testing.B) {
	d := NewDuplicates(nil)
	d.files = []fileRef{{path: "a.csv"}}
	d.files[0].phoneColumn(phoneColumn{header: "phone"})
	const n = 20000
	for i := range n {
		d.record(254712345678, rowRef{row: int32(i + 1), line: int32(i + 2), flags: flagIf(i == n-1, optedOutFlag)})
	}
	for b.Loop() {
		if c := d.Conflicts(); len(c.Collect()) != n-1 {
			b.Fatalf("%d conflicts, want %d", c.Len(), n-1)
		}
	}
}
