package sendlog

import "github.com/listaudit/listaudit/pkg/textfile"

// column is a field of a log line: the two required columns of a send,
// and optional ones. direction, from and body are the columns of a
// messaging platform's log, which holds the replies received too.
type column int

const (
	colPhone column = iota
	colSentAt
	colCategory
	colChannel
	colDirection
	colFrom
	colBody
	colKeyword
	numColumns
)

// columnAliases lists the headers (CSV) or keys (NDJSON) each column is
// recognised by, compared after headerKey; when a file has several, the
// earlier alias wins. The first alias is the column's name. Twilio's REST
// API names the time date_sent, and date_created (its creation) when a
// message has not been sent. MessageBird names the sender of a received
// (mo) message originator and its time createdDatetime; Vonage's inbound
// webhook has no direction but a keyword, the message's first word, and
// its time message-timestamp; Infobip's receivedAt. A sender is never
// read from the phone column (to, recipient: your own number on a
// reply), except Vonage's msisdn and WhatsApp's wa_id (inbound).
var columnAliases = [numColumns][]string{
	colPhone:     {"phone", "phone_number", "msisdn", "to", "recipient", "wa_id"},
	colSentAt:    {"sent_at", "sent", "timestamp", "created_at", "date", "sent_date", "date_sent", "date_created", "created_datetime", "received_at", "message_timestamp"},
	colCategory:  {"category"},
	colChannel:   {"channel"},
	colDirection: {"direction"},
	colFrom:      {"from", "originator", "sender", "from_number", "source_number", "source"},
	colBody:      {"body", "message", "text", "message_body", "content", "sms", "msg"},
	colKeyword:   {"keyword"},
}

type aliasRef struct {
	col  column
	rank int
}

// aliasIndex maps textfile.HeaderKey(alias) to its column and rank.
var aliasIndex = func() map[string]aliasRef {
	m := map[string]aliasRef{}
	for c, aliases := range columnAliases {
		for rank, a := range aliases {
			m[textfile.HeaderKey(a)] = aliasRef{column(c), rank}
		}
	}
	return m
}()

// matchHeader returns, per column, the index of the header it is read from
// (-1 when none): the header matching the earliest alias, the leftmost on
// a tie.
func matchHeader(header []string) [numColumns]int {
	var idx, rank [numColumns]int
	for c := range idx {
		idx[c] = -1
	}
	for i, h := range header {
		a, ok := aliasIndex[textfile.HeaderKey(h)]
		if ok && (idx[a.col] < 0 || a.rank < rank[a.col]) {
			idx[a.col], rank[a.col] = i, a.rank
		}
	}
	return idx
}

func (c column) String() string { return columnAliases[c][0] }
