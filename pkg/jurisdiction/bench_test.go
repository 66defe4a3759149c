package jurisdiction

import (
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// BenchmarkLookup is the per-row cost of a row's jurisdictions: after the
// first number of an area code or country, a lookup.
func BenchmarkLookup(b *testing.B) {
	r := NewResolver(domain.Policy{Jurisdictions: domain.Jurisdictions{Builtin: true}})
	var numbers []phone.Number
	for _, s := range []string{"+13056721234", "+14169671111", "+18005550199", "+254712345678", "+919876543210", "+33612345678", "+12126721234"} {
		numbers = append(numbers, phone.Parse(s, ""))
	}
	for _, n := range numbers {
		r.Lookup(n) // the first of each is worked out once
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r.Lookup(numbers[i%len(numbers)])
	}
}

// BenchmarkAllowsHolidays is the per-row cost of a window that excludes
// holidays: after the first look at a year, a bit test, no allocation.
func BenchmarkAllowsHolidays(b *testing.B) {
	a := Effective([]string{"US", "US-RI"}, domain.DefaultPolicy())
	local := time.Date(2026, time.July, 6, 12, 0, 0, 0, time.UTC)
	t := domain.ClockTime(12 * 60)
	a.Allows(local, t) // works the year out
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		a.Allows(local, t)
	}
}
