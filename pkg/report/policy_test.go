package report

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestPolicyEveryReportOneOrder: the JSON (and SARIF) policy block, the
// JUnit properties and the HTML rows name Describe's settings, in its
// order, with the same values.
func TestPolicyEveryReportOneOrder(t *testing.T) {
	p := domain.DefaultPolicy()
	p.ConfigFile, p.DefaultRegion = "team/.listaudit.yaml", "KE"
	p.ConsentSources = []string{"web_form", "checkout"}
	p.Severity = map[string]domain.Severity{"stale": domain.Info, "phone-not-mobile": domain.Error}
	p.Disabled = []string{"duplicate"}
	p.SendAt = time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC)
	settings := p.Describe()

	data, err := json.Marshal(PolicyJSON(p))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	var jsonKeys []string
	dec.Token() // {
	for dec.More() {
		k, _ := dec.Token()
		jsonKeys = append(jsonKeys, k.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	var want, wantProps, wantLabels []string
	for _, s := range settings {
		want = append(want, s.Key)
		wantLabels = append(wantLabels, s.Label)
		if s.Key == "severity" {
			wantProps = append(wantProps, "policy.severity.phone-not-mobile", "policy.severity.stale")
			continue
		}
		wantProps = append(wantProps, "policy."+s.Key)
	}
	if !reflect.DeepEqual(jsonKeys, want) {
		t.Errorf("json keys %q\nwant %q", jsonKeys, want)
	}
	var props []string
	for _, pr := range policyProperties(p) {
		props = append(props, pr.Name)
	}
	if !reflect.DeepEqual(props, wantProps) {
		t.Errorf("junit properties %q\nwant %q", props, wantProps)
	}
	var labels []string
	for _, r := range policyRows(p) {
		labels = append(labels, r[0])
	}
	if !reflect.DeepEqual(labels, wantLabels) {
		t.Errorf("html rows %q\nwant %q", labels, wantLabels)
	}
	if got := string(data); !strings.Contains(got, `"severity":{"phone-not-mobile":"error","stale":"info"}`) ||
		!strings.Contains(got, `"quiet_hours":{"start":"08:00","end":"21:00"}`) || !strings.Contains(got, `"send_at":"2026-01-20T09:00:00Z"`) {
		t.Errorf("json values: %s", got)
	}
	rows := policyRows(p)
	for _, want := range [][2]string{{"Allowed consent sources", "web_form, checkout"}, {"Sending window", "08:00–21:00"},
		{"Severity overrides", "phone-not-mobile: error, stale: info"}, {"Required consent evidence", "none"}} {
		found := false
		for _, r := range rows {
			found = found || r == want
		}
		if !found {
			t.Errorf("html rows lack %q", want)
		}
	}
}
