package report

import (
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// hidden replaces a PII value that is not a phone number; names and emails
// have no shape worth keeping.
const hidden = "[hidden]"

// numberText is the finding's phone number as every format shows it.
func numberText(f *domain.Finding, opts Options) string {
	if opts.ShowPII {
		return f.Phone
	}
	return phone.Mask(f.Phone)
}

// valueText is the finding's cell value as every format shows it. A
// whole-row finding has no cell, and its Value may hold the raw row, so it
// is never shown.
func valueText(f *domain.Finding, opts Options) string {
	switch {
	case !f.HasField():
		return ""
	case opts.ShowPII || !f.Field.IsPII():
		return f.Value
	case f.Field == domain.FieldPhone:
		return phone.Mask(f.Value)
	default:
		return hidden
	}
}
