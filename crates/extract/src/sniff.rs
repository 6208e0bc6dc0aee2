//! Format detection from content. File names lie (ANT's TREC files end in `.txt`, saved pages are
//! `.htm`, `.php` or nothing); the first few KB do not.

/// What the first bytes of an input say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// Nothing but whitespace.
    Empty,
    /// A gzip stream (look inside after decompressing).
    Gzip,
    /// NUL bytes or control characters: not text.
    Binary,
    /// TREC/CLEF `<DOC>` records.
    Trec,
    /// JSON Lines.
    Jsonl,
    /// An HTML page.
    Html,
    /// Plain text (a page dump).
    Text,
    /// A WARC archive of web captures.
    Warc,
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Classifies an input from its first bytes (pass at least 8 KB when available).
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Sniffed::Gzip;
    }
    let utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    let body = head.strip_prefix(&[0xef, 0xbb, 0xbf][..]).unwrap_or(head);
    let sample = &body[..body.len().min(8192)];
    // WARC records carry binary payloads; the version line decides first.
    if sample.starts_with(b"WARC/1.") {
        return Sniffed::Warc;
    }
    let start = sample.iter().position(|b| !b.is_ascii_whitespace());
    if !utf16 {
        let controls =
            sample.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))).count();
        let dense = controls * 20 > sample.len();
        // JSON Lines are judged line by line (a NUL byte costs its line, not the file), so an
        // input that opens like JSON is JSON Lines unless control bytes are dense enough to say
        // binary; other text has no lines to fall back on, and one NUL says binary.
        if start.is_some_and(|s| sample[s] == b'{') && !dense {
            return Sniffed::Jsonl;
        }
        if sample.contains(&0) || dense {
            return Sniffed::Binary;
        }
    }
    let Some(start) = start else {
        return if utf16 { Sniffed::Text } else { Sniffed::Empty };
    };
    let t = &sample[start..];
    if starts_with_ci(t, b"<DOC>") || (contains_ci(t, b"<DOC>") && contains_ci(t, b"<DOCNO>")) {
        return Sniffed::Trec;
    }
    if t.starts_with(b"{") {
        return Sniffed::Jsonl;
    }
    if starts_with_ci(t, b"<!doctype html")
        || starts_with_ci(t, b"<html")
        || (t.starts_with(b"<")
            && [&b"<html"[..], b"<head", b"<body", b"<meta", b"<div", b"<p>", b"<article", b"<title"]
                .iter()
                .any(|tag| contains_ci(t, tag)))
    {
        return Sniffed::Html;
    }
    Sniffed::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(sniff(b"  \n\t "), Sniffed::Empty);
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Sniffed::Gzip);
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01\x00\x00\x00"), Sniffed::Binary);
        assert_eq!(sniff(b"<DOC>\n<DOCNO>x</DOCNO>"), Sniffed::Trec);
        assert_eq!(sniff("{\"title\": \"عنوان\"}\n".as_bytes()), Sniffed::Jsonl);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Sniffed::Html);
        assert_eq!(sniff(b"\xef\xbb\xbf<html lang=ar>"), Sniffed::Html);
        assert_eq!(sniff("الرئيسية » حدث\nعنوان".as_bytes()), Sniffed::Text);
        assert_eq!(sniff("النص <b> ليس صفحة".as_bytes()), Sniffed::Text);
        assert_eq!(sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), Sniffed::Warc);
    }

    #[test]
    fn jsonl_with_a_nul_line_is_still_jsonl() {
        let head = "{\"title\":\"خبر\"}\n{\"title\":\"\0\"}\n{\"title\":\"آخر\"}\n";
        assert_eq!(sniff(head.as_bytes()), Sniffed::Jsonl);
        // Binary data that happens to open with a brace is still binary.
        let mut noise = b"{".to_vec();
        noise.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
        assert_eq!(sniff(&noise), Sniffed::Binary);
        // Other text with a NUL is binary, as before.
        assert_eq!(sniff("خبر\0عاجل".as_bytes()), Sniffed::Binary);
    }
}
