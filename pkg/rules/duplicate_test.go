package rules

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// dupRun feeds rows (file index, cells) through a checker and Duplicates in
// order and returns the cross-row findings as "rule file:line related...",
// each line one more than its row (record puts a header first).
func dupRun(rows []struct {
	file  int
	cells map[domain.Field]string
}) []string {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	d := NewDuplicates(nil)
	var out []string
	show := func(f domain.Finding) string {
		s := fmt.Sprintf("%s %s", f.Rule, f.Loc)
		for _, r := range f.Related {
			s += " " + r.String()
		}
		return s
	}
	rowInFile := map[int]int{}
	for _, r := range rows {
		rowInFile[r.file]++
		rec := record(rowInFile[r.file], r.cells)
		rec.Loc.File = fmt.Sprintf("f%d.csv", r.file)
		rec.Loc.FileIndex = r.file
		var c Contact
		k.Check(rec, &c, nil)
		if f, ok := d.Add(&c); ok {
			out = append(out, show(f))
		}
	}
	for _, f := range d.Conflicts().Collect() {
		out = append(out, show(f))
	}
	return out
}

type dupRow = struct {
	file  int
	cells map[domain.Field]string
}

func TestDuplicates(t *testing.T) {
	num := func(p string) map[domain.Field]string { return with(good(), domain.FieldPhone, p) }
	tests := []struct {
		name string
		rows []dupRow
		want []string
	}{
		{"distinct", []dupRow{{0, num("+254712345678")}, {0, num("+254722000111")}}, nil},
		{"same number written differently across files", []dupRow{
			{0, num("+254712345678")}, {0, num("+254722000111")}, {1, num("0712 345 678")}, {1, num("+254 712-345-678")},
		}, []string{"duplicate f1.csv:2 f0.csv:2", "duplicate f1.csv:3 f0.csv:2"}},
		{"same text under another country is not a duplicate", []dupRow{
			{0, num("0712345678")}, {0, with(num("0712345678"), domain.FieldCountry, "TZ")},
		}, nil},
		{"invalid numbers are not duplicates", []dupRow{{0, num("+2547")}, {0, num("+2547")}}, nil},
		{"opted-out later row conflicts with earlier row", []dupRow{
			{0, num("+254712345678")}, {0, with(num("+254712345678"), domain.FieldOptedOut, "yes")},
		}, []string{"duplicate f0.csv:3 f0.csv:2", "duplicate-conflict f0.csv:2 f0.csv:3"}},
		{"opt-out date not later than consent: conflict", []dupRow{
			{0, with(num("+254712345678"), domain.FieldOptedOutAt, "2025-06-01", domain.FieldConsentAt, "2025-01-01")},
			{0, with(num("+254712345678"), domain.FieldConsentAt, "2025-06-01")},
		}, []string{"duplicate f0.csv:3 f0.csv:2", "duplicate-conflict f0.csv:3 f0.csv:2"}},
		{"consent later than the other row's opt-out: no conflict", []dupRow{
			{0, with(num("+254712345678"), domain.FieldOptedOutAt, "2025-06-01", domain.FieldConsentAt, "2025-01-01")},
			{0, with(num("+254712345678"), domain.FieldConsentAt, "2025-06-02")},
		}, []string{"duplicate f0.csv:3 f0.csv:2"}},
		{"flag without date always conflicts", []dupRow{
			{0, with(num("+254712345678"), domain.FieldOptedOut, "y")},
			{0, with(num("+254712345678"), domain.FieldConsentAt, "2025-12-01")},
		}, []string{"duplicate f0.csv:3 f0.csv:2", "duplicate-conflict f0.csv:3 f0.csv:2"}},
		{"all opted out: no conflict", []dupRow{
			{0, with(num("+254712345678"), domain.FieldOptedOut, "y")},
			{0, with(num("+254712345678"), domain.FieldOptedOut, "y")},
		}, []string{"duplicate f0.csv:3 f0.csv:2"}},
		{"conflict names every opted-out row", []dupRow{
			{1, with(num("+254712345678"), domain.FieldOptedOut, "y")},
			{0, num("+254712345678")},
			{0, with(num("+254712345678"), domain.FieldOptedOut, "y")},
		}, []string{"duplicate f0.csv:2 f1.csv:2", "duplicate f0.csv:3 f1.csv:2", "duplicate-conflict f0.csv:2 f0.csv:3 f1.csv:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dupRun(tt.rows); !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDuplicatesCountsUniqueNumbers(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	d := NewDuplicates(nil)
	for i, p := range []string{"+254712345678", "0712345678", "+254722000111", "", "+2547"} {
		var c Contact
		k.Check(record(i+1, with(good(), domain.FieldPhone, p)), &c, nil)
		d.Add(&c)
	}
	if d.Unique() != 2 {
		t.Errorf("Unique() = %d, want 2", d.Unique())
	}
}

// TestDuplicateConflictNamesTheRowsOwnColumn: a vCard or contacts export
// reads numbers from several columns of one file; a conflict names the
// column of the row it is about.
func TestDuplicateConflictNamesTheRowsOwnColumn(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	d := NewDuplicates(nil)
	cell, home := *testColumns, *testColumns
	cell[domain.FieldPhone], home[domain.FieldPhone] = "TEL;TYPE=CELL", "TEL[2];TYPE=HOME"
	for i, cols := range []*domain.Columns{&cell, &home} {
		rec := record(i+1, with(good(), domain.FieldPhone, "+254712345678"))
		rec.Columns = cols
		if i == 1 {
			rec.Values[domain.FieldOptedOut] = "yes"
		}
		var c Contact
		k.Check(rec, &c, nil)
		d.Add(&c)
	}
	got := d.Conflicts().Collect()
	if len(got) != 1 || got[0].Loc.Row != 1 || got[0].Column != "TEL;TYPE=CELL" {
		t.Fatalf("conflicts = %+v", got)
	}
}

// BenchmarkDuplicates feeds a million rows through the duplicate pass, a
// fifth of them repeating an earlier number, as an audit of a large list
// does: the pass runs in input order on one core.
func BenchmarkDuplicates(b *testing.B) {
	b.Run("cold", func(b *testing.B) { benchmarkDuplicates(b, false) })
	b.Run("warm", func(b *testing.B) { benchmarkDuplicates(b, true) })
}

func benchmarkDuplicates(b *testing.B, warm bool) {
	const rows = 1_000_000
	normaliser := phone.NewNormaliser()
	contacts := make([]Contact, rows)
	recs := make([]domain.Record, rows)
	state := uint64(1)
	for i := range contacts {
		state = state*6364136223846793005 + 1442695040888963407
		n := state >> 33 % 5_000_000
		if i > 0 && state>>20%5 == 0 {
			n = uint64(i-1) % 5_000_000 // repeat an earlier row's number
		}
		recs[i] = *record(i+1, map[domain.Field]string{domain.FieldPhone: fmt.Sprintf("+2547%08d", n)})
		contacts[i] = Contact{Rec: &recs[i], Number: normaliser.Normalise(recs[i].Values[domain.FieldPhone], "")}
	}
	b.ReportAllocs()
	var d *Duplicates
	for b.Loop() {
		d = NewDuplicates(nil)
		for start := 0; start < rows; start += 512 {
			batch := contacts[start:min(start+512, rows)]
			if warm {
				d.Warm(batch)
			}
			for i := range batch {
				d.Add(&batch[i])
			}
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(retainedBytes(contacts)/float64(d.Unique()), "heap-B/number")
}

// retainedBytes is the heap one Duplicates keeps after adding contacts
// (their repeated rows included).
func retainedBytes(contacts []Contact) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d := NewDuplicates(nil)
	for i := range contacts {
		d.Add(&contacts[i])
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(d)
	runtime.KeepAlive(contacts)
	return float64(int64(after.HeapAlloc) - int64(before.HeapAlloc))
}

// A vCard or contacts export can read numbers from tens of thousands of
// columns (TEL[n]); each keeps its own index, found without a scan.
func TestPhoneColumnIndex(t *testing.T) {
	var f fileRef
	for round := range 2 {
		for i := range 70000 {
			want := uint16(i)
			if i >= 1<<16-1 {
				want = 0 // past the cap, the first column is named
			}
			if got := f.phoneColumn(phoneColumn{header: fmt.Sprintf("TEL[%d]", i)}); got != want {
				t.Fatalf("round %d: phoneColumn(TEL[%d]) = %d, want %d", round, i, got, want)
			}
		}
	}
	if got := f.phoneColumn(phoneColumn{header: "TEL[7]"}); got != 7 || f.phoneColumn(phoneColumn{header: "TEL[7]"}) != 7 {
		t.Errorf("repeated lookup = %d", got)
	}
	// A workbook's phone columns are told apart by their cells too.
	var book fileRef
	if a, b := book.phoneColumn(phoneColumn{"phone", 3}), book.phoneColumn(phoneColumn{"phone", 5}); a == b {
		t.Errorf("phone columns C and E share index %d", a)
	}
}

func BenchmarkPhoneColumnManyColumns(b *testing.B) {
	var f fileRef
	for i := 0; b.Loop(); i++ {
		f.phoneColumn(phoneColumn{header: "TEL[" + strconv.Itoa(i%50000) + "]"})
	}
}

// TestRowRefSize: a row is a rowRef before packRow packs it, and stays one
// (in Duplicates.whole) when it does not pack; the scope byte must not grow
// it. TestSlotSizes holds what a number and a repeated row keep.
func TestRowRefSize(t *testing.T) {
	if n := unsafe.Sizeof(rowRef{}); n != 32 {
		t.Errorf("rowRef is %d bytes, want 32", n)
	}
}

// TestConflictNamesTheOptOutsChannels: with a campaign channel declared, a
// conflict says what the opt-out was recorded for.
func TestConflictNamesTheOptOutsChannels(t *testing.T) {
	p := policyKE()
	p.Channel, p.Purpose = domain.ChannelWhatsApp, domain.PurposeMarketing
	k := NewChecker(p, testNow, phone.NewNormaliser(), nil)
	d := NewDuplicates(nil).ForCampaign(p)
	rows := []map[domain.Field]string{
		with(good(), domain.FieldOptedOut, "yes", domain.FieldConsentChannel, "sms"),
		with(good(), domain.FieldConsentChannel, "whatsapp"),
	}
	for i, cells := range rows {
		var c Contact
		k.Check(record(i+1, cells), &c, nil)
		d.Add(&c)
	}
	got := messages(d.Conflicts().Collect())
	want := []string{"duplicate-conflict: another row of this number is opted out (list.csv:2) and the opt-out has no date, so no consent can be shown to be later; opted out of sms, and opt-outs apply to every channel"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
}

// TestWorkbookLocations: in a workbook, a finding about a field points at
// its cell, a whole-row finding at the row's cell in column A, and the
// cross-row rules at the phone cells of both rows, with the sheet.
func TestWorkbookLocations(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	d := NewDuplicates(nil)
	cells := domain.CellColumns{domain.FieldPhone: 5, domain.FieldConsentSource: 2, domain.FieldOptedOut: 3}
	var found []string
	for i, cells2 := range []map[domain.Field]string{
		with(good(), domain.FieldOptedOut, "yes"),
		with(good(), domain.FieldConsentSource, ""),
	} {
		rec := record(i+1, cells2)
		rec.Loc.File, rec.Loc.Sheet, rec.CellColumns = "b.xlsx", "Sheet1", &cells
		var c Contact
		for _, f := range k.Check(rec, &c, nil) {
			found = append(found, f.Rule+" "+f.Loc.String())
		}
		if f, ok := d.Add(&c); ok {
			found = append(found, f.Rule+" "+f.Loc.String()+" "+f.Message)
		}
	}
	for _, f := range d.Conflicts().Collect() {
		found = append(found, f.Rule+" "+f.Loc.String()+" "+f.Related[0].String())
	}
	want := []string{
		"opted-out b.xlsx:Sheet1!C2",
		"consent-missing b.xlsx:Sheet1!B3",
		"duplicate b.xlsx:Sheet1!E3 same number as b.xlsx:Sheet1!E2",
		"duplicate-conflict b.xlsx:Sheet1!E3 b.xlsx:Sheet1!E2",
	}
	if !slices.Equal(found, want) {
		t.Errorf("got  %q\nwant %q", found, want)
	}
}

// Warm only reads: adding rows in batches, each warmed first, gives the
// same findings and counts as adding them cold, across the table's growth
// and with invalid numbers among them.
func TestWarmChangesNothing(t *testing.T) {
	normaliser := phone.NewNormaliser()
	const rows = 5000
	recs := make([]domain.Record, rows)
	contacts := make([]Contact, rows)
	state := uint64(7)
	for i := range contacts {
		state = state*6364136223846793005 + 1442695040888963407
		cell := fmt.Sprintf("+2547%08d", state>>33%3000)
		if state>>20%9 == 0 {
			cell = "n/a"
		}
		recs[i] = *record(i+1, map[domain.Field]string{domain.FieldPhone: cell})
		contacts[i] = Contact{Rec: &recs[i], Number: normaliser.Normalise(cell, "")}
	}
	run := func(warm bool) (out []string, unique int) {
		d := NewDuplicates(nil)
		for start := 0; start < rows; start += 64 {
			batch := contacts[start:min(start+64, rows)]
			if warm {
				d.Warm(batch)
			}
			for i := range batch {
				if f, ok := d.Add(&batch[i]); ok {
					out = append(out, f.Loc.String()+" "+f.Message)
				}
			}
		}
		return out, d.Unique()
	}
	cold, coldUnique := run(false)
	warm, warmUnique := run(true)
	if len(cold) < 1000 || !slices.Equal(cold, warm) || coldUnique != warmUnique {
		t.Errorf("cold: %d findings, %d unique; warm: %d findings, %d unique (want equal, ≥ 1000 findings)", len(cold), coldUnique, len(warm), warmUnique)
	}
}

// TestMalformedRowJoinsTheDuplicatePass: a malformed row whose phone cell
// holds a valid number may hold an opt-out that cannot be read, so every
// other row of its number that is not opted out conflicts with it; the
// rows after it are duplicates of it when it came first. The malformed
// row itself gets no finding here (it has row-malformed alone), and one
// whose phone cell holds no valid number is not recorded.
func TestMalformedRowJoinsTheDuplicatePass(t *testing.T) {
	type row struct {
		malformed bool
		cells     map[domain.Field]string
	}
	num := func(p string) map[domain.Field]string { return with(good(), domain.FieldPhone, p) }
	malformed := func(p string) row {
		return row{true, map[domain.Field]string{domain.FieldPhone: p, domain.FieldOptedOut: "yes"}}
	}
	tests := []struct {
		name string
		rows []row
		want []string
	}{
		{"malformed row first", []row{malformed("+254712345678"), {cells: num("+254712345678")}}, []string{
			"duplicate list.csv:3 list.csv:2: same number as list.csv:2",
			"duplicate-conflict list.csv:3 list.csv:2: another row of this number is malformed (list.csv:2), so whether it is opted out cannot be read",
		}},
		{"malformed row last, written nationally", []row{{cells: num("+254712345678")}, {cells: num("+254712345678")}, malformed("0712 345 678")}, []string{
			"duplicate list.csv:3 list.csv:2: same number as list.csv:2",
			"duplicate-conflict list.csv:2 list.csv:4: another row of this number is malformed (list.csv:4), so whether it is opted out cannot be read",
			"duplicate-conflict list.csv:3 list.csv:4: another row of this number is malformed (list.csv:4), so whether it is opted out cannot be read",
		}},
		{"opted-out rows get none", []row{malformed("+254712345678"), {cells: with(num("+254712345678"), domain.FieldOptedOut, "yes")}}, []string{
			"duplicate list.csv:3 list.csv:2: same number as list.csv:2",
		}},
		{"later consent does not outweigh a malformed row", []row{malformed("+254712345678"), {cells: with(num("+254712345678"), domain.FieldConsentAt, "2026-01-01")}}, []string{
			"duplicate list.csv:3 list.csv:2: same number as list.csv:2",
			"duplicate-conflict list.csv:3 list.csv:2: another row of this number is malformed (list.csv:2), so whether it is opted out cannot be read",
		}},
		{"opted-out and malformed rows", []row{{cells: with(num("+254712345678"), domain.FieldOptedOut, "yes")}, {cells: num("+254712345678")}, malformed("+254712345678")}, []string{
			"duplicate list.csv:3 list.csv:2: same number as list.csv:2",
			"duplicate-conflict list.csv:3 list.csv:2 list.csv:4: another row of this number is opted out (list.csv:2) and the opt-out has no date, so no consent can be shown to be later; another row of this number is malformed (list.csv:4), so whether it is opted out cannot be read",
		}},
		{"two malformed rows only", []row{malformed("+254712345678"), malformed("+254712345678")}, nil},
		{"malformed row without a valid number", []row{malformed("+2547"), {cells: num("+2547")}, malformed(""), {cells: num("+254712345678")}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
			d := NewDuplicates(nil)
			var got []string
			show := func(f domain.Finding) {
				s := fmt.Sprintf("%s %s", f.Rule, f.Loc)
				for _, r := range f.Related {
					s += " " + r.String()
				}
				got = append(got, s+": "+f.Message)
			}
			for i, r := range tt.rows {
				rec := record(i+1, r.cells)
				if r.malformed {
					rec.Malformed = "has 9 fields, header has 8"
				}
				var c Contact
				k.Check(rec, &c, nil)
				if f, ok := d.Add(&c); ok {
					show(f)
				}
			}
			for _, f := range d.Conflicts().Collect() {
				show(f)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestMalformedFirstRow: the first row of a number says whether it was
// malformed, for listaudit fix's groups. A number is on the list (Unique,
// Has) once a row that is not malformed has it.
func TestMalformedFirstRow(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	d := NewDuplicates(nil)
	add := func(row int, malformed bool) uint64 {
		rec := record(row, map[domain.Field]string{domain.FieldPhone: "+254712345678"})
		if malformed {
			rec.Malformed = "has 9 fields, header has 8"
		}
		var c Contact
		k.Check(rec, &c, nil)
		d.Add(&c)
		return c.Number.Key
	}
	key := add(1, true)
	add(2, true)
	first, ok := d.First(key)
	if !ok || !first.Malformed || first.OptedOut || first.Loc.Line != 2 {
		t.Errorf("First = %+v, %v; want the malformed row on line 2", first, ok)
	}
	if d.Unique() != 0 || d.Has(key) {
		t.Errorf("malformed rows alone: Unique() = %d, Has = %v; want 0, false", d.Unique(), d.Has(key))
	}
	add(3, false)
	add(4, true)
	if d.Unique() != 1 || !d.Has(key) {
		t.Errorf("with a row read: Unique() = %d, Has = %v; want 1, true", d.Unique(), d.Has(key))
	}
}

// TestConflictMessages: a conflict says truthfully why no consent of the
// row can be shown to be later than the opt-out (a tester's finding: it
// said "this row has no later consent" of a row whose consent was later,
// but whose other row's opt-out had no date).
func TestConflictMessages(t *testing.T) {
	num := "+254712345678"
	row := func(kv ...any) map[domain.Field]string {
		return with(map[domain.Field]string{domain.FieldPhone: num, domain.FieldConsentSource: "web_form"}, kv...)
	}
	tests := []struct {
		name string
		rows []map[domain.Field]string
		want string // the conflict of list.csv:2
	}{
		{"the opt-out has no date", []map[domain.Field]string{row(domain.FieldConsentAt, "2025-12-01"), row(domain.FieldOptedOut, "true", domain.FieldConsentAt, "2025-01-01")},
			"another row of this number is opted out (list.csv:3) and the opt-out has no date, so no consent can be shown to be later"},
		{"the opt-outs have no date", []map[domain.Field]string{row(domain.FieldConsentAt, "2025-12-01"), row(domain.FieldOptedOut, "STOP"), row(domain.FieldOptedOut, "yes")},
			"another row of this number is opted out (list.csv:3, list.csv:4) and the opt-outs have no date, so no consent can be shown to be later"},
		{"this row has no consent", []map[domain.Field]string{row(), row(domain.FieldOptedOutAt, "2025-06-01")},
			"another row of this number is opted out (list.csv:3) and this row has no consent date"},
		{"this row has no consent, the opt-out no date", []map[domain.Field]string{row(), row(domain.FieldOptedOut, "yes")},
			"another row of this number is opted out (list.csv:3) and this row has no consent date"},
		{"this row's consent is earlier", []map[domain.Field]string{row(domain.FieldConsentAt, "2025-03-01"), row(domain.FieldOptedOutAt, "2025-06-01")},
			"another row of this number is opted out (list.csv:3) and this row's consent (2025-03-01) is not later than the opt-out (2025-06-01)"},
		{"this row's consent is the same day", []map[domain.Field]string{row(domain.FieldConsentAt, "2025-06-01"), row(domain.FieldOptedOut, "yes", domain.FieldOptedOutAt, "2025-06-01")},
			"another row of this number is opted out (list.csv:3) and this row's consent (2025-06-01) is not later than the opt-out (2025-06-01)"},
		{"with times", []map[domain.Field]string{row(domain.FieldConsentAt, "2025-06-01T08:00:00Z"), row(domain.FieldOptedOutAt, "2025-06-01T09:30:00Z")},
			"another row of this number is opted out (list.csv:3) and this row's consent (2025-06-01T08:00:00Z) is not later than the opt-out (2025-06-01T09:30:00Z)"},
		{"several dated opt-outs: the latest", []map[domain.Field]string{row(domain.FieldConsentAt, "2025-03-01"), row(domain.FieldOptedOutAt, "2025-09-01"), row(domain.FieldOptedOutAt, "2025-06-01")},
			"another row of this number is opted out (list.csv:3, list.csv:4) and this row's consent (2025-03-01) is not later than the opt-out (2025-09-01)"},
		{"a dated opt-out and one without a date", []map[domain.Field]string{row(domain.FieldConsentAt, "2025-03-01"), row(domain.FieldOptedOut, "yes"), row(domain.FieldOptedOutAt, "2025-06-01")},
			"another row of this number is opted out (list.csv:3, list.csv:4) and this row's consent (2025-03-01) is not later than the opt-out (2025-06-01), and another opt-out has no date"},
		{"an earlier opt-out does not count", []map[domain.Field]string{row(domain.FieldConsentAt, "2025-07-01"), row(domain.FieldOptedOutAt, "2025-06-01"), row(domain.FieldOptedOut, "yes")},
			"another row of this number is opted out (list.csv:4) and the opt-out has no date, so no consent can be shown to be later"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
			d := NewDuplicates(nil)
			for i, cells := range tt.rows {
				var c Contact
				k.Check(record(i+1, cells), &c, nil)
				d.Add(&c)
			}
			var got []string
			for _, f := range d.Conflicts().Collect() {
				if f.Loc.Row == 1 {
					got = append(got, f.Message)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
