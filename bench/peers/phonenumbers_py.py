#!/usr/bin/python3
"""Peer for bench/compare.sh: what listaudit does with phones, in Python
phonenumbers (Debian's python3-phonenumbers): parse every phone cell with
the row's country as region, check validity and type, format E.164, and
count duplicates. Reads the CSV with the csv module; one process, one core.
"""
import csv
import sys

import phonenumbers
from phonenumbers import NumberParseException


def region_of(cell):
    cell = cell.strip()
    if len(cell) == 2 and cell.isalpha():
        return cell.upper()
    digits = cell.lstrip("+")
    if digits.isdigit() and len(digits) <= 3:
        r = phonenumbers.region_code_for_country_code(int(digits))
        return None if r in ("ZZ", "001") else r
    return None


def main(path):
    rows = valid = mobile = dups = 0
    seen = set()
    with open(path, newline="") as f:
        r = csv.reader(f)
        header = next(r)
        phone, country = header.index("phone"), header.index("country")
        for row in r:
            rows += 1
            raw = row[phone]
            if not raw:
                continue
            try:
                n = phonenumbers.parse(raw, region_of(row[country]))
            except NumberParseException:
                continue
            if not phonenumbers.is_valid_number(n):
                continue
            valid += 1
            t = phonenumbers.number_type(n)
            if t in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
                mobile += 1
            e164 = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
            if e164 in seen:
                dups += 1
            else:
                seen.add(e164)
    print(f"rows={rows} valid={valid} mobile={mobile} duplicates={dups}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
