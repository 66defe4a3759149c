package sendlog

import "strings"

// column is a field of a send: the two required and two optional columns.
type column int

const (
	colPhone column = iota
	colSentAt
	colCategory
	colChannel
	numColumns
)

// columnAliases lists the headers (CSV) or keys (NDJSON) each column is
// recognised by, compared after headerKey; when a file has several, the
// earlier alias wins. The first alias is the column's name.
var columnAliases = [numColumns][]string{
	colPhone:    {"phone", "phone_number", "msisdn", "to", "recipient", "wa_id"},
	colSentAt:   {"sent_at", "sent", "timestamp", "created_at", "date"},
	colCategory: {"category"},
	colChannel:  {"channel"},
}

type aliasRef struct {
	col  column
	rank int
}

// aliasIndex maps headerKey(alias) to its column and rank.
var aliasIndex = func() map[string]aliasRef {
	m := map[string]aliasRef{}
	for c, aliases := range columnAliases {
		for rank, a := range aliases {
			m[headerKey(a)] = aliasRef{column(c), rank}
		}
	}
	return m
}()

// headerKey lower-cases h and drops everything but ASCII letters and
// digits, so "Sent At", "sent-at" and "SENT_AT" compare equal (the rule the
// contact-list reader uses).
func headerKey(h string) string {
	var b strings.Builder
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// matchHeader returns, per column, the index of the header it is read from
// (-1 when none): the header matching the earliest alias, the leftmost on
// a tie.
func matchHeader(header []string) [numColumns]int {
	var idx, rank [numColumns]int
	for c := range idx {
		idx[c] = -1
	}
	for i, h := range header {
		a, ok := aliasIndex[headerKey(h)]
		if ok && (idx[a.col] < 0 || a.rank < rank[a.col]) {
			idx[a.col], rank[a.col] = i, a.rank
		}
	}
	return idx
}

func (c column) String() string { return columnAliases[c][0] }
