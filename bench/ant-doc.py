#!/usr/bin/env python3
"""Shows ANT documents as the entity and quotation gold sets address them.

A document is cut into blocks: block 0 is its TITLE, block i (i >= 1) the i-th non-empty line of
its TEXT, trimmed (as marsad's TREC reader reads it). Offsets are in characters (Unicode scalar
values) within a block, end exclusive. The gold files hold only DOCNO, block, offsets and labels,
never the text.

  bench/ant-doc.py show DOCNO...            print each block with its number
  bench/ant-doc.py find DOCNO WORD          offsets of every occurrence of WORD in the document
  bench/ant-doc.py check FILE.tsv           print the text every row points at (to review labels)

ANT is read from $ANT (default ../shared/corpora/ant-multisource).
"""
import html, os, re, sys

ANT = os.environ.get("ANT", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora", "ant-multisource"))


def path_of(docno):
    # DOCNO is PREFIX-category-n-date; the file of one document is named after it.
    cat = docno.split("-")[1]
    for src in os.listdir(ANT):
        p = os.path.join(ANT, src, cat, docno + ".txt")
        if os.path.exists(p):
            return p
    raise SystemExit(f"no file for {docno} under {ANT}")


def field(doc, tag):
    m = re.search(f"<{tag}>(.*?)</{tag}>", doc, re.S)
    return html.unescape(m.group(1).strip()) if m else ""


def blocks(docno):
    doc = open(path_of(docno), encoding="utf-8").read()
    out = [field(doc, "TITLE")]
    out += [l.strip() for l in field(doc, "TEXT").splitlines() if l.strip()]
    return out


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "show":
        for d in args:
            print(f"== {d}")
            for i, b in enumerate(blocks(d)):
                print(f"[{i}] {b}")
    elif cmd == "find":
        d, w = args
        for i, b in enumerate(blocks(d)):
            for m in re.finditer(re.escape(w), b):
                print(f"{d}\t{i}\t{m.start()}\t{m.end()}\t{b[max(0,m.start()-20):m.end()+20]}")
    elif cmd == "check":
        cache = {}
        for n, line in enumerate(open(args[0], encoding="utf-8"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            d = f[0]
            bs = cache.setdefault(d, blocks(d))
            spans = [(int(f[i]), int(f[i + 1]), int(f[i + 2])) for i in range(1, len(f) - 2, 3)
                     if f[i].lstrip("-").isdigit() and i + 2 < len(f) and f[i + 1].isdigit()]
            shown = []
            for b, s, e in spans:
                if not (0 <= b < len(bs)) or not (0 <= s < e <= len(bs[b])):
                    raise SystemExit(f"line {n}: span {b}:{s}-{e} outside {d}")
                shown.append(bs[b][s:e])
            print(f"{n}\t" + "\t".join(shown) + "\t" + "\t".join(f[1 + 3 * len(spans):]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
