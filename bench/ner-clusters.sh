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
python3 - "$ANT" "$SNN" <<'PY' | ./target/release/marsad ner clusters --out crates/entities/data/clusters.tsv
import gzip, json, os, re, sys
def texts():
    for dp, _, fs in sorted(os.walk(sys.argv[1])):
        for f in sorted(fs):
            if f.lower().startswith("readme"): continue
            s = open(os.path.join(dp, f), encoding="utf-8", errors="ignore").read()
            for m in re.finditer(r"<TEXT>(.*?)</TEXT>", s, re.S):
                yield m.group(1)
    if os.path.exists(sys.argv[2]):
        for line in gzip.open(sys.argv[2], "rt", encoding="utf-8"):
            r = json.loads(line)
            yield (r.get("title") or "") + "\n" + (r.get("content") or "")
out = sys.stdout
for text in texts():
    for line in text.split("\n"):
        line = line.strip()
        if line: out.write(line + "\n")
PY
