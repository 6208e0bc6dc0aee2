#!/usr/bin/env bash
# Rebuilds crates/entities/data/not-names.txt: the Arabic words ANERcorp's training split tags
# outside any entity three times or more and never inside one («يأتي», «سيزور»). The annotator
# trims them off the end of a name the tagger ran on into («كيم يأتي» → «كيم»).
# Usage: bench/ner-not-names.sh [ANERcorp train.txt]
set -euo pipefail
TRAIN=${1:-../shared/ner/anercorp/train.txt}
[ -f "$TRAIN" ] || { echo "error: no ANERcorp training file at $TRAIN" >&2; exit 1; }
python3 - "$TRAIN" > crates/entities/data/not-names.txt <<'PY'
import re, sys
from collections import Counter
outside, inside = Counter(), Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if len(parts) != 2:
        continue
    (outside if parts[1] == "O" else inside)[parts[0]] += 1
def norm(w):
    w = re.sub("[\u064b-\u065f\u0670\u0640]", "", w)
    return re.sub("[أإآٱ]", "ا", w).replace("ى", "ي").replace("ة", "ه")
words = {norm(w) for w, c in outside.items() if c >= 3 and inside[w] == 0 and re.search("[\u0621-\u064a]", w)}
print("\n".join(sorted(words)))
PY
wc -l crates/entities/data/not-names.txt
