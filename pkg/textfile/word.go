package textfile

// Word is the first eight bytes of s, the first in the low byte: the scans
// of millions of short cells (JSON strings, CSV fields) test eight bytes at
// a time. s holds at least eight bytes.
func Word[S string | []byte](s S) uint64 {
	t := s[:8] // of known length: one load, no bounds checks
	return uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
		uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
}
