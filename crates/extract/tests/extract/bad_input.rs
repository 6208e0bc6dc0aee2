//! Bad input: rejected with a reason, never a panic.

use super::*;

fn reason(bytes: &[u8]) -> RejectReason {
    let ex = extract_bytes(bytes);
    ex.records.into_iter().next().unwrap().unwrap_err().reason
}

#[test]
fn empty() {
    assert_eq!(reason(b""), RejectReason::Empty);
    assert_eq!(reason(b" \n\n\t"), RejectReason::Empty);
}

#[test]
fn binary() {
    let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R'];
    assert_eq!(reason(&png), RejectReason::Binary);
}

#[test]
fn invalid_utf8() {
    assert_eq!(
        reason(b"A text dump \xff\xfe\xfd with broken bytes in it and nothing Arabic."),
        RejectReason::InvalidEncoding
    );
}

#[test]
fn deeply_nested_html() {
    let html = format!("<html><body>{}</body></html>", "<div>".repeat(100_000));
    assert_eq!(reason(html.as_bytes()), RejectReason::Malformed);
}

#[test]
fn html_without_text() {
    assert_eq!(reason(b"<html><body><nav><a href=/>home</a></nav></body></html>"), RejectReason::NoArticle);
}
