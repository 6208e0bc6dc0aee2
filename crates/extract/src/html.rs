//! Saved HTML pages: the `trafilatura` crate finds the main text and metadata; the same
//! Arabic-aware pass as for dumps then removes furniture it left in.

use scraper::{ElementRef, Html, Selector};
use trafilatura::{Options, extract};

use crate::dates::parse_machine_date;
use crate::decode::decode_html;
use crate::dump;
use crate::model::{Article, Format, Record, RejectReason, Rejection};
use crate::{outlets, sections};

/// Trafilatura recurses over the DOM; pages nested deeper than this are flattened by refusing them
/// rather than risking the stack.
const MAX_NESTING: usize = 2000;

/// Cheap upper bound on element nesting: open tags minus close tags, scanning once.
fn nesting_estimate(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        i += off + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                depth += 1;
                max = max.max(depth);
            }
            _ => {}
        }
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// Fewer words than this is a navigation or error page, not an article.
const MIN_BODY_WORDS: usize = 5;

/// Block elements whose text is one paragraph of trafilatura's cleaned output.
const BLOCKS: &str = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, th, dd, dt";

/// Splits trafilatura's cleaned HTML into one line per block element (its `content_text` runs
/// paragraphs together, and paragraph boundaries are what the furniture pass works on).
fn block_lines(content_html: &str) -> String {
    let frag = Html::parse_fragment(content_html);
    let sel = Selector::parse(BLOCKS).expect("valid selector");
    let mut out = String::new();
    for el in frag.select(&sel) {
        // A block inside another block (a <p> in an <li>) is emitted by the outer one.
        if el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| sel.matches(&a))
        {
            continue;
        }
        let text = marsad_text::squash_whitespace(&el.text().collect::<String>());
        if !text.is_empty() {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}

/// Publication time from the page's own metadata, with the time of day (trafilatura keeps only
/// the date): `article:published_time`, `datePublished` and friends.
fn meta_published(doc: &Html) -> Option<chrono::DateTime<chrono::Utc>> {
    const KEYS: &[&str] = &[
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "date",
        "dc.date.issued",
        "dc.date",
    ];
    let sel = Selector::parse("meta[content]").expect("valid selector");
    let mut found: Vec<(usize, &str)> = doc
        .select(&sel)
        .filter_map(|m| {
            let v = m.value();
            let name = v
                .attr("property")
                .or(v.attr("name"))
                .or(v.attr("itemprop"))?
                .to_ascii_lowercase();
            KEYS.iter()
                .position(|k| *k == name)
                .map(|rank| (rank, v.attr("content").unwrap_or("")))
        })
        .collect();
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().find_map(|(_, c)| parse_machine_date(c))
}

/// Removes a trailing « - Outlet» / « | Outlet» from a page title.
fn clean_title(title: &str, site: Option<&str>) -> String {
    let t = title.trim();
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let tail_is_site = site.is_some_and(|s| dump::key(s) == dump::key(tail))
                || outlets::by_name(tail).is_some()
                || outlets::by_host(tail.trim()).is_some();
            if tail_is_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    t.to_string()
}

/// Extracts the article of an HTML page given as raw bytes (any charset).
pub fn parse(bytes: &[u8]) -> Vec<Record> {
    let decoded = decode_html(bytes);
    parse_str(&decoded.text)
}

/// Extracts the article of an HTML page already decoded to text.
pub fn parse_str(html: &str) -> Vec<Record> {
    if nesting_estimate(html) > MAX_NESTING {
        return vec![Err(Rejection::new(
            RejectReason::Malformed,
            format!("HTML nested more than {MAX_NESTING} elements deep; not a real page"),
        ))];
    }
    let opts = Options::default().with_fallback(true);
    let result = match extract(html, &opts) {
        Ok(r) => r,
        Err(e) => {
            return vec![Err(Rejection::new(
                RejectReason::NoArticle,
                format!("HTML extraction found no article: {e}"),
            ))];
        }
    };
    let meta = &result.metadata;
    let site = Some(meta.sitename.as_str()).filter(|s| !s.is_empty());

    let blocks = dump::segment(&block_lines(&result.content_html));
    let mut a = dump::assemble(&blocks).unwrap_or_else(|| {
        let mut a = Article::new(Format::Html);
        a.paragraphs = blocks
            .iter()
            .filter(|b| {
                !matches!(
                    b.label,
                    dump::Label::Heading | dump::Label::Furniture | dump::Label::ListItem
                )
            })
            .map(|b| b.text.clone())
            .collect();
        a
    });
    a.format = Format::Html;
    let words: usize = a
        .paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    if words < MIN_BODY_WORDS {
        return vec![Err(Rejection::new(
            RejectReason::NoArticle,
            "HTML page has no article text",
        ))];
    }
    if !meta.title.trim().is_empty() {
        a.title = clean_title(&meta.title, site);
        a.title_inferred = false;
    }
    a.url = Some(meta.url.clone()).filter(|u| u.starts_with("http"));
    a.author = Some(meta.author.clone()).filter(|s| !s.is_empty());
    a.summary = Some(meta.description.clone()).filter(|s| !s.is_empty());
    a.published = meta_published(&Html::parse_document(html)).or_else(|| {
        meta.date
            .and_then(|d| parse_machine_date(&d.format("%Y-%m-%d").to_string()))
    });
    a.outlet = site
        .and_then(outlets::by_name)
        .or_else(|| a.url.as_deref().and_then(outlets::by_host))
        .or_else(|| a.outlet.take())
        .or_else(|| site.map(outlets::unknown_name))
        .or_else(|| a.url.as_deref().and_then(outlets::unknown_host));
    if let Some(cat) = meta.categories.iter().find(|c| !c.trim().is_empty()) {
        a.section = sections::canonical(cat).map(String::from);
        a.section_label = Some(cat.trim().to_string());
    }
    vec![Ok(a)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_suffix_removed() {
        assert_eq!(
            clean_title("كيم يزور روسيا - سكاي نيوز عربية", None),
            "كيم يزور روسيا"
        );
        assert_eq!(
            clean_title("كيم يزور روسيا | موقعي", Some("موقعي")),
            "كيم يزور روسيا"
        );
        assert_eq!(
            clean_title("بوتين - كيم: قمة جديدة", None),
            "بوتين - كيم: قمة جديدة"
        );
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let html = "<div>".repeat(100_000);
        let r = parse_str(&html).remove(0);
        assert_eq!(r.unwrap_err().reason, RejectReason::Malformed);
    }
}
