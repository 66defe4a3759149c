package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/sendlog"
	"github.com/listaudit/listaudit/pkg/suppress"
)

func writeTemp(t testing.TB, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func evidenceChecker(t *testing.T, ev *Evidence) *Checker {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	k.Evidence = ev
	return k
}

func ruleMessages(k *Checker, cells map[domain.Field]string, only ...string) []string {
	var c Contact
	var out []string
	for _, f := range k.Check(record(1, cells), &c, nil) {
		if slices.Contains(only, f.Rule) {
			out = append(out, f.Rule+": "+f.Message)
		}
	}
	return out
}

func TestSuppressedByNumberAndByHash(t *testing.T) {
	z := phone.NewNormaliser()
	sum := sha256.Sum256([]byte("+254722000111"))
	plain := writeTemp(t, "dnc.txt", "# our list\n0712 345678\n")
	hashed := writeTemp(t, "partner.sha256", strings.ToUpper(hex.EncodeToString(sum[:]))+"\n")
	var lists []*suppress.List
	for _, p := range []string{plain, hashed} {
		l, err := suppress.Load(p, z.Keys("KE"))
		if err != nil {
			t.Fatal(err)
		}
		lists = append(lists, l)
	}
	k := evidenceChecker(t, &Evidence{Suppress: lists})
	if got := ruleMessages(k, with(good(), domain.FieldPhone, "+254712345678"), Suppressed); !slices.Equal(got, []string{"suppressed: on the suppression list " + plain + ": do not message this number"}) {
		t.Errorf("plain list: %q", got)
	}
	if got := ruleMessages(k, with(good(), domain.FieldPhone, "0722 000111"), Suppressed); !slices.Equal(got, []string{"suppressed: on the suppression list " + hashed + ": do not message this number"}) {
		t.Errorf("hashed list: %q", got)
	}
	if got := ruleMessages(k, with(good(), domain.FieldPhone, "+254733123456"), Suppressed); got != nil {
		t.Errorf("not listed: %q", got)
	}
}

// logChecker is a checker of a Kenyan run with the send log of lines (a
// header and records), and the log's path.
func logChecker(t *testing.T, lines ...string) (*Checker, string) {
	t.Helper()
	log := writeTemp(t, "sends.csv", strings.Join(lines, "\n")+"\n")
	l, err := sendlog.Load([]string{log}, sendlog.Options{Normalise: phone.NewNormaliser().Keys("KE"), Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return evidenceChecker(t, &Evidence{Sends: l}), log
}

func TestSendLogRules(t *testing.T) {
	// +254712345678: 3 sends in a 7-day window (cap 2), the third exactly
	// 7 days after the first is outside it. +254722000111: 3 sends within
	// 7 days. +254733123456: one send before consent.
	k, _ := logChecker(t,
		"phone,sent_at",
		"+254712345678,2025-12-01T10:00:00Z",
		"+254712345678,2025-12-03T10:00:00Z",
		"+254712345678,2025-12-08T10:00:00Z",
		"0722000111,2025-12-01T10:00:00Z",
		"0722000111,2025-12-02T10:00:00Z",
		"0722000111,2025-12-08T09:59:59Z",
		"+254733123456,2025-05-01T00:00:00Z",
		"+254799999999,2025-05-01T00:00:00Z",
	)

	if got := ruleMessages(k, with(good(), domain.FieldPhone, "+254712345678"), OverMessaged); got != nil {
		t.Errorf("exactly the cap in every window: %q", got)
	}
	want := []string{"over-messaged: 3 messages within 7d (send log, 2025-12-01T10:00:00Z to 2025-12-08T09:59:59Z), more than the cap of 2"}
	if got := ruleMessages(k, with(good(), domain.FieldPhone, "+254722000111"), OverMessaged); !slices.Equal(got, want) {
		t.Errorf("cap + 1: %q", got)
	}
	// The log wins over the messages_sent column for numbers it has.
	if got := ruleMessages(k, with(good(), domain.FieldPhone, "+254712345678", domain.FieldMessagesSent, "9"), OverMessaged); got != nil {
		t.Errorf("column used despite the log: %q", got)
	}
	want = []string{"consent-after-contact: consent given 2025-06-01, after the contact was messaged on 2025-05-01 (send log)"}
	if got := ruleMessages(k, with(good(), domain.FieldPhone, "+254733123456"), ConsentAfterContact); !slices.Equal(got, want) {
		t.Errorf("consent after a logged send: %q", got)
	}
	// Opted out on 2025-12-02: the sends on 12-03 and 12-08 come after it.
	want = []string{"contacted-after-opt-out: messaged on 2025-12-03T10:00:00Z (send log) after opting out on 2025-12-02"}
	cells := with(good(), domain.FieldPhone, "+254712345678", domain.FieldOptedOutAt, "2025-12-02")
	if got := ruleMessages(k, cells, ContactedAfterOptOut); !slices.Equal(got, want) {
		t.Errorf("send after opt-out: %q", got)
	}
	// Re-opted in on 12-03 at 10:00: the send at that very instant is
	// covered by the consent; one a second earlier is not.
	cells = with(good(), domain.FieldPhone, "+254712345678", domain.FieldOptedOutAt, "2025-12-02", domain.FieldConsentAt, "2025-12-03T10:00:00Z")
	if got := ruleMessages(k, cells, ContactedAfterOptOut); got != nil {
		t.Errorf("send at the re-opt-in instant: %q", got)
	}
	cells = with(good(), domain.FieldPhone, "+254712345678", domain.FieldOptedOutAt, "2025-12-02", domain.FieldConsentAt, "2025-12-03T10:00:01Z")
	if got := ruleMessages(k, cells, ContactedAfterOptOut); len(got) != 1 {
		t.Errorf("send a second before the re-opt-in: %q", got)
	}
	cells = with(good(), domain.FieldPhone, "+254712345678", domain.FieldOptedOutAt, "2025-12-02T12:00:00Z", domain.FieldConsentAt, "2025-12-03T09:00:00Z")
	if got := ruleMessages(k, cells, ContactedAfterOptOut); got != nil {
		t.Errorf("sends after a re-opt-in: %q", got)
	}
}

func TestOptOutReplyRules(t *testing.T) {
	// +254712345678 replied "Stop." on 12-02 and START on 12-05, and was
	// messaged on 12-01, 12-02 (the confirmation) and 12-06. +254722000111 replied with something
	// else. 07911 123456 (no country code, not Kenyan) replied END.
	k, log := logChecker(t,
		"direction,from,to,body,sent_at",
		"outbound-api,+254700000000,+254712345678,Offer,2025-12-01T10:00:00Z",
		"inbound,+254712345678,+254700000000,Stop.,2025-12-02T08:30:00Z",
		"inbound,+254712345678,+254700000000,START,2025-12-05T08:30:00Z",
		"outbound-api,+254700000000,+254712345678,Offer,2025-12-06T10:00:00Z",
		"inbound,+254722000111,+254700000000,Stop sending me these,2025-12-02T08:30:00Z",
		"inbound,07911 123456,+254700000000,END,2025-12-03",
		// The FCC's one confirmation, within five minutes, is no breach;
		// a second send is.
		"outbound-reply,+254700000000,+254712345678,You are unsubscribed,2025-12-02T08:35:00Z",
		"inbound,+254733000222,+254700000000,STOP,2025-12-02T09:00:00Z",
		"outbound-reply,+254700000000,+254733000222,You are unsubscribed,2025-12-02T09:04:59Z",
		"outbound-api,+254700000000,+254733000222,Offer,2025-12-02T09:05:30Z",
		"inbound,+254733000333,+254700000000,STOP,2025-12-02T09:00:00Z",
		"outbound-reply,+254700000000,+254733000333,You are unsubscribed,2025-12-02T09:05:01Z",
		// A promotion within the five minutes is no confirmation.
		"inbound,+254733000555,+254700000000,STOP,2025-12-02T09:00:00Z",
		"outbound-api,+254700000000,+254733000555,FLASH SALE! Reply STOP to opt out,2025-12-02T09:02:00Z",
		// A STOP's date that cannot be read, is empty, or lies after now.
		"inbound,+254744000444,+254700000000,STOP,13/12/2025 10:00",
		"inbound,+254744000445,+254700000000,Stop please,",
		"inbound,+254744000446,+254700000000,STOP,2099-01-01",
	)
	only := []string{Suppressed, ContactedAfterOptOut, OptedOut}
	stop := `"Stop." on 2025-12-02T08:30:00Z (send log ` + log + `:3)`
	tests := []struct {
		name  string
		cells map[domain.Field]string
		want  []string
	}{
		{"a STOP, a later START, a send after both: fail closed", with(good(), domain.FieldPhone, "+254712345678"), []string{
			"suppressed: opted out by replying " + stop + ": do not message this number",
			"contacted-after-opt-out: messaged on 2025-12-06T10:00:00Z (send log " + log + ":5) after opting out by replying " + stop,
		}},
		// A consent in the list after the STOP does not lift it either.
		{"a later consent", with(good(), domain.FieldPhone, "+254712345678", domain.FieldConsentAt, "2025-12-04"), []string{
			"suppressed: opted out by replying " + stop + ": do not message this number",
			"contacted-after-opt-out: messaged on 2025-12-06T10:00:00Z (send log " + log + ":5) after opting out by replying " + stop,
		}},
		// The list's own opt-out explains the late send: said once.
		{"the list's opt-out too", with(good(), domain.FieldPhone, "+254712345678", domain.FieldOptedOutAt, "2025-12-01T12:00:00Z"), []string{
			"suppressed: opted out by replying " + stop + ": do not message this number",
			"opted-out: opted out on 2025-12-01T12:00:00Z with no later consent: remove the contact from send lists",
			"contacted-after-opt-out: messaged on 2025-12-02T08:35:00Z (send log) after opting out on 2025-12-01T12:00:00Z",
		}},
		{"a reply that is no keyword", with(good(), domain.FieldPhone, "+254722000111"), nil},
		{"a national reply", with(good(), domain.FieldPhone, "+447911123456"), []string{
			`suppressed: opted out by replying "END" on 2025-12-03 (send log ` + log + `:7, from a number without a country code, which can be this one): do not message this number`,
		}},
		{"no reply", with(good(), domain.FieldPhone, "+254733123456"), nil},
		{"a confirmation, then a send", with(good(), domain.FieldPhone, "+254733000222"), []string{
			`suppressed: opted out by replying "STOP" on 2025-12-02T09:00:00Z (send log ` + log + `:9): do not message this number`,
			`contacted-after-opt-out: messaged on 2025-12-02T09:05:30Z (send log ` + log + `:11) after opting out by replying "STOP" on 2025-12-02T09:00:00Z (send log ` + log + `:9)`,
		}},
		{"a promotion within five minutes", with(good(), domain.FieldPhone, "+254733000555"), []string{
			`suppressed: opted out by replying "STOP" on 2025-12-02T09:00:00Z (send log ` + log + `:14): do not message this number`,
			`contacted-after-opt-out: messaged on 2025-12-02T09:02:00Z (send log ` + log + `:15) after opting out by replying "STOP" on 2025-12-02T09:00:00Z (send log ` + log + `:14)`,
		}},
		{"a date that cannot be read", with(good(), domain.FieldPhone, "+254744000444"), []string{
			`suppressed: opted out by replying "STOP" on "13/12/2025 10:00", which cannot be read as a date (send log ` + log + `:16): read as opted out to be safe: do not message this number`,
		}},
		{"no date", with(good(), domain.FieldPhone, "+254744000445"), []string{
			`suppressed: opted out by replying "Stop please" with no date (send log ` + log + `:17): read as opted out to be safe: do not message this number`,
		}},
		{"a date after now", with(good(), domain.FieldPhone, "+254744000446"), []string{
			`suppressed: opted out by replying "STOP" on 2099-01-01, a date after now (send log ` + log + `:18): read as opted out to be safe: do not message this number`,
		}},
		{"a confirmation too late", with(good(), domain.FieldPhone, "+254733000333"), []string{
			`suppressed: opted out by replying "STOP" on 2025-12-02T09:00:00Z (send log ` + log + `:12): do not message this number`,
			`contacted-after-opt-out: messaged on 2025-12-02T09:05:01Z (send log ` + log + `:13) after opting out by replying "STOP" on 2025-12-02T09:00:00Z (send log ` + log + `:12)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ruleMessages(k, tt.cells, only...); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
