//! Article extraction for marsad: from the bytes of one input (a page dump, an HTML page, a TREC
//! file, JSON Lines) to clean [`Article`]s with outlet, section, date and language.
//!
//! The entry point is [`extract_bytes`]; it detects the format from content ([`sniff`]), decodes
//! the charset ([`decode`]) and dispatches to the format's parser. Every parser returns
//! [`Record`]s — an article or the reason a record was rejected — so one bad record never hides
//! the good ones beside it.

pub mod dates;
pub mod decode;
pub mod dump;
pub mod html;
pub mod jsonl;
pub mod model;
pub mod outlets;
pub mod sections;
pub mod sniff;
pub mod sources;
pub mod trec;
pub mod urls;

pub use model::{Article, Format, Record, RejectReason, Rejection};
pub use outlets::Outlet;
pub use sniff::{Sniffed, sniff};

/// Largest input handled in memory (JSON Lines are streamed and exempt).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// The outcome of extracting one input.
#[derive(Debug)]
pub struct Extracted {
    /// The format detected, if any.
    pub format: Option<Format>,
    /// Articles and rejections, in input order.
    pub records: Vec<Record>,
}

impl Extracted {
    fn rejected(reason: RejectReason, detail: impl Into<String>) -> Self {
        Self {
            format: None,
            records: vec![Err(Rejection::new(reason, detail))],
        }
    }
}

/// Extracts every article from one (already decompressed) input.
pub fn extract_bytes(bytes: &[u8]) -> Extracted {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Extracted::rejected(
            RejectReason::TooLarge,
            format!(
                "{} MB is over the {} MB limit for one document",
                bytes.len() >> 20,
                MAX_DOCUMENT_BYTES >> 20
            ),
        );
    }
    let (format, mut records) = match sniff(bytes) {
        Sniffed::Empty => return Extracted::rejected(RejectReason::Empty, "empty file"),
        Sniffed::Binary => {
            return Extracted::rejected(RejectReason::Binary, "binary data, not a text document");
        }
        Sniffed::Gzip => {
            return Extracted::rejected(
                RejectReason::Malformed,
                "nested gzip stream; decompress it first",
            );
        }
        Sniffed::Html => (Format::Html, html::parse(bytes)),
        sniffed => {
            let text = match decode::decode_text(bytes) {
                Ok(d) => d.text,
                Err(rej) => {
                    return Extracted {
                        format: None,
                        records: vec![Err(rej)],
                    };
                }
            };
            match sniffed {
                Sniffed::Trec => (Format::Trec, trec::parse(&text)),
                Sniffed::Jsonl => (Format::Jsonl, jsonl::parse(&text)),
                _ => (Format::Dump, dump::parse(&text)),
            }
        }
    };
    for a in records.iter_mut().flatten() {
        finish(a);
    }
    Extracted {
        format: Some(format),
        records,
    }
}

/// Fills what every format needs the same way: trimmed text, language, outlet and section from the
/// URL when the source named none.
pub fn finish(a: &mut Article) {
    a.title = marsad_text::squash_whitespace(&a.title);
    a.paragraphs.retain(|p| !p.trim().is_empty());
    if a.language.is_none() {
        let sample: String = std::iter::once(a.title.as_str())
            .chain(a.paragraphs.iter().map(String::as_str))
            .flat_map(|s| [s, "\n"])
            .take(40)
            .collect();
        a.language = marsad_text::detect_language(&sample).map(String::from);
    }
    if a.outlet.is_none() {
        a.outlet = a
            .url
            .as_deref()
            .and_then(|u| outlets::by_host(u).or_else(|| outlets::unknown_host(u)));
    }
    if a.section.is_none()
        && let Some((s, label)) = a.url.as_deref().and_then(sections::from_url_path)
    {
        a.section = Some(s.into());
        a.section_label.get_or_insert(label);
    }
}

/// Makes a headline from the lead when a page has none: its first sentence, cut to 14 words.
pub fn infer_title(a: &mut Article) {
    let Some(lead) = a.paragraphs.first() else {
        return;
    };
    let sentence_end = lead
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '؟' | '?')
                && lead[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map_or(lead.len(), |(i, _)| i);
    let sentence = &lead[..sentence_end];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    a.title = if words.len() > 14 {
        format!("{}…", words[..14].join(" "))
    } else {
        words.join(" ")
    };
    a.title_inferred = true;
}
