#!/usr/bin/env bash
# bench-cores.sh: how `docs2go parse`, `lint` and `gen` use a second core
# (issue 15), over the whole pt-BR corpus, and their peak memory.
#
# Rounds interleave GOMAXPROCS=1 and 2 for both commands, so load from other
# work on the machine hits every configuration; the figures are medians of
# wall time, with user+system CPU time and peak RSS from /usr/bin/time.
# Target: speed-up (wall at 1 / wall at 2) >= 1.7 for each; lint and gen
# peak RSS under 300 MB. On a machine shared with other work a second core is often
# not free: read the CPU column (roughly equal at 1 and 2 when the work is
# spread, not repeated) next to the wall one.
# Usage: scripts/bench-cores.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
corpus=../shared/corpus/pt-BR
if [ ! -d "$corpus/api-reference" ]; then
  echo "bench-cores: $corpus is absent; run ../shared/corpus/unpack first" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench-cores: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/docs2go" ./cmd/docs2go

one() { # NAME PROCS COMMAND...
  local name=$1 procs=$2; shift 2
  GOMAXPROCS=$procs /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" > /dev/null 2>&1 || true
  # The last line: time writes "Command exited with non-zero status N"
  # first when the command exits non-zero (lint with findings, gen with
  # damaged pages).
  read -r wall user sys rss < <(tail -n 1 "$tmp/t")
  echo "$name $procs $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss" | tee -a "$tmp/runs.txt"
}

echo "== runs: command GOMAXPROCS wall-s cpu-s peak-rss-kB"
for r in $(seq "$rounds"); do
  for procs in 1 2; do
    one parse "$procs" "$tmp/docs2go" parse --format json "$corpus"
    one lint "$procs" "$tmp/docs2go" lint --format json "$corpus"
    rm -rf "$tmp/out"
    one gen "$procs" "$tmp/docs2go" gen --in "$corpus" --out "$tmp/out"
  done
done

echo
echo "== medians"
awk '
  { k = $1 " " $2; w[k] = w[k] " " $3; c[k] = c[k] " " $4; m[k] = m[k] " " $5 }
  function median(s,   a, n, i, j, x) {
    n = split(substr(s, 2), a, " ")
    for (i = 2; i <= n; i++) { x = a[i]; j = i - 1; while (j > 0 && a[j] + 0 > x + 0) { a[j+1] = a[j]; j-- } a[j+1] = x }
    return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
  }
  END {
    printf "%-6s %6s %8s %8s %10s\n", "cmd", "procs", "wall-s", "cpu-s", "rss-MB"
    for (cmd in seen) {}
    n = split("parse lint gen", cmds, " ")
    for (i = 1; i <= n; i++) {
      for (p = 1; p <= 2; p++) {
        k = cmds[i] " " p
        W[k] = median(w[k])
        printf "%-6s %6d %8.2f %8.2f %10.0f\n", cmds[i], p, W[k], median(c[k]), median(m[k]) / 1024
      }
      printf "%-6s speed-up 1 -> 2 cores: %.2fx  [>= 1.70]\n", cmds[i], W[cmds[i] " 1"] / W[cmds[i] " 2"]
    }
  }' "$tmp/runs.txt"
