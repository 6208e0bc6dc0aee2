//! TREC/CLEF `<DOC>` records, as in the ANT corpus: DOCNO, URL, SRC, CAT, TITLE, TIME, AUTHOR,
//! ABSTRACT, TEXT. The files are XML-like but not XML (bare `&` is common), so fields are cut out
//! by tag rather than parsed by an XML parser that would reject them.

use crate::dates::parse_machine;
use crate::model::{Article, DateSource, Format, Record, RejectReason, Rejection};
use crate::{outlets, sections};

fn field<'a>(doc: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = doc.find(&open)? + open.len();
    let end = doc[start..].find(&close)? + start;
    Some(doc[start..end].trim())
}

/// Decodes the handful of entities TREC files use; anything else is left as written.
pub fn unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Look for the ';' within the next few bytes; it is ASCII, so its index is a char boundary.
        let end = rest.as_bytes()[..rest.len().min(12)].iter().position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// A field of one `<DOC>` record, trimmed and unescaped; `None` when missing or empty.
pub fn text_field(doc: &str, tag: &str) -> Option<String> {
    field(doc, tag).map(|s| unescape(s).into_owned()).filter(|s| !s.is_empty())
}

fn parse_doc(doc: &str) -> Record {
    let docno = text_field(doc, "DOCNO");
    let label = docno.clone().unwrap_or_else(|| "<DOC> without DOCNO".into());
    let mut a = Article::new(Format::Trec);
    a.title = text_field(doc, "TITLE").unwrap_or_default();
    a.paragraphs = text_field(doc, "TEXT")
        .map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    if a.title.is_empty() && a.paragraphs.is_empty() {
        return Err(Rejection::new(RejectReason::NoArticle, format!("{label}: no TITLE and no TEXT")));
    }
    if a.title.is_empty() {
        crate::infer_title(&mut a);
    }
    a.doc_id = docno;
    a.url = text_field(doc, "URL");
    a.summary = text_field(doc, "ABSTRACT");
    a.author = text_field(doc, "AUTHOR");
    if let Some(t) = text_field(doc, "TIME").and_then(|t| parse_machine(&t)) {
        a.set_published(t, DateSource::Record);
    }
    a.outlet = text_field(doc, "SRC")
        .and_then(|s| outlets::by_name(&s).or_else(|| Some(outlets::unknown_name(&s))))
        .or_else(|| a.url.as_deref().and_then(|u| outlets::by_host(u).or_else(|| outlets::unknown_host(u))));
    if let Some(cat) = text_field(doc, "CAT") {
        a.section = sections::canonical(&cat).map(String::from);
        a.section_label = Some(cat);
    }
    Ok(a)
}

/// Parses every `<DOC>` record in `text`. A record without `</DOC>` (a truncated file) is
/// rejected; the records before it are kept.
pub fn parse(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<DOC>") {
        let after = &rest[start + 5..];
        // A record ends at its </DOC>, or is cut short by the next <DOC>.
        let close = after.find("</DOC>");
        let next_open = after.find("<DOC>");
        match close {
            Some(c) if next_open.is_none_or(|n| c < n) => {
                out.push(parse_doc(&after[..c]));
                rest = &after[c + 6..];
            }
            _ => {
                let end = next_open.unwrap_or(after.len());
                let label = field(&after[..end], "DOCNO").unwrap_or("record");
                out.push(Err(Rejection::new(
                    RejectReason::Malformed,
                    format!("{label}: <DOC> has no closing </DOC> (truncated file?)"),
                )));
                rest = &after[end..];
            }
        }
    }
    if out.is_empty() {
        out.push(Err(Rejection::new(RejectReason::Malformed, "no <DOC> record found")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "<DOC>\n<DOCNO>XX-world-1-20180313</DOCNO>\n<URL>https://www.bbc.co.uk/arabic/world-1</URL>\n\
        <SRC>BBC</SRC>\n<CAT>internationalNews</CAT>\n<TITLE>عنوان &amp; آخر</TITLE>\n<TIME>Tue, 13 Mar 2018 10:00:00 GMT</TIME>\n\
        <AUTHOR></AUTHOR>\n<ABSTRACT>\nملخص\n</ABSTRACT>\n<TEXT>\nالفقرة الأولى & الثانية.\n\nالفقرة الثانية.\n</TEXT>\n</DOC>\n\
        <DOC>\n<DOCNO>XX-sport-2</DOCNO>\n<SRC>skynews</SRC>\n<CAT>sport</CAT>\n<TITLE>هدف</TITLE>\n<TEXT>نص</TEXT>\n</DOC>\n";

    #[test]
    fn several_docs_per_file() {
        let recs = parse(TWO);
        assert_eq!(recs.len(), 2);
        let a = recs[0].as_ref().unwrap();
        assert_eq!(a.title, "عنوان & آخر");
        assert_eq!(a.paragraphs, ["الفقرة الأولى & الثانية.", "الفقرة الثانية."]);
        assert_eq!(a.outlet.as_ref().unwrap().id, "bbc-arabic");
        assert_eq!(a.section.as_deref(), Some("world"));
        assert_eq!(a.section_label.as_deref(), Some("internationalNews"));
        assert_eq!(a.summary.as_deref(), Some("ملخص"));
        assert!(a.author.is_none());
        assert_eq!(a.published.unwrap().to_rfc3339(), "2018-03-13T10:00:00+00:00");
        let b = recs[1].as_ref().unwrap();
        assert_eq!(b.outlet.as_ref().unwrap().id, "skynews-arabia");
        assert_eq!(b.section.as_deref(), Some("sport"));
    }

    #[test]
    fn truncated_record_is_rejected_and_earlier_ones_kept() {
        let cut = &TWO[..TWO.rfind("</DOC>").unwrap()];
        let recs = parse(cut);
        assert!(recs[0].is_ok());
        assert_eq!(recs[1].as_ref().unwrap_err().reason, RejectReason::Malformed);
    }

    #[test]
    fn entities() {
        assert_eq!(unescape("a &amp; b &#1575; &#x627; &bogus; &"), "a & b ا ا &bogus; &");
    }

    /// Regression: a bare `&` followed by Arabic text sliced a string inside a character and
    /// panicked (found ingesting ANT: «&Gabbana من خلال…»).
    #[test]
    fn bare_ampersand_before_multibyte_text() {
        assert_eq!(unescape("Dolce &Gabbana من خلال"), "Dolce &Gabbana من خلال");
        assert_eq!(unescape("&من"), "&من");
    }
}
