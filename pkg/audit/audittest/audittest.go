package audittest

import (
	"fmt"
	"strings"
)

// RepeatedList is a CSV list of rows rows over numbers distinct Kenyan
// numbers, one row in nine opted out, half without a consent source and a
// spread of consent dates and message counts: many duplicates, and many
// duplicate conflicts, which an audit finds only at the end.
func RepeatedList(rows, numbers int) string {
	var b strings.Builder
	b.WriteString("phone,consent_source,consent_at,opted_out,messages_sent\n")
	for i := range rows {
		optedOut := ""
		if i%9 == 0 {
			optedOut = "yes"
		}
		fmt.Fprintf(&b, "+2547%08d,%s,2025-%02d-01,%s,%d\n", i*7919%numbers, []string{"web", ""}[i%2], i%12+1, optedOut, i%5)
	}
	return b.String()
}
