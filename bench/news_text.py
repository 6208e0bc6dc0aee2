#!/usr/bin/env python3
"""The unlabelled news text the recogniser's lexicons are learnt from: every ANT document's TEXT
(files in a fixed order) and every SaudiNewsNet article's title and content.

  python3 bench/news_text.py ANT_DIR SNN_JSONL_GZ   prints it, one non-empty line per line
  from news_text import texts                        (bench/ner-lexicon.sh) yields each document
"""
import gzip, json, os, re, sys


def texts(ant, snn):
    # Sorted, so the same corpus gives the same order (word classes depend on it).
    for dp, _, fs in sorted(os.walk(ant)):
        for f in sorted(fs):
            if f.lower().startswith("readme"):
                continue
            s = open(os.path.join(dp, f), encoding="utf-8", errors="ignore").read()
            for m in re.finditer(r"<TEXT>(.*?)</TEXT>", s, re.S):
                yield m.group(1)
    if os.path.exists(snn):
        for line in gzip.open(snn, "rt", encoding="utf-8"):
            r = json.loads(line)
            yield (r.get("title") or "") + "\n" + (r.get("content") or "")


if __name__ == "__main__":
    out = sys.stdout
    for text in texts(sys.argv[1], sys.argv[2]):
        for line in text.split("\n"):
            line = line.strip()
            if line:
                out.write(line + "\n")
