#!/usr/bin/env bash
# bench-diff.sh: the cost of `docs2go diff` over two whole trees against a
# `docs2go parse` of one of them (issue 14: diff <= 2.5x parse), measured
# on the built binary, whole process (start-up, reading, output to
# /dev/null), the two commands alternating so load elsewhere hits both.
#
#   diff  ../shared/corpus/en-US-source-of-es-ES ../shared/corpus/en-US
#   parse ../shared/corpus/en-US
#
# and the Go benchmark doing the same in process (CPU and wall ratios):
#   go test ./internal/apidiff -run '^$' -bench CorpusDiff -benchtime 3x
#
# Usage: scripts/bench-diff.sh [RUNS] [OLD]   (default 5 runs, OLD en-US-source-of-es-ES)
# Figures are medians of wall and CPU (user+system) seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
old=../shared/corpus/${2:-en-US-source-of-es-ES}
new=../shared/corpus/en-US
if [ ! -d "$old/api-reference" ] || [ ! -d "$new/api-reference" ]; then
  echo "bench-diff: the corpus is absent; run ../shared/corpus/unpack first" >&2
  exit 2
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/docs2go" ./cmd/docs2go
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %S" -a -o "$out/parse.txt" "$out/docs2go" parse "$new" >/dev/null 2>&1 || true
  /usr/bin/time -f "%e %U %S" -a -o "$out/diff.txt" "$out/docs2go" diff "$old" "$new" >/dev/null 2>&1 || true
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
pw=$(awk '{print $1}' "$out/parse.txt" | median); pc=$(awk '{print $2+$3}' "$out/parse.txt" | median)
dw=$(awk '{print $1}' "$out/diff.txt" | median); dc=$(awk '{print $2+$3}' "$out/diff.txt" | median)
printf 'parse %s: wall %.2f s, cpu %.2f s\n' "$new" "$pw" "$pc"
printf 'diff  %s %s: wall %.2f s, cpu %.2f s\n' "$old" "$new" "$dw" "$dc"
awk -v pw="$pw" -v pc="$pc" -v dw="$dw" -v dc="$dc" 'BEGIN {printf "diff/parse: wall %.2fx, cpu %.2fx (target <= 2.5)\n", dw/pw, dc/pc}'
