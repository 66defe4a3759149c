package domain

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
	NumFields // the number of fields, not a field
)

var fieldNames = [NumFields]string{
	FieldPhone:           "phone",
	FieldConsentSource:   "consent_source",
	FieldConsentAt:       "consent_at",
	FieldOptedOut:        "opted_out",
	FieldOptedOutAt:      "opted_out_at",
	FieldLastContactedAt: "last_contacted_at",
	FieldLastActiveAt:    "last_active_at",
	FieldMessagesSent:    "messages_sent",
	FieldCountry:         "country",
	FieldID:              "id",
	FieldName:            "name",
	FieldEmail:           "email",
}

// Name is the field's canonical name, as used by --map and in reports.
func (f Field) Name() string {
	if f < 0 || f >= NumFields {
		return ""
	}
	return fieldNames[f]
}

func (f Field) String() string { return f.Name() }

// FieldByName returns the field with canonical name n.
func FieldByName(n string) (Field, bool) {
	for f, name := range fieldNames {
		if name == n {
			return Field(f), true
		}
	}
	return 0, false
}

// IsPII reports whether a field's values identify a person and are hidden
// from reports unless the user asks for them.
func (f Field) IsPII() bool {
	return f == FieldPhone || f == FieldName || f == FieldEmail
}
