package rules

import (
	"slices"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// TestScopeRules: the consent scope rules at every boundary. The test
// file has every column (testColumns); "no column" cases blank its name.
func TestScopeRules(t *testing.T) {
	wa, sms := domain.ChannelWhatsApp, domain.ChannelSMS
	mk, ut := domain.PurposeMarketing, domain.PurposeUtility
	const unknownChannel = "consent-scope-unknown: no consent channel recorded on this row: whether the consent covers this campaign cannot be shown"
	tests := []struct {
		name     string
		channel  domain.Channel
		purpose  domain.Purpose
		brand    string
		doi      bool
		cells    []any
		noColumn domain.Field
		want     []string
	}{
		{"nothing declared: no scope rule, whatever the cells", 0, 0, "", false,
			[]any{domain.FieldConsentChannel, "email", domain.FieldConsentPurpose, "bogus"}, -1, nil},
		{"channel consented", wa, 0, "", false, []any{domain.FieldConsentChannel, "WhatsApp"}, -1, nil},
		{"channel among several", wa, 0, "", false, []any{domain.FieldConsentChannel, "sms; whatsapp"}, -1, nil},
		{"channel alias", sms, 0, "", false, []any{domain.FieldConsentChannel, "Text message"}, -1, nil},
		{"channels as a JSON array (JSON, NDJSON)", wa, 0, "", false, []any{domain.FieldConsentChannel, `["sms","whatsapp"]`}, -1, nil},
		{"a JSON array without the channel", wa, 0, "", false, []any{domain.FieldConsentChannel, `["sms", "rcs"]`}, -1,
			[]string{"consent-channel-mismatch: consented to sms+rcs, not to whatsapp, the campaign's channel"}},
		{"an empty JSON array records no channel", wa, 0, "", false, []any{domain.FieldConsentChannel, `[]`}, -1, []string{unknownChannel}},
		{"channel not consented", wa, 0, "", false, []any{domain.FieldConsentChannel, "sms,email"}, -1,
			[]string{"consent-channel-mismatch: consented to sms+email, not to whatsapp, the campaign's channel"}},
		{"unknown word and a known one", sms, 0, "", false, []any{domain.FieldConsentChannel, "sms;fax"}, -1,
			[]string{`value-invalid: consent_channel: "sms;fax": "fax" is not a channel listaudit knows (want whatsapp, sms, rcs, voice or email); sms is read`}},
		{"only unknown words: no channel recorded", sms, 0, "", false, []any{domain.FieldConsentChannel, "fax"}, -1,
			[]string{`value-invalid: consent_channel: "fax" names no channel listaudit knows (want whatsapp, sms, rcs, voice or email)`, unknownChannel}},
		// n/a is quoted as written, not as the words its slash separates;
		// like every cell but the phone's, it is not read as empty.
		{"n/a: the cell as written", wa, 0, "", false, []any{domain.FieldConsentChannel, "n/a"}, -1,
			[]string{`value-invalid: consent_channel: "n/a" names no channel listaudit knows (want whatsapp, sms, rcs, voice or email)`, unknownChannel}},
		{"two unknown words beside two known", sms, 0, "", false, []any{domain.FieldConsentChannel, "sms/n/a, whatsapp"}, -1,
			[]string{`value-invalid: consent_channel: "sms/n/a, whatsapp": "n" and "a" are not channels listaudit knows (want whatsapp, sms, rcs, voice or email); whatsapp and sms are read`}},
		{"a purpose: the same", 0, mk, "", false, []any{domain.FieldConsentPurpose, "N/A"}, -1,
			[]string{`value-invalid: consent_purpose: "N/A" names no purpose listaudit knows (want marketing, utility, authentication or service)`,
				"consent-scope-unknown: no consent purpose recorded on this row: whether the consent covers this campaign cannot be shown"}},
		{"empty channel cell", wa, 0, "", false, nil, -1, []string{unknownChannel}},
		{"no channel column", wa, mk, "", false, nil, domain.FieldConsentChannel,
			[]string{"consent-scope-unknown: the file has no consent channel column (nor purpose): whether the consent covers this campaign cannot be shown"}},
		{"channel and purpose both missing", wa, mk, "", false, nil, -1,
			[]string{"consent-scope-unknown: no consent channel or purpose recorded on this row: whether the consent covers this campaign cannot be shown"}},
		{"purpose consented (alias)", 0, mk, "", false, []any{domain.FieldConsentPurpose, "Promotional"}, -1, nil},
		{"purpose not consented", 0, mk, "", false, []any{domain.FieldConsentPurpose, "transactional|otp"}, -1,
			[]string{"consent-purpose-mismatch: consented to utility+authentication messages, not to marketing, the campaign's purpose"}},
		{"utility campaign, utility consent", 0, ut, "", false, []any{domain.FieldConsentPurpose, "utility"}, -1, nil},
		{"brand matches, any case and spacing", 0, 0, "Acme  Shoes", false, []any{domain.FieldConsentBrand, "acme shoes"}, -1, nil},
		{"brand among several", 0, 0, "Acme", false, []any{domain.FieldConsentBrand, "Globex; Acme"}, -1, nil},
		{"brand in a JSON array", 0, 0, "Acme", false, []any{domain.FieldConsentBrand, `["Globex","Acme"]`}, -1, nil},
		{"an empty JSON array names no brand", 0, 0, "Acme", false, []any{domain.FieldConsentBrand, `[]`}, -1,
			[]string{"consent-scope-unknown: no consent brand recorded on this row: whether the consent covers this campaign cannot be shown"}},
		{"brand differs", 0, 0, "Acme", false, []any{domain.FieldConsentBrand, "Globex"}, -1,
			[]string{`consent-brand-mismatch: consent given to "Globex", not to "Acme", the sending brand`}},
		{"brand column empty on the row", 0, 0, "Acme", false, nil, -1,
			[]string{"consent-scope-unknown: no consent brand recorded on this row: whether the consent covers this campaign cannot be shown"}},
		{"no brand column: a single-brand list", 0, 0, "Acme", false, nil, domain.FieldConsentBrand, nil},
		{"double opt-in confirmed", 0, 0, "", true, []any{domain.FieldConsentConfirmedAt, "2025-06-02"}, -1, nil},
		{"confirmed the same day as the consent", 0, 0, "", true, []any{domain.FieldConsentConfirmedAt, "2025-06-01"}, -1, nil},
		{"confirmed before the consent", 0, 0, "", true, []any{domain.FieldConsentConfirmedAt, "2025-05-31"}, -1,
			[]string{"consent-unconfirmed: confirmed on 2025-05-31, before the consent it confirms (2025-06-01)"}},
		{"not confirmed", 0, 0, "", true, nil, -1,
			[]string{"consent-unconfirmed: no confirmation date: the policy requires double opt-in and this consent was not confirmed"}},
		{"double opt-in type, no date", 0, 0, "", true, []any{domain.FieldConsentType, "Double Opt-In"}, -1,
			[]string{"consent-unconfirmed: consent type double_opt_in but no confirmation date: the confirmation cannot be shown"}},
		{"bad consent type", 0, 0, "", true, []any{domain.FieldConsentType, "verbal", domain.FieldConsentConfirmedAt, "2025-06-02"}, -1,
			[]string{`value-invalid: consent_type: unknown consent type "verbal" (want express, implied, implied_inquiry, soft_opt_in or double_opt_in)`}},
		{"no consent at all: consent-missing only", wa, mk, "Acme", true, []any{domain.FieldConsentSource, ""}, -1,
			[]string{"consent-missing: no consent source: nothing records how this contact opted in"}},
		{"a placeholder source is no consent: consent-missing only", wa, mk, "Acme", true, []any{domain.FieldConsentSource, "n/a"}, -1,
			[]string{`consent-missing: no consent source: "n/a" records nothing of how this contact opted in`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := policyKE()
			p.Channel, p.Purpose, p.Brand, p.RequireDoubleOptIn = tt.channel, tt.purpose, tt.brand, tt.doi
			rec := record(1, with(good(), tt.cells...))
			if tt.noColumn >= 0 {
				cols := *testColumns
				cols[tt.noColumn] = ""
				if tt.noColumn == domain.FieldConsentChannel {
					cols[domain.FieldConsentPurpose] = ""
				}
				rec.Columns = &cols
			}
			var c Contact
			got := messages(NewChecker(p, testNow, phone.NewNormaliser(), nil).Check(rec, &c, nil))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestOptOutScope: an opt-out stops every channel, unless the policy keeps
// them per channel and the row records other channels than the campaign's.
func TestOptOutScope(t *testing.T) {
	for _, tt := range []struct {
		name    string
		scope   domain.OptOutScope
		channel domain.Channel
		cell    string
		covers  bool
	}{
		{"global, other channel", domain.OptOutGlobal, domain.ChannelWhatsApp, "sms", true},
		{"per channel, other channel", domain.OptOutPerChannel, domain.ChannelWhatsApp, "sms", false},
		{"per channel, same channel", domain.OptOutPerChannel, domain.ChannelWhatsApp, "sms;whatsapp", true},
		{"per channel, no channel recorded", domain.OptOutPerChannel, domain.ChannelWhatsApp, "", true},
		{"per channel, no campaign channel", domain.OptOutPerChannel, 0, "sms", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := policyKE()
			p.OptOutScope, p.Channel = tt.scope, tt.channel
			p.Purpose = domain.PurposeMarketing // the scope cells are read
			var c Contact
			NewChecker(p, testNow, phone.NewNormaliser(), nil).Check(record(1, with(good(), domain.FieldOptedOut, "yes", domain.FieldConsentChannel, tt.cell)), &c, nil)
			if c.OptedOutForCampaign() != tt.covers {
				t.Errorf("OptedOutForCampaign = %v, want %v", c.OptedOutForCampaign(), tt.covers)
			}
		})
	}
}
