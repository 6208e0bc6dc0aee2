#!/usr/bin/env bash
# Hostile ingest (release build): a folder of every hostile input probing found (issue 9) — the
# page that hung the walk, a 60 MB single-line file, a 10 MB page, JSON Lines with a 1 GB line,
# a NUL line and wrongly typed fields, WARC records with broken lengths, an RTL override, a symlink
# and a FIFO — beside good files. Prints what was stored and rejected, and the peak RSS.
# Usage: bash bench/hostile.sh [--small]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --quiet -p marsad
BIN="$CARGO_TARGET_DIR/release/marsad"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT

python3 bench/hostile_inputs.py "$W/in" "$@" > /dev/null
echo "== inputs: $(find "$W/in" -mindepth 1 | wc -l) entries, $(du -sh --apparent-size "$W/in" | cut -f1) on disk"
/usr/bin/time -f '%e s wall, %M KB peak RSS' -o "$W/time" \
  "$BIN" --data "$W/d" ingest "$W/in" > "$W/out" 2> "$W/err" || { cat "$W/err"; exit 1; }
cat "$W/out"
echo "== rejected and skipped, with reasons"
grep -v '^$' "$W/err" | sed 's|'"$W/in/"'||' | sort
read -r wall _ _ rss _ < "$W/time"
echo "== ingest: $wall s; peak RSS $(awk -v k="$rss" 'BEGIN{printf "%.0f MB", k/1024}')"
