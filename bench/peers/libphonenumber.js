// Peer for bench/compare.sh: what listaudit does with phones, in
// libphonenumber-js with its "max" metadata (the only one that checks
// number types): parse every phone cell with the row's country as region,
// check validity and type, take E.164, count duplicates. One process.
// The generated list has no quoted fields, so lines are split on commas.
'use strict';
const fs = require('fs');
const readline = require('readline');
const { parsePhoneNumberFromString, getCountryCallingCode, isSupportedCountry } = require('libphonenumber-js/max');
const metadata = require('libphonenumber-js/max/metadata');

const byCallingCode = {};
for (const [cc, regions] of Object.entries(metadata.country_calling_codes)) byCallingCode[cc] = regions[0];

function regionOf(cell) {
  cell = cell.trim();
  if (/^[A-Za-z]{2}$/.test(cell)) {
    const r = cell.toUpperCase();
    return isSupportedCountry(r) ? r : undefined;
  }
  const d = cell.replace(/^\+/, '');
  if (/^\d{1,3}$/.test(d)) return byCallingCode[d];
  return undefined;
}

async function main(path) {
  let rows = 0, valid = 0, mobile = 0, dups = 0, phone = -1, country = -1;
  const seen = new Set();
  const rl = readline.createInterface({ input: fs.createReadStream(path, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of rl) {
    const f = line.split(',');
    if (phone < 0) { phone = f.indexOf('phone'); country = f.indexOf('country'); continue; }
    rows++;
    const raw = f[phone];
    if (!raw) continue;
    const n = parsePhoneNumberFromString(raw, regionOf(f[country]));
    if (!n || !n.isValid()) continue;
    valid++;
    const t = n.getType();
    if (t === 'MOBILE' || t === 'FIXED_LINE_OR_MOBILE') mobile++;
    if (seen.has(n.number)) dups++; else seen.add(n.number);
  }
  console.error(`rows=${rows} valid=${valid} mobile=${mobile} duplicates=${dups}`);
}

main(process.argv[2]);
