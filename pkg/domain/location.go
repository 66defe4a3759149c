package domain

import "strconv"

// Location points at one record of one input file.
type Location struct {
	// File is the input's path as given on the command line ("-" for stdin).
	File string `json:"file"`
	// FileIndex is the input's position on the command line, from 0; it
	// orders findings by input order.
	FileIndex int `json:"-"`
	// Row counts data records from 1 (the header is not a row).
	Row int `json:"row"`
	// Line is the physical line where the record starts, from 1.
	Line int `json:"-"`
}

func (l Location) String() string { return l.File + ":" + strconv.Itoa(l.Row) }

// Before orders locations by input file, then row.
func (l Location) Before(o Location) bool {
	if l.FileIndex != o.FileIndex {
		return l.FileIndex < o.FileIndex
	}
	return l.Row < o.Row
}
