package sendlog

import (
	"bytes"
	"encoding/json"
)

// envelope is a platform's webhook body that wraps its messages: Meta's
// WhatsApp webhook (object, entry[].changes[].value.messages[], or the
// value object itself) and Infobip's received messages (results[]); or
// one WhatsApp message whose text is a button's, not text.body.
type envelope struct {
	Entry []struct {
		Changes []struct {
			Value waValue `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
	waValue
	Results []infobipMessage `json:"results"`
	waMessage
}

type waValue struct {
	Messages []waMessage `json:"messages"`
}

// waMessage is a message of Meta's WhatsApp webhook: a text, a tap of a
// template's quick-reply button (its marketing opt-out "Stop
// promotions"), or an interactive reply.
type waMessage struct {
	From      string          `json:"from"`
	Timestamp json.RawMessage `json:"timestamp"`
	Text      struct {
		Body string `json:"body"`
	} `json:"text"`
	Button struct {
		Text string `json:"text"`
	} `json:"button"`
	Interactive struct {
		ButtonReply struct {
			Title string `json:"title"`
		} `json:"button_reply"`
		ListReply struct {
			Title string `json:"title"`
		} `json:"list_reply"`
	} `json:"interactive"`
}

// infobipMessage is one of Infobip's received messages (MO_JSON_2).
type infobipMessage struct {
	From       string          `json:"from"`
	Text       string          `json:"text"`
	CleanText  string          `json:"cleanText"`
	ReceivedAt json.RawMessage `json:"receivedAt"`
}

// envelopeKeys are the top-level keys that mark an envelope; a line
// without any is not decoded again.
var envelopeKeys = []string{"entry", "messages", "results", "button", "interactive"}

// envelopeReply reads a line that is a webhook envelope holding exactly
// one message, as an inbound line's values; button says the text is a
// button's (read as an opt-out when it starts with an opt-out keyword).
// An envelope of several messages is not read: its line is counted as
// one that may be an opt-out (objectLine).
func envelopeReply(obj map[string]json.RawMessage, line []byte) (v [numColumns]string, button, ok bool) {
	marked := false
	for _, k := range envelopeKeys {
		if _, has := obj[k]; has {
			marked = true
		}
	}
	var e envelope
	if !marked || json.Unmarshal(line, &e) != nil {
		return v, false, false
	}
	msgs := e.Messages
	for _, en := range e.Entry {
		for _, c := range en.Changes {
			msgs = append(msgs, c.Value.Messages...)
		}
	}
	if e.From != "" {
		msgs = append(msgs, e.waMessage)
	}
	switch {
	case len(msgs) == 1 && len(e.Results) == 0:
		m := msgs[0]
		v[colFrom] = m.From
		v[colSentAt], _ = jsonText(m.Timestamp)
		v[colBody] = firstText(m.Text.Body, m.Button.Text, m.Interactive.ButtonReply.Title, m.Interactive.ListReply.Title)
		button = m.Text.Body == "" && v[colBody] != ""
	case len(msgs) == 0 && len(e.Results) == 1:
		r := e.Results[0]
		v[colFrom] = r.From
		v[colSentAt], _ = jsonText(bytes.TrimSpace(r.ReceivedAt))
		v[colBody] = firstText(r.Text, r.CleanText)
	default:
		return v, false, false
	}
	v[colDirection] = "inbound"
	return v, button, true
}

func firstText(texts ...string) string {
	for _, t := range texts {
		if t != "" {
			return t
		}
	}
	return ""
}
