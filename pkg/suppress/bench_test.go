package suppress

import (
	"fmt"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/phone"
)

// BenchmarkMatch is one row's look-up in a list of 10,000 entries, in
// E.164 (the number's key alone) and written nationally (its national
// forms too), for a number on neither, which is most rows.
func BenchmarkMatch(b *testing.B) {
	n := phone.Parse("+254733999999", "")
	for _, tc := range []struct{ name, format string }{{"e164", "+2547%08d\n"}, {"national", "07%08d\n"}} {
		var body strings.Builder
		for i := range 10000 {
			fmt.Fprintf(&body, tc.format, i)
		}
		l, err := load("dnc.txt", strings.NewReader(body.String()), kenya())
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				_ = l.Match(n)
			}
		})
	}
}
