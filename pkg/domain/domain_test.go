package domain

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{"730d", 730 * 24 * time.Hour, ""},
		{"52w", 52 * 7 * 24 * time.Hour, ""},
		{"36h", 36 * time.Hour, ""},
		{"1w2d", 9 * 24 * time.Hour, ""},
		{"", 0, "empty duration (want e.g. 730d, 52w, 36h)"},
		{"2y", 0, `bad duration "2y": unknown unit "y" (want w, d, h, m or s)`},
		{"d", 0, `bad duration "d" (want a number and a unit: w, d, h, e.g. 730d)`},
		{"30", 0, `bad duration "30" (want a number and a unit: w, d, h, e.g. 730d)`},
		{"99999999999999999999d", 0, `bad duration "99999999999999999999d": out of range`},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseDuration(%q) error = %v, want %s", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.Std() != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestDurationString(t *testing.T) {
	for d, want := range map[Duration]string{
		Duration(730 * 24 * time.Hour): "730d",
		Duration(36 * time.Hour):       "36h",
		Duration(90 * time.Minute):     "1h30m0s",
	} {
		if got := d.String(); got != want {
			t.Errorf("%v.String() = %q, want %q", time.Duration(d), got, want)
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

func TestDecide(t *testing.T) {
	r := Result{Policy: DefaultPolicy(), Findings: []Finding{{Rule: "x", Severity: Warning}, {Rule: "y", Severity: Error}, {Rule: "x", Severity: Warning}}}
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

func TestQuietHours(t *testing.T) {
	day := QuietHours{Start: 8 * 60, End: 21 * 60}
	night := QuietHours{Start: 22 * 60, End: 6 * 60}
	tests := []struct {
		q      QuietHours
		minute int
		want   bool
	}{
		{day, 8 * 60, true}, {day, 8*60 - 1, false}, {day, 21*60 - 1, true}, {day, 21 * 60, false},
		{night, 23 * 60, true}, {night, 5 * 60, true}, {night, 6 * 60, false}, {night, 12 * 60, false},
	}
	for _, tt := range tests {
		if got := tt.q.Allows(tt.minute); got != tt.want {
			t.Errorf("%s allows %s = %v", tt.q, ClockTime(tt.minute), got)
		}
	}
	if c, err := ParseClockTime("08:30"); err != nil || c != 510 || c.String() != "08:30" {
		t.Errorf("ParseClockTime = %v, %v", c, err)
	}
	for _, bad := range []string{"8:00", "25:00", "12:60", "noon", "24:01"} {
		if _, err := ParseClockTime(bad); err == nil {
			t.Errorf("ParseClockTime(%q) gave no error", bad)
		}
	}
}
