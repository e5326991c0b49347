#!/usr/bin/env bash
# bench-parse.sh: the parser's speed targets (issue 2), measured side by side
# in one run on the pt-BR corpus (7,073 API pages held in memory):
#
#   1 core:  parser.Parse (model included)  <= 0.2 x  stock goldmark (AST only)
#   2 cores: parser.Parse on 2 goroutines   <  1   x  the regexp extractor on 2
#
# Each ratio is given twice: from wall time (ns/op) and from the process's
# CPU time (cpu-ns/op, user+system). On a machine shared with other work the
# wall figures carry the time spent waiting for a core; the CPU figures are
# the ones to trust for one-core ratios there.
#
# and the peak memory of `docs2go parse --format json` over the pt-BR corpus.
# Usage: scripts/bench-parse.sh [COUNT]   (COUNT runs of each benchmark, default 5)
# On a busy machine, BENCH='StockGoldmark|Parse' CPUS=1 BENCHTIME=1x
# scripts/bench-parse.sh 3 measures only the one-core ratio, much faster.
# Figures are medians; on a loaded machine the two-core figures mean little.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
bench=${BENCH:-StockGoldmark|Parse|ParseParallel|RegexpExtractor|RegexpExtractorParallel}
cpus=${CPUS:-1,2}
benchtime=${BENCHTIME:-2x}
corpus=../shared/corpus/pt-BR
if [ ! -d "$corpus/api-reference" ]; then
  echo "bench-parse: $corpus is absent; run ../shared/corpus/unpack first" >&2
  exit 2
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== benchmarks, -cpu $cpus, $count rounds (each op parses all 7,073 pages)"
# Rounds interleave the benchmarks, so a burst of load elsewhere on the
# machine hits all of them rather than one.
go test -c -o "$out/parser.test" ./parser
for round in $(seq "$count"); do
  (cd parser && "$out/parser.test" -test.run '^$' \
    -test.bench "^Benchmark($bench)\$" \
    -test.cpu "$cpus" -test.benchtime "$benchtime" -test.timeout 60m) | grep '^Benchmark' | tee -a "$out/bench.txt"
done

# Medians of ns/op and cpu-ns/op per benchmark; "-2" marks GOMAXPROCS=2,
# "cpu:" the CPU-time figure.
awk '
  /^Benchmark/ {
    name = $1; if (name !~ /-[0-9]+$/) name = name "-1"
    for (i = 2; i <= NF; i++) {
      if ($(i+1) == "ns/op") v[name] = v[name] " " $i
      if ($(i+1) == "cpu-ns/op") v["cpu:" name] = v["cpu:" name] " " $i
    }
  }
  END {
    for (n in v) {
      k = split(substr(v[n], 2), a, " ")
      # insertion sort, then the median
      for (i = 2; i <= k; i++) { x = a[i]; j = i - 1; while (j > 0 && a[j] > x) { a[j+1] = a[j]; j-- } a[j+1] = x }
      m = (k % 2) ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
      printf "%s %.0f\n", n, m
    }
  }' "$out/bench.txt" | sort > "$out/medians.txt"

med() { awk -v n="$1" '$1 == n { print $2 }' "$out/medians.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
secs() { awk -v a="$1" 'BEGIN { if (a == "") print "n/a"; else printf "%.2f s", a / 1e9 }'; }

echo
echo "== medians (whole corpus per op): wall, and CPU time in brackets"
printf '%-28s %22s %22s\n' benchmark "1 core" "2 cores"
for b in StockGoldmark Parse ParseParallel RegexpExtractor RegexpExtractorParallel; do
  printf '%-28s %10s (%9s) %10s (%9s)\n' "$b" "$(secs "$(med Benchmark$b-1)")" "$(secs "$(med cpu:Benchmark$b-1)")" \
    "$(secs "$(med Benchmark$b-2)")" "$(secs "$(med cpu:Benchmark$b-2)")"
done

echo
echo "== ratios (target in brackets)"
p1=$(med BenchmarkParse-1); s1=$(med BenchmarkStockGoldmark-1)
pp1=$(med BenchmarkParseParallel-1); pp2=$(med BenchmarkParseParallel-2)
rp1=$(med BenchmarkRegexpExtractorParallel-1); rp2=$(med BenchmarkRegexpExtractorParallel-2)
s2=$(med BenchmarkStockGoldmark-2)
echo "1 core:  Parse / StockGoldmark                       = $(ratio "$p1" "$s1")  [<= 0.20]"
echo "1 core:  the same in CPU time                        = $(ratio "$(med cpu:BenchmarkParse-1)" "$(med cpu:BenchmarkStockGoldmark-1)")  [<= 0.20]"
echo "1 core:  Parse / ParseParallel (same work; ~1 expected) = $(ratio "$p1" "$pp1") wall, $(ratio "$(med cpu:BenchmarkParse-1)" "$(med cpu:BenchmarkParseParallel-1)") CPU"
echo "2 cores: ParseParallel / RegexpExtractorParallel     = $(ratio "$pp2" "$rp2")  [< 1.00]"
echo "1 core:  ParseParallel / RegexpExtractorParallel     = $(ratio "$pp1" "$rp1")"
echo "2 cores: ParseParallel / StockGoldmark (1 goroutine) = $(ratio "$pp2" "$s2")"
echo "speed-up of ParseParallel from 1 to 2 cores          = $(ratio "$pp1" "$pp2")x"

if [ "${BENCHSTAT:-}" = 1 ]; then
  echo
  echo "== benchstat"
  go run golang.org/x/perf/cmd/benchstat@latest "$out/bench.txt" || echo "benchstat unavailable"
fi

echo
echo "== peak memory: docs2go parse --format json $corpus (all pages, api and resources)"
if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time is missing: install it with 'apt-get install time' for the peak memory figure"
else
  go build -o "$out/docs2go" ./cmd/docs2go
  /usr/bin/time -v "$out/docs2go" parse --format json "$corpus" > "$out/pages.jsonl" 2> "$out/time.txt" || true
  grep -E 'Maximum resident set size|Elapsed \(wall clock\)' "$out/time.txt"
  echo "pages written: $(wc -l < "$out/pages.jsonl")"
fi
