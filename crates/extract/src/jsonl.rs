//! JSON Lines: one article per line. Field names follow common crawler exports, with aliases:
//! `url`/`link`, `title`/`headline`, `text`/`body`/`content`, `published`/`date`/`pubDate`,
//! `source`/`outlet`/`site`, `section`/`category`, plus optional `id`, `summary`, `author`, `language`.
//!
//! Every field is read as the type it must have: a headline that is a number, a body
//! that is an object, a paragraph list holding a boolean reject the record with a message naming
//! the field and the type found. Arrays of strings are paragraphs (text, summary), names (author)
//! or a section path; ids and dates may be numbers.

use std::fmt;

use serde_json::{Map, Value};

use crate::dates::{Zone, parse_machine_zoned};

/// Fields holding the publication time, as the records people write name it. A zoneless time
/// (`2015-08-04 18:22:58`) is read in the outlet's zone when its country keeps one offset all
/// year, else as UTC, and marked so ([`TimeBasis`]).
const PUBLISHED_KEYS: [&str; 10] = [
    "published",
    "date",
    "pubDate",
    "published_at",
    "date_publish",
    "date_published",
    "datePublished",
    "publish_date",
    "created_at",
    "timestamp",
];

/// Fields holding when the record was fetched: the last resort, kept as `DateSource::Fetch`.
const FETCHED_KEYS: [&str; 6] =
    ["date_extracted", "date_crawled", "crawled_at", "fetched_at", "retrieved_at", "scraped_at"];

/// Paragraphs of the text searched for a printed date when the record has none: a date line sits
/// at the top («الرياض - 26 شوال 1436 هـ الموافق 11 أغسطس 2015»); a date deep in the text is
/// usually another event's.
const DATE_LEAD_PARAGRAPHS: usize = 2;

/// A full date printed at the top of the text (not one resolved from «اليوم» alone).
fn date_in_lead(paragraphs: &[String]) -> Option<crate::dates::TextDate> {
    let lead = paragraphs.iter().take(DATE_LEAD_PARAGRAPHS).map(String::as_str).collect::<Vec<_>>().join("\n");
    crate::dates::find_dates(&lead, None).into_iter().find(|d| !d.inferred)
}
use crate::model::{Article, DateSource, Format, Record, RejectReason, Rejection, TimeBasis};
use crate::{outlets, sections};

/// What a field may hold. A field of another type rejects the record: a number where a headline
/// belongs means the exporter mapped the wrong column, and storing it would make a junk article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    /// A string (headline, URL, language).
    Str,
    /// A string, or an array of strings — paragraphs, joined by line breaks.
    Paragraphs,
    /// A string, or an array of strings — names, joined by commas.
    Names,
    /// A string, or an array of strings of which the first is taken (a section path).
    Label,
    /// A string, or a number (ids are often integers).
    Id,
    /// A date string, or a number of seconds (or milliseconds) since the Unix epoch.
    Date,
    /// A string, or an object with a `name` string (NewsAPI's `source`).
    Outlet,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Str => "a string",
            Expected::Paragraphs | Expected::Names | Expected::Label => "a string or an array of strings",
            Expected::Id => "a string or a number",
            Expected::Date => "a date string or epoch seconds",
            Expected::Outlet => "a string or an object with a \"name\" string",
        })
    }
}

/// The type of a JSON value, as a message names it.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A field holding a type marsad cannot read it as.
#[derive(Debug)]
struct WrongType {
    key: &'static str,
    /// The array index of the offending element, when the field is an array.
    index: Option<usize>,
    found: &'static str,
    expected: Expected,
}

impl WrongType {
    fn rejection(&self, line_no: usize) -> Rejection {
        let Self { key, index, found, expected } = self;
        let what = match index {
            Some(i) => format!("holds {found} at index {i}"),
            None => format!("is {found}"),
        };
        Rejection::new(RejectReason::Malformed, format!("line {line_no}: \"{key}\" {what}, expected {expected}"))
    }
}

/// The first of `keys` present with a non-null value (null means absent, as exporters use it).
fn field<'a>(obj: &'a Map<String, Value>, keys: &[&'static str]) -> Option<(&'static str, &'a Value)> {
    keys.iter().find_map(|k| obj.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v)))
}

/// Reads a field as `expected`; `Ok(None)` when it is absent or blank.
fn read(obj: &Map<String, Value>, keys: &[&'static str], expected: Expected) -> Result<Option<String>, WrongType> {
    let Some((key, value)) = field(obj, keys) else { return Ok(None) };
    let wrong = |index, found| WrongType { key, index, found, expected };
    let text = match (expected, value) {
        (_, Value::String(s)) => s.trim().to_string(),
        (Expected::Id | Expected::Date, Value::Number(n)) => n.to_string(),
        (Expected::Paragraphs | Expected::Names | Expected::Label, Value::Array(items)) => {
            let mut parts = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) if !s.trim().is_empty() => parts.push(s.trim()),
                    Value::String(_) | Value::Null => {}
                    other => return Err(wrong(Some(i), kind(other))),
                }
            }
            match expected {
                Expected::Names => parts.join(", "),
                Expected::Label => parts.first().map_or_else(String::new, |p| p.to_string()),
                _ => parts.join("\n"),
            }
        }
        (Expected::Outlet, Value::Object(o)) => match o.get("name") {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Null) | None => String::new(),
            Some(other) => return Err(WrongType { key, index: None, found: kind(other), expected: Expected::Str }),
        },
        (_, other) => return Err(wrong(None, kind(other))),
    };
    Ok(Some(text).filter(|t| !t.is_empty()))
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
    if let Err(wrong) = fill(&mut a, &obj) {
        return Some(Err(wrong.rejection(line_no)));
    }
    if a.title.is_empty() && a.paragraphs.is_empty() {
        return Some(Err(Rejection::new(RejectReason::NoArticle, format!("line {line_no}: no title and no text"))));
    }
    if a.title.is_empty() {
        crate::infer_title(&mut a);
    }
    Some(Ok(a))
}

/// Reads the fields of a record into `a`, refusing the record at the first field of a wrong type.
fn fill(a: &mut Article, obj: &Map<String, Value>) -> Result<(), WrongType> {
    a.title = read(obj, &["title", "headline"], Expected::Str)?.unwrap_or_default();
    a.paragraphs = read(obj, &["text", "body", "content", "maintext"], Expected::Paragraphs)?
        .map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    a.url = read(obj, &["url", "link", "canonical_url"], Expected::Str)?;
    a.doc_id = read(obj, &["id", "docno", "doc_id"], Expected::Id)?;
    a.summary = read(obj, &["summary", "abstract", "description"], Expected::Paragraphs)?;
    a.author = read(obj, &["author", "byline"], Expected::Names)?;
    a.language = read(obj, &["language", "lang"], Expected::Str)?;
    // A date string marsad cannot parse leaves the date unknown; it is not a wrong type.
    // The basis of a machine time: a zoneless one is read in the outlet's zone once the outlet is
    // known (`finish`).
    let basis = |zone| match zone {
        Zone::Stated => Some(TimeBasis::Stated),
        Zone::Missing => Some(TimeBasis::AssumedUtc),
        Zone::DayOnly => None,
    };
    if let Some((t, zone)) = read(obj, &PUBLISHED_KEYS, Expected::Date)?.and_then(|d| parse_machine_zoned(&d)) {
        a.set_published(t, DateSource::Record);
        a.time_basis = basis(zone);
    } else if let Some(day) = a.url.as_deref().and_then(crate::dates::date_in_url) {
        a.set_published_day(day, DateSource::Url);
    } else if let Some(d) = date_in_lead(&a.paragraphs) {
        a.set_published(crate::dates::local_to_fixed(d.date, d.time), DateSource::Text);
    } else if let Some((t, zone)) = read(obj, &FETCHED_KEYS, Expected::Date)?.and_then(|d| parse_machine_zoned(&d)) {
        a.set_published(t, DateSource::Fetch);
        a.time_basis = basis(zone);
    }
    let outlet_keys = ["source", "outlet", "site", "site_name", "source_domain"];
    a.outlet = read(obj, &outlet_keys, Expected::Outlet)?.map(|s| {
        let host_like = s.contains('.') && !s.contains(' ');
        outlets::by_name(&s)
            .or_else(|| outlets::by_host(&s))
            .or_else(|| host_like.then(|| outlets::unknown_host(&s)).flatten())
            .unwrap_or_else(|| outlets::unknown_name(&s))
    });
    if let Some(label) = read(obj, &["section", "category", "cat"], Expected::Label)? {
        a.section = sections::canonical(&label).map(String::from);
        a.section_label = Some(label);
    }
    Ok(())
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

#[cfg(test)]
mod field_types {
    use super::*;

    fn rejection(line: &str) -> String {
        match parse_line(line, 3) {
            Some(Err(r)) => r.to_string(),
            other => panic!("{line} was not rejected: {other:?}"),
        }
    }

    #[test]
    fn jsonl_field_of_the_wrong_type_rejects_the_record() {
        for (line, expected) in [
            (r#"{"title":42,"text":"نص الخبر"}"#, r#"line 3: "title" is a number, expected a string"#),
            (r#"{"headline":true,"text":"نص الخبر"}"#, r#"line 3: "headline" is a boolean, expected a string"#),
            (r#"{"title":["عنوان","آخر"],"text":"نص الخبر"}"#, r#"line 3: "title" is an array, expected a string"#),
            (
                r#"{"title":"عنوان","text":{"p":"نص الخبر"}}"#,
                r#"line 3: "text" is an object, expected a string or an array of strings"#,
            ),
            (
                r#"{"title":"عنوان","body":["فقرة",7]}"#,
                r#"line 3: "body" holds a number at index 1, expected a string or an array of strings"#,
            ),
            (r#"{"title":"عنوان","text":"نص","url":17}"#, r#"line 3: "url" is a number, expected a string"#),
            (
                r#"{"title":"عنوان","text":"نص","date":{"$date":1}}"#,
                r#"line 3: "date" is an object, expected a date string or epoch seconds"#,
            ),
            (r#"{"title":"عنوان","text":"نص","id":[1]}"#, r#"line 3: "id" is an array, expected a string or a number"#),
        ] {
            let got = rejection(line);
            assert!(got.starts_with("malformed: ") && got.ends_with(expected), "{line}\n  got {got}\n want {expected}");
        }
    }

    #[test]
    fn numbers_stay_ids_and_dates_and_string_arrays_stay_paragraphs() {
        let line = r#"{"id":1234,"title":"عنوان","text":["فقرة أولى","فقرة ثانية"],"published":1528790400,"author":["أ","ب"]}"#;
        let a = parse_line(line, 1).unwrap().unwrap();
        assert_eq!(a.doc_id.as_deref(), Some("1234"));
        assert_eq!(a.paragraphs, ["فقرة أولى", "فقرة ثانية"]);
        assert_eq!(a.published.unwrap().to_rfc3339(), "2018-06-12T08:00:00+00:00");
        assert_eq!(a.author.as_deref(), Some("أ, ب"));
        // A null is an absent field, and the next alias is looked at.
        let a = parse_line(r#"{"title":null,"headline":"عنوان","text":"نص"}"#, 1).unwrap().unwrap();
        assert_eq!(a.title, "عنوان");
    }
}

#[cfg(test)]
mod dates_of_records {
    use chrono::NaiveDate;

    use super::*;

    fn one(line: &str) -> crate::Article {
        parse(line).into_iter().next().unwrap().unwrap()
    }

    /// A record as ingest stores it: with [`crate::finish`] run (outlet from the URL and so on).
    fn finished(line: &str) -> crate::Article {
        let mut a = one(line);
        crate::finish(&mut a);
        a
    }

    /// Regression: records dated `"published": "2015-08-04 18:22:58"` (a space, no zone), or only
    /// by their URL, their text or their fetch time, were all stored undated.
    #[test]
    fn every_kind_of_record_date_is_read_with_its_source() {
        let a = one(r#"{"title":"عنوان","text":"نص","published":"2015-08-04 18:22:58"}"#);
        assert_eq!(a.published.unwrap().to_rfc3339(), "2015-08-04T18:22:58+00:00");
        assert_eq!(a.date_source, Some(DateSource::Record));
        let a = one(r#"{"title":"عنوان","text":"نص","datePublished":"2015-08-04T18:22:58+03:00"}"#);
        assert_eq!(a.published.unwrap().to_rfc3339(), "2015-08-04T15:22:58+00:00");
        let a = one(
            r#"{"url":"http://news.example/2015/08/11/a.html","title":"عنوان","text":"نص","date_extracted":"2015-08-12 02:00:00"}"#,
        );
        assert_eq!((a.published, a.published_date), (None, NaiveDate::from_ymd_opt(2015, 8, 11)));
        assert_eq!(a.date_source, Some(DateSource::Url));
        let a = one(
            r#"{"url":"http://news.example/a.html","title":"عنوان","text":"الرياض - 26 شوال 1436 هـ الموافق 11 أغسطس 2015\nقال مسؤول إن الاجتماع انتهى.","date_extracted":"2015-08-12 02:00:00"}"#,
        );
        assert_eq!(a.published_date, NaiveDate::from_ymd_opt(2015, 8, 11));
        assert_eq!(a.date_source, Some(DateSource::Text));
        let a = one(
            r#"{"title":"عنوان","text":"قال مسؤول اليوم إن الاجتماع انتهى.","date_extracted":"2015-08-12 02:00:00"}"#,
        );
        assert_eq!(a.published.unwrap().to_rfc3339(), "2015-08-12T02:00:00+00:00");
        assert_eq!(a.date_source, Some(DateSource::Fetch));
        let a = one(r#"{"title":"عنوان","text":"نص بلا تاريخ"}"#);
        assert_eq!((a.published, a.published_date, a.date_source), (None, None, None));
    }

    /// A wall-clock time without a zone is read in the outlet's zone when its country keeps one
    /// offset all year, else as UTC — and says which; the day printed stays the day.
    #[test]
    fn a_zoneless_time_is_read_in_the_outlets_zone_and_marked() {
        let a =
            finished(r#"{"url":"https://sabq.org/x/1","title":"عنوان","text":"نص","published":"2015-08-04 01:22:58"}"#);
        assert_eq!(a.published.unwrap().to_rfc3339(), "2015-08-03T22:22:58+00:00");
        assert_eq!(a.published_date, NaiveDate::from_ymd_opt(2015, 8, 4));
        assert_eq!(a.time_basis, Some(TimeBasis::OutletZone { offset_minutes: 180 }));
        let a = finished(
            r#"{"url":"https://news.example.ae/1","title":"عنوان","text":"نص","published":"2015-08-04 18:22:58"}"#,
        );
        assert_eq!(a.time_basis, Some(TimeBasis::OutletZone { offset_minutes: 240 }));
        // Cairo keeps daylight saving: no one offset is right, so UTC, marked.
        let a = finished(
            r#"{"url":"https://www.youm7.com/1","title":"عنوان","text":"نص","published":"2015-08-04 18:22:58"}"#,
        );
        assert_eq!(a.published.unwrap().to_rfc3339(), "2015-08-04T18:22:58+00:00");
        assert_eq!(a.time_basis, Some(TimeBasis::AssumedUtc));
        let a = finished(
            r#"{"url":"https://sabq.org/x/1","title":"عنوان","text":"نص","published":"2015-08-04T18:22:58+03:00"}"#,
        );
        assert_eq!(a.published.unwrap().to_rfc3339(), "2015-08-04T15:22:58+00:00");
        assert_eq!(a.time_basis, Some(TimeBasis::Stated));
        let a = finished(r#"{"url":"https://sabq.org/x/1","title":"عنوان","text":"نص","published":"2015-08-04"}"#);
        assert_eq!((a.published_date, a.time_basis), (NaiveDate::from_ymd_opt(2015, 8, 4), None));
    }
}
