// Package csvsafe neutralises CSV cells against spreadsheet formula
// injection (OWASP "CSV Injection"): a cell that starts with '=', '+', '-',
// '@', a tab or a carriage return gets a leading single quote, so a
// spreadsheet shows it as text instead of running it. Every CSV file
// listaudit writes (the csv report, listaudit fix's outputs) goes through
// it. It must not change a cell in any other way, so that stripping one
// leading quote from every cell that has one gives the original text back;
// Uncell, which listaudit's CSV reader applies, does so exactly.
package csvsafe
