package input

import "github.com/listaudit/listaudit/pkg/domain"

// RawRecord is one record with every cell it has, for writing the record
// back out (listaudit fix). Its Record is exactly what Reader.Next returns
// for the same input, so a raw pass sees the records, rows and locations an
// audit saw.
type RawRecord struct {
	domain.Record
	// Keys names Cells for formats whose records name their cells: for JSON
	// and NDJSON, the flattened keys in the object's order (a repeated key
	// appears twice; the last value wins, as when auditing). It is empty for
	// positional formats (CSV, TSV): Cells[i] is then under Info().Header[i],
	// and cells beyond the header have no column.
	Keys  []string
	Cells []string
	// Text is the record's source text when it is malformed: a CSV record
	// with a quoting error or the wrong number of fields (Cells then holds
	// the cells read, up to a quoting error; of a record whose open quote
	// took the lines after its first, the first line alone, each later
	// line being a record of its own: see csvrecover.go), a JSON element that is not a
	// valid object, or a malformed vCard (its lines from BEGIN:VCARD on). It
	// is "" for well-formed records, for XLSX rows (which have no text: Cells
	// holds every cell, beyond the header too), and when the text is gone (a
	// line over the record size limit, a JSON syntax error).
	Text string
	// PhoneCell is 1 + the positional cell that holds the record's number
	// when that is not the phone column's cell: another phone column of a
	// Google Contacts or Outlook export (see multi.go). It is 0 when the
	// number is in the phone column, or the record has none; a fallback
	// column's number (phonefallback.go) leaves it 0 too.
	PhoneCell int
	// FallbackCell is 1 + the positional cell of the phone fallback column
	// (phonefallback.go) the record's number was read from, its phone cell
	// having none; 0 otherwise. fix writes that cell as a number.
	FallbackCell int
}

// RawReader streams the records of one input with all their cells. A
// reader for a new format fills RawRecord where it fills domain.Record:
// through Reader.keepCells for positional cells, or Keys and Cells for
// named ones.
type RawReader struct {
	r *Reader
}

// OpenRaw opens one input as Open does (format detection, decompression,
// BOM, delimiter sniffing, column matching), keeping every cell.
func OpenRaw(src Source, opts Options) (*RawReader, error) {
	r, err := open(src, opts, true)
	if err != nil {
		return nil, err
	}
	return &RawReader{r: r}, nil
}

// Next reads the next record into rec, overwriting all of it; the slices
// are reused. It returns io.EOF after the last record; any other error is
// fatal.
func (r *RawReader) Next(rec *RawRecord) error {
	rec.Keys, rec.Cells, rec.Text, rec.PhoneCell, rec.FallbackCell = rec.Keys[:0], rec.Cells[:0], "", 0, 0
	r.r.rawRec = rec
	defer func() { r.r.rawRec = nil }()
	return r.r.Next(&rec.Record)
}

// Info describes the input; see Info.
func (r *RawReader) Info() Info { return r.r.Info() }

// Close releases the input. It does not close stdin.
func (r *RawReader) Close() error { return r.r.Close() }

// keepText keeps a malformed record's source text in the raw record being
// read, if any: as Windows-1252 when the record was read so (textAlone).
func (r *Reader) keepText(text string) {
	if r.rawRec != nil {
		r.rawRec.Text = r.textAlone(text)
	}
}

// keepCells copies a positional record's cells into the raw record being
// read, if any (the CSV reader reuses its slice).
func (r *Reader) keepCells(fields []string) {
	if r.rawRec != nil {
		r.rawRec.Cells = append(r.rawRec.Cells, fields...)
	}
}
