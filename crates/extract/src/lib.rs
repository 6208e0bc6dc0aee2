//! Article extraction for marsad: from the bytes of one input (a page dump, an HTML page, a TREC
//! file, JSON Lines) to clean [`Article`]s with outlet, section, date, dateline, attribution,
//! cited agencies and language — every article on a page, separated from the furniture around it.
//!
//! The entry point is [`extract_with`] (or [`extract_bytes`] without outlet history or reference
//! date); it detects the format from content ([`sniff`]), decodes the charset ([`decode`]) and
//! dispatches to the format's parser. Every parser returns [`Record`]s — an article or the reason a
//! record was rejected — so one bad record never hides the good ones beside it.

pub mod boilerplate;
pub mod dates;
pub mod decode;
pub mod html;
pub mod jsonl;
pub mod keys;
pub mod model;
pub mod outlets;
pub mod page;
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

/// Longest article body kept, in characters; the rest is dropped and the cut recorded
/// ([`model::Cut::Body`]). The longest of 45,000 real articles (ANT, SaudiNewsNet) has 34,000
/// characters; three times that keeps every real article whole while one hostile record (a 60 MB
/// single-line file) can no longer make the reader, related articles and snippets crawl.
pub const MAX_BODY_CHARS: usize = 100_000;

/// Longest title kept, in characters (headlines run to about 150); longer ones are cut at a word.
pub const MAX_TITLE_CHARS: usize = 400;

/// What extraction may use beyond the page itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Per-outlet line statistics: lines an outlet repeats on many pages are furniture.
    pub line_stats: Option<&'a boilerplate::LineStats>,
    /// The date the page is known to be from (fetch time, feed date): relative expressions such as
    /// «اليوم السبت» are resolved against it, and the result marked inferred.
    pub base_date: Option<chrono::NaiveDate>,
    /// The HTTP `Content-Type` a fetched page came with: its charset outranks the page's `<meta>`.
    pub content_type: Option<&'a str>,
}

/// The outcome of extracting one input.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The format detected, if any.
    pub format: Option<Format>,
    /// Articles and rejections, in input order (a page's main article before embedded ones).
    pub records: Vec<Record>,
    /// For pages (dumps, HTML): every line, labelled.
    pub blocks: Vec<page::Block>,
    /// For pages: hashes of their short lines, for the outlet's line statistics.
    pub page_lines: Vec<u64>,
}

impl Extracted {
    fn rejected(reason: RejectReason, detail: impl Into<String>) -> Self {
        Self { records: vec![Err(Rejection::new(reason, detail))], ..Default::default() }
    }
}

/// Extracts every article from one (already decompressed) input.
pub fn extract_bytes(bytes: &[u8]) -> Extracted {
    extract_with(bytes, &Options::default())
}

/// Extracts every article from one (already decompressed) input, with outlet history and a
/// reference date.
pub fn extract_with(bytes: &[u8], opts: &Options<'_>) -> Extracted {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Extracted::rejected(
            RejectReason::TooLarge,
            format!("{} MB is over the {} MB limit for one document", bytes.len() >> 20, MAX_DOCUMENT_BYTES >> 20),
        );
    }
    let mut out = match sniff(bytes) {
        Sniffed::Empty => return Extracted::rejected(RejectReason::Empty, "empty file"),
        Sniffed::Binary => return Extracted::rejected(RejectReason::Binary, "binary data, not a text document"),
        Sniffed::Gzip => {
            return Extracted::rejected(RejectReason::Malformed, "nested gzip stream; decompress it first");
        }
        Sniffed::Html => html::parse(bytes, opts),
        // Decoded line by line: one bad line must not cost the file.
        Sniffed::Jsonl => {
            Extracted { format: Some(Format::Jsonl), records: jsonl::parse_bytes(bytes), ..Default::default() }
        }
        Sniffed::Warc => {
            return Extracted::rejected(
                RejectReason::Malformed,
                "a WARC archive holds many pages; ingest it with `marsad ingest`",
            );
        }
        sniffed => {
            let text = match decode::decode_text(bytes) {
                Ok(d) => d.text,
                Err(rej) => return Extracted { records: vec![Err(rej)], ..Default::default() },
            };
            match sniffed {
                Sniffed::Trec => {
                    Extracted { format: Some(Format::Trec), records: trec::parse(&text), ..Default::default() }
                }
                _ => page::parse_page(&text, Format::Dump, opts, None),
            }
        }
    };
    for a in out.records.iter_mut().flatten() {
        finish(a);
    }
    out
}

/// Fills what every format needs the same way: trimmed text, language, outlet and section from the
/// URL when the source named none.
pub fn finish(a: &mut Article) {
    a.title = cut_title(&marsad_text::squash_whitespace(&marsad_text::strip_bidi_controls(&a.title)));
    strip_bidi_everywhere(a);
    a.paragraphs.retain(|p| !p.trim().is_empty());
    if let Some(cut) = cap_body(&mut a.paragraphs) {
        a.cuts.push(cut);
    }
    if a.language.is_none() {
        let sample: String = std::iter::once(a.title.as_str())
            .chain(a.paragraphs.iter().map(String::as_str))
            .flat_map(|s| [s, "\n"])
            .take(40)
            .collect();
        a.language = marsad_text::detect_language(&sample).map(String::from);
    }
    if a.outlet.is_none() {
        a.outlet = a.url.as_deref().and_then(|u| outlets::by_host(u).or_else(|| outlets::unknown_host(u)));
    }
    date_from_url(a);
    if a.section.is_none()
        && let Some((s, label)) = a.url.as_deref().and_then(sections::from_url_path)
    {
        a.section = Some(s.into());
        a.section_label.get_or_insert(label);
    }
}

/// Dates an article that has no date by the day its URL gives (`/2015/08/11/`), as
/// [`model::DateSource::Url`]. Returns whether it did. Callers that learn the URL after
/// extraction (a crawl, a WARC record) call it before falling back to the fetch time.
pub fn date_from_url(a: &mut Article) -> bool {
    if a.published.is_some() || a.published_date.is_some() {
        return false;
    }
    match a.url.as_deref().and_then(dates::date_in_url) {
        Some(day) => {
            a.set_published_day(day, model::DateSource::Url);
            true
        }
        None => false,
    }
}

/// Removes bidi embedding, override and isolate controls from every text of an article that a
/// reader shows: body, teasers, headline lists, byline, section label, summary, dateline.
fn strip_bidi_everywhere(a: &mut Article) {
    fn clean(s: &mut String) {
        if let std::borrow::Cow::Owned(c) = marsad_text::strip_bidi_controls(s) {
            *s = c;
        }
    }
    a.paragraphs.iter_mut().for_each(clean);
    for t in &mut a.teasers {
        clean(&mut t.title);
        clean(&mut t.lead);
    }
    for l in &mut a.related {
        clean(&mut l.heading);
        l.items.iter_mut().for_each(|h| clean(&mut h.text));
    }
    for s in [&mut a.author, &mut a.section_label, &mut a.summary].into_iter().flatten() {
        clean(s);
    }
    if let Some(d) = &mut a.dateline {
        clean(&mut d.place);
        if let Some(s) = &mut d.source {
            clean(s);
        }
    }
    for s in &mut a.attribution {
        clean(&mut s.name);
    }
}

/// `title` cut to [`MAX_TITLE_CHARS`] at a word boundary, with «…».
fn cut_title(title: &str) -> String {
    match title.char_indices().nth(MAX_TITLE_CHARS) {
        None => title.to_string(),
        Some((end, _)) => {
            let head = &title[..end];
            let head = head.rfind(' ').map_or(head, |sp| &head[..sp]);
            format!("{head}…")
        }
    }
}

/// Keeps the first [`MAX_BODY_CHARS`] characters of a body (whole paragraphs, then the head of
/// the paragraph that crosses the limit, cut at a word); the cut, when there was one. Also used
/// when reading bodies stored before the limit existed.
pub fn cap_body(paragraphs: &mut Vec<String>) -> Option<model::Cut> {
    let mut kept = 0usize;
    let mut total = 0usize;
    let mut crossing: Option<(usize, usize)> = None; // (paragraph, characters of it that fit)
    for (i, p) in paragraphs.iter().enumerate() {
        let n = p.chars().count();
        if crossing.is_none() {
            if kept + n <= MAX_BODY_CHARS {
                kept += n;
            } else {
                crossing = Some((i, MAX_BODY_CHARS - kept));
            }
        }
        total += n;
    }
    let (i, room) = crossing?;
    let head = {
        let p = &paragraphs[i];
        let end = p.char_indices().nth(room).map_or(p.len(), |(b, _)| b);
        let head = &p[..end];
        head.rfind(char::is_whitespace).map_or(head, |sp| &head[..sp]).trim_end().to_string()
    };
    paragraphs.truncate(i);
    if !head.is_empty() {
        kept += head.chars().count();
        paragraphs.push(head);
    }
    Some(model::Cut::Body { kept_chars: kept, total_chars: total })
}

/// Makes a headline from the lead when a page has none: its first sentence, cut to 14 words.
pub fn infer_title(a: &mut Article) {
    let Some(lead) = a.paragraphs.first() else { return };
    // A headline comes from the first sentence; never scan further than this.
    let mut end = lead.len().min(2048);
    while !lead.is_char_boundary(end) {
        end -= 1;
    }
    let lead = &lead[..end];
    let sentence_end = lead
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '؟' | '?') && lead[i + c.len_utf8()..].starts_with(char::is_whitespace))
        .map_or(lead.len(), |(i, _)| i);
    let words: Vec<&str> = lead[..sentence_end].split_whitespace().collect();
    a.title = if words.len() > 14 { format!("{}…", words[..14].join(" ")) } else { words.join(" ") };
    a.title_inferred = true;
}
