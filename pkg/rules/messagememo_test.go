package rules

import (
	"fmt"
	"testing"
	"time"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// One Checker judges rows whose dates and counts share memo slots
// (dates memoSlots days apart, and times of day), in an order that makes
// them evict each other: every message must still be its own, and a
// repeated one the very same string.
func TestMemoisedMessagesStayExact(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	first := time.Date(1960, 3, 1, 0, 0, 0, 0, time.UTC)
	clash := first.AddDate(0, 0, memoSlots) // the same stale slot
	rows := []struct {
		consent, sent string
		// same: the messages are the very strings of the row before.
		same bool
		want []string
	}{
		{consent: "1960-03-01", sent: "3", want: []string{
			"consent-expired: consent given 1960-03-01 is 24061 days old, older than 730d",
			"over-messaged: 3 messages sent in the last 7d, more than the cap of 2",
			"stale: no activity or consent since 1960-03-01 (24061 days ago, stale after 365d)"}},
		{consent: "1960-03-01", sent: "3", same: true, want: []string{
			"consent-expired: consent given 1960-03-01 is 24061 days old, older than 730d",
			"over-messaged: 3 messages sent in the last 7d, more than the cap of 2",
			"stale: no activity or consent since 1960-03-01 (24061 days ago, stale after 365d)"}},
		{consent: clash.Format("2006-01-02"), sent: "4", want: []string{
			"consent-expired: consent given 2005-01-08 is 7677 days old, older than 730d",
			"over-messaged: 4 messages sent in the last 7d, more than the cap of 2",
			"stale: no activity or consent since 2005-01-08 (7677 days ago, stale after 365d)"}},
		{consent: "1960-03-01T10:30:00Z", sent: "3", want: []string{
			"consent-expired: consent given 1960-03-01T10:30:00Z is 24060 days old, older than 730d",
			"over-messaged: 3 messages sent in the last 7d, more than the cap of 2",
			"stale: no activity or consent since 1960-03-01T10:30:00Z (24060 days ago, stale after 365d)"}},
		{consent: "1960-03-01", sent: "3", want: []string{
			"consent-expired: consent given 1960-03-01 is 24061 days old, older than 730d",
			"over-messaged: 3 messages sent in the last 7d, more than the cap of 2",
			"stale: no activity or consent since 1960-03-01 (24061 days ago, stale after 365d)"}},
		{consent: "1960-03-01", sent: "99999999999999999999", want: []string{
			"consent-expired: consent given 1960-03-01 is 24061 days old, older than 730d",
			"over-messaged: 99999999999999999999 messages sent in the last 7d, more than the cap of 2",
			"stale: no activity or consent since 1960-03-01 (24061 days ago, stale after 365d)"}},
	}
	var before []domain.Finding
	for i, r := range rows {
		var c Contact
		cells := with(good(), domain.FieldConsentAt, r.consent, domain.FieldLastActiveAt, "", domain.FieldMessagesSent, r.sent)
		fs := k.Check(record(i+1, cells), &c, nil)
		var got []string
		for j, f := range fs {
			got = append(got, f.Rule+": "+f.Message)
			if r.same && j < len(before) && unsafe.StringData(f.Message) != unsafe.StringData(before[j].Message) {
				t.Errorf("row %d: %s: an equal copy of the row before's message, not the same string", i+1, f.Rule)
			}
		}
		before = fs
		if fmt.Sprint(got) != fmt.Sprint(r.want) {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got, r.want)
		}
	}
}
