#!/usr/bin/env bash
# Times listaudit on one generated list against the previous build and the
# peers, in alternating runs, with /usr/bin/time -v, and prints each one's
# median rows/s, wall and CPU seconds, peak memory, and the ratios to
# listaudit's. See bench/README.md. Environment:
#   LIST=/tmp/list.csv   the list (generated with ROWS rows when missing)
#   ROWS=1000000
#   ROUNDS=3             runs of each, alternating: A B C ... then ... C B A
#   MODES="json table fix"
#                        json: check --format json -o FILE; table: check;
#                        fix: fix -o FILE --quarantine FILE
#   BASE=REV             also time the listaudit built from git revision REV
#                        (the previous build), e.g. BASE=HEAD~1 or a tag
#   PEERS=/tmp/listaudit-peers   where libphonenumber-js is installed (npm)
#   SKIP_PEERS=1         time listaudit only
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin

LIST=${LIST:-/tmp/list.csv}
ROWS=${ROWS:-1000000}
ROUNDS=${ROUNDS:-3}
MODES=${MODES:-json table fix}
PEERS=${PEERS:-/tmp/listaudit-peers}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [[ ! -f $LIST ]]; then
	echo "generating $ROWS rows into $LIST" >&2
	go run ./bench/gen -rows "$ROWS" -o "$LIST"
fi
rows=$(($(wc -l <"$LIST") - 1))
go build -o "$out/listaudit" ./cmd/listaudit
if [[ -n ${BASE:-} ]]; then
	git worktree add -q --detach "$out/base-src" "$BASE"
	trap 'git worktree remove --force "$out/base-src"; rm -rf "$out"' EXIT
	(cd "$out/base-src" && go build -o "$out/base-listaudit" ./cmd/listaudit)
fi

# The tools to time, each a name and a command line: the listaudit modes,
# the previous build's, then the peers. A name's command is tools[name].
declare -A tools
names=()
add() {
	local name=$1
	shift
	names+=("$name")
	tools[$name]="$*"
}
for mode in $MODES; do
	for build in listaudit base; do
		bin=$out/listaudit
		if [[ $build == base ]]; then
			[[ -n ${BASE:-} ]] || continue
			bin=$out/base-listaudit
		fi
		name=$build-$mode
		case $mode in
		json) add "$name" "$bin" check --format json --now 2026-01-15 -o "$out/$name.json" "$LIST" ;;
		table) add "$name" "$bin" check --now 2026-01-15 "$LIST" ;;
		fix) add "$name" "$bin" fix --now 2026-01-15 -o "$out/$name.csv" --quarantine "$out/$name.removed.csv" "$LIST" ;;
		*)
			echo "unknown mode $mode (json, table, fix)" >&2
			exit 2
			;;
		esac
	done
done
if [[ -z ${SKIP_PEERS:-} ]]; then
	if /usr/bin/python3 -c 'import phonenumbers' 2>/dev/null; then
		add python-phonenumbers /usr/bin/python3 bench/peers/phonenumbers_py.py "$LIST"
	else
		echo "skipping python-phonenumbers: sudo apt-get install python3-phonenumbers" >&2
	fi
	if [[ -d $PEERS/node_modules/libphonenumber-js ]] && command -v node >/dev/null; then
		add libphonenumber-js env NODE_PATH="$PEERS/node_modules" node bench/peers/libphonenumber.js "$LIST"
	else
		echo "skipping libphonenumber-js: npm install --prefix $PEERS libphonenumber-js" >&2
	fi
fi

# run NAME ROUND: time one process into $out/NAME.ROUND.time. listaudit
# exits 1 when it has findings at or above --fail-on: not an error.
run() {
	local name=$1 round=$2 max_status=0 status
	[[ $name == listaudit-* || $name == base-* ]] && max_status=1
	echo "round $round: $name" >&2
	# shellcheck disable=SC2086 # the command line is split on purpose
	/usr/bin/time -v ${tools[$name]} >/dev/null 2>"$out/$name.$round.time" || true
	rm -f "$out/$name.json" "$out/$name.csv" "$out/$name.removed.csv"
	status=$(awk -F': ' '/Exit status/ {print $2}' "$out/$name.$round.time")
	if ((status > max_status)); then
		echo "$name failed (exit $status):" >&2
		grep -v '^\s' "$out/$name.$round.time" >&2 || true
		exit 1
	fi
}
for ((round = 1; round <= ROUNDS; round++)); do
	order=("${names[@]}")
	if ((round % 2 == 0)); then # ABC CBA ABC: no tool always runs first
		order=()
		for ((i = ${#names[@]} - 1; i >= 0; i--)); do order+=("${names[i]}"); done
	fi
	for name in "${order[@]}"; do run "$name" "$round"; done
done

# seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss"
secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"; }
field() { awk -F': ' -v k="$2" '$1 ~ k {print $2}' "$1"; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# stat NAME: the median wall, CPU and peak KB over the rounds, and the
# range of the walls.
stat() {
	local f wall=() cpu=() rss=()
	for f in "$out/$1".*.time; do
		wall+=("$(secs "$f")")
		cpu+=("$(awk -v u="$(field "$f" 'User time')" -v s="$(field "$f" 'System time')" 'BEGIN {print u + s}')")
		rss+=("$(field "$f" 'Maximum resident set size')")
	done
	echo "$(printf '%s\n' "${wall[@]}" | median) $(printf '%s\n' "${cpu[@]}" | median)" \
		"$(printf '%s\n' "${rss[@]}" | median) $(printf '%s\n' "${wall[@]}" | sort -g | sed -n '1p;$p' | paste -sd-)"
}

echo
echo "$rows rows, $(du -m "$LIST" | cut -f1) MB: $LIST; $ROUNDS alternating rounds, medians; $(nproc) cores"
[[ -n ${BASE:-} ]] && echo "base: $BASE ($(git rev-parse --short "$BASE")), listaudit: the work tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', modified'))"
printf '%-22s %10s %7s %13s %7s %9s %13s %13s\n' tool rows/s wall_s wall_range cpu_s peak_MiB "rows/s ratio" "rows/cpu-s ratio"
ref=
for name in "${names[@]}"; do
	read -r wall cpu rss range < <(stat "$name")
	rate=$(awk -v r="$rows" -v w="$wall" 'BEGIN {printf "%d", r / w}')
	percpu=$(awk -v r="$rows" -v c="$cpu" 'BEGIN {printf "%d", r / c}')
	# Ratios are listaudit's json mode (the first tool) to this one's.
	ref=${ref:-$rate $percpu}
	read -r ref_rate ref_percpu <<<"$ref"
	printf '%-22s %10s %7.2f %13s %7.2f %9d %12.1fx %15.1fx\n' "$name" "$rate" "$wall" "$range" "$cpu" \
		$((rss / 1024)) "$(awk -v b="$ref_rate" -v r="$rate" 'BEGIN {print b / r}')" \
		"$(awk -v b="$ref_percpu" -v r="$percpu" 'BEGIN {print b / r}')"
done
echo "ratios: the first row's rows/s (and rows per CPU-second) divided by each row's"
