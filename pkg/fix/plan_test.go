package fix

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

func TestChooseKeeper(t *testing.T) {
	at := func(day int) int64 { return time.Date(2025, 1, day, 0, 0, 0, 0, time.UTC).UnixNano() }
	a, b, c := idOf(0, 1), idOf(0, 7), idOf(1, 2)
	all := func(rowID) bool { return true }
	for _, tc := range []struct {
		name     string
		rows     []member
		eligible func(rowID) bool
		want     rowID
		found    bool
	}{
		{"most recent consent wins", []member{{id: a, consent: at(1)}, {id: b, consent: at(9)}, {id: c, consent: at(3)}}, all, b, true},
		{"tie: earliest row", []member{{id: a, consent: at(5)}, {id: b, consent: at(5)}, {id: c, consent: at(5)}}, all, a, true},
		{"no consent loses to any consent", []member{{id: a, consent: noConsent}, {id: b, consent: at(1)}}, all, b, true},
		{"no consent anywhere: earliest", []member{{id: a, consent: noConsent}, {id: b, consent: noConsent}}, all, a, true},
		{"rows quarantined anyway are not kept", []member{{id: a, consent: at(1)}, {id: b, consent: at(9)}}, func(id rowID) bool { return id != b }, a, true},
		{"none eligible", []member{{id: a, consent: at(1)}, {id: b, consent: at(9)}}, func(rowID) bool { return false }, 0, false},
	} {
		got, found := chooseKeeper(tc.rows, tc.eligible)
		if got.id != tc.want || found != tc.found {
			t.Errorf("%s: got %v %v, want %v %v", tc.name, got.id, found, tc.want, tc.found)
		}
	}
}

// TestPlanGroups drives the plan as the audit would.
func TestPlanGroups(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	c := newCollector()
	// firsts is what the audit's duplicate rules keep of each number's
	// first row.
	firsts := map[uint64]*rules.FirstRow{}
	row := func(r int, key uint64, consent time.Time, optedOut bool) {
		loc := domain.Location{File: "a.csv", Row: r, Line: r + 1}
		c.Row(&audit.Row{Loc: loc, Key: key, ConsentAt: consent, OptedOut: optedOut, First: firsts[key]})
		if firsts[key] == nil {
			firsts[key] = &rules.FirstRow{Loc: loc, OptedOut: optedOut, ConsentAt: consent.Unix()}
		}
	}
	row(1, 111, day(1), false)
	row(2, 222, day(1), false)
	row(3, 111, day(5), false) // kept: most recent
	row(4, 222, day(9), true)  // opted out: the whole of 222 goes
	row(5, 333, day(9), false) // would win, but has an error
	row(6, 333, day(2), false) // kept
	row(7, 111, day(5), false) // same consent as row 3, later
	c.Row(&audit.Row{Loc: domain.Location{File: "a.csv", Row: 8}, Malformed: true})
	res := &domain.Result{
		Inputs: []domain.Input{{Path: "a.csv", Rows: 8}},
		Findings: domain.FindingSlice{
			{Rule: "duplicate", Severity: domain.Warning, Loc: domain.Location{File: "a.csv", Row: 3}},
			{Rule: "opted-out", Severity: domain.Error, Loc: domain.Location{File: "a.csv", Row: 4}},
			{Rule: "consent-missing", Severity: domain.Error, Loc: domain.Location{File: "a.csv", Row: 5}},
			{Rule: "stale", Severity: domain.Warning, Loc: domain.Location{File: "a.csv", Row: 6}},
		},
	}
	p := mustPlan(t, c, res, domain.Error, true)
	want := map[int]struct{ rules, kept string }{
		1: {"duplicate", "a.csv:4"}, // row 3's line
		// 222's first row is no duplicate (check says so too): it goes
		// for the opt-out of row 4, duplicate-conflict.
		2: {"duplicate-conflict", ""},
		3: {"", ""},
		4: {"duplicate;opted-out", ""},
		5: {"consent-missing;duplicate", "a.csv:7"},
		6: {"", ""},
		7: {"duplicate", "a.csv:4"},
		8: {"row-malformed", ""},
	}
	for r := 1; r <= 8; r++ {
		d := p.decide(idOf(0, r))
		got := ""
		for i, id := range d.class.rules {
			if i > 0 {
				got += ";"
			}
			got += id
		}
		if got != want[r].rules || got != d.class.joined || d.kept != want[r].kept || d.quarantine() != (got != "") {
			t.Errorf("row %d: rules %q kept %q, want %q %q", r, got, d.kept, want[r].rules, want[r].kept)
		}
	}

	// Without the duplicate rule, repeated numbers are all kept.
	p = mustPlan(t, c, res, domain.Error, false)
	if d := p.decide(idOf(0, 7)); d.quarantine() {
		t.Errorf("duplicate disabled: row 7 quarantined for %v", d.class.rules)
	}
	// --drop-on warning: the stale row goes, and 333 keeps nothing.
	p = mustPlan(t, c, res, domain.Warning, true)
	for r := 1; r <= 6; r++ {
		d := p.decide(idOf(0, r))
		if r == 6 && (!d.quarantine() || d.kept != "") {
			t.Errorf("drop-on warning: row 6 %+v", d)
		}
		if r == 3 && d.quarantine() {
			t.Errorf("drop-on warning: row 3 quarantined for its duplicate finding: %v", d.class.rules)
		}
	}
}

// TestPlanNumberFindings: a row quarantined for a finding about its number
// (over-messaged, contacted-after-opt-out) takes every row of the number
// with it, each with that rule, and no row of the number is kept.
func TestPlanNumberFindings(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	collect := func() *collector {
		c := newCollector()
		firsts := map[uint64]*rules.FirstRow{}
		for r, n := range []struct {
			key     uint64
			consent int
		}{{111, 1}, {111, 5}, {222, 1}, {222, 5}, {333, 1}, {333, 5}} {
			loc := domain.Location{File: "a.csv", Row: r + 1, Line: r + 2}
			c.Row(&audit.Row{Loc: loc, Key: n.key, ConsentAt: day(n.consent), First: firsts[n.key]})
			if firsts[n.key] == nil {
				firsts[n.key] = &rules.FirstRow{Loc: loc, ConsentAt: day(n.consent).Unix()}
			}
		}
		return c
	}
	res := &domain.Result{
		Inputs: []domain.Input{{Path: "a.csv", Rows: 6}},
		Findings: domain.FindingSlice{
			{Rule: rules.OverMessaged, Severity: domain.Warning, Loc: domain.Location{File: "a.csv", Row: 1}},
			{Rule: rules.Duplicate, Severity: domain.Warning, Loc: domain.Location{File: "a.csv", Row: 2}},
			{Rule: rules.Duplicate, Severity: domain.Warning, Loc: domain.Location{File: "a.csv", Row: 4}},
			{Rule: rules.ContactedAfterOptOut, Severity: domain.Error, Loc: domain.Location{File: "a.csv", Row: 4}},
			{Rule: rules.Duplicate, Severity: domain.Warning, Loc: domain.Location{File: "a.csv", Row: 6}},
		},
	}
	type place struct{ rules, kept string }
	for _, tc := range []struct {
		dropOn domain.Severity
		want   [6]place
	}{
		{domain.Warning, [6]place{
			{"over-messaged", ""}, {"duplicate;over-messaged", ""},
			{"contacted-after-opt-out", ""}, {"contacted-after-opt-out;duplicate", ""},
			{"duplicate", "a.csv:7"}, {"", ""},
		}},
		// over-messaged is below error: it quarantines no row, and the
		// number keeps its row of latest consent.
		{domain.Error, [6]place{
			{"duplicate", "a.csv:3"}, {"", ""},
			{"contacted-after-opt-out", ""}, {"contacted-after-opt-out;duplicate", ""},
			{"duplicate", "a.csv:7"}, {"", ""},
		}},
	} {
		p := mustPlan(t, collect(), res, tc.dropOn, true)
		for r := 1; r <= 6; r++ {
			d := p.decide(idOf(0, r))
			if got := (place{d.class.joined, d.kept}); got != tc.want[r-1] || d.quarantine() != (got.rules != "") {
				t.Errorf("drop-on %v, row %d: %+v, want %+v", tc.dropOn, r, got, tc.want[r-1])
			}
		}
	}
}

// TestPlanDropsRowsWithoutNumber: a row left without a number by a phone
// rule goes to quarantine whatever the rule's severity; one whose number
// the rule recovered does not.
func TestPlanDropsRowsWithoutNumber(t *testing.T) {
	c := newCollector()
	for r, key := range []uint64{0, 254712345678, 0, 254712345679} {
		c.Row(&audit.Row{Loc: domain.Location{File: "a.csv", Row: r + 1, Line: r + 2}, Key: key})
	}
	loc := func(r int) domain.Location { return domain.Location{File: "a.csv", Row: r} }
	res := &domain.Result{
		Inputs: []domain.Input{{Path: "a.csv", Rows: 4}},
		Findings: domain.FindingSlice{
			{Rule: rules.PhoneExcelDamaged, Severity: domain.Warning, Loc: loc(1)},
			{Rule: rules.PhoneExcelDamaged, Severity: domain.Warning, Loc: loc(2)},
			{Rule: rules.PhoneInvalid, Severity: domain.Info, Loc: loc(3)},
			{Rule: rules.Stale, Severity: domain.Warning, Loc: loc(4)},
		},
	}
	p := mustPlan(t, c, res, domain.Error, true)
	for r, want := range []string{"phone-excel-damaged", "", "phone-invalid", ""} {
		if d := p.decide(idOf(0, r+1)); d.class.joined != want || d.quarantine() != (want != "") {
			t.Errorf("row %d: %q, want %q", r+1, d.class.joined, want)
		}
	}
}

func mustPlan(t *testing.T, c *collector, res *domain.Result, dropOn domain.Severity, dedupe bool) *plan {
	t.Helper()
	p, err := newPlan(c, res, dropOn, dedupe)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDupRowsFind asks for rows in order, again, skipping, backwards and
// past the end: the cursor must answer as a lookup would, whatever order.
func TestDupRowsFind(t *testing.T) {
	ids := []rowID{idOf(0, 2), idOf(0, 3), idOf(0, 7), idOf(1, 1), idOf(1, 9)}
	d := dupRows{}
	for i, id := range ids {
		d.rows = append(d.rows, dupRow{id: id, group: int32(i)})
	}
	asks := []rowID{
		idOf(0, 1), idOf(0, 2), idOf(0, 2), idOf(0, 3), idOf(0, 4), idOf(0, 7), // in order, one again
		idOf(1, 9), idOf(1, 1), idOf(0, 3), // skipping ahead, then backwards
		idOf(1, 10), idOf(2, 1), idOf(0, 1), idOf(1, 9), idOf(1, 9), // past the end, and back
	}
	for _, id := range asks {
		want := slices.Index(ids, id)
		got := d.find(id)
		switch {
		case want < 0 && got != nil:
			t.Errorf("find(%d:%d) = group %d, want none", id.file(), id.row(), got.group)
		case want >= 0 && (got == nil || got.id != id || got.group != int32(want)):
			t.Errorf("find(%d:%d) = %+v, want group %d", id.file(), id.row(), got, want)
		}
		// lookup answers the same and leaves the cursor where find put it.
		next := d.next
		if l := d.lookup(id); l != got || d.next != next {
			t.Errorf("lookup(%d:%d) = %+v, cursor %d; want %+v, cursor %d", id.file(), id.row(), l, d.next, got, next)
		}
	}
}

// TestPlanFromRowRules plans the test lists from each row's rules
// (audit.Options.RowRules, as Run audits) and from every finding built:
// every row's decision, and the counts, are the same.
func TestPlanFromRowRules(t *testing.T) {
	lists := [][]string{
		{fixture("contacts.csv"), fixture("contacts-scope.csv"), fixture("contacts.ndjson")},
		{fixture("contacts.xlsx"), fixture("malformed.xlsx")},
		{fixture("contacts.csv"), fixture("contacts.tsv"), fixture("contacts.json")}, // the same numbers again
	}
	strict := domain.DefaultPolicy()
	strict.Strict, strict.DefaultRegion = true, "KE"
	strict.Severity = map[string]domain.Severity{rules.Stale: domain.Error, rules.OptedOut: domain.Info}
	plan := func(paths []string, policy domain.Policy, dropOn domain.Severity, rowRules bool) (*plan, *domain.Result) {
		t.Helper()
		a := auditOptions()
		a.Policy, a.Input.AllKeys = policy, true
		c := newCollector()
		a.Observer, a.RowRules = c, rowRules
		res, err := audit.Run(context.Background(), paths, a)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Close() })
		return mustPlan(t, c, res, dropOn, rules.Runs(rules.Duplicate, policy)), res
	}
	quarantined, keptWithFindings := 0, 0
	for _, paths := range lists {
		for _, policy := range []domain.Policy{domain.DefaultPolicy(), strict} {
			for _, dropOn := range []domain.Severity{domain.Info, domain.Warning, domain.Error} {
				want, res := plan(paths, policy, dropOn, false)
				got, _ := plan(paths, policy, dropOn, true)
				for f, in := range res.Inputs {
					for r := 1; r <= in.Rows; r++ {
						w, g := want.decide(idOf(f, r)), got.decide(idOf(f, r))
						if g.class.joined != w.class.joined || g.class.key.kept != w.class.key.kept || g.kept != w.kept || g.key != w.key || g.inGroup != w.inGroup {
							t.Errorf("%v %v drop-on %v: %s row %d: %+v, want %+v", paths, policy.Strict, dropOn, in.Path, r, g, w)
						}
					}
				}
				ws := Summary{ByRule: map[string]int{}, KeptByRule: map[string]int{}}
				gs := Summary{ByRule: map[string]int{}, KeptByRule: map[string]int{}}
				want.classes.tally(&ws)
				got.classes.tally(&gs)
				if !reflect.DeepEqual(gs, ws) {
					t.Errorf("%v %v drop-on %v: %+v, want %+v", paths, policy.Strict, dropOn, gs, ws)
				}
				quarantined, keptWithFindings = quarantined+ws.Quarantined, keptWithFindings+len(ws.KeptByRule)
			}
		}
	}
	if quarantined == 0 || keptWithFindings == 0 {
		t.Errorf("%d rows quarantined, %d rules on kept rows: the lists test little", quarantined, keptWithFindings)
	}
}
