package rules

import (
	"fmt"

	"github.com/listaudit/listaudit/pkg/domain"
)

// messagingRules judge message frequency against the cap.
type messagingRules struct{}

func (messagingRules) check(c *Contact, e *emitter, k *Checker) {
	if c.HasMessagesSent && c.MessagesSent > k.Policy.MaxMessages {
		e.cell(OverMessaged, domain.FieldMessagesSent, fmt.Sprintf("%d messages sent in the last %s, more than the cap of %d", c.MessagesSent, k.Policy.MessageWindow, k.Policy.MaxMessages))
	}
}
