package fix

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/phone"
)

// The phone columns of a Google Contacts or Outlook export each hold a
// number of their own: fix writes one row per number, the number in the
// column it came from (its label column beside it untouched), the
// contact's other numbers' cells empty, and every other cell (fax and
// pager columns, names, notes) as read, guarded as any cell but the row's
// number: a fax's "+1 (201) 555-0141" is written '+1 (201) 555-0141.

const googleFax = "First Name,Last Name,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,consent_source,consent_at\n" +
	"Chloe,Martin,Work Fax,+33 1 99 00 12 34,Mobile,+33 6 12 34 56 78,web_form,2025-11-01\n" +
	"Amara,Okafor,Mobile,+44 7911 123456,Work,+44 20 7946 0958,web_form,2025-11-01\n"

const outlookPhones = "First Name,Business Fax,Business Phone,Home Phone,Mobile Phone,Pager,Primary Phone,consent_source,consent_at\n" +
	"Soren,+1 (201) 555-0141,+1 (201) 555-0140,,+1 (201) 555-0142,,,web_form,2025-11-01\n" +
	"Zoe,,,+44 20 7946 0001,,+44 7911 123457,,web_form,2025-11-01\n" +
	"Jean,,+33 1 99 00 00 10 ::: +33 6 12 34 56 79,,,,,web_form,2025-11-01\n" +
	"Faxonly,+1 (201) 555-0150,,,,+1 (201) 555-0151,,web_form,2025-11-01\n"

// TestExportNumbersKeepTheirColumns: exact clean and quarantine files of
// contacts exports, in every mode that writes the phone cells.
func TestExportNumbersKeepTheirColumns(t *testing.T) {
	const quarHeader = ",listaudit_rules,listaudit_source,listaudit_kept,listaudit_raw\n"
	for _, tc := range []struct {
		name, list string
		opts       Options
		clean      string
		quar       string
	}{
		{"google fax and two numbers", googleFax, Options{},
			"First Name,Last Name,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,consent_source,consent_at\n" +
				"Chloe,Martin,Work Fax,'+33 1 99 00 12 34,Mobile,+33612345678,web_form,2025-11-01\n" +
				"Amara,Okafor,Mobile,+447911123456,Work,,web_form,2025-11-01\n" +
				"Amara,Okafor,Mobile,,Work,+442079460958,web_form,2025-11-01\n",
			"First Name,Last Name,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,consent_source,consent_at" + quarHeader},
		{"google, keep phone", googleFax, Options{KeepPhone: true},
			"First Name,Last Name,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,consent_source,consent_at,phone_e164\n" +
				"Chloe,Martin,Work Fax,'+33 1 99 00 12 34,Mobile,+33 6 12 34 56 78,web_form,2025-11-01,+33612345678\n" +
				"Amara,Okafor,Mobile,+44 7911 123456,Work,,web_form,2025-11-01,+447911123456\n" +
				"Amara,Okafor,Mobile,,Work,+44 20 7946 0958,web_form,2025-11-01,+442079460958\n",
			"First Name,Last Name,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,consent_source,consent_at" + quarHeader},
		{"outlook: faxes and pagers kept, a ::: cell split in place", outlookPhones, Options{},
			"First Name,Business Fax,Business Phone,Home Phone,Mobile Phone,Pager,Primary Phone,consent_source,consent_at\n" +
				"Soren,'+1 (201) 555-0141,,,+12015550142,,,web_form,2025-11-01\n" +
				"Soren,'+1 (201) 555-0141,+12015550140,,,,,web_form,2025-11-01\n" +
				"Zoe,,,+442079460001,,'+44 7911 123457,,web_form,2025-11-01\n" +
				"Jean,,+33199000010,,,,,web_form,2025-11-01\n" +
				"Jean,,+33612345679,,,,,web_form,2025-11-01\n",
			"First Name,Business Fax,Business Phone,Home Phone,Mobile Phone,Pager,Primary Phone,consent_source,consent_at" + quarHeader +
				"Faxonly,'+1 (201) 555-0150,,,,'+1 (201) 555-0151,,web_form,2025-11-01,phone-missing,list.csv:5,,\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeList(t, t.TempDir(), "list.csv", tc.list)
			tc.opts.Audit = auditOptions()
			tc.opts.Audit.Policy.DefaultRegion = "US"
			_, clean, quar := runFix(t, []string{path}, tc.opts)
			if string(clean) != tc.clean {
				t.Errorf("clean file:\n%s\nwant\n%s", clean, tc.clean)
			}
			if got := strings.ReplaceAll(string(quar), filepath.Dir(path)+string(filepath.Separator), ""); got != tc.quar {
				t.Errorf("quarantine file:\n%s\nwant\n%s", got, tc.quar)
			}
		})
	}
}

// TestExportFixLosesNothing: on the real Google Contacts and Outlook
// layouts and on small tables of multi-number rows, fix loses no number,
// keeps every other cell, and is idempotent (checkExportFix).
func TestExportFixLosesNothing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string { return writeList(t, dir, name, data) }
	for _, tc := range []struct {
		name, path, id string
	}{
		{"google-contacts", filepath.Join("..", "..", "testdata", "realworld", "google-contacts.csv"), "First Name"},
		{"outlook-contacts", filepath.Join("..", "..", "testdata", "realworld", "outlook-contacts.csv"), "First Name"},
		{"google fax", write("google-fax.csv", googleFax), "First Name"},
		{"outlook phones", write("outlook.csv", outlookPhones), "First Name"},
		{"google ::: and a duplicate", write("google-multi.csv", "Notes,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n"+
			"a,Mobile,+254712345678 ::: +254722000111 ::: 12,* Pager,+254733000001\n"+
			"b,Home,+254722000111,Work Fax,+254 20 2222222 ::: +254712345679\n"+
			"c,,,Mobile,\n"), "Notes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{Audit: auditOptions()}
			o.Audit.Policy.DefaultRegion = "US"
			checkExportFix(t, tc.path, tc.id, o)
		})
	}
}

// TestExportFixProperty: generated Google and Outlook exports with random
// combinations of filled, empty, invalid, fax or pager and multi-value
// phone cells, numbers shared between contacts, and both --drop-on levels
// that change what is kept.
func TestExportFixProperty(t *testing.T) {
	for seed := range uint64(30) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 22))
			path := writeList(t, t.TempDir(), "export.csv", genExport(rng))
			o := Options{Audit: auditOptions(), DropOn: []domain.Severity{domain.Error, domain.Warning}[rng.IntN(2)]}
			o.Audit.Policy.DefaultRegion = "US"
			checkExportFix(t, path, "Notes", o)
		})
	}
}

// writeList writes a list into dir as name and returns its path.
func writeList(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// genExport is a Google Contacts or an Outlook export of a few contacts,
// each with its id in Notes.
func genExport(rng *rand.Rand) string {
	pool := []string{"+254712345678", "+254 722 000 111", "+44 7911 123456", "+33 6 12 34 56 78", "+1 201-555-0123",
		"(201) 555-0124", "+2348031234567", "+44 20 7946 0958", "12345", "n/a"}
	number := func() string {
		n := pool[rng.IntN(len(pool))]
		if rng.IntN(5) == 0 { // a Google multi-value cell
			n += " ::: " + pool[rng.IntN(len(pool))]
		}
		return n
	}
	google := rng.IntN(2) == 0
	var header []string
	if google {
		header = []string{"First Name", "Notes", "Labels"}
		for i := range 1 + rng.IntN(3) {
			header = append(header, fmt.Sprintf("Phone %d - Label", i+1), fmt.Sprintf("Phone %d - Value", i+1))
		}
	} else {
		header = []string{"First Name", "Notes", "Business Fax", "Business Phone", "Home Phone", "Mobile Phone", "Pager", "Primary Phone", "Other Phone"}
	}
	header = append(header, "consent_source", "consent_at")
	var b strings.Builder
	b.WriteString(strings.Join(header, ",") + "\n")
	for c := range 1 + rng.IntN(8) {
		cells := make([]string, len(header))
		for i, h := range header {
			switch {
			case h == "First Name":
				cells[i] = []string{"Ann", "Bo", "Chloé"}[rng.IntN(3)]
			case h == "Notes":
				cells[i] = fmt.Sprintf("c%d", c)
			case h == "Labels":
				cells[i] = "* myContacts ::: Friends"
			case h == "consent_source":
				cells[i] = "web_form"
			case h == "consent_at":
				cells[i] = fmt.Sprintf("2025-%02d-01", 1+rng.IntN(12))
			case strings.HasSuffix(h, " - Label"):
				cells[i] = []string{"", "Mobile", "Work", "Home", "Work Fax", "* Pager"}[rng.IntN(6)]
			case rng.IntN(3) > 0:
				cells[i] = number() // a Value, a phone, a fax or a pager column
			}
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	return b.String()
}

// checkExportFix fixes the contacts export path (whose column id names its
// contacts) with o and checks that:
//   - the numbers of the clean and quarantine files, read as listaudit
//     reads them, are the input's, each under the column it came from: no
//     number is lost, moved or made up;
//   - an output row holds one number in its own column, the cells of its
//     contact's other numbers empty, and every other cell as read;
//   - a fix of the clean file writes it again, byte for byte, and removes
//     no row;
//   - the counts of the summary are the rows read back.
func checkExportFix(t *testing.T, path, id string, o Options) {
	t.Helper()
	region := o.Audit.Policy.DefaultRegion
	s, clean, quar := runFix(t, []string{path}, o)
	dir := t.TempDir()
	cleanPath, quarPath := plainCopy(t, dir, "clean.csv", clean), plainCopy(t, dir, "removed.csv", quar)

	in := readExport(t, path, id, region)
	kept, removed := readExport(t, cleanPath, id, region), readExport(t, quarPath, id, region)
	out := append(kept, removed...)
	// One output row per record (the records of a contact share their
	// listaudit_source, so checkInvariant's test of it does not apply).
	if s.Rows != len(in) || s.Kept != len(kept) || s.Quarantined != len(removed) {
		t.Errorf("rows: %d records read, %d kept and %d removed rows read back; summary %d = %d + %d", len(in), len(kept), len(removed), s.Rows, s.Kept, s.Quarantined)
	}
	if a, b := numbersOf(in), numbersOf(out); !slices.Equal(a, b) {
		t.Errorf("numbers of the input:\n%s\nof the clean and quarantine files:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	contacts := map[string]exportRecord{}
	numberCols := map[string][]int{}
	for _, r := range in {
		contacts[r.contact] = r
		numberCols[r.contact] = append(numberCols[r.contact], r.col)
	}
	for _, r := range out {
		c, ok := contacts[r.contact]
		if !ok {
			t.Errorf("contact %q is not in the input", r.contact)
			continue
		}
		for j, cell := range c.cells {
			switch {
			case j == r.col:
				if r.number == "" {
					t.Errorf("contact %s, column %q: empty", r.contact, c.header[j])
				}
			case slices.Contains(numberCols[r.contact], j):
				if r.cells[j] != "" {
					t.Errorf("contact %s, row of %q: column %q holds %q, want it empty", r.contact, r.number, c.header[j], r.cells[j])
				}
			case r.cells[j] != cell:
				t.Errorf("contact %s, column %q: %q, want %q as read", r.contact, c.header[j], r.cells[j], cell)
			}
		}
	}

	// Idempotent: the clean file is what fix writes of it, read as a
	// program reads it (cleanPath: a cell fix neutralised, such as a
	// pager's "+1… ::: +1…", would get a second quote otherwise, as any
	// such cell of any list does).
	s2, clean2, _ := runFix(t, []string{cleanPath}, o)
	if s2.Quarantined != 0 || string(clean2) != string(clean) {
		t.Errorf("fix of the clean file: %d rows removed, clean file\n%s\nwant\n%s", s2.Quarantined, clean2, clean)
	}
}

// exportRecord is one record of a contacts export as listaudit reads it.
type exportRecord struct {
	contact string
	// col is the column of the record's number (-1 for none), colName its
	// header without a multi-value cell's " [n]"; number is the number,
	// in E.164 when valid, else as written.
	col             int
	colName, number string
	header, cells   []string
}

// readExport reads a contacts export as fix reads it: one record per
// number.
func readExport(t *testing.T, path, id, region string) []exportRecord {
	t.Helper()
	r, err := input.OpenRaw(input.Source{Path: path}, input.Options{AllKeys: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	header := r.Info().Header
	idCol := slices.Index(header, id)
	phones := phone.NewNormaliser()
	var out []exportRecord
	var rec input.RawRecord
	for {
		err := r.Next(&rec)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Malformed != "" {
			t.Fatalf("%s: row %d is malformed: %s", path, rec.Loc.Row, rec.Malformed)
		}
		e := exportRecord{contact: rec.Cells[idCol], col: -1, header: header, cells: slices.Clone(rec.Cells)}
		if v := rec.Values[domain.FieldPhone]; v != "" {
			e.colName, _, _ = strings.Cut(rec.Columns[domain.FieldPhone], " [")
			e.col = slices.Index(header, e.colName)
			e.number = strings.TrimSpace(v)
			if n := phones.Normalise(v, region); n.Valid {
				e.number = n.E164()
			}
		}
		out = append(out, e)
	}
}

// numbersOf lists each record's contact, column and number, sorted.
func numbersOf(recs []exportRecord) []string {
	var out []string
	for _, r := range recs {
		if r.number != "" {
			out = append(out, r.contact+" "+r.colName+" "+r.number)
		}
	}
	slices.Sort(out)
	return out
}
