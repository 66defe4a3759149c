package fix

import (
	"reflect"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

func TestRawCell(t *testing.T) {
	for _, tc := range []struct {
		name        string
		raw         int
		keys, cells []string
		want        string
	}{
		{"no column", -1, nil, []string{"a", "b"}, ""},
		{"positional", 1, nil, []string{"a", "2,x"}, "2,x"},
		{"short record", 2, nil, []string{"a"}, ""},
		{"named", 0, []string{"phone", ColRaw}, []string{"+1", "{"}, "{"},
		{"named, not in this record", 0, []string{"phone"}, []string{"+1"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fl := fileLayout{raw: tc.raw}
			if got := fl.rawCell(tc.keys, tc.cells); got != tc.want {
				t.Errorf("rawCell = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestUnchecked: the rules a quarantine file's row keeps until a person
// removes them, by what the run can check again (QA fixrt 2, 3, 5).
func TestUnchecked(t *testing.T) {
	always := []string{rules.Duplicate, rules.DuplicateConflict, rules.PhoneExcelDamaged}
	for _, tc := range []struct {
		name string
		pol  domain.Policy
		want []string
	}{
		{"no evidence", domain.Policy{}, []string{rules.Suppressed, rules.OverMessaged, rules.ContactedAfterOptOut, rules.Duplicate, rules.DuplicateConflict, rules.PhoneExcelDamaged}},
		// suppressed may come from a list or a send log's opt-out reply,
		// which the quarantine file does not tell apart: both are needed.
		{"suppression list", domain.Policy{Suppress: []string{"dnc.txt"}}, []string{rules.Suppressed, rules.OverMessaged, rules.ContactedAfterOptOut, rules.Duplicate, rules.DuplicateConflict, rules.PhoneExcelDamaged}},
		// A send log's opt-out replies make suppressed run, but not the
		// list that may have found it.
		{"send log", domain.Policy{MessageLogs: []string{"log.csv"}}, []string{rules.Suppressed, rules.Duplicate, rules.DuplicateConflict, rules.PhoneExcelDamaged}},
		{"both", domain.Policy{Suppress: []string{"dnc.txt"}, MessageLogs: []string{"log.csv"}}, always},
		{"suppressed disabled", domain.Policy{Disabled: []string{rules.Suppressed, rules.OverMessaged}}, []string{rules.ContactedAfterOptOut, rules.Duplicate, rules.DuplicateConflict, rules.PhoneExcelDamaged}},
		{"duplicate disabled keeps every row of a number", domain.Policy{Suppress: []string{"dnc.txt"}, MessageLogs: []string{"log.csv"}, Disabled: []string{rules.Duplicate}}, []string{rules.PhoneExcelDamaged}},
		{"duplicate-conflict disabled: such rows still go as duplicates", domain.Policy{Suppress: []string{"dnc.txt"}, MessageLogs: []string{"log.csv"}, Disabled: []string{rules.DuplicateConflict}}, []string{rules.Duplicate, rules.PhoneExcelDamaged}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := unchecked(tc.pol).ids(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("unchecked = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestHoldOf reads a listaudit_rules cell as fix writes it and as a person
// may leave it.
func TestHoldOf(t *testing.T) {
	all := unchecked(domain.Policy{})
	for _, tc := range []struct {
		name  string
		cell  string
		among holdSet
		want  []string
	}{
		{"empty", "", all, nil},
		{"one", "suppressed", all, []string{rules.Suppressed}},
		{"with rules checked again", "consent-missing;duplicate;opted-out", all, []string{rules.Duplicate}},
		{"marked held", "consent-missing;suppressed (held)", all, []string{rules.Suppressed}},
		{"typed", " Duplicate-Conflict ; over-messaged(held) ", all, []string{rules.OverMessaged, rules.DuplicateConflict}},
		{"checked again by this run", "suppressed;duplicate", unchecked(domain.Policy{Suppress: []string{"dnc.txt"}, MessageLogs: []string{"log.csv"}}), []string{rules.Duplicate}},
		{"not a rule", "suppressed-ish;dup", all, nil},
		// Retyped by a person (QA newfx 2): any separator.
		{"commas", "consent-missing, suppressed", all, []string{rules.Suppressed}},
		{"spaces and a full stop", "consent-missing suppressed.", all, []string{rules.Suppressed}},
		{"lines", "consent-missing\nduplicate\r\nsuppressed", all, []string{rules.Suppressed, rules.Duplicate}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := holdOf(tc.cell, tc.among).ids(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("holdOf(%q) = %q, want %q", tc.cell, got, tc.want)
			}
		})
	}
}

// TestPlanHeldRules drives the plan as the audit would, with rows of a
// quarantine file fixed again whose listaudit_rules name rules the run
// cannot check (heldRows).
func TestPlanHeldRules(t *testing.T) {
	c := newCollector()
	firsts := map[uint64]*rules.FirstRow{}
	consent := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for r, key := range []uint64{111, 222, 222, 444, 555, 555, 777, 888, 999, 999} {
		loc := domain.Location{File: "q.csv", Row: r + 1, Line: r + 2}
		optedOut := r == 8
		c.Row(&audit.Row{Loc: loc, Key: key, ConsentAt: consent, First: firsts[key], OptedOut: optedOut})
		if firsts[key] == nil {
			firsts[key] = &rules.FirstRow{Loc: loc, ConsentAt: consent.Unix(), OptedOut: optedOut}
		}
	}
	c.hold(heldCells{rules: map[rowID]holdSet{
		idOf(0, 1): holdOf("suppressed", 0xff),
		idOf(0, 3): holdOf("over-messaged", 0xff),
		idOf(0, 4): holdOf("duplicate", 0xff),
		idOf(0, 5): holdOf("duplicate", 0xff),
		idOf(0, 7): holdOf("phone-excel-damaged", 0xff),
		idOf(0, 8): holdOf("phone-excel-damaged (held)", 0xff),
		// Its number's opted-out row is in the run, and its later
		// consent raises no conflict finding: the run finds the
		// conflict itself.
		idOf(0, 10): holdOf("duplicate;duplicate-conflict", 0xff),
	}})
	res := &domain.Result{
		Inputs: []domain.Input{{Path: "q.csv", Rows: 10}},
		Findings: domain.FindingSlice{
			{Rule: "duplicate", Severity: domain.Warning, Loc: domain.Location{File: "q.csv", Row: 3}},
			{Rule: "duplicate", Severity: domain.Warning, Loc: domain.Location{File: "q.csv", Row: 6}},
			// Found again, below --drop-on: the policy keeps the row.
			{Rule: "phone-excel-damaged", Severity: domain.Warning, Loc: domain.Location{File: "q.csv", Row: 7}},
			{Rule: "consent-missing", Severity: domain.Error, Loc: domain.Location{File: "q.csv", Row: 8}},
			{Rule: "opted-out", Severity: domain.Error, Loc: domain.Location{File: "q.csv", Row: 9}},
			{Rule: "duplicate", Severity: domain.Warning, Loc: domain.Location{File: "q.csv", Row: 10}},
		},
	}
	p := mustPlan(t, c, res, domain.Error, true)
	want := []struct{ rules, kept string }{
		{"suppressed (held)", ""},
		// A finding about the number holds every row of it.
		{"over-messaged (held)", ""},
		{"duplicate;over-messaged (held)", ""},
		{"duplicate (held)", ""},
		// Fixed with the row kept of its number: a duplicate found again.
		{"duplicate", "q.csv:7"},
		{"", ""},
		{"", ""},
		{"consent-missing;phone-excel-damaged (held)", ""},
		{"opted-out", ""},
		{"duplicate;duplicate-conflict", ""},
	}
	for r, w := range want {
		d := p.decide(idOf(0, r+1))
		if d.class.joined != w.rules || d.kept != w.kept || d.quarantine() != (w.rules != "") {
			t.Errorf("row %d: %q kept %q, want %q %q", r+1, d.class.joined, d.kept, w.rules, w.kept)
		}
	}
	s := &Summary{ByRule: map[string]int{}, KeptByRule: map[string]int{}, KeptHiddenByRule: map[string]int{}}
	p.classes.tally(s)
	wantHeld := map[string]int{rules.Suppressed: 1, rules.OverMessaged: 2, rules.Duplicate: 1, rules.PhoneExcelDamaged: 1}
	if s.HeldForRules != 5 || !reflect.DeepEqual(s.HeldByRule, wantHeld) || s.Quarantined != 8 || s.ByRule[rules.Duplicate] != 4 {
		t.Errorf("held %d %v, quarantined %d, by rule %v", s.HeldForRules, s.HeldByRule, s.Quarantined, s.ByRule)
	}
}
