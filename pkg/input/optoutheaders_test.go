package input

import (
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestPlatformOptOutAliases: the SMS opt-out columns of Salesforce
// (SMS-Magic Interact, custom fields) and other CRMs, and their dates, are
// aliases; so are Shopify's and Salesforce's country code columns.
func TestPlatformOptOutAliases(t *testing.T) {
	tests := []struct {
		header string
		want   domain.Field
	}{
		{"SMS Opt Out", domain.FieldOptedOut},
		{"smagicinteract__SMSOptOut__c", domain.FieldOptedOut},
		{"SMAGICINTERACT__SMSOPTOUT__C", domain.FieldOptedOut},
		{"SMS_Opt_Out__c", domain.FieldOptedOut},
		{"Do Not Text", domain.FieldOptedOut},
		{"Opted Out Date", domain.FieldOptedOutAt},
		{"Unsubscribed Date", domain.FieldOptedOutAt},
		{"Default Address Country Code", domain.FieldCountry},
		{"MailingCountryCode", domain.FieldCountry},
	}
	for _, tt := range tests {
		f, _, ok := aliasField(tt.header)
		if !ok || f != tt.want {
			t.Errorf("aliasField(%q) = %v, %v; want %v", tt.header, f, ok, tt.want)
		}
	}
}

// TestOptOutHeaderWarnings: a column whose header names an opt-out but
// that no field reads is named, whether or not another column is the
// opt-out column; a list without one names its consent and subscription
// columns.
func TestOptOutHeaderWarnings(t *testing.T) {
	cols := func(pairs ...any) domain.Columns {
		var c domain.Columns
		for i := 0; i < len(pairs); i += 2 {
			c[pairs[i].(domain.Field)] = pairs[i+1].(string)
		}
		return c
	}
	const noOptOut = "f.csv: no opt-out column; opted-out contacts are found only through --suppress (map one with --map opted_out=HEADER)"
	tests := []struct {
		name       string
		header     []string
		cols       domain.Columns
		unread, no string
	}{
		{"Salesforce report: Do Not Call read, SMS Opt Out read as another opt-out, Email Opt Out not",
			[]string{"Mobile", "Email Opt Out", "Do Not Call", "SMS Opt Out"},
			cols(domain.FieldPhone, "Mobile", domain.FieldOptedOut, "Do Not Call"),
			`f.csv: column "Email Opt Out" is not read, though its header names an opt-out; if it holds this list's opt-outs, map it with --map opted_out="Email Opt Out"`, ""},
		{"several unread",
			[]string{"phone", "dnc", "HasOptedOutOfEmail", "Text STOP", "Unsubscribe Status", "email_blacklisted"},
			cols(domain.FieldPhone, "phone", domain.FieldOptedOut, "dnc"),
			`f.csv: columns "HasOptedOutOfEmail", "Text STOP", "Unsubscribe Status" and "email_blacklisted" are not read, though their headers name an opt-out; if one holds this list's opt-outs, map it with --map opted_out=HEADER`, ""},
		{"headers telling about an opt-out, and a fax's, are not named",
			[]string{"phone", "UNSUB_TIME", "UNSUB_CAMPAIGN_TITLE", "UNSUB_REASON", "HASOPTEDOUTOFFAX"},
			cols(domain.FieldPhone, "phone", domain.FieldOptedOutAt, "UNSUB_TIME"),
			"", ""},
		{"only an opted_out_at column: the other opted_out aliases are not read",
			[]string{"phone", "Opted Out Date"},
			cols(domain.FieldPhone, "phone", domain.FieldOptedOutAt, "Opted Out Date"),
			"", ""},
		{"none unread", []string{"phone", "opted_out", "unsubscribed"}, cols(domain.FieldPhone, "phone", domain.FieldOptedOut, "opted_out"), "", ""},
		{"no opt-out column, no candidate", []string{"phone", "name"}, cols(domain.FieldPhone, "phone"), "", noOptOut},
		{"no opt-out column: consent and subscription keys named",
			[]string{"phone", "sms_marketing_consent.state", "email_subscription", "Email Opt Out", "consent_at"},
			cols(domain.FieldPhone, "phone", domain.FieldConsentAt, "consent_at"),
			"", noOptOut + `; named like one: "sms_marketing_consent.state", "email_subscription" and "Email Opt Out"`},
		{"no opt-out column: one candidate",
			[]string{"phone", "SMS Consent"},
			cols(domain.FieldPhone, "phone"),
			"", noOptOut + `; named like one: "SMS Consent"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := Info{Path: "f.csv", Format: FormatCSV, Header: tt.header, Columns: tt.cols}
			if got := info.UnreadOptOutWarning(); got != tt.unread {
				t.Errorf("UnreadOptOutWarning:\n got %s\nwant %s", got, tt.unread)
			}
			if got := info.NoOptOutWarning(false); got != tt.no {
				t.Errorf("NoOptOutWarning:\n got %s\nwant %s", got, tt.no)
			}
		})
	}
}

// TestNestedSMSConsentKeys: Shopify's and Klaviyo's nested SMS consent
// statuses are read as opted_out; a JSON list with no opt-out key names
// its consent keys in the warning.
func TestNestedSMSConsentKeys(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
		warning    string
	}{
		{"Shopify customers",
			`{"customers":[{"phone":"1","sms_marketing_consent":{"state":"subscribed","consent_collected_from":"SHOPIFY"}},
			{"phone":"2","sms_marketing_consent":{"state":"unsubscribed"}}]}`,
			[]string{"1@1 phone=1 opted_out=subscribed", "2@2 phone=2 opted_out=unsubscribed"}, ""},
		{"Klaviyo profiles",
			`{"data":[{"type":"profile","attributes":{"phone":"1","subscriptions":{"sms":{"marketing":{"consent":"SUBSCRIBED"}}}}},
			{"type":"profile","attributes":{"phone":"2","subscriptions":{"sms":{"marketing":{"consent":"UNSUBSCRIBED"}}}}}]}`,
			[]string{"1@1 phone=1 opted_out=SUBSCRIBED", "2@2 phone=2 opted_out=UNSUBSCRIBED"}, ""},
		{"no opt-out key",
			`[{"phone":"1","email_marketing_consent":{"state":"subscribed"}}]`,
			[]string{"1@1 phone=1"},
			`: no opt-out column; opted-out contacts are found only through --suppress (map one with --map opted_out=HEADER); named like one: "email_marketing_consent.state"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readBytes(t, "k.json", []byte(tt.data), Options{Map: map[domain.Field]string{domain.FieldPhone: "attributes.phone"}})
			checkRows(t, got, tt.want)
			if w := got.info.NoOptOutWarning(false); (w == "") != (tt.warning == "") || !strings.HasSuffix(w, tt.warning) {
				t.Errorf("NoOptOutWarning:\n got %s\nwant %s", w, tt.warning)
			}
		})
	}
}
