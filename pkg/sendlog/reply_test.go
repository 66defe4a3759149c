package sendlog

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/phone"
)

func TestIsOptOutReply(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"STOP", true},
		{"stop", true},
		{" Stop. ", true},
		{"STOP!!", true},
		{"StopAll", true},
		{"unsubscribe", true},
		{"Cancel", true},
		{"END", true},
		{"quit", true},
		{"OPTOUT", true},
		{"opt out", true},
		{"Opt-Out", true},
		{"revoke", true},
		{"🛑 STOP 🛑", true},
		{"", false},
		{"START", false},
		{"UNSTOP", false},
		{"YES", false},
		{"HELP", false},
		{"STOP PLEASE", true},
		{"please stop", true},
		{"Stop, thank you!", true},
		{"Stop\n--\nSent from my iPhone", true},
		{"STOP\nSent from my iPhone", true},
		{"ARRET", true},
		{"Arrêt", true},
		{"arrete", true},
		{"ARRETT", true},
		{"ＳＴＯＰ", true},
		{"S\u200bTOP", true},
		{"\u200bSTOP\u200b", true},
		{"stop 2", false},
		{"STOPP", false},
		{"ÉND", true},
		{"stop texting me", false},
		{"I want to stop getting these, please remove me", false},
	}
	for _, tt := range tests {
		if got := isOptOutReply(tt.body); got != tt.want {
			t.Errorf("isOptOutReply(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// kenyan reads raw as the list does in a run with region KE.
func kenyan(t *testing.T, raw string) phone.Number {
	t.Helper()
	n := phone.NewNormaliser().Normalise(raw, "KE")
	if !n.Valid {
		t.Fatalf("%s is not valid", raw)
	}
	return n
}

func TestTwilioConsoleCSV(t *testing.T) {
	body := "From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit\n" +
		"+254700000000,+254712345678,Hello,delivered,2026-01-10T09:00:00Z,2010-04-01,1,0,AC1,SM1,outbound-api,-0.0079,USD\n" +
		"+254712345678,+254700000000,Stop.,received,2026-01-11T10:00:00Z,2010-04-01,1,0,AC1,SM2,inbound,-0.0079,USD\n" +
		"+254712345678,+254700000000,START,received,2026-01-12T10:00:00Z,2010-04-01,1,0,AC1,SM3,inbound,-0.0079,USD\n" +
		"+254722000001,+254700000000,thanks,received,2026-01-12T10:00:00Z,2010-04-01,1,0,AC1,SM4,inbound,-0.0079,USD\n" +
		"+254700000000,+254712345678,Sale,delivered,2026-01-13T09:00:00Z,2010-04-01,1,0,AC1,SM5,outbound-reply,-0.0079,USD\n" +
		"12345,+254700000000,STOP,received,2026-01-13T10:00:00Z,2010-04-01,1,0,AC1,SM6,inbound,-0.0079,USD\n"
	l := mustLoad(t, Options{}, [2]string{"twilio.csv", body})
	want := Counts{Lines: 6, Sends: 2, Inbound: 3, OptOuts: 1, Invalid: 1}
	if l.Total != want {
		t.Errorf("counts = %+v, want %+v", l.Total, want)
	}
	// Replies are not sends: the own number has none.
	if got := l.Sends(254700000000); got != nil {
		t.Errorf("Sends(own number) = %v", got)
	}
	if got := l.Sends(keA); !slices.Equal(got, []int64{unix("2026-01-10T09:00:00Z"), unix("2026-01-13T09:00:00Z")}) {
		t.Errorf("Sends(A) = %v", got)
	}
	// The STOP holds though a START follows (fail closed).
	o, ok := l.OptOutOf(kenyan(t, "+254712345678"))
	wantO := OptOut{At: unix("2026-01-11T10:00:00Z"), Reply: "Stop.", File: l.Files[0].Path, Line: 3}
	if !ok || o != wantO {
		t.Errorf("OptOutOf(A) = %+v, %v; want %+v", o, ok, wantO)
	}
	if o, ok := l.OptOutOf(kenyan(t, "+254722000001")); ok {
		t.Errorf("OptOutOf(B) = %+v: a reply that is no keyword opts out", o)
	}
	if got := l.FirstInvalid; len(got) != 1 || got[0].Line != 7 || got[0].Reason != "from is not a valid number" {
		t.Errorf("invalid = %+v", got)
	}
}

func TestTwilioRESTNDJSON(t *testing.T) {
	body := `{"sid":"SM1","from":"+254700000000","to":"+254712345678","body":"Hi","direction":"outbound-api","date_created":"Fri, 09 Jan 2026 08:59:59 +0000","date_sent":"Fri, 09 Jan 2026 09:00:00 +0000","date_updated":"Fri, 09 Jan 2026 09:00:05 +0000"}` + "\n" +
		// Not sent yet: date_sent is null, date_created is the time.
		`{"sid":"SM2","from":"+254700000000","to":"+254712345678","body":"Hi","direction":"outbound-api","date_created":"Sat, 10 Jan 2026 09:00:00 +0000","date_sent":null,"date_updated":"Sat, 10 Jan 2026 09:00:00 +0000"}` + "\n" +
		`{"sid":"SM3","from":"whatsapp:+254722000001","to":"whatsapp:+254700000000","body":"unsubscribe","direction":"inbound","date_created":"Sun, 11 Jan 2026 07:00:00 +0000","date_sent":"Sun, 11 Jan 2026 07:00:01 +0000"}` + "\n" +
		`{"sid":"SM4","from":"whatsapp:+254700000000","to":"whatsapp:+254722000001","body":"Bye","direction":"outbound-reply","date_created":"Sun, 11 Jan 2026 07:00:02 +0000","date_sent":"Sun, 11 Jan 2026 07:00:03 +0000"}` + "\n"
	l := mustLoad(t, Options{}, [2]string{"messages.ndjson", body})
	want := Counts{Lines: 4, Sends: 3, Inbound: 1, OptOuts: 1}
	if l.Total != want {
		t.Errorf("counts = %+v, want %+v (invalid %v)", l.Total, want, l.FirstInvalid)
	}
	if got := l.Sends(keA); !slices.Equal(got, []int64{unix("2026-01-09T09:00:00Z"), unix("2026-01-10T09:00:00Z")}) {
		t.Errorf("Sends(A) = %v", got)
	}
	if got := l.Sends(keB); !slices.Equal(got, []int64{unix("2026-01-11T07:00:03Z")}) {
		t.Errorf("Sends(B) = %v", got)
	}
	if o, ok := l.OptOutOf(kenyan(t, "+254722000001")); !ok || o.At != unix("2026-01-11T07:00:01Z") || o.Reply != "unsubscribe" || o.Line != 3 {
		t.Errorf("OptOutOf(B) = %+v, %v", o, ok)
	}
}

// An opt-out reply from a number the region does not read opts out every
// contact it can be, as such a send counts for each; the earliest reply
// of a number is the one kept.
func TestOptOutReplyFailClosed(t *testing.T) {
	body := "direction,from,to,body,date\n" +
		"mo,07911 123456,+254700000000,END,2026-01-05\n" +
		"mo,+447911123456,+254700000000,STOP,2026-01-08\n" +
		"mo,+447911123456,+254700000000,STOP,2026-01-04\n"
	l := mustLoad(t, Options{}, [2]string{"log.csv", body})
	uk := phone.NewNormaliser().Normalise("+447911123456", "")
	o, ok := l.OptOutOf(uk)
	if !ok || o.At != unix("2026-01-04T00:00:00Z") || o.National {
		t.Errorf("OptOutOf = %+v, %v; want the exact reply of 2026-01-04", o, ok)
	}
	l = mustLoad(t, Options{}, [2]string{"log.csv", "direction,from,to,body,date\nmo,07911 123456,+254700000000,END,2026-01-05\n"})
	if o, ok := l.OptOutOf(uk); !ok || !o.National || o.Reply != "END" {
		t.Errorf("OptOutOf = %+v, %v; want the national reply", o, ok)
	}
}

// The Twilio CLI (twilio api:core:messages:list -o json) writes the
// helper library's camelCase keys and ISO 8601 dates.
func TestTwilioCLIKeys(t *testing.T) {
	body := `{"body":"STOP","dateCreated":"2026-01-11T07:00:00.000Z","dateSent":"2026-01-11T07:00:01.000Z","direction":"inbound","from":"+254722000001","to":"+254700000000"}` + "\n" +
		`{"body":"Hi","dateCreated":"2026-01-09T08:59:59.000Z","dateSent":"2026-01-09T09:00:00.000Z","direction":"outbound-api","from":"+254700000000","to":"+254712345678"}` + "\n"
	l := mustLoad(t, Options{}, [2]string{"messages.ndjson", body})
	if got := l.Sends(keA); !slices.Equal(got, []int64{unix("2026-01-09T09:00:00Z")}) {
		t.Errorf("Sends(A) = %v", got)
	}
	if o, ok := l.OptOutOf(kenyan(t, "+254722000001")); !ok || o.At != unix("2026-01-11T07:00:01Z") {
		t.Errorf("OptOutOf(B) = %+v, %v", o, ok)
	}
}

func TestClassifyReply(t *testing.T) {
	tests := []struct {
		body string
		want replyKind
	}{
		{"STOP", optOutReply},
		{"Stop please", optOutReply},
		{"Stop\n--\nSent from my iPhone", optOutReply},
		{"ＳＴＯＰ", optOutReply},
		{"Arrêt", optOutReply},
		{"STOP STOP", optOutReply},
		{"unsubscribe me", optOutReply},
		{"please, stop unsubscribe", optOutReply},
		{"stop it stop", mentionsOptOut},
		{"please stop texting me", mentionsOptOut},
		{"stop 2", mentionsOptOut},
		{"I want to opt out of this", mentionsOptOut},
		{"Weekend plans?", notOptOut},
		{"thank you", notOptOut},
		{"", notOptOut},
	}
	for _, tt := range tests {
		if got := classifyReply(tt.body); got != tt.want {
			t.Errorf("classifyReply(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

func TestDirection(t *testing.T) {
	tests := []struct {
		cell string
		want dirKind
	}{
		{"inbound", dirInbound},
		{"Inbound", dirInbound},
		{" incoming ", dirInbound},
		{"received", dirInbound},
		{"MO", dirInbound},
		{"outbound-api", dirSend},
		{"outbound-call", dirSend},
		{"outbound-reply", dirSend},
		{"outgoing", dirSend},
		{"sent", dirSend},
		{"mt", dirSend},
		{"", dirNone},
		{"sideways", dirOther},
		{"in", dirInbound},
		{"IN", dirInbound},
		{"receive", dirInbound},
		{"MO-SMS", dirInbound},
		{"inbound-api", dirInbound},
		{"inbound_reply", dirInbound},
		{"reply", dirOther},
		{"Inbound Message", dirInbound},
		{"INBOUND ", dirInbound},
		{"unknown", dirOther},
		{"n/a", dirOther},
		{"  ", dirNone},
		{"MT", dirSend},
	}
	for _, tt := range tests {
		if got := direction(tt.cell); got != tt.want {
			t.Errorf("direction(%q) = %v, want %v", tt.cell, got, tt.want)
		}
	}
}

// A STOP is kept whatever its date: one that cannot be read, is empty or
// lies after now opts its sender out, at a time unknown (fail closed).
func TestOptOutReplyDates(t *testing.T) {
	body := "direction,from,to,body,date\n" +
		"inbound,+254712345678,+254700000000,STOP,13/01/2026 10:00\n" +
		"inbound,+254722000001,+254700000000,STOP,\n" +
		"inbound,+254733000001,+254700000000,STOP,2026-03-01\n"
	l := mustLoad(t, Options{Now: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}, [2]string{"log.csv", body})
	if l.Total.Invalid != 0 || l.Total.OptOuts != 3 || l.UndatedOptOuts != 3 || l.FirstUndatedOptOut.Line != 2 {
		t.Errorf("counts = %+v, undated %d (first %v)", l.Total, l.UndatedOptOuts, l.FirstUndatedOptOut)
	}
	tests := []struct {
		number string
		want   OptOut
	}{
		{"+254712345678", OptOut{At: math.MaxInt64, Reply: "STOP", Line: 2, Undated: true, Date: "13/01/2026 10:00"}},
		{"+254722000001", OptOut{At: math.MaxInt64, Reply: "STOP", Line: 3, Undated: true}},
		{"+254733000001", OptOut{At: unix("2026-03-01T00:00:00Z"), Reply: "STOP", Line: 4, Ahead: true}},
	}
	for _, tt := range tests {
		o, ok := l.OptOutOf(kenyan(t, tt.number))
		tt.want.File = l.Files[0].Path
		if !ok || o != tt.want {
			t.Errorf("OptOutOf(%s) = %+v, %v; want %+v", tt.number, o, ok, tt.want)
		}
	}
}

// A sender written without + is every number it can be: its
// international reading (WhatsApp's webhooks write 254712345678), its
// reading in the region, and its national digits; no region is needed.
func TestOptOutSenderWithoutPlus(t *testing.T) {
	body := `{"direction":"inbound","from":"254712345678","body":"STOP","timestamp":"2026-01-05T10:00:00Z"}` + "\n" +
		`{"direction":"inbound","from":"whatsapp:447911123456","body":"STOP","timestamp":"2026-01-05T10:00:00Z"}` + "\n" +
		`{"msisdn":"16505551234","to":"447700900000","text":"STOP","keyword":"STOP","message-timestamp":"2026-01-05 10:00:00"}` + "\n" +
		`{"direction":"mo","originator":"+31612345678","recipient":"+3197010200000","body":"stop","createdDatetime":"2026-01-05T10:00:00+00:00"}` + "\n"
	l := mustLoad(t, Options{}, [2]string{"log.ndjson", body})
	for _, n := range []string{"+254712345678", "+447911123456", "+16505551234", "+31612345678"} {
		if o, ok := l.OptOutOf(phone.NewNormaliser().Normalise(n, "")); !ok || o.National || o.Undated {
			t.Errorf("OptOutOf(%s) = %+v, %v", n, o, ok)
		}
	}
	if l.Total.Sends != 0 || l.Total.OptOuts != 4 {
		t.Errorf("counts = %+v", l.Total)
	}
}

// An opt-out reply's sender is read as the list's cell is (phone.Clean):
// behind a mark or in Excel's ="…", its +, 00 or national reading is the
// same number's, exactly, as without.
func TestOptOutSenderBehindAMark(t *testing.T) {
	for _, from := range []string{
		"+254712345604", "\u200e+254712345604", "\u200e00254712345604", "\ufeff00 254 712 345 604",
		`="00254712345604"`, "\u200e0712345604", "\u200e254712345604",
		"00254712345604.", "00254712345604 ext. 5", "'00254712345604", "'+254712345604", // QA28b F2
	} {
		body := "from,to,body,direction,date\n\"" + strings.ReplaceAll(from, `"`, `""`) + "\",+254700000000,STOP,inbound,2026-01-05\n"
		l := mustLoad(t, Options{}, [2]string{"replies.csv", body})
		if o, ok := l.OptOutOf(kenyan(t, "+254712345604")); !ok || o.National || l.Total.Invalid != 0 {
			t.Errorf("from %q: OptOutOf = %+v, %v; counts %+v", from, o, ok, l.Total)
		}
	}
}

// Unusable lines that may be replies are counted, as are inbound lines
// without a text, keywords among other words, and unknown directions.
func TestRepliesNotReadAreCounted(t *testing.T) {
	l := mustLoad(t, Options{},
		[2]string{"a.ndjson", `{"direction":"inbound","from":"+254712345678","body":"STOP"` + "\n" +
			`{"direction":"inbound","from":"+254712345678","date":"2026-01-05"}` + "\n" +
			`{"direction":"inbound","from":"+254712345678","body":"stop texting me","date":"2026-01-05"}` + "\n" +
			`{"direction":"sideways","phone":"+254712345678","body":"Hi","date":"2026-01-05"}` + "\n"},
		[2]string{"b.csv", "direction,from,phone,body,date\nmo,\"+254712345678\"x,+254700000000,STOP,2026-01-05\nmo,not a number,+254700000000,STOP,2026-01-05\noutbound,+254700000000,+254712345678,Hi,2026-01-05\n"})
	if l.MaybeOptOuts != 3 || l.FirstMaybeOptOut.Line != 1 || l.MentionsOptOut != 1 || l.FirstMentionsOptOut.Line != 3 {
		t.Errorf("maybe %d (%v), mentions %d (%v)", l.MaybeOptOuts, l.FirstMaybeOptOut, l.MentionsOptOut, l.FirstMentionsOptOut)
	}
	if f := l.Files[0]; f.NoBody != 1 || f.FirstNoBody.Line != 2 || f.OtherDirections != 1 || !slices.Equal(f.Directions, []string{"sideways"}) {
		t.Errorf("file = %+v", f)
	}
}

func TestReadsAsConfirmation(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.", true},
		{"You will get no more messages from us.", true},
		{"You are unsubscribed from Acme Alerts, no more msg will be sent.", true},
		{"You have been REMOVED from our list", true},
		{"FLASH SALE 50% off today only! Reply STOP to opt out", false},
		{"Sorry to see you go: here is 10% off to come back", false},
		{"Look no further! 40% off everything. Reply STOP to opt out", false},
		{"Removed from your cart? Get it back with code SAVE20", false},
		{"No more waiting: the winter sale starts now!", false},
		{"You will no longer receive messages from Acme", true},
		{"You have been removed from our list and will receive no further messages.", true},
		{"You have opted out and will receive no more messages", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := readsAsConfirmation(tt.body); got != tt.want {
			t.Errorf("readsAsConfirmation(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// The first send within five minutes of a STOP may be its confirmation
// only when its body reads as one, or it has none.
func TestIsConfirmation(t *testing.T) {
	body := "direction,from,phone,body,date\n" +
		"inbound,+254712345678,+254700000000,STOP,2026-01-05T10:00:00Z\n" +
		"outbound-api,+254700000000,+254712345678,FLASH SALE! Reply STOP to opt out,2026-01-05T10:02:00Z\n" +
		"outbound-api,+254700000000,+254722000001,You are unsubscribed,2026-01-05T10:02:00Z\n" +
		"outbound-api,+254700000000,0733000001,Sale,2026-01-05T10:02:00Z\n" +
		"outbound-api,+254700000000,+254744000001,,2026-01-05T10:02:00Z\n"
	l := mustLoad(t, Options{}, [2]string{"log.csv", body})
	at := unix("2026-01-05T10:02:00Z")
	for _, tt := range []struct {
		number string
		want   bool
	}{{"+254712345678", false}, {"+254722000001", true}, {"+254733000001", false}, {"+254744000001", true}} {
		if got := l.IsConfirmation(kenyan(t, tt.number), at); got != tt.want {
			t.Errorf("IsConfirmation(%s) = %v, want %v", tt.number, got, tt.want)
		}
	}
	if got := l.Sends(keA); !slices.Equal(got, []int64{at}) {
		t.Errorf("Sends(A) = %v", got)
	}
}

// A keyword makes a line without a direction a reply on Vonage's inbound
// webhook (msisdn), or when it is an opt-out keyword; a send log's
// campaign keyword leaves its sends sends.
func TestKeywordLines(t *testing.T) {
	body := `{"msisdn":"254712345678","to":"254700000000","text":"Hello","keyword":"HELLO","message-timestamp":"2026-01-05 10:00:00"}` + "\n" +
		`{"from":"254722000001","to":"254700000000","text":"Stop please","keyword":"STOP","receivedAt":"2026-01-05T10:00:00Z"}` + "\n" +
		`{"to":"+254712345678","keyword":"SALE26","sent_at":"2026-01-06T10:00:00Z"}` + "\n"
	l := mustLoad(t, Options{}, [2]string{"log.ndjson", body})
	if want := (Counts{Lines: 3, Sends: 1, Inbound: 2, OptOuts: 1}); l.Total != want {
		t.Errorf("counts = %+v, want %+v", l.Total, want)
	}
	if o, ok := l.OptOutOf(kenyan(t, "+254722000001")); !ok || o.Reply != "Stop please" {
		t.Errorf("OptOutOf = %+v, %v", o, ok)
	}
}

// WhatsApp's Cloud API webhook: the sender in from, without +, the text
// in text.body, no direction.
func TestWhatsAppCloudMessage(t *testing.T) {
	body := `{"from":"254712345678","id":"wamid.X","timestamp":"1767607200","type":"text","text":{"body":"STOP"}}` + "\n"
	l := mustLoad(t, Options{}, [2]string{"wa.ndjson", body})
	if o, ok := l.OptOutOf(kenyan(t, "+254712345678")); !ok || o.Reply != "STOP" || o.At != 1767607200 {
		t.Errorf("OptOutOf = %+v, %v (counts %+v, invalid %v)", o, ok, l.Total, l.FirstInvalid)
	}
}

// The sends after an opt-out reply are found again with their lines,
// across files; other sends are not.
func TestSendLine(t *testing.T) {
	l := mustLoad(t, Options{},
		[2]string{"a.csv", "direction,from,phone,body,date\n" +
			"outbound-api,+254700000000,+254712345678,Hi,2026-01-01\n" +
			"inbound,+254712345678,+254700000000,STOP,2026-01-02\n"},
		[2]string{"b.csv", "direction,from,phone,body,date\n" +
			"outbound-api,+254700000000,+254722000001,Hi,2026-01-03\n" +
			"outbound-api,+254700000000,+254712345678,Sale,2026-01-03\n"})
	a := kenyan(t, "+254712345678")
	if e, ok := l.SendLine(a, unix("2026-01-03T00:00:00Z")); !ok || e.File != l.Files[1].Path || e.Line != 3 {
		t.Errorf("SendLine(late) = %+v, %v", e, ok)
	}
	if e, ok := l.SendLine(a, unix("2026-01-01T00:00:00Z")); ok {
		t.Errorf("SendLine(before the reply) = %+v", e)
	}
	if e, ok := l.SendLine(kenyan(t, "+254722000001"), unix("2026-01-03T00:00:00Z")); ok {
		t.Errorf("SendLine(no reply) = %+v", e)
	}
	if l.Total.Sends != 3 || l.Total.OptOuts != 1 {
		t.Errorf("counts = %+v: the second read counted", l.Total)
	}
}

// A line without a direction is a reply when its text, cut of its
// signature and the symbols around it, is an opt-out, whatever its
// length; a short one mentioning a keyword is warned of unless it is a
// send's instruction.
func TestUndirectedReply(t *testing.T) {
	tests := []struct {
		body string
		want replyKind
	}{
		{"STOP", optOutReply},
		{"STOP\n--\nJohn Smith | Acme Plumbing Ltd | 123 Main Street, Springfield", optOutReply},
		{"STOP 🛑🛑🛑🛑🛑🛑🛑🛑🛑🛑🛑🛑🛑🛑🛑🛑", optOutReply},
		{"Please stop texting me", mentionsOptOut},
		{"I want to unsubscribe", mentionsOptOut},
		{"Reply STOP to opt out", notOptOut},
		{"STOP to end", notOptOut},
		{"Acme: 20% off today. Msg&data rates may apply. STOP=cancel", notOptOut},
		{"FLASH SALE 50% off everything in store and online this weekend only, stop by!", notOptOut},
		{"Sale", notOptOut},
		{"Don't miss the end of season sale!", notOptOut},
		{"Cancel anytime, no fees", notOptOut},
		{"Stop 2", mentionsOptOut},
		{"please opt me out", optOutReply},
		{"I want to opt out of this", mentionsOptOut},
	}
	for _, tt := range tests {
		if got := undirectedReply(tt.body); got != tt.want {
			t.Errorf("undirectedReply(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// A reply's sender is its from column under any of its names, never the
// phone column (to, recipient: your own number) but for msisdn and wa_id;
// a reply without one is counted as a line that may be an opt-out.
func TestReplySender(t *testing.T) {
	l := mustLoad(t, Options{},
		[2]string{"a.csv", "Sender,Recipient,Message,Direction,Date\n+254722000001,+254700000000,STOP,inbound,2026-01-05\n+254700000000,+254722000001,Sale,outbound,2026-01-04\n"},
		[2]string{"b.csv", "from_number,to_number,phone,text,direction,date\n+254722000002,+254700000000,+254700000000,STOP,inbound,2026-01-05\n"},
		[2]string{"c.csv", "To,Body,Direction,Date\n+254700000000,STOP,inbound,2026-01-05\n+254722000003,Sale,outbound,2026-01-04\n"},
		[2]string{"d.ndjson", `{"wa_id":"254722000004","text":{"body":"STOP"},"direction":"inbound","timestamp":"1767607200"}` + "\n" +
			`{"source_number":"+254722000005","to":"+254700000000","text":"STOP","direction":"inbound","date":"2026-01-05"}` + "\n"})
	for _, n := range []string{"+254722000001", "+254722000002", "+254722000004", "+254722000005"} {
		if _, ok := l.OptOutOf(kenyan(t, n)); !ok {
			t.Errorf("no opt-out of %s", n)
		}
	}
	if _, ok := l.OptOutOf(kenyan(t, "+254700000000")); ok {
		t.Errorf("opt-out applied to the recipient, your own number")
	}
	if l.MaybeOptOuts != 1 || filepath.Base(l.FirstMaybeOptOut.File) != "c.csv" || l.FirstMaybeOptOut.Line != 2 {
		t.Errorf("maybe %d (%v), want 1 at c.csv:2", l.MaybeOptOuts, l.FirstMaybeOptOut)
	}
}

// A JSON line that cannot be used (an envelope of several messages, or
// one listaudit does not read) but holds an opt-out as a value at any
// depth is counted as a line that may be an opt-out;
// one with no such value is not.
func TestEnvelopeMayBeOptOut(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       int
	}{
		{"infobip batch", `{"results":[{"from":"385916242493","text":"Stop please"},{"from":"385916242494","text":"Hi"}]}`, 1},
		{"meta batch", `{"entry":[{"changes":[{"value":{"messages":[{"from":"16505551234","text":{"body":"STOP"}},{"from":"16505551235","text":{"body":"Hi"}}]}}]}]}`, 1},
		{"meta status", `{"entry":[{"changes":[{"value":{"statuses":[{"recipient_id":"16505551234","status":"delivered"}]}}]}]}`, 0},
		{"bird", `{"sender":{"contact":{"identifierValue":"+31612345678"}},"body":{"type":"text","text":{"text":"STOP"}},"direction":"incoming"}`, 1},
		{"telnyx", `{"data":{"payload":{"from":{"phone_number":"+12015550140"},"text":"STOP"}}}`, 1},
		{"status", `{"data":{"payload":{"status":"delivered","text":"Reply STOP to opt out"}}}`, 0},
		{"keyname", `{"stop_reason":"timeout"}`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := mustLoad(t, Options{}, [2]string{"a.ndjson", tc.line + "\n" + `{"to":"+254712345678","sent_at":"2026-01-04"}` + "\n"})
			if l.MaybeOptOuts != tc.want {
				t.Errorf("MaybeOptOuts = %d, want %d", l.MaybeOptOuts, tc.want)
			}
		})
	}
}

// A WhatsApp or msisdn sender has its country code: it matches by its
// international reading alone, not by national digits that are another
// country's number; a plain SMS sender without + still matches broadly.
func TestInternationalSender(t *testing.T) {
	chinese := phone.NewNormaliser().Normalise("+8616505551234", "")
	us := phone.NewNormaliser().Normalise("+16505551234", "")
	for _, tc := range []struct {
		name, body  string
		us, chinese bool
	}{
		{"meta.ndjson", `{"from":"16505551234","timestamp":"1767607200","type":"text","text":{"body":"STOP"}}`, true, false},
		{"prefix.csv", "from,to,body,direction,date\nwhatsapp:16505551234,whatsapp:+15550000000,STOP,inbound,2026-01-05\n", true, false},
		{"waid.ndjson", `{"wa_id":"16505551234","body":"STOP","direction":"inbound","date":"2026-01-05"}`, true, false},
		{"msisdn.ndjson", `{"msisdn":"16505551234","to":"15550000000","text":"STOP","keyword":"STOP","message-timestamp":"2026-01-05 10:00:00"}`, true, false},
		{"sms.csv", "from,to,body,direction,date\n16505551234,+15550000000,STOP,inbound,2026-01-05\n", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := mustLoad(t, Options{Normalise: phone.NewNormaliser().Keys("")}, [2]string{tc.name, tc.body + "\n"})
			if _, ok := l.OptOutOf(us); ok != tc.us {
				t.Errorf("US opt-out = %v, want %v", ok, tc.us)
			}
			if _, ok := l.OptOutOf(chinese); ok != tc.chinese {
				t.Errorf("Chinese opt-out = %v, want %v", ok, tc.chinese)
			}
		})
	}
}

// undirectedReply runs on the body of every line without a direction: a
// send's body longer than a reply, once cut, costs no allocation.
func TestUndirectedReplyAllocatesNothing(t *testing.T) {
	for _, body := range []string{
		"Hi Ann, your order #1234 has shipped and will be with you on Friday. Reply STOP to opt out",
		"Winter sale!\nEverything 40% off this weekend only at Acme Plumbing, 123 Main Street, Springfield 🛒🛒",
	} {
		if n := testing.AllocsPerRun(100, func() { undirectedReply(body) }); n != 0 {
			t.Errorf("undirectedReply(%q) allocates %v times", body, n)
		}
	}
}

// A webhook envelope of one message is read as that reply: Meta's
// WhatsApp webhook (whole, its value object, a button or interactive
// reply) and Infobip's results; the sender has its country code.
func TestEnvelopeReply(t *testing.T) {
	for _, tc := range []struct {
		name, line, from, reply string
	}{
		{"value", `{"messaging_product":"whatsapp","messages":[{"from":"254712345678","timestamp":"1767607200","text":{"body":"Stop."},"type":"text"}]}`, "+254712345678", "Stop."},
		{"button", `{"from":"254712345678","timestamp":"1767607200","type":"button","button":{"payload":"x","text":"Stop promotions"}}`, "+254712345678", "Stop promotions"},
		{"interactive", `{"from":"254712345678","timestamp":"1767607200","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"u","title":"Unsubscribe"}}}`, "+254712345678", "Unsubscribe"},
		{"infobip", `{"results":[{"messageId":"1","from":"254712345678","to":"254700000000","text":"STOP","cleanText":"","keyword":"STOP","receivedAt":"2026-01-05T10:00:00.000+0000"}],"messageCount":1}`, "+254712345678", "STOP"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := mustLoad(t, Options{}, [2]string{"a.ndjson", tc.line + "\n" + `{"to":"+254722000001","sent_at":"2026-01-04"}` + "\n"})
			o, ok := l.OptOutOf(kenyan(t, tc.from))
			if !ok || o.Reply != tc.reply || o.Undated || o.At != unix("2026-01-05T10:00:00Z") {
				t.Errorf("OptOutOf = %+v, %v; want %q at 2026-01-05T10:00:00Z", o, ok, tc.reply)
			}
			if l.MaybeOptOuts != 0 || l.Total.Invalid != 0 {
				t.Errorf("maybe %d, invalid %d", l.MaybeOptOuts, l.Total.Invalid)
			}
		})
	}
	// A button whose text does not start with a keyword is no opt-out.
	l := mustLoad(t, Options{}, [2]string{"b.ndjson", `{"from":"254712345678","timestamp":"1767607200","type":"button","button":{"text":"Yes, stop by"}}` + "\n" + `{"to":"+254722000001","sent_at":"2026-01-04"}` + "\n"})
	if _, ok := l.OptOutOf(kenyan(t, "+254712345678")); ok {
		t.Errorf("button %q read as an opt-out", "Yes, stop by")
	}
	// A button ends with its line: a CSV log read next has no buttons.
	l = mustLoad(t, Options{},
		[2]string{"c.ndjson", `{"to":"+254722000001","sent_at":"2026-01-04"}` + "\n" + `{"from":"254712345678","timestamp":"1767607200","type":"button","button":{"text":"Stop promotions"}}` + "\n"},
		[2]string{"d.csv", "from,phone,body,direction,date\n+254722000009,+254700000000,Stop by later,inbound,2026-01-05\n+254700000000,+254722000009,Sale,outbound,2026-01-04\n"})
	if _, ok := l.OptOutOf(kenyan(t, "+254722000009")); ok {
		t.Errorf("a CSV reply %q read as a button's opt-out", "Stop by later")
	}
}
