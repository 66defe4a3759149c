package input

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
)

// A list may keep its opt-outs in two columns (opted_out and unsubscribed,
// opt_out and dnc). One is the opted_out column; the others are read too,
// by every format, because an opt-out lost is the worst mistake a list can
// hold: a record whose other column says opted out, or that has a value
// only there, is read from that column, and its findings name it. This
// holds when --map names the opted_out column as well: --map picks the
// column to read first, it does not make another opt-out column say
// nothing.

// readsOtherOptOut reports whether a record whose opted_out column holds
// cur is read from another opt-out column holding other: when only other
// has a value, or other says opted out and cur does not (an unreadable cur
// does not), or other cannot be read and cur says no: an unreadable cell
// may record a no, and the rules read it as one, to be safe.
func readsOtherOptOut(cur, other string) bool {
	if strings.TrimSpace(other) == "" {
		return false
	}
	if strings.TrimSpace(cur) == "" {
		return true
	}
	otherOut, otherOK := cellvalue.OptOutStatus(other)
	if otherOK && !otherOut {
		return false
	}
	out, ok := cellvalue.OptOutStatus(cur)
	if !otherOK {
		return ok && !out
	}
	return !ok || !out
}

// optOutColumn is a column of a positional file (CSV, TSV, XLSX) that
// names opted_out although another column is the opted_out column.
type optOutColumn struct {
	col int
	// cols are the file's columns with this one as opted_out, shared by the
	// records read from it.
	cols *domain.Columns
	// cells, in a workbook, are its cells with this one as opted_out.
	cells *domain.CellColumns
}

// optOutColumns returns the columns others of header (from columnMatch)
// with what records read from them name as their columns.
func optOutColumns(header []string, cols domain.Columns, others []int) []optOutColumn {
	out := make([]optOutColumn, 0, len(others))
	for _, i := range others {
		c := cols
		c[domain.FieldOptedOut] = header[i]
		out = append(out, optOutColumn{col: i, cols: &c})
	}
	return out
}

// readOptOutColumns reads a positional record's other opt-out columns
// into rec (see readsOtherOptOut), in their order of priority.
func readOptOutColumns(rec *domain.Record, fields []string, others []optOutColumn) {
	for _, o := range others {
		if v := rowCell(fields, o.col); readsOtherOptOut(rec.Values[domain.FieldOptedOut], v) {
			rec.Values[domain.FieldOptedOut] = v
			rec.Columns = o.cols
			if o.cells != nil {
				rec.CellColumns = o.cells
			}
		}
	}
}

// otherOptOuts returns the untaken columns of header that name opted_out
// (by alias, or as the --map header after normalisation) when column won
// is the opted_out column, by alias priority then position.
func otherOptOuts(header []string, taken []bool, won int, mapped string) []int {
	type candidate struct{ col, rank int }
	var cs []candidate
	for i, h := range header {
		if taken[i] || i == won {
			continue
		}
		if f, rank, ok := aliasField(h); ok && f == domain.FieldOptedOut {
			cs = append(cs, candidate{i, rank})
		} else if mapped != "" && isMapHeader(h, mapped) {
			cs = append(cs, candidate{i, -1})
		}
	}
	slices.SortStableFunc(cs, func(a, b candidate) int { return a.rank - b.rank })
	out := make([]int, len(cs))
	for i, c := range cs {
		out[i] = c.col
	}
	return out
}

// mappedOptOutWarning is the warning for other opt-out columns of a file
// whose opted_out column --map named.
func mappedOptOutWarning(file, column string, others []string) string {
	names := quotedList(others, "and")
	what := "column " + names + " also matches"
	if len(others) > 1 {
		what = "columns " + names + " also match"
	}
	return fmt.Sprintf("%s: %s field opted_out, which --map reads from %q", file, what, column) +
		otherOptOutNote(column, others)
}

// otherOptOutNote ends the warning about other opt-out columns: they are
// read where they say opted out. A run of columns of one header is named
// once, with its count (`other "opted_out" (3 columns)`), and the list
// stops at sheetsListed names: a file of thousands of columns named
// "opted_out" made a warning of tens of kilobytes.
func otherOptOutNote(column string, others []string) string {
	var named []string
	for _, r := range headerRuns(others) {
		q := strconv.Quote(r.header)
		if r.header == column {
			q = "other " + q
		}
		if r.n > 1 {
			q += fmt.Sprintf(" (%d columns)", r.n)
		}
		named = append(named, q)
	}
	if len(named) > sheetsListed {
		named = append(named[:sheetsListed], fmt.Sprintf("%d more", len(named)-sheetsListed))
	}
	return fmt.Sprintf("; a record whose %s says opted out is read as opted out", orList(named))
}

// quoteOthers quotes the headers others of the columns that match a field
// besides column, prefixing with other those named as column is.
func quoteOthers(column string, others []string, other string) []string {
	named := make([]string, len(others))
	for i, o := range others {
		named[i] = strconv.Quote(o)
		if o == column {
			named[i] = other + named[i]
		}
	}
	return named
}

func quotedList(names []string, conj string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + conj + " " + q[len(q)-1]
}

// namedList words headers as "a", "b" and "c", the first sheetsListed of
// them then how many more.
func namedList(headers []string) string {
	q := quoteOthers("", headers, "")
	if len(q) == 1 {
		return q[0]
	}
	return andList(q)
}

func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// NoOptOutWarning is the warning for an input none of whose columns is an
// opt-out (opted_out or opted_out_at), "" when one is: its opted-out
// contacts can then be found only through a suppression list, which
// listaudit check and fix say when they are given none, and, when a send
// log is given (replies), through the STOP replies in it, which are only
// the opt-outs made by text.
func (i Info) NoOptOutWarning(replies bool) string {
	if i.Columns[domain.FieldOptedOut] != "" || i.Columns[domain.FieldOptedOutAt] != "" {
		return ""
	}
	through := "--suppress"
	if replies {
		through = "--suppress and the STOP replies of --messages"
	}
	if i.Format == FormatVCard {
		return fmt.Sprintf("%s: no opt-out column (a vCard has none); opted-out contacts are found only through %s", i.Path, through)
	}
	msg := fmt.Sprintf("%s: no opt-out column; opted-out contacts are found only through %s (map one with --map opted_out=HEADER)", i.Path, through)
	if cands := unreadHeaders(i.Header, i.Columns, consentHeaderWords); len(cands) > 0 {
		msg += "; named like one: " + namedList(cands)
	}
	return msg
}

// UnreadOptOutWarning is the warning for the columns of an input that has
// an opt-out column whose headers say opt-out (optOutHeaderWords) but that
// no field reads, "" when there are none: a Salesforce list's "Do Not
// Call" must not hide an "SMS Opt Out" that is no alias.
func (i Info) UnreadOptOutWarning() string {
	if i.Columns[domain.FieldOptedOut] == "" && i.Columns[domain.FieldOptedOutAt] == "" {
		return "" // NoOptOutWarning names them
	}
	cands := unreadHeaders(i.Header, i.Columns, optOutHeaderWords)
	if len(cands) == 0 {
		return ""
	}
	if len(cands) == 1 {
		return fmt.Sprintf("%s: column %q is not read, though its header names an opt-out; if it holds this list's opt-outs, map it with --map opted_out=%q", i.Path, cands[0], cands[0])
	}
	return fmt.Sprintf("%s: columns %s are not read, though their headers name an opt-out; if one holds this list's opt-outs, map it with --map opted_out=HEADER", i.Path, quotedList(cands, "and"))
}

// optOutHeaderWords are the parts of a normalised header that say its
// column may hold opt-outs.
var optOutHeaderWords = []string{"optout", "optedout", "unsub", "donottext", "stop", "blacklist", "blocklist"}

// optOutDetailWords mark a header that tells about an opt-out, not
// whether there was one (Mailchimp's UNSUB_REASON, UNSUB_CAMPAIGN_TITLE),
// or one of a fax number, which takes no messages (Salesforce's
// HasOptedOutOfFax).
var optOutDetailWords = []string{"reason", "campaign", "fax"}

// consentHeaderWords are optOutHeaderWords and the words of a consent or
// subscription status (Shopify's sms_marketing_consent.state), proposed
// for a list that has no opt-out column.
var consentHeaderWords = append(slices.Clone(optOutHeaderWords), "consent", "subscri")

// unreadHeaders returns the headers holding one of words (normalised)
// that no field reads: not a column of cols, nor an opted_out alias when
// cols has an opted_out column (those are all read: otherOptOuts).
func unreadHeaders(header []string, cols domain.Columns, words []string) []string {
	var out []string
	for _, h := range header {
		if slices.Contains(cols[:], h) {
			continue
		}
		if f, _, ok := aliasField(h); ok && f == domain.FieldOptedOut && cols[domain.FieldOptedOut] != "" {
			continue
		}
		n := normalise(h)
		if slices.ContainsFunc(words, func(w string) bool { return strings.Contains(n, w) }) &&
			!slices.ContainsFunc(optOutDetailWords, func(w string) bool { return strings.Contains(n, w) }) {
			out = append(out, h)
		}
	}
	return out
}
