#!/usr/bin/env bash
# marsad benchmarks (release build). Usage: bash bench/run.sh [ANT_DIR]
#
# 1. ANT ingest end to end into a fresh data directory: documents/s and peak memory (RSS).
# 2. `marsad search` latency for the two-word queries in bench/queries.txt, warm: each query is
#    run once to warm the caches, then every query is timed as a whole process (what a user
#    waits for) and in-process (`took_ms`); p50 and p99 of both.
# 3. Extraction quality and speed, named-entity recognition on ANERcorp's test split, story
#    clustering speed and dev-gold scores, search relevance.
# 4. A live crawl of 20 local outlets on 20 loopback addresses: pages/s and each host's
#    request spacing (crates/ingest/examples/crawl_bench.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
ANT="${1:-../shared/corpora/ant-multisource}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --quiet -p marsad
BIN="$CARGO_TARGET_DIR/release/marsad"
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "== ANT ingest ($ANT)"
docs=$(find "$ANT" -type f ! -name README.md -exec cat {} + | grep -c '<DOC>')
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%e s wall, %M KB peak RSS' -o "$DATA/time" "$BIN" --data "$DATA/d" ingest "$ANT" --quiet
  read -r wall _ _ rss _ < "$DATA/time"
  echo "ingest: $docs documents in $wall s = $(awk -v d="$docs" -v w="$wall" 'BEGIN{printf "%.0f", d/w}') documents/s; peak RSS $(awk -v k="$rss" 'BEGIN{printf "%.0f MB", k/1024}')"
else
  start=$(date +%s.%N); "$BIN" --data "$DATA/d" ingest "$ANT" --quiet; end=$(date +%s.%N)
  echo "ingest: $docs documents in $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s (install GNU time for memory)"
fi
"$BIN" --data "$DATA/d" ingest "$ANT" --quiet | sed 's/^/second run: /'
start=$(date +%s.%N); "$BIN" --data "$DATA/ne" ingest "$ANT" --quiet --no-entities >/dev/null; end=$(date +%s.%N)
echo "ingest without entities and quotations (--no-entities): $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s"
du -sh "$DATA/d/marsad.sqlite" "$DATA/d/index" | sed 's/^/size: /'
echo "== annotation alone: every ANT article on one thread (recognition, linking, quotations; no database)"
cargo build --release --quiet -p marsad-ingest --example annotate_bench
"$CARGO_TARGET_DIR/release/examples/annotate_bench" "$DATA/d"

echo "== search latency ($(wc -l < bench/queries.txt) two-word queries, warm)"
while IFS= read -r q; do "$BIN" --data "$DATA/d" search "$q" --json > /dev/null; done < bench/queries.txt
: > "$DATA/wall"; : > "$DATA/inproc"
while IFS= read -r q; do
  s=$(date +%s%N)
  "$BIN" --data "$DATA/d" search "$q" --json > "$DATA/out.json"
  e=$(date +%s%N)
  echo $(( (e - s) / 1000 )) >> "$DATA/wall"
  grep -o '"took_ms": [0-9.]*' "$DATA/out.json" | awk '{print $2 * 1000}' >> "$DATA/inproc"
done < bench/queries.txt
pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int((NR-1)*p/100)+1; printf "%.1f", a[i]/1000}'; }
echo "marsad search (whole process): p50 $(pct "$DATA/wall" 50) ms, p99 $(pct "$DATA/wall" 99) ms"
echo "search in-process (took_ms):   p50 $(pct "$DATA/inproc" 50) ms, p99 $(pct "$DATA/inproc" 99) ms"

echo "== extraction, broadcasters' family (dev gold generated from ANT, seed 2018, 400 pages)"
"$BIN" eval gen-extract --corpus "$ANT" --out "$DATA/gold" 2>/dev/null
"$BIN" eval extract --gold "$DATA/gold"
SNN="${SNN:-../shared/corpora/saudinewsnet-dev/saudinewsnet-dev.jsonl.gz}"
if [ -f "$SNN" ]; then
  echo "== extraction, Gulf newspapers' family (dev gold generated from SaudiNewsNet, seed 2018, 400 pages)"
  "$BIN" eval gen-extract --corpus "$SNN" --out "$DATA/gold-gulf" 2>/dev/null
  "$BIN" eval extract --gold "$DATA/gold-gulf"
  echo "== extraction, both families together"
  mkdir -p "$DATA/gold-both"
  for f in "$DATA"/gold/*; do cp "$f" "$DATA/gold-both/ant-$(basename "$f")"; done
  for f in "$DATA"/gold-gulf/*; do cp "$f" "$DATA/gold-both/gulf-$(basename "$f")"; done
  "$BIN" eval extract --gold "$DATA/gold-both"
fi

ANER="${ANER:-../shared/ner/anercorp}"
if [ -f "$ANER/test.txt" ]; then
  echo "== named entities: the shipped recogniser on ANERcorp's test split"
  "$BIN" eval ner --gold "$ANER/test.txt"
  echo "== the same, every 20 sentences read as one document (the article pass)"
  "$BIN" eval ner --gold "$ANER/test.txt" --documents 20
fi
if [ -d "$ANT" ]; then
  echo "== entity linking and quotations (our labels on ANT: crates/eval/data/)"
  "$BIN" eval entities --corpus "$ANT" --links crates/eval/data/entity-links.tsv --quotes crates/eval/data/quotes.tsv
fi

echo "== story clustering alone (features precomputed; corpus order, then 100,000 articles in one window)"
cargo build --release --quiet -p marsad-cluster --example bench
"$CARGO_TARGET_DIR/release/examples/bench" "$ANT"

echo "== stories on the dev gold"
GOLD="${GOLD:-../shared/gold/ant-stories-dev.tsv}"
"$BIN" eval stories --gold "$GOLD" --corpus "$ANT"
"$BIN" eval threads --gold "$GOLD" --corpus "$ANT"
echo "== the same gold articles inside the whole ANT stream (the ingest above)"
"$BIN" --data "$DATA/d" eval stories --gold "$GOLD" --existing
"$BIN" --data "$DATA/d" eval threads --gold "$GOLD" --existing

echo "== search relevance on the story gold (headline queries over the whole ANT store; bench/search-pg.sh adds PostgreSQL)"
for g in ../shared/gold/ant-stories-dev.tsv ../shared/gold/ant-stories-dev2.tsv; do
  [ -f "$g" ] && "$BIN" --data "$DATA/d" eval search --gold "$g" --corpus "$ANT" --existing
done

echo "== live crawl (20 local outlets on 127.0.0.2-21, 110 pages each, 8 requests/s per host)"
cargo build --release --quiet -p marsad-ingest --example crawl_bench
"$CARGO_TARGET_DIR/release/examples/crawl_bench" 20 110 8
