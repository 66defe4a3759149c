package main

import "testing"

func TestDisablesTHP(t *testing.T) {
	for _, tc := range []struct {
		godebug string
		want    bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"gctrace=1,disablethp=1", true},
		{"disablethp=0", false},
		{"disablethp=1,disablethp=0", false}, // the last one counts
		{"disablethp=0,disablethp=1", true},
		{"xdisablethp=1", false},
	} {
		if got := disablesTHP(tc.godebug); got != tc.want {
			t.Errorf("disablesTHP(%q) = %v, want %v", tc.godebug, got, tc.want)
		}
	}
}
