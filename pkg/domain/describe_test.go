package domain

import (
	"reflect"
	"testing"
	"time"
)

// TestDescribeCoversEveryField: every field of Policy shows in a setting
// of Describe, and every setting shows a field, so a new field without its
// line fails here.
func TestDescribeCoversEveryField(t *testing.T) {
	base := DefaultPolicy()
	before := base.Describe()
	keys := map[string]bool{}
	for _, s := range before {
		if keys[s.Key] || s.Key == "" || s.Label == "" {
			t.Errorf("setting %q (%q): empty or repeated", s.Key, s.Label)
		}
		keys[s.Key] = true
	}
	typ := reflect.TypeFor[Policy]()
	shown := make([]bool, len(before))
	for i := range typ.NumField() {
		p := DefaultPolicy()
		changeField(t, reflect.ValueOf(&p).Elem().Field(i))
		changed := 0
		for j, s := range p.Describe() {
			if !reflect.DeepEqual(s, before[j]) {
				changed++
				shown[j] = true
			}
		}
		if changed == 0 {
			t.Errorf("changing Policy.%s changes no setting of Describe", typ.Field(i).Name)
		}
	}
	for j, ok := range shown {
		if !ok {
			t.Errorf("setting %s shows no field of Policy", before[j].Key)
		}
	}
}

// changeField sets v to a value other than the default policy's.
func changeField(t *testing.T, v reflect.Value) {
	switch x := v.Addr().Interface().(type) {
	case *string:
		*x = "changed"
	case *int:
		*x = 99
	case *bool:
		*x = !*x
	case *Duration:
		*x = Duration(time.Hour)
	case *Threshold:
		*x = Threshold{Never: true}
	case *[]string:
		*x = []string{"changed"}
	case *QuietHours:
		*x = QuietHours{Start: 1, End: 2}
	case *time.Time:
		*x = time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)
	case *map[string]Severity:
		*x = map[string]Severity{"stale": Info}
	case *Channel:
		*x = ChannelWhatsApp
	case *Purpose:
		*x = PurposeMarketing
	case *OptOutScope:
		*x = OptOutPerChannel
	case *Jurisdictions:
		hours := QuietHours{Start: 9 * 60, End: 20 * 60}
		*x = Jurisdictions{Builtin: true, Overrides: map[string]JurisdictionOverride{"US-FL": {SendWindow: &hours}}}
	default:
		t.Fatalf("no way to change a %s: add one", v.Type())
	}
}
