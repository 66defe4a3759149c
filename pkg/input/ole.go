package input

import (
	"encoding/binary"
	"fmt"
	"io"
	"unicode/utf16"
)

// oleMagic starts an OLE2 compound file (CFB): an Excel 97–2003 .xls
// workbook, another old Office document, or a password-protected
// (encrypted) .xlsx, whose zip package is sealed inside one.
const oleMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

// oleError is the error for an OLE2 file, whatever its name or the format
// given: an encrypted workbook says so, anything else is an old .xls.
// nil for a file that is not OLE2. f is read only at its start and at its
// directory.
func oleError(f io.ReaderAt, name string) error {
	var b [len(oleMagic)]byte
	if n, _ := f.ReadAt(b[:], 0); n != len(b) || string(b[:]) != oleMagic {
		return nil
	}
	if oleHolds(f, "EncryptedPackage") {
		return fmt.Errorf("%s is a password-protected (encrypted) Excel workbook, which listaudit cannot read: save a copy without the password, as .xlsx or CSV", name)
	}
	return xlsError(name)
}

// xlsError is the error for an Excel 97–2003 workbook.
func xlsError(name string) error {
	return fmt.Errorf("%s is an Excel 97–2003 .xls workbook, which listaudit does not read: save it as .xlsx or CSV", name)
}

// CFB layout ([MS-CFB] 2.2, 2.6): what oleHolds reads of it.
const (
	cfbSectorShift = 0x1E // uint16: sectors are 1<<shift bytes
	cfbFirstDir    = 0x30 // uint32: the directory's first sector
	cfbDIFAT       = 0x4C // 109 uint32: the first FAT sectors
	cfbDIFATLen    = 109
	cfbEntrySize   = 128
	cfbNameLen     = 0x40 // uint16 in an entry: its name's bytes, with the NUL
	cfbLastSector  = 0xFFFFFFFA
	// cfbMaxDirSectors bounds the walk of a damaged or looping chain; an
	// encrypted workbook's directory is one sector.
	cfbMaxDirSectors = 256
)

// oleHolds says whether the compound file f has a stream or storage
// called name in its directory. A file it cannot follow holds nothing.
func oleHolds(f io.ReaderAt, name string) bool {
	var head [cfbDIFAT + 4*cfbDIFATLen]byte
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return false
	}
	shift := binary.LittleEndian.Uint16(head[cfbSectorShift:])
	if shift != 9 && shift != 12 {
		return false
	}
	size := int64(1) << shift
	sector := make([]byte, size)
	sid := binary.LittleEndian.Uint32(head[cfbFirstDir:])
	for range cfbMaxDirSectors {
		if sid >= cfbLastSector {
			return false
		}
		if _, err := f.ReadAt(sector, (int64(sid)+1)*size); err != nil {
			return false
		}
		for e := int64(0); e+cfbEntrySize <= size; e += cfbEntrySize {
			if cfbEntryName(sector[e:e+cfbEntrySize]) == name {
				return true
			}
		}
		sid = cfbNext(f, head[cfbDIFAT:], size, sid)
	}
	return false
}

// cfbEntryName is the name of a directory entry.
func cfbEntryName(entry []byte) string {
	n := int(binary.LittleEndian.Uint16(entry[cfbNameLen:]))
	if n < 2 || n > cfbNameLen || n%2 != 0 {
		return ""
	}
	units := make([]uint16, n/2-1)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(entry[2*i:])
	}
	return string(utf16.Decode(units))
}

// cfbNext is the sector after sid in its chain, from the FAT sectors the
// header lists (difat); past them, or on a read error, the chain ends.
func cfbNext(f io.ReaderAt, difat []byte, size int64, sid uint32) uint32 {
	perSector := uint32(size / 4)
	i := sid / perSector
	if i >= cfbDIFATLen {
		return cfbLastSector
	}
	fat := binary.LittleEndian.Uint32(difat[4*i:])
	if fat >= cfbLastSector {
		return cfbLastSector
	}
	var b [4]byte
	if _, err := f.ReadAt(b[:], (int64(fat)+1)*size+int64(sid%perSector)*4); err != nil {
		return cfbLastSector
	}
	return binary.LittleEndian.Uint32(b[:])
}
