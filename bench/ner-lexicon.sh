#!/usr/bin/env bash
# Rebuilds crates/entities/data/contexts.tsv: for each word of unlabelled news text (ANT and
# SaudiNewsNet), how often it follows (within three words) a person's title or role («الرئيس»,
# «قال»), or directly a place word
# («مدينة», «إلى»), or an organisation word («وزارة», «حزب») — what a reader of a year of news knows
# about a name the tagged corpus never shows. A fourth level: how often it follows a given name
# (a family name does). The recogniser reads them as features.
#
#   bash bench/ner-lexicon.sh [ANT_DIR] [SNN_JSONL_GZ] > crates/entities/data/contexts.tsv
set -euo pipefail
ANT=${1:-../shared/corpora/ant-multisource}
SNN=${2:-../shared/corpora/saudinewsnet-dev/saudinewsnet-dev.jsonl.gz}
[ -d "$ANT" ] || { echo "error: no ANT directory at $ANT" >&2; exit 1; }
GIVEN_NAMES=crates/extract/data/given-names.txt
python3 - "$ANT" "$SNN" "$GIVEN_NAMES" <<'PY'
import gzip, json, os, re, sys
from collections import Counter

def norm(w):
    w = re.sub("[\u064b-\u065f\u0670\u0640]", "", w)
    w = re.sub("[أإآٱ]", "ا", w).replace("ى", "ي").replace("ة", "ه")
    return w

def bare(w):
    if len(w) > 3 and w[0] in "وف": w = w[1:]
    if len(w) > 4 and w.startswith("لل"): return w[2:]
    if len(w) > 3 and w[0] in "بلك": w = w[1:]
    if len(w) > 4 and w.startswith("ال"): w = w[2:]
    return w

# The trigger lists of crates/entities/src/features.rs, normalised the same way.
PERSON = set(map(norm, """الرئيس رئيس نائب وزير الوزير الملك الأمير الأميرة الشيخ السيد السيدة الدكتور الدكتورة
المتحدث الناطق السفير الجنرال العقيد اللواء العميد الفريق المستشار الزعيم المرشد البابا الإمام المدرب اللاعب
الفنان الفنانة الكاتب الكاتبة الشاعر المخرج النائب القاضي المحامي الصحفي الأستاذ المهندس قال قالت أكد أكدت أعلن
أعلنت أضاف أوضح زعيم مستشار المبعوث مبعوث المدير""".split()))
PLACE = set(map(norm, """مدينة محافظة ولاية عاصمة منطقة جزيرة نهر بحر إقليم جمهورية مملكة بلدة قرية مقاطعة شمال
جنوب شرق غرب وسط حي ميناء مطار إلى الى""".split()))
ORG = set(map(norm, """وكالة حزب شركة وزارة منظمة جامعة بنك مجلس هيئة جمعية اتحاد نادي صحيفة قناة جبهة حركة مؤسسة
معهد مركز لجنة محكمة جيش قوات مصرف صندوق برلمان أكاديمية تنظيم ائتلاف كتلة منتدى مكتب إدارة سلطة رابطة نقابة
مجموعة""".split()))
TOKEN = re.compile(r"[\u0621-\u064a\u064b-\u065f\u0670\u0640]+")

sys.path.insert(0, "bench")
from news_text import texts as news

def texts():
    return news(sys.argv[1], sys.argv[2])

# Given names (read from ANERcorp's training split by bench/given-names.sh): a word after one is
# often a family name.
GIVEN = set(map(norm, open(sys.argv[3], encoding="utf-8").read().split()))

n, p, l, o, g = Counter(), Counter(), Counter(), Counter(), Counter()
for text in texts():
    for line in text.split("\n"):
        before = []
        for tok in TOKEN.findall(line):
            w = norm(tok)
            b = bare(w)
            n[b] += 1
            # A person's title may stand two or three words back («الرئيس الروسي فلاديمير بوتين»).
            if any(x in PERSON for x in before[-3:]): p[b] += 1
            if before:
                prev = before[-1]
                if prev in PLACE or bare(prev) in PLACE: l[b] += 1
                if bare(prev) in ORG: o[b] += 1
                if bare(prev) in GIVEN: g[b] += 1
            before.append(w)

MIN_COUNT = 5
def level(k, total):
    share = k / total
    return 0 if share < 0.02 else 1 if share < 0.1 else 2 if share < 0.3 else 3
rows = []
for b, total in n.items():
    if total < MIN_COUNT or len(b) < 2: continue
    code = (level(p[b], total), level(l[b], total), level(o[b], total), level(g[b], total))
    if code == (0, 0, 0, 0): continue
    rows.append(f"{b}\t{code[0]}{code[1]}{code[2]}{code[3]}")
print("\n".join(sorted(rows)))
PY
