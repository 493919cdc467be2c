#!/usr/bin/env bash
# Whether two builds of `leaklens` give byte-identical `check --jsonl` output (detection and
# card, every line) on the labelled corpus, the real-text corpus and the bench corpus: the
# proof that a speed-up changed nothing. Build the reference first, e.g. from main:
#   git worktree add /tmp/ref main && (cd /tmp/ref && cargo build --release)
#   scripts/same-output.sh /tmp/ref/target/release/leaklens target/release/leaklens
# Usage: scripts/same-output.sh REFERENCE_BINARY [BINARY=target/release/leaklens] [BENCH_CORPUS]
# (BENCH_CORPUS: written by bench/corpus.mjs when not given.)
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: scripts/same-output.sh REFERENCE_BINARY [BINARY] [BENCH_CORPUS]}
new=${2:-target/release/leaklens}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bench=${3:-$tmp/bench.jsonl}
[ -f "$bench" ] || node bench/corpus.mjs "$bench" 10 >/dev/null
mapfile -t files < <(ls tests/corpus/*.jsonl; find tests/corpus/real -name '*.jsonl' | sort; echo "$bench")
status=0
lines=0
for f in "${files[@]}"; do
  "$ref" check --jsonl "$f" >"$tmp/ref.jsonl"
  "$new" check --jsonl "$f" >"$tmp/new.jsonl"
  n=$(wc -l <"$tmp/ref.jsonl")
  lines=$((lines + n))
  if ! cmp -s "$tmp/ref.jsonl" "$tmp/new.jsonl"; then
    echo "DIFFERS: $f (first differing line below)"
    cmp "$tmp/ref.jsonl" "$tmp/new.jsonl" | head -1
    diff <(cat "$tmp/ref.jsonl") <(cat "$tmp/new.jsonl") | head -4 | cut -c1-400
    status=1
  fi
done
if [ $status = 0 ]; then
  echo "same output: ${#files[@]} files, $lines lines, byte for byte"
fi
exit $status
