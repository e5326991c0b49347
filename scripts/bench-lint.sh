#!/usr/bin/env bash
# bench-lint.sh: what lint costs against parsing (issue 13's target:
# linting all of pt-BR <= 1.3x parsing it), measured side by side:
#
#   1. the Go benchmarks over every pt-BR page held in memory, one
#      goroutine: parser.Parse alone, and parse + every lint rule (the
#      permissions reference, example names across pages); medians of
#      wall (ns/op) and CPU time (cpu-ns/op, the figure to trust on a
#      shared machine);
#   2. the whole commands over the folder, each COUNT times in turn, with
#      /usr/bin/time -v: docs2go lint and docs2go parse --format json
#      (wall, CPU and peak RSS).
#
# Usage: scripts/bench-lint.sh [COUNT]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
corpus=../shared/corpus/pt-BR
if [ ! -d "$corpus/api-reference" ]; then
  echo "bench-lint: $corpus is absent; run ../shared/corpus/unpack first" >&2
  exit 2
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== Go benchmarks, $count rounds, 1 goroutine (each op: all pt-BR pages)"
go test -c -o "$out/lint.test" ./internal/lint
for round in $(seq "$count"); do
  (cd internal/lint && "$out/lint.test" -test.run '^$' -test.bench '^Benchmark(Parse|Lint)PTBR$' \
    -test.cpu 1 -test.benchtime 1x -test.timeout 60m) | grep '^Benchmark' | tee -a "$out/bench.txt"
done
awk '
  { name=$1; for (i=2;i<=NF;i++) { if ($(i+1)=="ns/op") w[name]=w[name]" "$i; if ($(i+1)=="cpu-ns/op") c[name]=c[name]" "$i } }
  function median(s,   a, n, i, j, t) { n=split(s, a, " "); for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]<a[i]) { t=a[i]; a[i]=a[j]; a[j]=t }; return a[int((n+1)/2)] }
  END {
    pw=median(w["BenchmarkParsePTBR"]); lw=median(w["BenchmarkLintPTBR"])
    pc=median(c["BenchmarkParsePTBR"]); lc=median(c["BenchmarkLintPTBR"])
    printf "parse: %.2f s wall, %.2f s CPU\nlint:  %.2f s wall, %.2f s CPU\nlint/parse: %.2fx wall, %.2fx CPU (target <= 1.3)\n", pw/1e9, pc/1e9, lw/1e9, lc/1e9, lw/pw, lc/pc
  }' "$out/bench.txt"

echo "== whole commands over $corpus, $count rounds each, in turn"
go build -o "$out/docs2go" ./cmd/docs2go
for round in $(seq "$count"); do
  /usr/bin/time -v "$out/docs2go" lint "$corpus" >/dev/null 2>"$out/lint.$round" || true
  /usr/bin/time -v "$out/docs2go" parse --format json "$corpus" >/dev/null 2>"$out/parse.$round" || true
done
for cmd in lint parse; do
  for round in $(seq "$count"); do
    awk -v r="$round" '
      /Elapsed \(wall clock\)/ { n=split($NF, t, ":"); s=0; for (i=1;i<=n;i++) s=s*60+t[i]; wall=s }
      /User time/ { u=$NF } /System time/ { sy=$NF } /Maximum resident/ { rss=$NF }
      END { printf "%s %.2f %.2f %d\n", r, wall, u+sy, rss/1024 }' "$out/$cmd.$round"
  done | sort -k2 -n | awk -v c="$cmd" '{ w[NR]=$2; cpu[NR]=$3; m[NR]=$4 } END { printf "%-5s median wall %.2f s, CPU %.2f s, peak RSS %d MB\n", c, w[int((NR+1)/2)], cpu[int((NR+1)/2)], m[int((NR+1)/2)] }'
done
