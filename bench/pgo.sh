#!/usr/bin/env bash
# Refreshes cmd/listaudit/default.pgo, the CPU profile `go build` uses for
# profile-guided optimisation (about 5-8% less CPU on a large audit). It
# profiles the runs the benchmarks time, merges them and replaces the file.
# Run it after changes to the hot path, then commit the new profile.
# Environment: LIST=/tmp/list.csv (generated with 1,000,000 rows if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin

LIST=${LIST:-/tmp/list.csv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ ! -f $LIST ]]; then
	echo "generating 1000000 rows into $LIST" >&2
	go run ./bench/gen -rows 1000000 -o "$LIST"
fi
head -n 200001 "$LIST" >"$work/small.csv"
go build -o "$work/listaudit" ./cmd/listaudit

# profile NAME ARGS...: one run of listaudit; exit 1 (findings) is expected.
profile() {
	local name=$1
	shift
	echo "profiling $name" >&2
	local status=0
	"$work/listaudit" "$@" --now 2026-01-15 --cpu-profile "$work/$name.prof" >/dev/null || status=$?
	if ((status > 1)); then
		echo "$name failed (exit $status)" >&2
		exit 1
	fi
}
profile json check --format json -o "$work/report.json" "$LIST"
profile table check "$LIST"
profile csv check --format csv "$work/small.csv"
profile sarif check --format sarif --sarif-max-results 0 "$work/small.csv"
profile fix fix -o "$work/clean.csv" --quarantine "$work/removed.csv" "$work/small.csv"

go tool pprof -proto "$work"/*.prof >"$work/merged.pgo"
mv "$work/merged.pgo" cmd/listaudit/default.pgo
echo "wrote cmd/listaudit/default.pgo" >&2
