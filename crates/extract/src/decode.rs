//! Bytes → text: byte-order marks, declared charsets, and detection for undeclared or mis-declared
//! legacy pages (windows-1256 and ISO-8859-6 are common on older Arabic sites).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1256};

use crate::model::{RejectReason, Rejection};

/// How the text was decoded, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used (WHATWG name).
    pub encoding: &'static str,
    /// True when some bytes could not be decoded and were replaced.
    pub lossy: bool,
}

/// Finds `charset=…` in the first few KB of an HTML page (`<meta charset>` or the http-equiv form).
pub fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(8192)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.')) {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            // A page cannot really be UTF-16 if we could read its meta tag as ASCII.
            return Some(if enc.name().starts_with("UTF-16") { UTF_8 } else { enc });
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&bytes[..bytes.len().min(64 * 1024)], bytes.len() <= 64 * 1024);
    det.guess(None, chardetng::Utf8Detection::Deny)
}

fn decode_with(bytes: &[u8], enc: &'static Encoding) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc.name(), lossy: had_errors }
}

/// Decodes an HTML page: BOM, then the declared charset — unless the bytes contradict it (a page
/// declaring windows-1256 whose bytes are valid UTF-8 Arabic is UTF-8; one declaring UTF-8 with
/// invalid bytes is detected) — then detection.
pub fn decode_html(bytes: &[u8]) -> Decoded {
    decode_html_with(bytes, None)
}

/// The `charset` parameter of a `Content-Type` header value.
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| Encoding::for_label(v.trim().trim_matches(['"', '\'']).as_bytes()))?
    })
}

/// [`decode_html`] for a fetched page: the order is the byte-order mark, the charset of the HTTP
/// `Content-Type` header, the page's `<meta>`, then detection — with the same distrust of a
/// declaration the bytes contradict, since servers mislabel legacy Arabic pages as often as
/// pages do.
pub fn decode_html_with(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], enc);
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let non_ascii = bytes.iter().any(|b| *b >= 0x80);
    let declared = content_type
        .and_then(header_charset)
        .map(|e| if e.name().starts_with("UTF-16") { UTF_8 } else { e })
        .or_else(|| declared_charset(bytes));
    match declared {
        Some(enc) if enc == UTF_8 && !valid_utf8 => decode_with(bytes, guess(bytes)),
        Some(enc) if enc != UTF_8 && valid_utf8 && non_ascii => decode_with(bytes, UTF_8),
        Some(enc) => decode_with(bytes, enc),
        None if valid_utf8 => decode_with(bytes, UTF_8),
        None => decode_with(bytes, guess(bytes)),
    }
}

/// Decodes a plain-text dump: UTF-8 (with or without BOM), UTF-16 with BOM, or an Arabic legacy
/// encoding when detection finds one and the result is Arabic text. Anything else is refused
/// rather than stored as mojibake.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, Rejection> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(&bytes[bom_len..], enc));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_string(), encoding: "UTF-8", lossy: false }),
        Err(e) => {
            let enc = guess(bytes);
            let arabic_legacy = enc == WINDOWS_1256 || enc.name() == "ISO-8859-6";
            if arabic_legacy {
                let d = decode_with(bytes, enc);
                let letters = d.text.chars().filter(|c| c.is_alphabetic()).count();
                let arabic = d.text.chars().filter(|c| marsad_text::is_arabic_letter(*c)).count();
                if !d.lossy && letters > 0 && arabic * 10 >= letters * 3 {
                    return Ok(d);
                }
            }
            Err(Rejection::new(
                RejectReason::InvalidEncoding,
                format!(
                    "not valid UTF-8 (first bad byte at offset {}) and not Arabic text in windows-1256 or ISO-8859-6; \
                     convert the file to UTF-8",
                    e.valid_up_to()
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_comes_before_meta() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("<html><meta charset=utf-8><p>مرحبا بكم</p>");
        assert_eq!(header_charset("text/html; charset=\"windows-1256\""), Some(WINDOWS_1256));
        let d = decode_html_with(&bytes, Some("text/html; charset=windows-1256"));
        assert_eq!(d.encoding, "windows-1256");
        assert!(d.text.contains("مرحبا بكم"));
        assert_eq!(header_charset("text/html"), None);
        let iso = encoding_rs::Encoding::for_label(b"iso-8859-6").unwrap();
        let (bytes, _, _) = iso.encode("<p>خبر عاجل من القاهرة</p>");
        let d = decode_html_with(&bytes, Some("text/html; charset=ISO-8859-6"));
        assert!(d.text.contains("خبر عاجل"), "{}", d.text);
    }

    #[test]
    fn meta_charset_forms() {
        assert_eq!(declared_charset(b"<meta charset=\"windows-1256\">").unwrap().name(), "windows-1256");
        assert_eq!(
            declared_charset(b"<META http-equiv=Content-Type content='text/html; charset=ISO-8859-6'>").unwrap().name(),
            "ISO-8859-6"
        );
        assert!(declared_charset(b"<p>no charset here</p>").is_none());
    }

    #[test]
    fn windows_1256_page_decodes() {
        let (bytes, _, _) =
            WINDOWS_1256.encode("<html><head><meta charset=windows-1256></head><body>مرحبا بكم</body></html>");
        let d = decode_html(&bytes);
        assert!(d.text.contains("مرحبا بكم"));
        assert_eq!(d.encoding, "windows-1256");
    }

    #[test]
    fn wrong_declaration_is_overridden_by_valid_utf8() {
        let d = decode_html("<meta charset=windows-1256><p>مرحبا</p>".as_bytes());
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("مرحبا"));
    }

    #[test]
    fn utf8_declared_but_legacy_bytes_are_detected() {
        let (bytes, _, _) = WINDOWS_1256.encode(
            "<meta charset=utf-8><p>أعلنت الرئاسة الروسية عن زيارة مرتقبة لزعيم كوريا الشمالية إلى روسيا في الأيام المقبلة</p>",
        );
        let d = decode_html(&bytes);
        assert!(d.text.contains("الرئاسة الروسية"), "{}", d.text);
    }

    #[test]
    fn text_dump_in_windows_1256_is_accepted_but_random_bytes_are_not() {
        let (bytes, _, _) = WINDOWS_1256.encode("أعلنت الرئاسة الروسية عن زيارة مرتقبة لزعيم كوريا الشمالية");
        assert!(decode_text(&bytes).unwrap().text.contains("الرئاسة"));
        let err = decode_text(b"plain latin text \xff\xfe\xfa broken").unwrap_err();
        assert_eq!(err.reason, RejectReason::InvalidEncoding);
    }
}
