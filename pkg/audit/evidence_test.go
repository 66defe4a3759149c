package audit

import "testing"

// The mention warning quotes the message as written, cut and escaped.
func TestQuoteShort(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Stop 2", `"Stop 2"`},
		{"please stop\r\ntexting me", `"please stop\r\ntexting me"`},
		{"Arrêt\x1b[31m", `"Arrêt\x1b[31m"`},
		{"STOP +1 (201) 555-0199", `"STOP +1 (***) ***-**99"`},
		{"stop 2 and mail ann@example.com", `"stop 2 and mail [hidden]"`},
		{"I want to stop getting all of these messages right now", `"I want to stop getting all of these mess"…`},
	} {
		if got := quoteShort(tt.text); got != tt.want {
			t.Errorf("quoteShort(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}
