// Package phone normalises phone numbers with libphonenumber's metadata
// (github.com/nyaruka/phonenumbers): validity, type, calling code, region
// and the E.164 form that identifies a number across spellings.
// It must not know rules, findings or reports, and must not decide how a
// number is shown: masking is package pii's.
package phone
