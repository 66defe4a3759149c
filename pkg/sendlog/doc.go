// Package sendlog reads send logs (--messages FILE): which number was sent
// a message when, and which number replied with an opt-out keyword (STOP)
// when. The rules over-messaged, contacted-after-opt-out and
// consent-after-contact ask it for one number's sends, suppressed for its
// opt-out reply; Load says what a log may be. Logs can be much larger than
// the contact list, so a log is streamed and only the sends and opt-out
// replies are kept.
// It must not fail on a line it cannot read (such lines are counted and
// reported), keep a log's lines, or judge the sends: the rules do.
package sendlog
