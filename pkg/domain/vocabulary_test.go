package domain

import (
	"slices"
	"testing"
)

// TestVocabularies lists every word the severity, fail-on and summary
// format vocabularies accept, with what it means, and words they refuse
// with the error the user sees (after the flag's or key's name).
func TestVocabularies(t *testing.T) {
	type want struct{ in, canonical, err string }
	parsers := map[string]func(string) (string, error){
		"ParseSeverity": func(s string) (string, error) {
			sev, err := ParseSeverity(s)
			if err != nil {
				return "", err
			}
			return sev.String(), nil
		},
		"ParseThreshold": func(s string) (string, error) {
			th, err := ParseThreshold(s)
			if err != nil {
				return "", err
			}
			return th.String(), nil
		},
		"ParseSummaryFormat": ParseSummaryFormat,
	}
	tests := map[string][]want{
		"ParseSeverity": {
			{"error", "error", ""}, {"warning", "warning", ""}, {"info", "info", ""},
			{"never", "", `unknown severity "never" (want error, warning or info)`},
			{"Error", "", `unknown severity "Error" (want error, warning or info)`},
			{"", "", `unknown severity "" (want error, warning or info)`},
		},
		"ParseThreshold": {
			{"error", "error", ""}, {"warning", "warning", ""}, {"info", "info", ""}, {"never", "never", ""},
			{"fatal", "", `unknown fail-on level "fatal" (want error, warning, info or never)`},
			{"Never", "", `unknown fail-on level "Never" (want error, warning, info or never)`},
			{"", "", `unknown fail-on level "" (want error, warning, info or never)`},
		},
		"ParseSummaryFormat": {
			{"table", "table", ""}, {"json", "json", ""},
			{"sarif", "", `unknown format "sarif" (want table or json)`},
			{"JSON", "", `unknown format "JSON" (want table or json)`},
			{"", "", `unknown format "" (want table or json)`},
		},
	}
	for name, cases := range tests {
		for _, tt := range cases {
			got, err := parsers[name](tt.in)
			errText := ""
			if err != nil {
				errText = err.Error()
			}
			if got != tt.canonical || errText != tt.err {
				t.Errorf("%s(%q) = %q, %q; want %q, %q", name, tt.in, got, errText, tt.canonical, tt.err)
			}
		}
	}
	if got := SeverityNames(); !slices.Equal(got, []string{"error", "warning", "info"}) {
		t.Errorf("SeverityNames() = %q", got)
	}
	if got := ThresholdNames(); !slices.Equal(got, []string{"error", "warning", "info", "never"}) {
		t.Errorf("ThresholdNames() = %q", got)
	}
}

func TestOrList(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a or b"},
		{[]string{"a", "b", "c"}, "a, b or c"},
	} {
		if got := OrList(tt.in); got != tt.want {
			t.Errorf("OrList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"colums", "columns"}, {"Region", "region"}, {"fail-on", "fail_on"}, {"x", ""}, {"rg", ""}, {"", ""},
	} {
		if got := Nearest(tc.in, []string{"region", "columns", "fail_on"}); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
