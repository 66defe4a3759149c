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

// appendNumberText appends numberText(f, opts) to b.
func appendNumberText(b []byte, f *domain.Finding, opts Options) []byte {
	if opts.ShowPII {
		return append(b, f.Phone...)
	}
	return phone.AppendMask(b, f.Phone)
}

// valueText is the finding's cell value as every format shows it. A
// whole-row finding has no cell, and its Value may hold the raw row, so it
// is never shown.
func valueText(f *domain.Finding, opts Options) string {
	v, mask := maskedValue(f, opts)
	if mask {
		return phone.Mask(v)
	}
	return v
}

// appendValueText appends valueText(f, opts) to b.
func appendValueText(b []byte, f *domain.Finding, opts Options) []byte {
	v, mask := maskedValue(f, opts)
	if mask {
		return phone.AppendMask(b, v)
	}
	return append(b, v...)
}

// maskedValue is what valueText shows, or with ok set the phone cell it
// shows masked.
func maskedValue(f *domain.Finding, opts Options) (v string, mask bool) {
	switch {
	case !f.HasField():
		return "", false
	case opts.ShowPII || !f.Field.IsPII():
		return f.Value, false
	case f.Field == domain.FieldPhone:
		return f.Value, true
	default:
		return hidden, false
	}
}
