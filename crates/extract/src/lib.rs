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
    /// The date the page is known to be from: relative expressions such as «اليوم السبت» are
    /// resolved against it, and the result marked inferred. Without one, the day of
    /// [`feed_time`](Self::feed_time), else of [`fetched`](Self::fetched), serves.
    pub base_date: Option<chrono::NaiveDate>,
    /// The HTTP `Content-Type` a fetched page came with: its charset outranks the page's `<meta>`.
    pub content_type: Option<&'a str>,
    /// The address the page was fetched from (after redirects, or a WARC record's target): the
    /// main article's URL when the page names none, and so its outlet, section and URL day.
    pub url: Option<&'a str>,
    /// The time a feed listed the page with: it dates a main article that prints no time, as
    /// [`model::DateSource::Record`], outranking a day found in the text or the URL.
    pub feed_time: Option<chrono::DateTime<chrono::Utc>>,
    /// When the page was fetched (or captured, for a WARC record): the last resort for a main
    /// article with no date in its page, its URL or a feed, kept as [`model::DateSource::Fetch`].
    pub fetched: Option<chrono::DateTime<chrono::Utc>>,
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

/// Loads what extraction reads once per process — the named-entity recogniser it asks whether a
/// short line is a person's name — and returns how long that took. Extraction loads it on first
/// need all the same; a caller timing pages calls this first so the one-time cost is not charged
/// to whichever page happens to need it.
pub fn warm_up() -> std::time::Duration {
    page::warm_up()
}

/// Extracts every article from one (already decompressed) input.
pub fn extract_bytes(bytes: &[u8]) -> Extracted {
    extract_with(bytes, &Options::default())
}

/// Extracts every article from one (already decompressed) input, with what is known of it from
/// outside ([`Options`]): outlet history, reference date, URL, feed and fetch times. Every article
/// comes out [`finish`]ed; callers patch nothing.
pub fn extract_with(bytes: &[u8], opts: &Options<'_>) -> Extracted {
    let base_date = opts.base_date.or_else(|| opts.feed_time.or(opts.fetched).map(|t| t.date_naive()));
    let opts = &Options { base_date, ..*opts };
    let mut out = extract_records(bytes, opts);
    let mut records = out.records.iter_mut();
    // What is known from outside belongs to the page's main article, the first record.
    if let Some(Ok(main)) = records.next() {
        if let Some(url) = opts.url {
            main.url.get_or_insert_with(|| url.to_string());
        }
        finish(main);
        date_from_outside(main, opts);
    }
    for a in records.flatten() {
        finish(a);
    }
    out
}

/// Dates a main article that [`finish`] left without a time: by the feed's time, whatever day the
/// page or its URL gave; else, when it has no day at all, by the fetch time.
fn date_from_outside(a: &mut Article, opts: &Options<'_>) {
    match opts.feed_time {
        Some(t) if a.published.is_none() => a.set_published(t.fixed_offset(), model::DateSource::Record),
        _ if a.published.is_none() && a.published_date.is_none() => {
            if let Some(t) = opts.fetched {
                a.set_published(t.fixed_offset(), model::DateSource::Fetch);
            }
        }
        _ => {}
    }
}

/// The records of one input as its format's parser gives them, not yet [`finish`]ed.
fn extract_records(bytes: &[u8], opts: &Options<'_>) -> Extracted {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Extracted::rejected(
            RejectReason::TooLarge,
            format!("{} MB is over the {} MB limit for one document", bytes.len() >> 20, MAX_DOCUMENT_BYTES >> 20),
        );
    }
    match sniff(bytes) {
        Sniffed::Empty => Extracted::rejected(RejectReason::Empty, "empty file"),
        Sniffed::Binary => Extracted::rejected(RejectReason::Binary, "binary data, not a text document"),
        Sniffed::Gzip => Extracted::rejected(RejectReason::Malformed, "nested gzip stream; decompress it first"),
        Sniffed::Html => html::parse(bytes, opts),
        // Decoded line by line: one bad line must not cost the file.
        Sniffed::Jsonl => {
            Extracted { format: Some(Format::Jsonl), records: jsonl::parse_bytes(bytes), ..Default::default() }
        }
        Sniffed::Warc => Extracted::rejected(
            RejectReason::Malformed,
            "a WARC archive holds many pages; ingest it with `marsad ingest`",
        ),
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
    }
}

/// Fills what every format needs the same way: trimmed text, language, outlet and section from the
/// URL when the source named none, the URL's day when no date was found. Idempotent:
/// [`extract_with`] runs it on every article; records read otherwise (a JSON line) need it once.
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
    read_in_outlet_zone(a);
    if a.section.is_none()
        && let Some((s, label)) = a.url.as_deref().and_then(sections::from_url_path)
    {
        a.section = Some(s.into());
        a.section_label.get_or_insert(label);
    }
}

/// Reads a wall-clock time given with no zone (see [`model::TimeBasis::AssumedUtc`]) in the
/// outlet's zone when marsad knows it: the instant moves by the offset, the day printed stays.
fn read_in_outlet_zone(a: &mut Article) {
    if a.time_basis != Some(model::TimeBasis::AssumedUtc) {
        return;
    }
    let Some(offset_minutes) = a.outlet.as_ref().and_then(outlets::utc_offset_minutes) else { return };
    if let Some(t) = a.published {
        a.published = Some(t - chrono::Duration::minutes(i64::from(offset_minutes)));
        a.time_basis = Some(model::TimeBasis::OutletZone { offset_minutes });
    }
}

/// Dates an article that has no date by the day its URL gives (`/2015/08/11/`), as
/// [`model::DateSource::Url`]. Returns whether it did. [`finish`] calls it; a page's URL learnt
/// from outside goes in [`Options::url`], and the fetch time, which comes after it, in
/// [`Options::fetched`].
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDate, Utc};
    use model::DateSource;

    /// A news page whose metadata names no URL and no date; `dated` adds a date line to its text.
    fn page(dated: bool) -> String {
        let date = if dated { "<p class=\"date\">الاثنين 2 يونيو 2025 - 09:15</p>" } else { "" };
        format!(
            r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>ارتفاع أسعار النفط بعد قرار أوبك+</title></head><body>
<main><article><h1>ارتفاع أسعار النفط بعد قرار أوبك+</h1>{date}
<p>ارتفعت أسعار النفط في تعاملات الأسواق بعد أن قررت مجموعة أوبك+ الإبقاء على خفض الإنتاج حتى نهاية العام الجاري، وسط مخاوف من تباطؤ الطلب العالمي.</p>
<p>وصعد خام برنت القياسي بنسبة 1.8 بالمئة إلى 82 دولارا للبرميل، فيما ارتفع الخام الأمريكي بنسبة 1.6 بالمئة، بحسب بيانات بورصة لندن.</p>
<p>وقال محللون إن قرار المجموعة يعكس حرصها على دعم الأسعار في ظل زيادة الإمدادات من خارجها، مرجحين أن تبقى الأسعار في نطاق ضيق خلال الأسابيع المقبلة.</p>
</article></main></body></html>
"#
        )
    }

    fn main_article(html: &str, opts: &Options<'_>) -> Article {
        extract_with(html.as_bytes(), opts).records.into_iter().next().unwrap().unwrap()
    }

    const DAY_URL: &str = "https://www.aljazeera.net/ebusiness/2015/8/11/oil-prices";
    const PLAIN_URL: &str = "https://www.aljazeera.net/ebusiness/oil-prices";

    fn fetched() -> DateTime<Utc> {
        "2025-06-10T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn the_url_gives_its_day_and_outlet_to_a_page_without_a_date() {
        let opts = Options { url: Some(DAY_URL), fetched: Some(fetched()), ..Default::default() };
        let a = main_article(&page(false), &opts);
        assert_eq!(a.url.as_deref(), Some(DAY_URL));
        assert_eq!(a.outlet.as_ref().map(|o| o.id.as_str()), Some("aljazeera"));
        assert_eq!(a.published_date, NaiveDate::from_ymd_opt(2015, 8, 11));
        assert_eq!((a.published, a.date_source), (None, Some(DateSource::Url)));
    }

    #[test]
    fn the_fetch_time_comes_last_and_is_marked_fetch() {
        let opts = Options { url: Some(PLAIN_URL), fetched: Some(fetched()), ..Default::default() };
        let a = main_article(&page(false), &opts);
        assert_eq!((a.published, a.date_source), (Some(fetched()), Some(DateSource::Fetch)));
        // Without a fetch time the page stays undated.
        let a = main_article(&page(false), &Options { url: Some(PLAIN_URL), ..Default::default() });
        assert_eq!((a.published, a.published_date, a.date_source), (None, None, None));
    }

    #[test]
    fn a_date_in_the_text_is_never_overwritten() {
        let opts = Options { url: Some(DAY_URL), fetched: Some(fetched()), ..Default::default() };
        let a = main_article(&page(true), &opts);
        assert_eq!(a.published_date, NaiveDate::from_ymd_opt(2025, 6, 2));
        assert_eq!(a.date_source, Some(DateSource::Text));
    }

    #[test]
    fn a_feed_time_dates_a_page_that_prints_no_time() {
        let listed: DateTime<Utc> = "2025-06-09T08:00:00Z".parse().unwrap();
        let opts =
            Options { url: Some(DAY_URL), feed_time: Some(listed), fetched: Some(fetched()), ..Default::default() };
        let a = main_article(&page(false), &opts);
        assert_eq!((a.published, a.date_source), (Some(listed), Some(DateSource::Record)));
    }

    #[test]
    fn a_url_the_page_names_is_kept() {
        let html =
            page(false).replace("</title>", "</title><link rel=\"canonical\" href=\"https://www.bbc.com/arabic/a1\">");
        let a = main_article(&html, &Options { url: Some(PLAIN_URL), ..Default::default() });
        assert_eq!(a.url.as_deref(), Some("https://www.bbc.com/arabic/a1"));
    }

    #[test]
    fn finish_is_idempotent() {
        let mut a = main_article(&page(true), &Options { url: Some(DAY_URL), ..Default::default() });
        a.title = format!("{} {}", "عنوان ".repeat(200), "x".repeat(500));
        a.paragraphs.push("كلمة ".repeat(MAX_BODY_CHARS / 3));
        finish(&mut a);
        assert_eq!(a.cuts.len(), 1, "the body was cut: {:?}", a.cuts);
        let once = a.clone();
        finish(&mut a);
        assert_eq!(a, once);
    }
}
