package domain

import "fmt"

// Field is a canonical contact field that input columns are mapped to.
type Field int

// FieldNone marks a finding about a whole row rather than one cell.
const FieldNone Field = -1

const (
	FieldPhone Field = iota
	FieldConsentSource
	FieldConsentAt
	FieldOptedOut
	FieldOptedOutAt
	FieldLastContactedAt
	FieldLastActiveAt
	FieldMessagesSent
	FieldCountry
	FieldID
	FieldName
	FieldEmail
	// The consent's scope: the channels and purposes it covers, the
	// business it names, how it was given and when a double opt-in was
	// confirmed. Rules read them only when the policy declares a campaign,
	// requires double opt-in or applies jurisdictions.
	FieldConsentChannel
	FieldConsentPurpose
	FieldConsentBrand
	FieldConsentType
	FieldConsentConfirmedAt
	// FieldEvidence is the first of MaxEvidence slots for the consent
	// evidence columns a policy requires (consent.require): their headers
	// are configured, not recognised by alias.
	FieldEvidence
	NumFields = FieldEvidence + MaxEvidence // the number of fields, not a field
)

// MaxEvidence is how many consent evidence columns a policy can require.
const MaxEvidence = 8

// NumNamedFields counts the fields with a canonical name: the ones --map
// and the alias list know.
const NumNamedFields = FieldEvidence

// Evidence returns the field slot of the i-th required evidence column.
func Evidence(i int) Field { return FieldEvidence + Field(i) }

// IsEvidence reports whether f is an evidence column slot.
func (f Field) IsEvidence() bool { return f >= FieldEvidence && f < NumFields }

var fieldNames = [NumNamedFields]string{
	FieldPhone:              "phone",
	FieldConsentSource:      "consent_source",
	FieldConsentAt:          "consent_at",
	FieldOptedOut:           "opted_out",
	FieldOptedOutAt:         "opted_out_at",
	FieldLastContactedAt:    "last_contacted_at",
	FieldLastActiveAt:       "last_active_at",
	FieldMessagesSent:       "messages_sent",
	FieldCountry:            "country",
	FieldID:                 "id",
	FieldName:               "name",
	FieldEmail:              "email",
	FieldConsentChannel:     "consent_channel",
	FieldConsentPurpose:     "consent_purpose",
	FieldConsentBrand:       "consent_brand",
	FieldConsentType:        "consent_type",
	FieldConsentConfirmedAt: "consent_confirmed_at",
}

// Name is the field's canonical name, as used by --map and in reports.
func (f Field) Name() string {
	switch {
	case f.IsEvidence():
		return fmt.Sprintf("evidence_%d", int(f-FieldEvidence)+1)
	case f < 0 || f >= NumFields:
		return ""
	}
	return fieldNames[f]
}

func (f Field) String() string { return f.Name() }

// FieldByName returns the field with canonical name n (evidence slots have
// no canonical name).
func FieldByName(n string) (Field, bool) {
	for f, name := range fieldNames {
		if name == n {
			return Field(f), true
		}
	}
	return 0, false
}

// IsDate reports whether a field's values are dates (read with
// --date-format and the built-in layouts).
func (f Field) IsDate() bool {
	switch f {
	case FieldConsentAt, FieldOptedOutAt, FieldLastContactedAt, FieldLastActiveAt, FieldConsentConfirmedAt:
		return true
	}
	return false
}

// IsPII reports whether a field's values identify a person and are hidden
// from reports unless the user asks for them.
func (f Field) IsPII() bool {
	return f == FieldPhone || f == FieldName || f == FieldEmail
}
