//! JSON Lines: one article per line. Field names follow common crawler exports, with aliases:
//! `url`/`link`, `title`/`headline`, `text`/`body`/`content`, `published`/`date`/`pubDate`,
//! `source`/`outlet`/`site`, `section`/`category`, plus optional `id`, `summary`, `author`, `language`.

use serde_json::{Map, Value};

use crate::dates::parse_machine;
use crate::model::{Article, DateSource, Format, Record, RejectReason, Rejection};
use crate::{outlets, sections};

fn get<'a>(obj: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| obj.get(*k)).filter(|v| !v.is_null())
}

fn get_str(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    match get(obj, keys)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
            (!parts.is_empty()).then(|| parts.join("\n"))
        }
        _ => None,
    }
}

/// Parses one line (1-based `line_no` for messages). Blank lines give `None`.
pub fn parse_line(line: &str, line_no: usize) -> Option<Record> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return Some(Err(Rejection::new(RejectReason::Malformed, format!("line {line_no}: invalid JSON: {e}"))));
        }
    };
    let Value::Object(obj) = value else {
        return Some(Err(Rejection::new(RejectReason::Malformed, format!("line {line_no}: not a JSON object"))));
    };
    let mut a = Article::new(Format::Jsonl);
    a.title = get_str(&obj, &["title", "headline"]).unwrap_or_default();
    a.paragraphs = get_str(&obj, &["text", "body", "content", "maintext"])
        .map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    if a.title.is_empty() && a.paragraphs.is_empty() {
        return Some(Err(Rejection::new(RejectReason::NoArticle, format!("line {line_no}: no title and no text"))));
    }
    if a.title.is_empty() {
        crate::infer_title(&mut a);
    }
    a.url = get_str(&obj, &["url", "link", "canonical_url"]);
    a.doc_id = get_str(&obj, &["id", "docno", "doc_id"]);
    a.summary = get_str(&obj, &["summary", "abstract", "description"]);
    a.author = get_str(&obj, &["author", "byline"]);
    a.language = get_str(&obj, &["language", "lang"]);
    let date_keys = ["published", "date", "pubDate", "published_at", "date_publish"];
    if let Some(t) = get_str(&obj, &date_keys).and_then(|d| parse_machine(&d)) {
        a.set_published(t, DateSource::Record);
    }
    a.outlet = get_str(&obj, &["source", "outlet", "site", "site_name", "source_domain"]).map(|s| {
        let host_like = s.contains('.') && !s.contains(' ');
        outlets::by_name(&s)
            .or_else(|| outlets::by_host(&s))
            .or_else(|| host_like.then(|| outlets::unknown_host(&s)).flatten())
            .unwrap_or_else(|| outlets::unknown_name(&s))
    });
    if let Some(label) = get_str(&obj, &["section", "category", "cat"]) {
        a.section = sections::canonical(&label).map(String::from);
        a.section_label = Some(label);
    }
    Some(Ok(a))
}

/// Parses a whole JSON Lines text.
pub fn parse(text: &str) -> Vec<Record> {
    text.lines().enumerate().filter_map(|(i, l)| parse_line(l, i + 1)).collect()
}

/// Parses one line's bytes (without its newline; 1-based `line_no`). JSON text is UTF-8
/// (RFC 8259), so a line that is not — or that holds a NUL byte, the mark of binary data — is
/// rejected on its own, naming the column; a byte-order mark opening the first line is dropped.
/// Blank lines give `None`.
pub fn parse_line_bytes(line: &[u8], line_no: usize) -> Option<Record> {
    let line = if line_no == 1 { line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line) } else { line };
    if let Some(at) = line.iter().position(|&b| b == 0) {
        return Some(Err(Rejection::new(
            RejectReason::Binary,
            format!("line {line_no}: a NUL byte at column {}: binary data, not JSON text", at + 1),
        )));
    }
    match std::str::from_utf8(line) {
        Ok(text) => parse_line(text, line_no),
        Err(e) => Some(Err(Rejection::new(
            RejectReason::InvalidEncoding,
            format!(
                "line {line_no}: not valid UTF-8 (first bad byte at column {}); JSON Lines must be UTF-8, convert the file",
                e.valid_up_to() + 1
            ),
        ))),
    }
}

/// Parses a whole JSON Lines input line by line: a line with a NUL byte or invalid UTF-8 costs
/// only itself.
pub fn parse_bytes(bytes: &[u8]) -> Vec<Record> {
    bytes.split(|&b| b == b'\n').enumerate().filter_map(|(i, l)| parse_line_bytes(l, i + 1)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_aliases() {
        let recs = parse(concat!(
            r#"{"url":"https://www.skynewsarabia.com/world/1","title":"عنوان","text":"فقرة أولى.\nفقرة ثانية.","published":"2018-06-12T08:00:00Z","source":"Sky News Arabia","section":"العالم"}"#,
            "\n\n",
            r#"{"link":"https://example.org/a","headline":"خبر","body":"نص","date":1528790400,"outlet":"example.org","category":"رياضة"}"#,
            "\n"
        ));
        assert_eq!(recs.len(), 2);
        let a = recs[0].as_ref().unwrap();
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.outlet.as_ref().unwrap().id, "skynews-arabia");
        assert_eq!(a.section.as_deref(), Some("world"));
        let b = recs[1].as_ref().unwrap();
        assert_eq!(b.published.unwrap().to_rfc3339(), "2018-06-12T08:00:00+00:00");
        assert_eq!(b.section.as_deref(), Some("sport"));
    }

    #[test]
    fn bad_lines_are_rejected_with_line_numbers() {
        let recs = parse("{\"title\":\"ok\"}\n{broken\n[1,2]\n{\"url\":\"x\"}\n");
        assert!(recs[0].is_ok());
        let errs: Vec<_> = recs[1..].iter().map(|r| r.as_ref().unwrap_err().to_string()).collect();
        assert!(errs[0].starts_with("malformed: line 2: invalid JSON"), "{}", errs[0]);
        assert!(errs[1].contains("line 3: not a JSON object"));
        assert!(errs[2].contains("line 4: no title and no text"));
    }

    #[test]
    fn a_nul_byte_or_invalid_utf8_costs_only_its_line() {
        let recs = parse_bytes(
            b"\xef\xbb\xbf{\"title\":\"ok\"}\n{\"title\":\"a\x00\"}\n{\"title\":\"caf\xe9\"}\r\n{\"title\":\"ok\"}",
        );
        assert_eq!(recs.len(), 4);
        assert!(recs[0].is_ok() && recs[3].is_ok(), "{recs:?}");
        let errs: Vec<_> = recs[1..3].iter().map(|r| r.as_ref().unwrap_err().to_string()).collect();
        assert_eq!(errs[0], "binary: line 2: a NUL byte at column 12: binary data, not JSON text");
        assert!(
            errs[1].starts_with("invalid-encoding: line 3: not valid UTF-8 (first bad byte at column 14)"),
            "{}",
            errs[1]
        );
    }
}
