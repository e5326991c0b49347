#!/usr/bin/env bash
# bench-build.sh measures what issues 3 and 4 promise about the generated
# client:
#
#  1. a cold `go build` of the package generated from the pt-BR v1.0 pages of
#     the corpus (API and resource pages: methods and the models they reach),
#     with the standard library already built (a fresh GOCACHE
#     pre-warmed with `go build std`) and nothing of the package cached:
#     wall time and peak memory (target: <= 19 s and <= 1 GB, 10% of the
#     187 s / 4.4 GB of msgraph-sdk-go);
#  2. `docs2go gen` against `docs2go parse` over the whole pt-BR corpus
#     (target: gen <= 2x parse), best of 3 runs each.
#
# Usage: scripts/bench-build.sh [CORPUS]   (default ../shared/corpus)
# Needs GNU time at /usr/bin/time: apt-get install -y time
set -euo pipefail

cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
if [[ ! -d $corpus/pt-BR ]]; then
	echo "bench-build: corpus not found at $corpus (run ../shared/corpus/unpack)" >&2
	exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
	echo "bench-build: GNU time is missing; install it with: apt-get install -y time" >&2
	exit 2
fi
corpus=$(cd "$corpus" && pwd)

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/docs2go" ./cmd/docs2go

echo "== cold go build of the package generated from pt-BR v1.0"
mkdir -p "$work/mod"
printf 'module example.com/bench\n\ngo 1.26\n' >"$work/mod/go.mod"
# Exit code 1 only means some pages have errors; their packages are skipped.
"$work/docs2go" gen --in "$corpus/pt-BR/api-reference/v1.0" --out "$work/mod" 2>"$work/gen.log" || [[ $? == 1 ]]
files=$(find "$work/mod" -name '*.go' ! -name '*_test.go' | wc -l)
lines=$(find "$work/mod" -name '*.go' ! -name '*_test.go' -exec cat {} + | wc -l)
methods=$(cat "$work/mod/graph/"client*_gen.go | grep -c '^func (c \*Client) [A-Z]')
models=$(cat "$work/mod/graph/"models*_gen.go | grep -c '^type [A-Z]')
echo "package graph: $files files, $lines lines (tests excluded), $methods methods, $models model types"
export GOCACHE="$work/gocache" GOFLAGS=-mod=mod GOWORK=off
go build std
(cd "$work/mod" && /usr/bin/time -v go build ./... 2>"$work/time.log")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.log")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.log")
user=$(sed -n 's/.*User time (seconds): //p' "$work/time.log")
sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.log")
echo "build: wall $wall, user ${user}s, sys ${sys}s, max RSS $((rss / 1024)) MB (targets: 19 s, 1024 MB)"

echo "== docs2go gen vs docs2go parse over the whole pt-BR corpus (best of 3)"
best() { # best wall time in seconds of a command, run 3 times
	local b=""
	for _ in 1 2 3; do
		local s e
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s.%N)
		b=$(echo "$s $e ${b:-1e9}" | awk '{d=$2-$1; print (d<$3)?d:$3}')
	done
	echo "$b"
}
parse=$(best "$work/docs2go" parse --format json "$corpus/pt-BR")
gen=$(best "$work/docs2go" gen --in "$corpus/pt-BR" --out "$work/out")
echo "parse: ${parse}s  gen: ${gen}s  ratio gen/parse: $(echo "$gen $parse" | awk '{printf "%.2f", $1/$2}') (target <= 2)"
