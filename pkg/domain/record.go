package domain

// Columns names, for one input file, the header each field was read from
// ("" where the file has no column for it).
type Columns [NumFields]string

// Has reports whether the file has a column for f.
func (c *Columns) Has(f Field) bool { return c[f] != "" }

// Record is one data record of an input file, reduced to the canonical
// fields. Readers fill it; nothing else about the row is kept.
type Record struct {
	Loc Location
	// Values holds each field's cell text as read ("" when empty or absent).
	Values [NumFields]string
	// Columns is shared by the records of one file, except that a contact
	// read as one record per number (vCard TELs, contacts exports) names
	// each number's own source as its phone column.
	Columns *Columns
	// Malformed, when not empty, says why the record could not be read as a
	// row of the header; Values are then not to be trusted.
	Malformed string
	// CellColumns, for a spreadsheet's record, gives each field's column
	// (from 1); nil for a text file's. Shared as Columns is.
	CellColumns *CellColumns
	// PhoneIsNumber says the phone cell was stored as a number, not text (an
	// XLSX number cell): whatever leading + or 0 it was typed with is gone.
	PhoneIsNumber bool
	// PhoneAsWritten is, in a file whose phone column is a phone_e164
	// column (fix --keep-phone's clean file, a CRM that stores both), the
	// cell of the phone as written (its first phone fallback column,
	// PhoneAsWrittenColumn) when both hold a number; "" otherwise. The two
	// are meant to be one number: the rules check that they are.
	PhoneAsWritten       string
	PhoneAsWrittenColumn string
}

// CellColumns gives, for a spreadsheet, the column (from 1, A) each field
// was read from; 0 when the file has none for it.
type CellColumns [NumFields]int

// At is the location of field f's cell: the record's location, pointing
// in a spreadsheet at the cell f was read from.
func (r *Record) At(f Field) Location {
	loc := r.Loc
	if c := r.CellColumns; c != nil && f >= 0 && int(f) < len(c) && c[f] > 0 {
		loc.Col = c[f]
	}
	return loc
}

// Value returns the cell of field f.
func (r *Record) Value(f Field) string { return r.Values[f] }
