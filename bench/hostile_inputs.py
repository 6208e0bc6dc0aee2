#!/usr/bin/env python3
"""Writes a folder of hostile inputs (what probing marsad as an attacker would found) beside good
ones, for bench/hostile.sh. Usage: hostile_inputs.py OUT_DIR [--small]

Every input is composed here; nothing is copied from a corpus. `--small` shrinks the huge inputs
(for a quick look); the README figure uses the full sizes.
"""
import gzip
import json
import os
import shutil
import sys
import zlib

out = sys.argv[1]
small = "--small" in sys.argv
MB = 1024 * 1024
os.makedirs(out, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "tests", "fixtures")

# Good files: the fixtures (15 articles).
for name in sorted(os.listdir(fixtures)):
    shutil.copy(os.path.join(fixtures, name), os.path.join(out, "good-" + name))

SENTENCE = "قال مسؤولون في الحكومة إن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في العاصمة بعد توقف طويل."
CUT = " ".join(["كلمة"] * 27) + "…"


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# 1. The page that hung the walk: a sentence, a dateline, a long paragraph cut with «…».
write("hang.txt", f"{SENTENCE}\nالقاهرة - وكالات\n{CUT}\n")
write("hang.html", f"<html><body><article><p>{SENTENCE}</p><p>القاهرة - وكالات</p><p>{CUT}</p></article></body></html>")

# 3. One huge article: a 60 MB single-line text file, and a 10 MB HTML page (the crawler's cap).
write("huge-line.txt", "كلمة " * ((6 if small else 60) * MB // 10))
paragraph = f"<p>{SENTENCE} {SENTENCE}</p>\n"
write("big-page.html", "<html><body><article><h1>عنوان الخبر</h1>" + paragraph * ((1 if small else 10) * MB // len(paragraph.encode())) + "</article></body></html>")

# 4. JSON Lines whose second line is 1 GB without a newline (gzip), and one whose long line ends
#    and is followed by a good record.
def record(n, **kw):
    r = {"url": f"https://hostile.example/a/{n}", "title": f"خبر رقم {n} عن المحادثات", "text": f"{SENTENCE} {n}"}
    r.update(kw)
    return json.dumps(r, ensure_ascii=False) + "\n"


def gzip_with_long_line(name, before, long_bytes, after):
    comp = zlib.compressobj(1, zlib.DEFLATED, 31)
    with open(os.path.join(out, name), "wb") as f:
        f.write(comp.compress(before.encode()))
        chunk = b"a" * MB
        for _ in range(long_bytes // MB):
            f.write(comp.compress(chunk))
        f.write(comp.compress(after.encode()))
        f.write(comp.flush())


gzip_with_long_line("long-line-at-end.jsonl.gz", record(1), (64 if small else 1024) * MB, "")
gzip_with_long_line("long-line-then-good.jsonl.gz", record(2), (80 if small else 100) * MB, "\n" + record(3))

# 8. A NUL line among good lines; records whose title or text has the wrong JSON type; an RTL
#    override in a title.
write("nul-line.jsonl", record(4) + "\x00\x00\x00\n" + record(5))
write("wrong-types.jsonl", record(6, title=12345) + record(7, text={"p": "نص"}) + record(8, title=True) + record(9))
write("rtl-title.jsonl", record(10, title="\u202eخبر مقلوب\u202c عن المحادثات"))

# 6. WARC: good, a record whose Content-Length is not a number, good, one whose Content-Length runs
#    past the end.
def warc_record(url, body, length=None):
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body.encode())
    length = str(len(http)) if length is None else length
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2026-11-20T06:15:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


page = lambda n: f"<html><body><article><h1>خبر الأرشيف رقم {n}</h1><p>{SENTENCE} {n}</p></article></body></html>"
write("archive.warc",
      warc_record("https://hostile.example/w/1", page(1))
      + warc_record("https://hostile.example/w/2", page(2), length="twelve")
      + warc_record("https://hostile.example/w/3", page(3))
      + warc_record("https://hostile.example/w/4", page(4), length="99999999"))

# 8. A symlink and a FIFO inside the folder.
os.symlink(os.path.join(out, "good-dump_page.txt"), os.path.join(out, "link-to-page.txt"))
os.mkfifo(os.path.join(out, "a-fifo"))
print(out)
