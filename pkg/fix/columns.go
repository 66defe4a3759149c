package fix

import (
	"slices"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
)

// Extra columns of the quarantine file, after the input's columns.
const (
	// ColRules lists the rule ids that sent the row to quarantine, sorted,
	// joined by ";".
	ColRules = input.QuarantineColumn
	// ColSource is the row's input and row number, file:row.
	ColSource = "listaudit_source"
	// ColKept, for a duplicate, names the row kept in its place (file:row);
	// empty when no row of the number was kept.
	ColKept = "listaudit_kept"
	// ColRaw, for a malformed record, is the record as read: its cells as
	// one delimited line for CSV and TSV, its text for JSON.
	ColRaw = "listaudit_raw"
	// ColE164 is the column --keep-phone adds to the clean file.
	ColE164 = "phone_e164"
)

// layout is the output's columns: the first input's, in order, then the
// columns of later inputs that it lacks, in order of appearance.
type layout struct {
	cols  []string
	files []fileLayout
	// named lists the output columns of each header, in order: a column
	// found by header is looked up, not searched for among all, which
	// made a file of 100,000 columns take 18 s.
	named map[string][]int
	// looks counts the output columns looked at while placing the inputs'
	// columns, which TestLayoutLooksLinear holds to their number.
	looks int
}

// fileLayout maps one input's cells to output columns.
type fileLayout struct {
	// pos maps a positional cell (CSV) to its output column, -1 for one
	// not written (isQuarantineColumn).
	pos []int
	// named maps a JSON key to its output column, -1 as for pos.
	named map[string]int
	// phone is the output column of the input's phone cell, -1 when none.
	phone int
	// fallback is the output column of the input's first phone fallback
	// (input.Info.PhoneFallbacks), -1 when none: the clean file of an
	// earlier fix --keep-phone has its number read from phone_e164, and
	// the phone as written is this column.
	fallback int
	// raw, rules and kept are the input's listaudit_raw, listaudit_rules
	// and listaudit_kept cells (a quarantine file fixed again; of a JSON
	// file, 0 when a key is so named), -1 when none.
	raw, rules, kept int
}

// newLayout builds the columns from every input's Info (with Keys). A
// later input's column goes, in this order of preference: to the column
// of the same field (--map or alias: "msisdn" joins "phone",
// "consent.source" joins "consent_source"), to the first column with
// exactly its header text, or to a new column at the end. Within one input
// each output column takes one cell, so repeated headers stay apart.
// mapped is --map with the policy's columns: (see nameMapped).
func newLayout(infos []input.Info, mapped map[domain.Field]string) *layout {
	l := &layout{named: map[string][]int{}}
	var outField [domain.NumFields]int
	for f := range outField {
		outField[f] = -1
	}
	for _, info := range infos {
		l.files = append(l.files, l.addInput(info, &outField))
	}
	l.nameMapped(infos, mapped, &outField)
	return l
}

// nameMapped names the output column of each field that mapped maps by
// the mapped header, as the first input that has it spells it, where that
// column came from an input that lacked the header and matched the field
// by alias. A check of the output with the same mapping then reads the
// field from that column, where a single file without the header would
// be an error: the mapping that audited the inputs audits fix's output.
// A name another output column has already is left alone.
func (l *layout) nameMapped(infos []input.Info, mapped map[domain.Field]string, outField *[domain.NumFields]int) {
	for f := range domain.NumFields {
		o := outField[f]
		if mapped[f] == "" || f.IsEvidence() || o < 0 {
			continue
		}
		if name := mappedHeader(infos, f, mapped[f]); name != "" && !slices.Contains(l.cols, name) {
			l.cols[o] = name
		}
	}
}

// mappedHeader is the header of the first input that has want, mapped to
// field f, as that input spells it; "" when none has it.
func mappedHeader(infos []input.Info, f domain.Field, want string) string {
	one := map[domain.Field]string{f: want}
	for _, info := range infos {
		if info.Format != input.FormatVCard && len(info.MissingMap(one)) == 0 {
			return info.Columns[f]
		}
	}
	return ""
}

// addInput places one input's columns, adding those the output lacks.
// outField holds the output column of each field, -1 while it has none.
func (l *layout) addInput(info input.Info, outField *[domain.NumFields]int) fileLayout {
	keys := info.Keys
	fl := fileLayout{pos: make([]int, len(keys)), phone: -1, fallback: -1,
		raw: slices.Index(keys, ColRaw), rules: slices.Index(keys, ColRules), kept: slices.Index(keys, ColKept)}
	if info.Format == input.FormatJSON || info.Format == input.FormatNDJSON {
		fl.named = make(map[string]int, len(keys))
	}
	taken := make([]bool, len(l.cols), len(l.cols)+len(keys))
	seen := map[string]bool{}
	// next is, by header, where in l.named the input's search for an
	// untaken column resumes: a column taken stays taken, so a repeated
	// header's columns are each looked at once.
	next := map[string]int{}
	for j, k := range keys {
		if isQuarantineColumn(k) {
			fl.pos[j] = -1
			if fl.named != nil {
				fl.named[k] = -1
			}
			continue
		}
		field := domain.Field(-1)
		if !seen[k] {
			seen[k] = true
			field = fieldOfHeader(info.Columns, k)
		}
		o := l.outColumn(k, field, outField, taken, next)
		if o == len(l.cols) {
			l.cols = append(l.cols, k)
			l.named[k] = append(l.named[k], o)
			taken = append(taken, false)
		}
		taken[o] = true
		if field >= 0 && outField[field] < 0 {
			outField[field] = o
		}
		if field == domain.FieldPhone {
			fl.phone = o
		}
		if fl.fallback < 0 && len(info.PhoneFallbacks) > 0 && k == info.PhoneFallbacks[0] {
			fl.fallback = o
		}
		fl.pos[j] = o
		if fl.named != nil {
			fl.named[k] = o
		}
	}
	return fl
}

// phonesAsWritten, for --keep-phone, moves the phone cells of the inputs
// whose phone column is not a phone_e164 column out of an earlier input's
// phone_e164 column, which they join as the same field, into that input's
// column of the phone as written (its first fallback: the clean file of an
// earlier fix --keep-phone), which they would otherwise leave empty:
// --keep-phone writes phone_e164 over them.
func (l *layout) phonesAsWritten(infos []input.Info) {
	e164, written := keptE164Column(l.cols), -1
	for i := range l.files {
		if fl := &l.files[i]; fl.phone == e164 && fl.fallback >= 0 {
			written = fl.fallback
			break
		}
	}
	if e164 < 0 || written < 0 {
		return
	}
	for i := range l.files {
		fl := &l.files[i]
		if fl.phone != e164 || i >= len(infos) || input.IsE164Header(infos[i].Columns[domain.FieldPhone]) || fl.fills(written) {
			continue
		}
		for j, o := range fl.pos {
			if o == e164 {
				fl.pos[j] = written
			}
		}
		for k, o := range fl.named {
			if o == e164 {
				fl.named[k] = written
			}
		}
		fl.phone = written
	}
}

// fills reports whether the input writes a cell to output column o.
func (fl *fileLayout) fills(o int) bool {
	if fl.named != nil {
		for _, v := range fl.named {
			if v == o {
				return true
			}
		}
		return false
	}
	return slices.Contains(fl.pos, o)
}

// isQuarantineColumn reports whether header is one of the columns fix adds
// to the quarantine file. An input that has them, a quarantine file whose
// rows were corrected and are fixed again, is written without them: the
// old reasons are not data of the clean list, and the new quarantine file
// gives its own.
func isQuarantineColumn(header string) bool {
	switch header {
	case ColRules, ColSource, ColKept, ColRaw:
		return true
	}
	return false
}

// fieldOfHeader is the field cols maps to header, -1 when none.
func fieldOfHeader(cols domain.Columns, header string) domain.Field {
	for f := range domain.NumFields {
		if cols[f] == header {
			return f
		}
	}
	return -1
}

// outColumn is the output column of an input's column header, of field
// (-1 when none): the column of the same field, else the first with
// exactly its header, else a new one at the end (len(l.cols)). taken marks
// the output columns the input already fills; next is the input's place
// in each header's columns (see addInput).
func (l *layout) outColumn(header string, field domain.Field, outField *[domain.NumFields]int, taken []bool, next map[string]int) int {
	if field >= 0 && outField[field] >= 0 && !taken[outField[field]] {
		return outField[field]
	}
	cols, i := l.named[header], next[header]
	for ; i < len(cols); i++ {
		l.looks++
		if !taken[cols[i]] {
			break
		}
	}
	next[header] = i
	if i < len(cols) {
		return cols[i]
	}
	return len(l.cols)
}
