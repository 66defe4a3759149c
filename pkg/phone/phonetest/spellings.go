package phonetest

// KenyanSpellings are ways +254712345604 is written, every one of which a
// list, a suppression list and a send log read, with region KE, as that
// number: a direction mark, zero-width space or stray BOM before +, 0 or
// 00 (QA28 F1), Excel's ="…" around it, and the text a parse takes around
// a + (a full stop, an extension, a spreadsheet's leading '), which it
// takes around a 00 too (QA28b F2).
var KenyanSpellings = []string{
	"+254712345604", "0712345604", "00254712345604",
	"\u200e+254712345604", "\u200e0712345604", "\u200e00254712345604",
	"\u200b00 254 712 345 604", "\ufeff00254712345604", "\u202a00254712345604\u202c",
	"00254712345604\u200e", `="00254712345604"`, `="0712345604"`, `="+254712345604"`,
	"00254712345604.", "00254712345604 ext. 5", "+254712345604.", "0712345604 ext. 5",
	"'00254712345604", "'+254712345604", "'0712345604",
	// Full-width and Arabic-Indic digits, which libphonenumber reads as
	// ASCII ones, 00 included (QA28c F3).
	"００２５４７１２３４５６０４", "٠٠٢٥٤٧١٢٣٤٥٦٠٤", "＋２５４７１２３４５６０４",
}
