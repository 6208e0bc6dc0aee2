//! Saved HTML pages: the `trafilatura` crate finds the main text and metadata; the same
//! Arabic-aware pass as for dumps then removes furniture it left in.

use chrono::Datelike;
use scraper::{ElementRef, Html, Selector};
use trafilatura::{Options, extract};

use crate::Extracted;
use crate::decode::decode_html_with;
use crate::model::{DateSource, Format, RejectReason, Rejection};
use crate::{dates, outlets, sections};
use crate::{keys, page};

/// Trafilatura recurses over the DOM; pages nested deeper than this are flattened by refusing them
/// rather than risking the stack.
const MAX_NESTING: usize = 2000;

/// The feeds a page announces (`<link rel="alternate" type="application/rss+xml" href=…>`, and
/// Atom, RDF and JSON Feed), absolute, in page order, without repeats: what a feed reader does
/// when given an outlet's home page instead of its feed.
pub fn feed_links(html: &str, base: &str) -> Vec<String> {
    const FEED_TYPES: &[&str] =
        &["application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"];
    // Feed links live in <head>; a 50 MB body need not be parsed to find them.
    let end = html.find("</head>").or_else(|| html.find("</HEAD>")).unwrap_or(html.len().min(512 * 1024));
    let end = (0..=end).rev().find(|&i| html.is_char_boundary(i)).unwrap_or(0);
    let doc = Html::parse_document(&html[..end]);
    let sel = Selector::parse("link[href]").expect("valid selector");
    let base = url::Url::parse(base).ok();
    let mut out: Vec<String> = Vec::new();
    for e in doc.select(&sel) {
        let el = e.value();
        let alternate =
            el.attr("rel").is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("alternate")));
        let feed_type = el.attr("type").is_some_and(|t| FEED_TYPES.iter().any(|f| t.trim().eq_ignore_ascii_case(f)));
        if !(alternate && feed_type) {
            continue;
        }
        let href = el.attr("href").unwrap_or("").trim();
        let resolved = match &base {
            Some(b) => b.join(href).ok(),
            None => url::Url::parse(href).ok(),
        };
        if let Some(u) = resolved.filter(|u| matches!(u.scheme(), "http" | "https")).map(String::from)
            && !out.contains(&u)
        {
            out.push(u);
        }
    }
    out
}

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
        if el.ancestors().filter_map(ElementRef::wrap).any(|a| sel.matches(&a)) {
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

/// Elements of a page looked at for its copyright line, at most (footers are few and short).
const MAX_SIGNATURE_ELEMENTS: usize = 2000;

/// The registered outlet a page's copyright line names («© 2024 صحيفة …»), read from the page
/// itself: trafilatura drops the footer it sits in.
fn signed_by(doc: &Html) -> Option<outlets::Outlet> {
    let sel = Selector::parse("footer, div, p, span, a").expect("valid selector");
    doc.select(&sel)
        .take(MAX_SIGNATURE_ELEMENTS)
        .filter(|el| el.children().all(|c| !c.value().is_element()))
        .map(|el| marsad_text::squash_whitespace(&el.text().collect::<String>()))
        .filter(|t| t.split_whitespace().count() <= 20 && (t.contains('©') || t.contains("حقوق")))
        .find_map(|t| outlets::mentioned_in(&t))
}

/// Words a heading may have to be put back: an intertitle or another article's headline, not a
/// paragraph set in a heading tag.
const MAX_HEADING_WORDS: usize = 25;

/// Reporter's lines put back under a restored heading, at most: «كتب - NAME:» and a place or
/// desk line; more short lines there are something else.
const MAX_RESTORED_BYLINES: usize = 2;

/// Words a leaf element may have to be read as a «طالع أيضاً» cue or a reporter's line.
const MAX_CUE_WORDS: usize = 12;
/// Bytes of such a leaf at most (a dozen Arabic words with room to spare); longer leaves are
/// skipped without reading their text.
const MAX_CUE_BYTES: usize = 400;

/// What trafilatura dropped over a paragraph it kept: a «طالع أيضاً» cue, a heading, the
/// reporter's lines under it — in page order.
#[derive(Default)]
struct Dropped {
    cue: Option<String>,
    heading: Option<String>,
    bylines: Vec<String>,
}

impl Dropped {
    /// The lines to put back before the paragraph, or nothing when no heading was dropped (a cue
    /// or a byline alone says nothing about where an article starts).
    fn take(&mut self) -> Vec<String> {
        let d = std::mem::take(self);
        let Some(h) = d.heading else { return Vec::new() };
        d.cue.into_iter().chain([h]).chain(d.bylines).collect()
    }
}

/// Puts back the headings trafilatura dropped from the text it kept: a heading (`h2`–`h6`) whose
/// next block in the page is a paragraph trafilatura kept goes back on the line before that
/// paragraph, with the «طالع أيضاً» cue over it and the reporter's lines under it when the page
/// has them. trafilatura drops in-text headings, and with them the headline of a second article
/// («للمزيد» over a whole article), which is what tells the page walk where that article starts.
fn restore_headings(doc: &Html, lines: &str) -> String {
    let sel = Selector::parse("h2, h3, h4, h5, h6, p, li, td, dd, div, span, strong, b").expect("valid selector");
    let mut before: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    let mut dropped = Dropped::default();
    for el in doc.select(&sel) {
        let name = el.value().name();
        // Inline and generic containers count only as leaves, and leaves longer than a cue or a
        // byline are never read whole (this runs on every leaf).
        if matches!(name, "div" | "span" | "strong" | "b")
            && (el.children().any(|c| c.value().is_element()) || el.text().map(str::len).sum::<usize>() > MAX_CUE_BYTES)
        {
            continue;
        }
        let text = marsad_text::squash_whitespace(&el.text().collect::<String>());
        let words = text.split_whitespace().count();
        match name {
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                dropped.heading = (1..=MAX_HEADING_WORDS).contains(&words).then_some(text);
                dropped.bylines.clear();
            }
            "p" => {
                let back = dropped.take();
                if !back.is_empty() && !text.is_empty() {
                    before.entry(same_text(&text)).or_insert(back);
                }
            }
            "li" | "td" | "dd" => dropped = Dropped::default(),
            _ if words == 0 || words > MAX_CUE_WORDS => {}
            _ if page::is_read_also_heading(&text) => dropped = Dropped { cue: Some(text), ..Default::default() },
            _ if dropped.heading.is_some()
                && dropped.bylines.len() < MAX_RESTORED_BYLINES
                && page::is_byline(&text) =>
            {
                dropped.bylines.push(text)
            }
            _ => {}
        }
    }
    if before.is_empty() {
        return lines.to_string();
    }
    let kept: std::collections::HashSet<String> = lines.lines().map(same_text).collect();
    let mut out = String::with_capacity(lines.len());
    let mut prev = String::new();
    for line in lines.lines() {
        let this = same_text(line);
        if let Some(back) = before.get(&this) {
            for b in back.iter().filter(|b| {
                let b = same_text(b);
                b != prev && !kept.contains(&b)
            }) {
                out.push_str(b);
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = this;
    }
    out
}

/// A block's text as compared between the page and trafilatura's output: trafilatura normalises
/// Unicode (a shadda and its vowel come back in canonical order), so the two are matched on the
/// folded form, without marks, not byte for byte.
fn same_text(text: &str) -> String {
    marsad_text::normalize(text.trim())
}

/// Publication time from the page's own metadata, with the time of day and zone (trafilatura keeps
/// only the date): `article:published_time`, `datePublished` and friends — in ISO form or as an
/// Arabic display date («الأربعاء، 07 أكتوبر 2020 - 12:09 م», «١ / ١٢ / ٢٠٢٠») — then `<time datetime>`.
fn meta_published(doc: &Html) -> Option<chrono::DateTime<chrono::FixedOffset>> {
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
            let name = v.attr("property").or(v.attr("name")).or(v.attr("itemprop"))?.to_ascii_lowercase();
            KEYS.iter().position(|k| *k == name).map(|rank| (rank, v.attr("content").unwrap_or("")))
        })
        .collect();
    found.sort_by_key(|(rank, _)| *rank);
    found
        .into_iter()
        .find_map(|(_, c)| dates::parse_machine(c))
        .or_else(|| {
            // schema.org JSON-LD (`NewsArticle.datePublished`), which many CMSs print instead.
            json_ld(doc).iter().find_map(|v| {
                json_nodes(v)
                    .into_iter()
                    .find_map(|o| o.get("datePublished").and_then(|d| d.as_str()).and_then(dates::parse_machine))
            })
        })
        .or_else(|| {
            let time = Selector::parse("time[datetime]").expect("valid selector");
            doc.select(&time).find_map(|t| t.value().attr("datetime").and_then(dates::parse_machine))
        })
}

/// The page's JSON-LD blocks that parse.
fn json_ld(doc: &Html) -> Vec<serde_json::Value> {
    let ld = Selector::parse(r#"script[type="application/ld+json"]"#).expect("valid selector");
    doc.select(&ld).filter_map(|script| serde_json::from_str(script.text().collect::<String>().trim()).ok()).collect()
}

/// Every object inside a JSON value (a JSON-LD `@graph`, nested `mainEntity` …), depth first.
fn json_nodes(v: &serde_json::Value) -> Vec<&serde_json::Map<String, serde_json::Value>> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    while let Some(node) = stack.pop() {
        match node {
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            serde_json::Value::Object(o) => {
                out.push(o);
                stack.extend(o.values());
            }
            _ => {}
        }
    }
    out
}

/// The page's breadcrumb as (last crumb, canonical section of the deepest crumb naming one): from
/// schema.org `BreadcrumbList` JSON-LD, else an element whose class, id or label says breadcrumb,
/// else a `<nav>` whose text separates its links with arrows. A plain menu bar is not a
/// breadcrumb: its last item would be a random section.
fn breadcrumb(doc: &Html) -> Option<(String, Option<&'static str>)> {
    let from_crumbs = |crumbs: Vec<String>| {
        let crumbs: Vec<String> = crumbs.into_iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
        (crumbs.len() >= 2).then(|| page::breadcrumb(&crumbs.join(" » "))).flatten()
    };
    for v in json_ld(doc) {
        for o in json_nodes(&v) {
            if o.get("@type").and_then(|t| t.as_str()) != Some("BreadcrumbList") {
                continue;
            }
            let mut items: Vec<(i64, String)> = o
                .get("itemListElement")
                .and_then(|l| l.as_array())
                .into_iter()
                .flatten()
                .filter_map(|e| {
                    let name = e.get("name").or_else(|| e.get("item").and_then(|i| i.get("name")))?;
                    Some((e.get("position").and_then(|p| p.as_i64()).unwrap_or(0), name.as_str()?.to_string()))
                })
                .collect();
            items.sort_by_key(|(p, _)| *p);
            if let Some(b) = from_crumbs(items.into_iter().map(|(_, n)| n).collect()) {
                return Some(b);
            }
        }
    }
    let marked = Selector::parse(
        r#"[class*="breadcrumb"], [id*="breadcrumb"], [aria-label*="breadcrumb"], [class*="Breadcrumb"]"#,
    )
    .expect("valid selector");
    let (link, item) = (Selector::parse("a").expect("valid selector"), Selector::parse("li").expect("valid selector"));
    for e in doc.select(&marked) {
        let items: Vec<String> = e.select(&item).map(|li| li.text().collect::<String>()).collect();
        let crumbs = if items.len() >= 2 {
            items
        } else {
            let mut crumbs: Vec<String> = e.select(&link).map(|a| a.text().collect::<String>()).collect();
            // The current page is often plain text after the last link and separator.
            let all: String = e.text().collect::<Vec<_>>().join(" ");
            let parts: Vec<&str> = all.split(['»', '›', '>', '/']).collect();
            if let Some(last) = parts.last().map(|l| l.trim())
                && parts.len() >= 2
                && !last.is_empty()
                && crumbs.last().is_none_or(|c| c.trim() != last)
            {
                crumbs.push(last.to_string());
            }
            crumbs
        };
        if let Some(b) = from_crumbs(crumbs) {
            return Some(b);
        }
    }
    let nav = Selector::parse("nav").expect("valid selector");
    doc.select(&nav).find_map(|e| {
        let text: String = e.text().collect::<Vec<_>>().join(" ");
        (text.contains('»') || text.contains('›'))
            .then(|| page::breadcrumb(&marsad_text::squash_whitespace(&text)))
            .flatten()
    })
}

/// A date printed in the page outside the article text: `<time>`, or an element whose class, id or
/// itemprop says date, time or publish, holding a date line.
fn date_element(doc: &Html) -> Option<(chrono::NaiveDate, Option<chrono::NaiveTime>)> {
    let sel = Selector::parse(
        "time, [class*=date], [class*=Date], [class*=time], [class*=publish], [id*=date], [itemprop*=date]",
    )
    .expect("valid selector");
    doc.select(&sel).find_map(|el| {
        let text = marsad_text::squash_whitespace(&el.text().collect::<String>());
        (text.split_whitespace().count() <= 12 && dates::is_date_line(&text))
            .then(|| dates::parse_display_date(&text))
            .flatten()
    })
}

/// Removes a trailing « - Outlet» / « | Outlet» from a page title.
fn clean_title(title: &str, site: Option<&str>) -> String {
    let t = title.trim();
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let tail_is_site = site.is_some_and(|s| keys::key(s) == keys::key(tail))
                || outlets::by_name(tail).is_some()
                || outlets::by_host(tail.trim()).is_some();
            if tail_is_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    t.to_string()
}

/// The text of the first element `sel` selects that has a headline's length.
fn first_text(doc: &Html, sel: &str) -> Option<String> {
    let sel = Selector::parse(sel).expect("valid selector");
    doc.select(&sel)
        .map(|el| marsad_text::squash_whitespace(&el.text().collect::<String>()))
        .find(|t| (1..=MAX_HEADING_WORDS).contains(&t.split_whitespace().count()))
}

/// Extracts the articles of an HTML page given as raw bytes (any charset).
pub fn parse(bytes: &[u8], opts: &crate::Options<'_>) -> crate::Extracted {
    let decoded = decode_html_with(bytes, opts.content_type);
    parse_str(&decoded.text, opts)
}

/// Extracts the article of an HTML page already decoded to text.
pub fn parse_str(html: &str, opts: &crate::Options<'_>) -> Extracted {
    let reject = |reason, detail: String| Extracted {
        format: Some(Format::Html),
        records: vec![Err(Rejection::new(reason, detail))],
        ..Default::default()
    };
    if nesting_estimate(html) > MAX_NESTING {
        return reject(
            RejectReason::Malformed,
            format!("HTML nested more than {MAX_NESTING} elements deep; not a real page"),
        );
    }
    let result = match extract(html, &Options::default()) {
        Ok(r) => r,
        Err(e) => return reject(RejectReason::NoArticle, format!("HTML extraction found no article: {e}")),
    };
    let meta = &result.metadata;
    let doc = Html::parse_document(html);
    let h1 = first_text(&doc, "h1");
    // trafilatura's title, else the page's own `<h1>` or `<title>` (trafilatura leaves the title
    // empty on some layouts).
    let page_title = Some(meta.title.clone())
        .filter(|t| !t.trim().is_empty())
        .or_else(|| h1.clone())
        .or_else(|| first_text(&doc, "title"))
        .unwrap_or_default();
    // trafilatura falls back to the `<title>` for the site's name; a name the page prints as its
    // `<h1>` is the headline, not the site.
    let site = Some(meta.sitename.as_str())
        .filter(|s| !s.is_empty() && h1.as_deref().is_none_or(|h| keys::key(h) != keys::key(s)));
    let url = Some(meta.url.clone()).filter(|u| u.starts_with("http"));
    // A page titled with only an outlet's name («صحيفة …») is that outlet's page.
    let known = site
        .and_then(outlets::by_name)
        .or_else(|| url.as_deref().and_then(outlets::by_host))
        .or_else(|| outlets::by_name(page_title.trim()));

    let mut lines = restore_headings(&doc, &block_lines(&result.content_html));
    // The page's headline goes over the text trafilatura kept, as the page prints it: the walk
    // then reads what is under a headline (a reporter's line, a column of short lines) as it
    // does on a dump, instead of taking a line of the text for the headline.
    let headline = clean_title(&page_title, site);
    let names_a_site =
        site.is_some_and(|s| keys::key(s) == keys::key(&headline)) || outlets::by_name(&headline).is_some();
    if !headline.is_empty() && !names_a_site && !lines.lines().take(3).any(|l| same_text(l) == same_text(&headline)) {
        lines.insert_str(0, &format!("{headline}\n"));
    }
    let mut page = page::parse_page(&lines, Format::Html, opts, known.as_ref().map(|o| o.id.as_str()));
    let words: usize = page
        .records
        .first()
        .and_then(|r| r.as_ref().ok())
        .map_or(0, |a| a.paragraphs.iter().map(|p| p.split_whitespace().count()).sum());
    if words < MIN_BODY_WORDS {
        return reject(RejectReason::NoArticle, "HTML page has no article text".into());
    }
    let text_outlet = page.records[0].as_ref().ok().and_then(|a| a.outlet.clone());
    // An outlet the page's text found only by its host is shown under the page's site name.
    let outlet = known
        .or_else(|| text_outlet.map(|o| o.named(site)))
        .or_else(|| signed_by(&doc))
        .or_else(|| site.map(outlets::unknown_name))
        .or_else(|| url.as_deref().and_then(outlets::unknown_host));
    let Some(Ok(a)) = page.records.first_mut() else { unreachable!("checked above") };
    // A page whose title is only the site's name prints no headline of its own.
    let names_only_the_site = |t: &str| {
        site.is_some_and(|s| keys::key(s) == keys::key(t))
            || outlets::by_name(t).is_some_and(|o| Some(&o) == outlet.as_ref())
    };
    if !page_title.trim().is_empty() && !names_only_the_site(page_title.trim()) {
        a.title = clean_title(&page_title, site);
        a.title_inferred = false;
    }
    a.url = url;
    // The page's author metadata, else a reporter the dateline named.
    a.author = Some(meta.author.clone()).filter(|s| !s.is_empty()).or(a.author.take());
    a.summary = Some(meta.description.clone()).filter(|s| !s.is_empty());
    // The page's own metadata first (with its time zone); then a date line in the text (already
    // set by the page pass); then trafilatura's date, which has no time and may have been shifted
    // by a UTC conversion.
    if let Some(t) = meta_published(&doc) {
        a.set_published(t, DateSource::Meta);
    } else if a.published.is_some() {
        // A date line inside the extracted text, set by the page pass.
    } else if let Some((d, t)) = date_element(&doc) {
        a.set_published(dates::local_to_fixed(d, t), DateSource::Text);
    } else if let Some(d) = meta.date.filter(|d| !(d.month() == 1 && d.day() == 1)) {
        // trafilatura's guess, except 1 January: that is a bare year («© 2018») read as a date.
        a.set_published(dates::local_to_fixed(d, None), DateSource::Meta);
    }
    if let Some(cat) = meta.categories.iter().find(|c| !c.trim().is_empty()) {
        a.section = sections::canonical(cat).map(String::from);
        a.section_label = Some(cat.trim().to_string());
    }
    if a.section.is_none()
        && let Some((label, section)) = breadcrumb(&doc)
    {
        a.section = section.map(String::from);
        a.section_label.get_or_insert(label);
    }
    for a in page.records.iter_mut().flatten() {
        a.outlet = outlet.clone();
    }
    page
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_home_page_announces_its_feeds() {
        let page = r#"<html lang="ar" dir="rtl"><head><title>الرئيسية</title>
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="آخر الأخبار" href="/rss/latest.xml">
<link rel="Alternate" type="application/atom+xml" href="https://cdn.example.org/atom">
<link rel="alternate" type="application/rss+xml" href="/rss/latest.xml">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>"#;
        assert_eq!(
            feed_links(page, "https://example.org/ar/"),
            ["https://example.org/rss/latest.xml", "https://cdn.example.org/atom"]
        );
        assert!(feed_links("<p>لا شيء</p>", "https://example.org/").is_empty());
    }
    use super::*;

    /// A CMS page whose only machine date is schema.org JSON-LD: its time and zone are kept (not
    /// trafilatura's bare day), with its author and section.
    #[test]
    fn json_ld_article_metadata() {
        let page = r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>ارتفاع أسعار النفط بعد قرار أوبك+ | الخليج اليوم</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"ارتفاع أسعار النفط بعد قرار أوبك+","datePublished":"2025-06-02T09:15:00+04:00","author":{"@type":"Person","name":"سالم الكعبي"},"articleSection":"اقتصاد","publisher":{"@type":"Organization","name":"الخليج اليوم"}}</script>
</head><body>
<header><a href="/">الخليج اليوم</a><nav><a href="/">الرئيسية</a><a href="/world">العالم</a><a href="/sport">رياضة</a></nav></header>
<main><article><h1>ارتفاع أسعار النفط بعد قرار أوبك+</h1>
<p>ارتفعت أسعار النفط في تعاملات اليوم الاثنين بعد أن قررت مجموعة أوبك+ الإبقاء على خفض الإنتاج حتى نهاية العام الجاري، وسط مخاوف من تباطؤ الطلب العالمي.</p>
<p>وصعد خام برنت القياسي بنسبة 1.8 بالمئة إلى 82 دولارا للبرميل، فيما ارتفع الخام الأمريكي بنسبة 1.6 بالمئة، بحسب بيانات بورصة لندن.</p>
<p>وقال محللون إن قرار المجموعة يعكس حرصها على دعم الأسعار في ظل زيادة الإمدادات من خارجها، مرجحين أن تبقى الأسعار في نطاق ضيق خلال الأسابيع المقبلة.</p>
</article></main>
<footer>© 2025 الخليج اليوم</footer>
</body></html>
"#;
        let ex = parse_str(page, &crate::Options::default());
        let a = ex.records[0].as_ref().unwrap();
        assert_eq!(a.published.unwrap().to_rfc3339(), "2025-06-02T05:15:00+00:00");
        assert_eq!(a.author.as_deref(), Some("سالم الكعبي"));
        assert_eq!(a.section.as_deref(), Some("economy"));
        assert_eq!(a.paragraphs.len(), 3);
    }

    #[test]
    fn breadcrumbs_from_json_ld_marked_elements_and_arrowed_navs() {
        let crumb = |html: &str| breadcrumb(&Html::parse_document(html));
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle"},
            {"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":2,"name":"رياضة"},
            {"@type":"ListItem","position":1,"name":"الرئيسية"},{"@type":"ListItem","position":3,"name":"كرة القدم المحلية"}]}]}</script>"#;
        assert_eq!(crumb(ld), Some(("كرة القدم المحلية".to_string(), Some("sport"))));
        let marked = r#"<ol class="site-breadcrumbs"><li><a href="/">الرئيسية</a></li><li><a href="/eco">اقتصاد</a></li><li>أسواق</li></ol>"#;
        assert_eq!(crumb(marked), Some(("أسواق".to_string(), Some("economy"))));
        let nav =
            r#"<nav><a href="/">الرئيسية</a> » <a href="/arab">أخبار عربية</a> » <a href="/sd">السودان</a></nav>"#;
        assert_eq!(crumb(nav), Some(("السودان".to_string(), Some("middle-east"))));
        // A menu bar is not a breadcrumb.
        let menu = r#"<nav><a href="/">الرئيسية</a><a href="/w">العالم</a><a href="/s">رياضة</a></nav>"#;
        assert_eq!(crumb(menu), None);
        assert_eq!(crumb(r#"<script type="application/ld+json">{not json</script>"#), None);
    }

    #[test]
    fn title_suffix_removed() {
        assert_eq!(clean_title("كيم يزور روسيا - سكاي نيوز عربية", None), "كيم يزور روسيا");
        assert_eq!(clean_title("كيم يزور روسيا | موقعي", Some("موقعي")), "كيم يزور روسيا");
        assert_eq!(clean_title("بوتين - كيم: قمة جديدة", None), "بوتين - كيم: قمة جديدة");
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let html = "<div>".repeat(100_000);
        let r = parse_str(&html, &crate::Options::default()).records.remove(0);
        assert_eq!(r.unwrap_err().reason, RejectReason::Malformed);
    }
}
