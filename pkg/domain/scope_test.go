package domain

import (
	"slices"
	"strings"
	"testing"
)

// TestParseChannels: the cells lists write consented channels in, names
// and aliases in any case, several in a cell, and JSON arrays as JSON and
// NDJSON lists keep them.
func TestParseChannels(t *testing.T) {
	for _, tt := range []struct {
		cell    string
		want    Channels
		unknown []string
	}{
		{"", 0, nil},
		{"whatsapp", ChannelWhatsApp, nil},
		{"WhatsApp Business", ChannelWhatsApp, nil},
		{"sms;whatsapp", ChannelSMS | ChannelWhatsApp, nil},
		{"SMS, WhatsApp", ChannelSMS | ChannelWhatsApp, nil},
		{"text message | e-mail", ChannelSMS | ChannelEmail, nil},
		{"rcs/voice+email&sms", ChannelRCS | ChannelVoice | ChannelEmail | ChannelSMS, nil},
		{`["sms","whatsapp"]`, ChannelSMS | ChannelWhatsApp, nil},
		{`[ "Phone Calls" ]`, ChannelVoice, nil},
		{"[]", 0, nil},
		{" ; ,", 0, nil},
		{"sms;fax", ChannelSMS, []string{"fax"}},
		{`["fax","telegram"]`, 0, []string{"fax", "telegram"}},
		// A name with a qualifier, or a note in brackets that names the
		// same channel, counts that channel; anything else is unknown.
		{"whatsapp only", ChannelWhatsApp, nil},
		{"WhatsApp Only", ChannelWhatsApp, nil},
		{"only SMS", ChannelSMS, nil},
		{"sms channel", ChannelSMS, nil},
		{"SMS (text)", ChannelSMS, nil},
		{"SMS (only)", ChannelSMS, nil},
		{"Short Message Service", ChannelSMS, nil},
		{"whatsapp only; email", ChannelWhatsApp | ChannelEmail, nil},
		{"Text (whatsapp)", 0, []string{"Text (whatsapp)"}},
		{"whatsapp preferred", 0, []string{"whatsapp preferred"}},
		{"only", 0, []string{"only"}},
		{"only only", 0, []string{"only only"}},
		{"(sms)", 0, []string{"(sms)"}},
		{"fax only", 0, []string{"fax only"}},
	} {
		got, unknown := ParseChannels(tt.cell)
		if got != tt.want || !slices.Equal(unknown, tt.unknown) {
			t.Errorf("ParseChannels(%q) = %v, %q; want %v, %q", tt.cell, got, unknown, tt.want, tt.unknown)
		}
	}
}

func TestParsePurposes(t *testing.T) {
	for _, tt := range []struct {
		cell    string
		want    Purposes
		unknown []string
	}{
		{"marketing", PurposeMarketing, nil},
		{"Promotional; Order Updates", PurposeMarketing | PurposeUtility, nil},
		{"OTP", PurposeAuthentication, nil},
		{`["customer service","alerts"]`, PurposeService | PurposeUtility, nil},
		{"surveys", 0, []string{"surveys"}},
	} {
		got, unknown := ParsePurposes(tt.cell)
		if got != tt.want || !slices.Equal(unknown, tt.unknown) {
			t.Errorf("ParsePurposes(%q) = %v, %q; want %v, %q", tt.cell, got, unknown, tt.want, tt.unknown)
		}
	}
}

// TestScopeVocabularies: every name and alias of each vocabulary reads as
// its name, in any case and with spaces, hyphens or underscores between
// its words; campaign channels refuse email and sets.
func TestScopeVocabularies(t *testing.T) {
	variants := func(s string) []string {
		return []string{s, " " + s + " ", strings.ToUpper(s), strings.ReplaceAll(s, " ", "_"), strings.ReplaceAll(s, " ", "-")}
	}
	for _, w := range ChannelSpellings {
		for _, s := range slices.Concat([]string{w.Name}, w.Aliases) {
			for _, v := range variants(s) {
				c, err := ParseCampaignChannel(v)
				switch {
				case w.Name == "email" && err == nil:
					t.Errorf("ParseCampaignChannel(%q) = %v; email is no campaign channel", v, c)
				case w.Name != "email" && (err != nil || c.String() != w.Name):
					t.Errorf("ParseCampaignChannel(%q) = %v, %v; want %s", v, c, err, w.Name)
				}
			}
		}
	}
	for _, w := range PurposeSpellings {
		for _, s := range slices.Concat([]string{w.Name}, w.Aliases) {
			for _, v := range variants(s) {
				if p, err := ParsePurpose(v); err != nil || p.String() != w.Name {
					t.Errorf("ParsePurpose(%q) = %v, %v; want %s", v, p, err, w.Name)
				}
			}
		}
	}
	for _, w := range ConsentTypeSpellings {
		for _, s := range slices.Concat([]string{w.Name}, w.Aliases) {
			for _, v := range variants(s) {
				if c, err := ParseConsentType(v); err != nil || c.String() != w.Name {
					t.Errorf("ParseConsentType(%q) = %v, %v; want %s", v, c, err, w.Name)
				}
			}
		}
	}
	for _, s := range []string{"email", "sms;whatsapp", "fax", "whatsap"} {
		if c, err := ParseCampaignChannel(s); err == nil {
			t.Errorf("ParseCampaignChannel(%q) = %v; want an error", s, c)
		}
	}
	for _, s := range []string{"survey", "marketing;utility"} {
		if p, err := ParsePurpose(s); err == nil {
			t.Errorf("ParsePurpose(%q) = %v; want an error", s, p)
		}
	}
	if c, err := ParseConsentType("verbal"); err == nil || err.Error() != `unknown consent type "verbal" (want express, implied, implied_inquiry, soft_opt_in or double_opt_in)` {
		t.Errorf("ParseConsentType(verbal) = %v, %v", c, err)
	}
}

func TestParseOptOutScope(t *testing.T) {
	for s, want := range map[string]OptOutScope{
		"": OptOutGlobal, "global": OptOutGlobal, "Global": OptOutGlobal,
		"channel": OptOutPerChannel, "per-channel": OptOutPerChannel, "Per Channel": OptOutPerChannel,
	} {
		if got, err := ParseOptOutScope(s); err != nil || got != want {
			t.Errorf("ParseOptOutScope(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if _, err := ParseOptOutScope("brand"); err == nil || err.Error() != `unknown opt-out scope "brand" (want global or channel)` {
		t.Errorf("ParseOptOutScope(brand): %v", err)
	}
}

// TestChannelAppendList: channels named as a sentence names them.
func TestChannelAppendList(t *testing.T) {
	for set, want := range map[Channels]string{
		ChannelSMS:                                "sms",
		ChannelWhatsApp | ChannelSMS:              "whatsapp and sms",
		ChannelWhatsApp | ChannelSMS | ChannelRCS: "whatsapp, sms and rcs",
		ChannelSMS | ChannelVoice | ChannelEmail:  "sms, voice and email",
		0:                                         "",
	} {
		if got := string(set.AppendList(nil)); got != want {
			t.Errorf("%v.AppendList = %q, want %q", set, got, want)
		}
	}
}

// TestParseSetAllocs: a cell of known words, as lists mostly write them,
// is read without allocating (it is read on every row).
func TestParseSetAllocs(t *testing.T) {
	for _, cell := range []string{"whatsapp", "sms;whatsapp", `["sms","whatsapp"]`, "whatsapp only", "sms (text)"} {
		if n := testing.AllocsPerRun(100, func() { ParseChannels(cell) }); n != 0 {
			t.Errorf("ParseChannels(%q): %v allocations, want 0", cell, n)
		}
	}
	for _, cell := range []string{"marketing", "marketing; utility"} {
		if n := testing.AllocsPerRun(100, func() { ParsePurposes(cell) }); n != 0 {
			t.Errorf("ParsePurposes(%q): %v allocations, want 0", cell, n)
		}
	}
}
