package pii

import "github.com/listaudit/listaudit/pkg/domain"

// Hidden replaces a personal value that is not a phone number: names and
// e-mail addresses have no shape worth keeping.
const Hidden = "[hidden]"

// FieldValue is how a value of field f is shown, everywhere listaudit
// shows one: as it is with showPII (--show-pii), masked (MaskNumber) when
// f is the phone, Hidden for any other personal field, even when the
// value is empty, and for a field that holds nothing personal, as it is
// but for what in it may be a person's data all the same (a number, an
// e-mail address or a name in a shifted export), which is masked or
// Hidden.
func FieldValue(f domain.Field, v string, showPII bool) string {
	if showPII || !f.IsPII() && !cellPersonal(f, v) {
		return v
	}
	return string(AppendFieldValue(nil, f, v, showPII))
}

// AppendFieldValue appends FieldValue(f, v, showPII) to b without
// allocating for a value that holds nothing personal, for reports that
// render millions of values into one buffer.
func AppendFieldValue(b []byte, f domain.Field, v string, showPII bool) []byte {
	switch {
	case showPII:
		return append(b, v...)
	case f == domain.FieldPhone:
		return AppendMaskedNumber(b, v)
	case f.IsPII():
		return append(b, Hidden...)
	}
	return appendCell(b, f, v)
}

// FindingValue is the finding's cell value as shown (FieldValue). A
// whole-row finding has no cell, and its Value may hold the raw row, so
// it is never shown.
func FindingValue(f *domain.Finding, showPII bool) string {
	if !f.HasField() {
		return ""
	}
	return FieldValue(f.Field, f.Value, showPII)
}

// AppendFindingValue appends FindingValue(f, showPII) to b.
func AppendFindingValue(b []byte, f *domain.Finding, showPII bool) []byte {
	return FindingCell(f, showPII).AppendValue(b)
}

// FindingNumber is the finding's phone number as shown: FieldValue's
// phone case, written out so that it inlines, and a report that copies
// the masked number at once keeps it on its stack (one allocation fewer
// a finding).
func FindingNumber(f *domain.Finding, showPII bool) string {
	if showPII {
		return f.Phone
	}
	return MaskNumber(f.Phone)
}

// AppendFindingNumber appends FindingNumber(f, showPII) to b; it too
// inlines, as the json report calls it for every finding.
func AppendFindingNumber(b []byte, f *domain.Finding, showPII bool) []byte {
	if showPII {
		return append(b, f.Phone...)
	}
	return AppendMaskedNumber(b, f.Phone)
}

// Header is a column header as shown. A header can hold a person's number
// or address (an export keyed by contact, a file without a header line):
// one with an e-mail address is Hidden, one with a phone number is masked
// (MaskText); other headers, and every header with showPII, are as they
// are.
func Header(h string, showPII bool) string {
	switch {
	case showPII:
		return h
	case !HeaderPersonal(h):
		return h
	case hasEmail(h):
		return Hidden
	}
	return MaskText(h)
}

// Columns is an input's field-to-column mapping as shown: every header
// through Header, in a new slice.
func Columns(cols []domain.ColumnUse, showPII bool) []domain.ColumnUse {
	out := make([]domain.ColumnUse, 0, len(cols))
	for _, c := range cols {
		c.Header = Header(c.Header, showPII)
		out = append(out, c)
	}
	return out
}

// Inputs is the inputs as shown: each one's Columns, in a new slice.
func Inputs(inputs []domain.Input, showPII bool) []domain.Input {
	out := make([]domain.Input, 0, len(inputs))
	for _, in := range inputs {
		in.Columns = Columns(in.Columns, showPII)
		out = append(out, in)
	}
	return out
}
