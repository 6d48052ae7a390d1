#!/usr/bin/env bash
# bench-compare.sh: is revision NEW slower than OLD at batch scoring? Builds both,
# writes the bench-scale profiles, and runs the two binaries alternately
# (OLD NEW, then NEW OLD, ...), so that a busy neighbour slows both alike. It
# reports each binary's wall and CPU (min, first quartile, median) and the
# median of NEW/OLD taken round by round, which is the figure to quote: on a
# shared machine the absolute times move by tens of percent between sittings,
# the per-round ratio much less. It also checks that both wrote the same JSON.
#
#   scripts/bench-compare.sh main HEAD
#   ROUNDS=20 N=1000 scripts/bench-compare.sh v1.2.0 main
#   PROFILES=data/examples COPIES=80 scripts/bench-compare.sh main HEAD   # real architectures
#
# Needs git, Go and GNU time (/usr/bin/time; `apt-get install -y time`).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: scripts/bench-compare.sh OLD NEW   (git revisions)" >&2
  exit 2
fi
old=$1 new=$2
ROUNDS=${ROUNDS:-12}
N=${N:-3000}
JOBS=${JOBS:-2}
if [ ! -x /usr/bin/time ]; then
  echo "bench-compare: /usr/bin/time (GNU time) is missing; apt-get install -y time" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

build() { # build REV NAME
  git -C "$root" worktree add --detach -f "$work/src" "$1" >/dev/null 2>&1
  (cd "$work/src" && go build -o "$work/$2" ./cmd/hybridadvisor)
  git -C "$root" worktree remove --force "$work/src" >/dev/null
}
echo "building $old and $new..." >&2
build "$old" old
build "$new" new

mkdir "$work/profiles"
if [ -n "${PROFILES:-}" ]; then
  # Copies of real profiles (every *.yaml in PROFILES, COPIES times each).
  for k in $(seq "${COPIES:-50}"); do
    for f in "$root/$PROFILES"/*.yaml; do cp "$f" "$work/profiles/c$k-$(basename "$f")"; done
  done
else
  # The bench-scale.sh profiles: one component each, four triggers, varied sizes.
  "$root/scripts/bench-profiles.sh" "$N" "$work/profiles"
fi
echo "$(find "$work/profiles" -name '*.yaml' | wc -l) files, $ROUNDS rounds, --jobs $JOBS" >&2

run() { # run NAME: prints "wall cpu"
  if ! /usr/bin/time -o "$work/time.txt" -f '%e %U %S' "$work/$1" score "$work/profiles" --no-config \
    --jobs "$JOBS" -o "json=$work/$1.json" >/dev/null 2>"$work/stderr.txt"; then
    code=$?
    if [ "$code" -ne 1 ]; then # 1 is a gate failing, fine for a benchmark
      echo "bench-compare: $1 exited $code:" >&2
      cat "$work/stderr.txt" >&2
      exit "$code"
    fi
  fi
  awk '{print $1, $2 + $3}' "$work/time.txt"
}
: >"$work/rounds.txt"
for i in $(seq "$ROUNDS"); do
  if [ $((i % 2)) = 1 ]; then o=$(run old); n=$(run new); else n=$(run new); o=$(run old); fi
  echo "$o $n" >>"$work/rounds.txt"
done

# stats COLUMN: min, first quartile and median of a column of rounds.txt
stats() {
  awk -v c="$1" '{print $c}' "$work/rounds.txt" | sort -n | awk '{a[NR] = $1} END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%8.3f %8.3f %8.3f", a[1], a[int(NR / 4) + 1], m }'
}
ratio() { # ratio NEWCOL OLDCOL: median of the per-round ratio
  awk -v n="$1" -v o="$2" '{print $n / $o}' "$work/rounds.txt" | sort -n | awk '{a[NR] = $1} END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%.3f (quartiles %.3f-%.3f)", m, a[int(NR / 4) + 1], a[int(3 * NR / 4) + 1] }'
}
printf '%-26s %8s %8s %8s\n' "" min q1 median
printf '%-26s %s\n' "$old wall s" "$(stats 1)"
printf '%-26s %s\n' "$new wall s" "$(stats 3)"
printf '%-26s %s\n' "$old cpu s" "$(stats 2)"
printf '%-26s %s\n' "$new cpu s" "$(stats 4)"
echo "new/old per round, median: wall $(ratio 3 1), cpu $(ratio 4 2)"
if cmp -s "$work/old.json" "$work/new.json"; then
  echo "JSON output: identical"
else
  echo "JSON output: differs"
fi
