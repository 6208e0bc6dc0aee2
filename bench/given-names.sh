#!/usr/bin/env bash
# Rebuilds crates/extract/data/given-names.txt: the first words of the person names ANERcorp's
# training split tags (a B-PERS token followed by an I-PERS one), with a leading clitic
# taken off, as the byline reader's list of given names. Common words that also open names
# («نور», «شمس», «صباح»…) and words of one or two letters are left out: a byline reader that took
# «نور الدين» for a name would also take «نور الشمس» for one.
#
#   bash bench/given-names.sh [ANERCORP_TRAIN] > crates/extract/data/given-names.txt
#
# ANERcorp (Benajiba & Rosso 2007), the CAMeL Lab train/test split (Obeid et al. 2020).
set -euo pipefail
TRAIN=${1:-../shared/ner/anercorp/train.txt}
[ -r "$TRAIN" ] || { echo "error: cannot read $TRAIN (ANERcorp train.txt)" >&2; exit 1; }
python3 - "$TRAIN" <<'PY'
import re, sys
# Words that open names in ANERcorp but are ordinary words (or halves of names) in a headline.
COMMON = set("""سيد سيدي شيخ نور شمس صباح ربيع رجب أمين سلامة نجاح البابا سير ميل دين سوم قوه حشر
لام بري تاي مني ندي مايد جار دام غالي عدوي فان بان دان كيم سام وانغ وانج واي ويل كرم لطف عطاء زين
مسلم معد بسر سهل حسناء آية أبا أبي ابن ابو أبو ابوعبد عبد عبدي شاي شين تيني ريت دودو كولو ماوشو
منغ زيان سيب هاشمي أحمدي معصوم مكتوم محرم جارية حاييم قوه بادو كاسياس فيلار صلاد
بعبدالاله أوبرا""".split())
raw, prev = set(), None
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if len(parts) < 2:
        prev = None
        continue
    word, tag = parts[0], parts[-1]
    if prev and tag == "I-PERS":
        raw.add(prev)
    prev = word if tag == "B-PERS" else None
names = set()
for w in raw:
    # «ومحمد», «لمحمد», «بعلي»: a clitic goes when the name is also seen without it; a word
    # opening with «و» seen only so is left out (it may be the conjunction on anything), one
    # opening with «ل» or «ب» kept («لويس», «ليلى»).
    bare = next((w[len(c):] for c in ("و", "ل", "ب") if w.startswith(c) and w[len(c):] in raw), None)
    if bare is None and w.startswith("و"):
        continue
    w = bare or w
    if len(w) >= 3 and not w.startswith("ال") and re.fullmatch("[\u0621-\u064a]+", w) and w not in COMMON:
        names.add(w)
print("\n".join(sorted(names)))
PY
