// Package jurisdiction is listaudit's built-in table of the rules that
// vary by where the recipient is: the sending window and the days and
// holidays it excludes, the message cap, and how long consent lasts by
// consent type, each with the law (or practice) it comes from. A row's jurisdictions come
// from its number: the country, and for +1 numbers the state or province
// of the area code, from libphonenumber's offline geocoding data.
//
// It must not judge rows (pkg/rules does) nor read files.
package jurisdiction
