#!/usr/bin/env bash
# Times `listaudit check --format json` against peers on the same generated
# list with /usr/bin/time -v and prints rows/s and peak memory side by side.
# See bench/README.md. Environment:
#   LIST=/tmp/list.csv   the list (generated with ROWS rows when missing)
#   ROWS=1000000
#   PEERS=/tmp/listaudit-peers   where libphonenumber-js is installed (npm)
#   SKIP_PEERS=1         time listaudit only
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin

LIST=${LIST:-/tmp/list.csv}
ROWS=${ROWS:-1000000}
PEERS=${PEERS:-/tmp/listaudit-peers}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [[ ! -f $LIST ]]; then
	echo "generating $ROWS rows into $LIST" >&2
	go run ./bench/gen -rows "$ROWS" -o "$LIST"
fi
rows=$(($(wc -l <"$LIST") - 1))
go build -o "$out/listaudit" ./cmd/listaudit

# run NAME CMD...: time one process; exit statuses above max_status fail.
max_status=0
run() {
	local name=$1
	shift
	echo "running $name" >&2
	/usr/bin/time -v "$@" >/dev/null 2>"$out/$name.time" || true
	local status
	status=$(awk -F': ' '/Exit status/ {print $2}' "$out/$name.time")
	if ((status > max_status)); then
		echo "$name failed (exit $status):" >&2
		grep -v '^\s' "$out/$name.time" >&2 || true
		exit 1
	fi
	echo "$name" >>"$out/ran"
}

# listaudit exits 1 when it has findings at or above --fail-on: not an error.
max_status=1 run listaudit "$out/listaudit" check --format json --now 2026-01-15 "$LIST"
max_status=0
if [[ -z ${SKIP_PEERS:-} ]]; then
	if /usr/bin/python3 -c 'import phonenumbers' 2>/dev/null; then
		run python-phonenumbers /usr/bin/python3 bench/peers/phonenumbers_py.py "$LIST"
	else
		echo "skipping python-phonenumbers: sudo apt-get install python3-phonenumbers" >&2
	fi
	if [[ -d $PEERS/node_modules/libphonenumber-js ]] && command -v node >/dev/null; then
		NODE_PATH=$PEERS/node_modules run libphonenumber-js node bench/peers/libphonenumber.js "$LIST"
	else
		echo "skipping libphonenumber-js: npm install --prefix $PEERS libphonenumber-js" >&2
	fi
fi

# seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss"
secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"; }
field() { awk -F': ' -v k="$2" '$1 ~ k {print $2}' "$1"; }

echo
echo "$rows rows, $(du -m "$LIST" | cut -f1) MB: $LIST"
printf '%-22s %12s %9s %9s %10s %11s\n' tool rows/s wall_s cpu_s peak_MiB "vs listaudit"
base=
while read -r name; do
	f=$out/$name.time
	wall=$(secs "$f")
	cpu=$(awk -v u="$(field "$f" 'User time')" -v s="$(field "$f" 'System time')" 'BEGIN {print u + s}')
	rss=$(field "$f" 'Maximum resident set size')
	rate=$(awk -v r="$rows" -v w="$wall" 'BEGIN {printf "%d", r / w}')
	base=${base:-$rate}
	printf '%-22s %12s %9.2f %9.2f %10d %10.1fx\n' "$name" "$rate" "$wall" "$cpu" $((rss / 1024)) \
		"$(awk -v b="$base" -v r="$rate" 'BEGIN {print b / r}')"
done <"$out/ran"
