#!/usr/bin/env bash
# bench-scale.sh: score many single-component profiles with the built binary and
# report throughput (files/s) and peak RSS for each --jobs value.
#
#   scripts/bench-scale.sh                       # 10,000 files, --jobs 1 and 2, -o json=FILE
#   N=2000 JOBS="1 2 4" scripts/bench-scale.sh
#   OUTPUTS="-o json=out.json -o sarif=out.sarif -o junit=out.xml" scripts/bench-scale.sh
#
# Needs Go and GNU time (/usr/bin/time; `apt-get install -y time`). Output paths
# in OUTPUTS are relative to a scratch directory that is removed at the end.
set -euo pipefail

N=${N:-10000}
JOBS=${JOBS:-"1 2"}
OUTPUTS=${OUTPUTS:-"-o json=out.json"}

root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x /usr/bin/time ]; then
  echo "bench-scale: /usr/bin/time (GNU time) is missing; apt-get install -y time" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building..." >&2
(cd "$root" && go build -o "$work/hybridadvisor" ./cmd/hybridadvisor)

echo "writing $N profiles..." >&2
mkdir "$work/profiles"
"$root/scripts/bench-profiles.sh" "$N" "$work/profiles"

printf '%-6s %10s %10s %12s %10s\n' jobs files wall_s files_per_s peak_rss_mb
cd "$work"
for j in $JOBS; do
  # --no-config: a .hybridadvisor.yaml above the scratch directory must not change the run.
  # shellcheck disable=SC2086
  if ! /usr/bin/time -v -o time.txt ./hybridadvisor score profiles --no-config --jobs "$j" $OUTPUTS >/dev/null 2>stderr.txt; then
    code=$?
    if [ "$code" -ne 1 ]; then # 1 is a gate failing, fine for a benchmark
      echo "bench-scale: score exited $code:" >&2
      cat stderr.txt >&2
      exit "$code"
    fi
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' time.txt)
  secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' time.txt)
  awk -v j="$j" -v n="$N" -v s="$secs" -v r="$rss" 'BEGIN { printf "%-6s %10d %10.2f %12.0f %10.1f\n", j, n, s, n / s, r / 1024 }'
done
