package config

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/report"
)

// Template returns the commented policy file `listaudit init` writes:
// every key of the table with c's value (the defaults, and what init's
// flags gave) and its comment. The columns section holds c.Columns (the
// headers `init --from FILE` detected in c.From) or, when there are none,
// commented examples. Parsing the result yields c's settings, but for a
// phone column with fallbacks (c.PhoneFallbacks), which is left commented
// out so that check reads the fallbacks too.
func Template(c *Config) []byte {
	var b bytes.Buffer
	b.WriteString(templateHead)
	section := ""
	for i := range table {
		s := &table[i]
		if s.Key == "" {
			continue
		}
		if s.Key == "columns" {
			b.WriteString("\n")
			if c.FromFixed != nil {
				writeFixedColumns(&b, c.From, c.FromFixed)
			} else {
				writeColumns(&b, c.Columns, c.From, c.PhoneFallbacks)
			}
			continue
		}
		sec, name, nested := strings.Cut(s.Key, ".")
		if !nested {
			sec, name = "", s.Key
		}
		indent := ""
		if nested {
			indent = "  "
		}
		opens := sec != section && sec != ""
		section = sec
		switch {
		case opens:
			b.WriteString("\n")
			writeDoc(&b, "", sectionDoc(sec))
			b.WriteString(sec + ":\n")
		case s.Break && !nested:
			b.WriteString("\n")
		}
		writeDoc(&b, indent, s.Doc)
		// A mapping value starts on the next line.
		val := s.yaml(c)
		if !strings.HasPrefix(val, "\n") {
			val = " " + val
		}
		fmt.Fprintf(&b, "%s%s:%s\n", indent, name, val)
	}
	return b.Bytes()
}

const templateHead = `# listaudit policy: the settings 'listaudit check' audits contact lists with.
# Every key is optional: delete a key to use the built-in default. Flags on
# the command line override this file. Paths are relative to this file's
# directory. 'listaudit rules RULE' explains a rule and the settings it reads.

`

func sectionDoc(key string) string {
	for _, s := range sections {
		if s.key == key {
			return s.doc
		}
	}
	return ""
}

// writeDoc writes a comment, one "# " line per line of doc.
func writeDoc(b *bytes.Buffer, indent, doc string) {
	if doc == "" {
		return
	}
	for _, line := range strings.Split(doc, "\n") {
		b.WriteString(indent + "# " + line + "\n")
	}
}

func writeColumns(b *bytes.Buffer, mapping map[domain.Field]string, from string, fallbacks []string) {
	writeColumnsDoc(b)
	var named []domain.Field
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		if strings.TrimSpace(mapping[f]) != "" {
			named = append(named, f)
		}
	}
	if len(named) == 0 && from == "" {
		b.WriteString(columnsExample)
		return
	}
	if from != "" {
		fmt.Fprintf(b, "# Detected from %s: check it before use.\n", oneLine(from))
	} else {
		b.WriteString("# Detected: check it before use.\n")
	}
	// The one field check cannot do without: say so where it is set.
	noPhone := strings.TrimSpace(mapping[domain.FieldPhone]) == ""
	if noPhone {
		b.WriteString("# No phone column was found: set phone to the header of the numbers,\n" +
			"# or check stops with \"no phone column\" (exit 2).\n")
	}
	// A phone mapping turns the fallbacks off: a contact whose number is
	// only in one of them would become phone-missing.
	keepFallbacks := !noPhone && len(fallbacks) > 0
	if keepFallbacks {
		writeFallbacksDoc(b, mapping[domain.FieldPhone], fallbacks)
	}
	b.WriteString("columns:\n")
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		if f == domain.FieldPhone && keepFallbacks {
			fmt.Fprintf(b, "  # %s: %s  # detected, with fallbacks: see above\n", f.Name(), quote(mapping[f]))
			continue
		}
		if h := strings.TrimSpace(mapping[f]); h != "" {
			fmt.Fprintf(b, "  %s: %s\n", f.Name(), quote(mapping[f]))
		} else {
			fmt.Fprintf(b, "  # %s: \"\"  # no column found\n", f.Name())
		}
	}
}

// writeColumnsDoc writes the comment above columns: and the fields it
// maps.
func writeColumnsDoc(b *bytes.Buffer) {
	b.WriteString("# Which column holds which field, for headers listaudit does not recognise\n" +
		"# (like --map field=HEADER). Fields:\n")
	line := "#  "
	for i, name := range fieldNames() {
		word := " " + name + ","
		if i == int(domain.NumNamedFields)-1 {
			word = " " + name + "."
		}
		if len(line)+len(word) > 78 {
			b.WriteString(line + "\n")
			line = "#  "
		}
		line += word
	}
	b.WriteString(line + "\n")
}

// writeFixedColumns writes columns: for a list init --from read whose
// columns are fixed (a vCard's): nothing mapped, since the list ignores a
// mapping and a CSV audited with the policy would lack its headers.
func writeFixedColumns(b *bytes.Buffer, from string, fixed []string) {
	writeColumnsDoc(b)
	doc := fmt.Sprintf("Detected from %s: a vCard, whose fields are fixed (%s), so nothing is mapped. Map here the headers of a CSV, JSON or XLSX list.",
		oneLine(from), strings.Join(fixed, ", "))
	writeDoc(b, "", strings.Join(report.WrapWords(doc, 76), "\n"))
	b.WriteString(columnsExample)
}

// columnsExample is columns: with nothing mapped, and examples.
const columnsExample = "columns:\n  # phone: \"Mobile Number\"\n  # consent_at: \"Opt-in date\"\n"

// writeFallbacksDoc says why the phone column detected, with its
// fallbacks, is not set.
func writeFallbacksDoc(b *bytes.Buffer, phone string, fallbacks []string) {
	doc := "phone is not set, so that check detects it as init did: " +
		input.PhoneFallbackNote(oneLine(phone), fallbacks) +
		". Set, phone names the one column read: there are no fallbacks then."
	// 78 columns with the "# " of each line.
	writeDoc(b, "", strings.Join(report.WrapWords(doc, 76), "\n"))
}

// quote writes s as a one-line YAML double-quoted scalar.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == 0xFEFF || !unicode.IsPrint(r) && r != ' ':
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
