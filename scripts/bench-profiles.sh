#!/usr/bin/env bash
# bench-profiles.sh N DIR: writes N one-component profiles into DIR (four
# triggers, steady traffic from 100k requests a month up, 50–949 ms, 128 MB to
# 2 GB), the batch that bench-scale.sh and bench-compare.sh score.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: scripts/bench-profiles.sh N DIR" >&2
  exit 2
fi
mkdir -p "$2"
awk -v n="$1" -v dir="$2" 'BEGIN {
  split("http queue event schedule", trig, " ")
  for (i = 0; i < n; i++) {
    f = sprintf("%s/w%05d.yaml", dir, i)
    printf "apiVersion: hybridadvisor/v1\nname: bench-%d\ncomponents:\n  - name: svc-%d\n    trigger: %s\n    traffic: {requests_per_month: %d, pattern: steady}\n    execution: {avg_duration: %dms, memory_mb: %d}\n", \
      i, i, trig[i % 4 + 1], 100000 + i * 7919, 50 + i % 900, 128 * (1 + i % 16) > f
    close(f)
  }
}'
