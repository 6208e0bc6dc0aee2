#!/usr/bin/env bash
# Rebuilds crates/entities/data/clusters.tsv: word classes learnt from unlabelled news (ANT and
# SaudiNewsNet) by `marsad ner clusters` — words in the same company fall in one class, so the
# recogniser reads a name its tagged corpus never shows like the names it does. Then retrain the
# model (`marsad ner train`, see the README): its features name these classes.
#
#   bash bench/ner-clusters.sh [ANT_DIR] [SNN_JSONL_GZ]
set -euo pipefail
ANT=${1:-../shared/corpora/ant-multisource}
SNN=${2:-../shared/corpora/saudinewsnet-dev/saudinewsnet-dev.jsonl.gz}
[ -d "$ANT" ] || { echo "error: no ANT directory at $ANT" >&2; exit 1; }
cargo build --release -q -p marsad
python3 bench/news_text.py "$ANT" "$SNN" | ./target/release/marsad ner clusters --out crates/entities/data/clusters.tsv
