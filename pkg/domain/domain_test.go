package domain

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestParseDuration checks durations, and ages (age: ParseAge), which take
// w, d and h alone and refuse "6m" and "6mo", meant as months, with their
// length in days.
func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
		age     bool
	}{
		{"730d", 730 * 24 * time.Hour, "", false},
		{"52w", 52 * 7 * 24 * time.Hour, "", false},
		{"36h", 36 * time.Hour, "", false},
		{"1w2d", 9 * 24 * time.Hour, "", false},
		{"90m", 90 * time.Minute, "", false},
		{"", 0, "empty duration (want a number and a unit: w, d, h, m or s, e.g. 730d)", false},
		{"2y", 0, `bad duration "2y": unknown unit "y" (want w, d, h, m or s)`, false},
		{"d", 0, `bad duration "d" (want a number and a unit: w, d, h, m or s, e.g. 730d)`, false},
		{"30", 0, `bad duration "30" (want a number and a unit: w, d, h, m or s, e.g. 730d)`, false},
		{"6mo", 0, `bad duration "6mo": months are no unit: their length varies (want w, d, h, m or s; for 6 months write 182d)`, false},
		{"24months", 0, `bad duration "24months": months are no unit: their length varies (want w, d, h, m or s; for 24 months write 730d)`, false},
		{"99999999999999999999d", 0, `bad duration "99999999999999999999d": out of range`, false},
		{"4611686018s4611686018s", 0, `bad duration "4611686018s4611686018s": out of range`, false},
		{"0d", 0, `bad duration "0d": zero (want more than 0, e.g. 7d)`, false},
		{"0w0h", 0, `bad duration "0w0h": zero (want more than 0, e.g. 7d)`, false},
		{"0d1h", time.Hour, "", false},
		{"730d", 730 * 24 * time.Hour, "", true},
		{"26w", 26 * 7 * 24 * time.Hour, "", true},
		{"36h", 36 * time.Hour, "", true},
		{"6m", 0, `bad duration "6m": m is minutes, not months, in an age (want w, d or h; for 6 months write 182d)`, true},
		{"18m", 0, `bad duration "18m": m is minutes, not months, in an age (want w, d or h; for 18 months write 547d)`, true},
		{"6mo", 0, `bad duration "6mo": months are no unit: their length varies (want w, d or h; for 6 months write 182d)`, true},
		{"90s", 0, `bad duration "90s": unknown unit "s" (want w, d or h)`, true},
		{"", 0, "empty duration (want a number and a unit: w, d or h, e.g. 730d)", true},
		{"30", 0, `bad duration "30" (want a number and a unit: w, d or h, e.g. 730d)`, true},
	}
	for _, tt := range tests {
		parse, name := ParseDuration, "ParseDuration"
		if tt.age {
			parse, name = ParseAge, "ParseAge"
		}
		got, err := parse(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s(%q) error = %v, want %s", name, tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.Std() != tt.want {
			t.Errorf("%s(%q) = %v, %v", name, tt.in, got, err)
		}
	}
}

func TestDurationString(t *testing.T) {
	for d, want := range map[Duration]string{
		Duration(730 * 24 * time.Hour):    "730d",
		Duration(36 * time.Hour):          "36h",
		Duration(90 * time.Minute):        "90m",
		Duration(61 * time.Second):        "61s",
		Duration(1500 * time.Millisecond): "1.5s",
	} {
		if got := d.String(); got != want {
			t.Errorf("%v.String() = %q, want %q", time.Duration(d), got, want)
		}
		// What reports write, ParseDuration reads back.
		if back, err := ParseDuration(want); err == nil && back != d {
			t.Errorf("ParseDuration(%q) = %v, want %v", want, back, d)
		}
	}
}

func TestThreshold(t *testing.T) {
	tests := []struct {
		level string
		fails map[Severity]bool
	}{
		{"error", map[Severity]bool{Error: true, Warning: false, Info: false}},
		{"warning", map[Severity]bool{Error: true, Warning: true, Info: false}},
		{"info", map[Severity]bool{Error: true, Warning: true, Info: true}},
		{"never", map[Severity]bool{Error: false, Warning: false, Info: false}},
	}
	for _, tt := range tests {
		th, err := ParseThreshold(tt.level)
		if err != nil || th.String() != tt.level {
			t.Fatalf("ParseThreshold(%q) = %v, %v", tt.level, th, err)
		}
		for sev, want := range tt.fails {
			if got := th.Fails(sev); got != want {
				t.Errorf("%s fails %s = %v, want %v", tt.level, sev, got, want)
			}
		}
	}
	if _, err := ParseThreshold("fatal"); err == nil || err.Error() != `unknown fail-on level "fatal" (want error, warning, info or never)` {
		t.Errorf("err = %v", err)
	}
}

func TestSortFindingsByFileRowRule(t *testing.T) {
	fs := []Finding{
		{Rule: "b", Loc: Location{FileIndex: 1, Row: 1}},
		{Rule: "z", Loc: Location{FileIndex: 0, Row: 2}},
		{Rule: "a", Loc: Location{FileIndex: 0, Row: 2}},
		{Rule: "c", Loc: Location{FileIndex: 0, Row: 10}},
	}
	SortFindings(fs)
	got := ""
	for _, f := range fs {
		got += f.Rule
	}
	if got != "azcb" {
		t.Errorf("order = %s, want azcb", got)
	}
}

// TestSortFindingsIsStable holds both of SortFindings' ways (in place for a
// row's few findings, slices.SortStableFunc beyond) to a stable sort: equal
// findings keep their order, told apart here by their Value.
func TestSortFindingsIsStable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		for range 50 {
			fs := make([]Finding, n)
			for i := range fs {
				fs[i] = Finding{
					Rule:    string(rune('a' + r.IntN(3))),
					Loc:     Location{FileIndex: r.IntN(2), Row: r.IntN(3)},
					Column:  string(rune('a' + r.IntN(2))),
					Message: string(rune('a' + r.IntN(2))),
					Value:   fmt.Sprint(i),
				}
			}
			want := slices.Clone(fs)
			slices.SortStableFunc(want, func(a, b Finding) int { return CompareFindings(&a, &b) })
			SortFindings(fs)
			if !slices.EqualFunc(fs, want, func(a, b Finding) bool { return a.Value == b.Value }) {
				t.Fatalf("%d findings: sorted to %v, want %v", n, fs, want)
			}
		}
	}
}

func TestTallyMergeAndSubtract(t *testing.T) {
	var a, b, hidden Tally
	for _, f := range []Finding{{Rule: "x", Severity: Warning}, {Rule: "y", Severity: Error}, {Rule: "x", Severity: Error}} {
		a.Add(&f)
	}
	b.Add(&Finding{Rule: "x", Severity: Warning})
	a.Merge(&b)
	hidden.Add(&Finding{Rule: "y", Severity: Error})
	a.Subtract(&hidden)
	r := Result{Policy: DefaultPolicy()}
	r.DecideFrom(&a)
	want := map[RuleSeverity]int{{"x", Warning}: 2, {"x", Error}: 1}
	if !maps.Equal(r.Summary.ByRuleSeverity, want) {
		t.Errorf("counts = %v, want %v", r.Summary.ByRuleSeverity, want)
	}
	a.Reset()
	r.DecideFrom(&a)
	if len(r.Summary.ByRuleSeverity) != 0 || r.Verdict.Failed {
		t.Errorf("after Reset: counts = %v, failed = %v", r.Summary.ByRuleSeverity, r.Verdict.Failed)
	}
}

// TestTallyAddN checks that counting n findings at once is counting each,
// and that counting none leaves no rule behind (the table would list it
// with a count of 0).
func TestTallyAddN(t *testing.T) {
	var each, once Tally
	for range 3 {
		each.Add(&Finding{Rule: "x", Severity: Warning})
	}
	each.Add(&Finding{Rule: "y", Severity: Error})
	once.AddN(RuleSeverity{"x", Warning}, 2)
	once.AddN(RuleSeverity{"z", Info}, 0)
	once.Add(&Finding{Rule: "y", Severity: Error})
	once.AddN(RuleSeverity{"x", Warning}, 1)
	var a, b Result
	a.DecideFrom(&each)
	b.DecideFrom(&once)
	if !maps.Equal(a.Summary.ByRuleSeverity, b.Summary.ByRuleSeverity) || !maps.Equal(a.Summary.BySeverity, b.Summary.BySeverity) {
		t.Errorf("AddN counts %v %v, Add %v %v", b.Summary.ByRuleSeverity, b.Summary.BySeverity, a.Summary.ByRuleSeverity, a.Summary.BySeverity)
	}
}

func TestDecide(t *testing.T) {
	r := Result{Policy: DefaultPolicy(), Findings: FindingSlice{{Rule: "x", Severity: Warning}, {Rule: "y", Severity: Error}, {Rule: "x", Severity: Warning}}}
	r.Decide()
	if !r.Verdict.Failed || r.Summary.ByRule["x"] != 2 || r.Summary.BySeverity[Error] != 1 {
		t.Errorf("decide = %+v %+v", r.Verdict, r.Summary)
	}
	r.Policy.FailOn = Threshold{Never: true}
	r.Decide()
	if r.Verdict.Failed {
		t.Error("fail-on never failed")
	}
}

func TestFieldNames(t *testing.T) {
	for f := Field(0); f < NumNamedFields; f++ {
		got, ok := FieldByName(f.Name())
		if !ok || got != f {
			t.Errorf("FieldByName(%q) = %v, %v", f.Name(), got, ok)
		}
	}
	if _, ok := FieldByName("evidence_1"); ok || Evidence(0).Name() != "evidence_1" || !Evidence(7).IsEvidence() || Evidence(8).IsEvidence() {
		t.Error("evidence slots are not as documented")
	}
	if FieldNone.Name() != "" {
		t.Error("FieldNone has a name")
	}
}

func TestClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ClockTime
		ok   bool
	}{
		{"00:00", 0, true}, {"23:59", 23*60 + 59, true}, {"8:05", 8*60 + 5, true}, {"08:00", 480, true},
		{"24:00", 0, false}, {"12:60", 0, false}, {"8", 0, false}, {"08:0", 0, false}, {"008:00", 0, false},
		{"-1:00", 0, false}, {"+1:00", 0, false}, {"08:00:00", 0, false}, {"", 0, false}, {"ab:cd", 0, false},
	} {
		got, err := ParseClockTime(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseClockTime(%q) = %v, %v", tc.in, got, err)
		}
		if tc.ok {
			if s := got.String(); len(s) != 5 {
				t.Errorf("%v.String() = %q", got, s)
			}
		}
	}

	day := QuietHours{Start: 8 * 60, End: 21 * 60}
	night := QuietHours{Start: 22 * 60, End: 6 * 60}
	for _, tc := range []struct {
		q    QuietHours
		at   string
		want bool
	}{
		{day, "07:59", false}, {day, "08:00", true}, {day, "20:59", true}, {day, "21:00", false}, {day, "00:00", false},
		{night, "21:59", false}, {night, "22:00", true}, {night, "23:59", true}, {night, "00:00", true},
		{night, "05:59", true}, {night, "06:00", false}, {night, "12:00", false},
	} {
		c, _ := ParseClockTime(tc.at)
		if got := tc.q.Allows(c); got != tc.want {
			t.Errorf("%v.Allows(%s) = %v", tc.q, tc.at, got)
		}
	}
	if b, _ := json.Marshal(day); string(b) != `{"start":"08:00","end":"21:00"}` {
		t.Errorf("json: %s", b)
	}
}

func TestSeverityString(t *testing.T) {
	tests := map[Severity]string{
		Info: "info", Warning: "warning", Error: "error",
		0: "severity(0)", 4: "severity(4)", -1: "severity(-1)",
	}
	for sev, want := range tests {
		if got := sev.String(); got != want {
			t.Errorf("Severity(%d).String() = %q, want %q", int(sev), got, want)
		}
	}
}

// TestAuditDate: a report says the day it was generated only when that
// is not the day it is audited as of, at the precision it shows.
func TestAuditDate(t *testing.T) {
	jan15 := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		now, generated time.Time
		layout, want   string
	}{
		{jan15, time.Date(2026, 12, 5, 14, 3, 7, 0, time.UTC), time.DateOnly, "audited as of 2026-01-15 (generated 2026-12-05)"},
		{jan15, time.Date(2026, 1, 15, 14, 3, 7, 0, time.UTC), time.DateOnly, "2026-01-15"},
		{jan15, time.Date(2026, 1, 15, 14, 3, 7, 0, time.UTC), "2006-01-02 15:04 UTC", "audited as of 2026-01-15 00:00 UTC (generated 2026-01-15 14:03 UTC)"},
		// Compared in UTC: 02:00 in Nairobi on the 16th is the 15th in UTC.
		{jan15, time.Date(2026, 1, 16, 2, 0, 0, 0, time.FixedZone("EAT", 3*3600)), time.DateOnly, "2026-01-15"},
		{jan15, time.Time{}, time.DateOnly, "2026-01-15"},
	} {
		if got := AuditDate(tc.now, tc.generated, tc.layout); got != tc.want {
			t.Errorf("AuditDate(%v, %v, %q) = %q, want %q", tc.now, tc.generated, tc.layout, got, tc.want)
		}
	}
}
