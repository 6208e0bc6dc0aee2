//! Atom feeds of what the reader shows, so that a media monitor can subscribe to a search, a
//! story, or the latest articles of an outlet in any feed reader: `/feeds/latest`,
//! `/feeds/search?q=…` (newest matches first) and `/feeds/story/{id}`, each taking the reader's
//! filters. Written with quick-xml, which escapes every text and attribute: headlines and leads
//! are scraped and hostile.

use chrono::{DateTime, Utc};
use marsad_store::ArticleSummary;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// Entries per feed: enough for a reader polling every few minutes to miss nothing on a busy
/// query, small enough to serve quickly.
pub const FEED_ENTRIES: usize = 50;

/// A feed to render.
pub struct Feed<'a> {
    /// Feed title (Arabic).
    pub title: String,
    /// Absolute URL of this feed (`rel="self"`).
    pub self_url: String,
    /// Absolute URL of the matching reader page (`rel="alternate"`).
    pub page_url: String,
    /// The server's base URL, for entry ids and links to the reader.
    pub base: &'a str,
    /// Entries, newest first.
    pub articles: &'a [ArticleSummary],
}

/// When an entry last changed for a feed reader: its publication time, else when marsad stored
/// it (an undated article must not look new on every poll).
pub(crate) fn entry_time(a: &ArticleSummary) -> DateTime<Utc> {
    a.published.unwrap_or(a.ingested_at)
}

fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, href: &str, kind: Option<&str>) -> std::io::Result<()> {
    let mut e = BytesStart::new("link");
    e.push_attribute(("rel", rel));
    e.push_attribute(("href", href));
    if let Some(k) = kind {
        e.push_attribute(("type", k));
    }
    w.write_event(Event::Empty(e))
}

/// Renders an Atom 1.0 document.
pub fn render(feed: &Feed<'_>) -> String {
    write(feed).unwrap_or_default()
}

fn write(feed: &Feed<'_>) -> std::io::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let mut root = BytesStart::new("feed");
    root.push_attribute(("xmlns", "http://www.w3.org/2005/Atom"));
    root.push_attribute(("xml:lang", "ar"));
    w.write_event(Event::Start(root))?;
    text_element(&mut w, "id", &feed.self_url)?;
    text_element(&mut w, "title", &feed.title)?;
    // An empty feed is as old as the epoch rather than "now": nothing in it changed.
    let updated = feed.articles.iter().map(entry_time).max().unwrap_or_default();
    text_element(&mut w, "updated", &updated.to_rfc3339())?;
    link(&mut w, "self", &feed.self_url, Some("application/atom+xml"))?;
    link(&mut w, "alternate", &feed.page_url, Some("text/html"))?;
    w.write_event(Event::Start(BytesStart::new("author")))?;
    text_element(&mut w, "name", "مرصد")?;
    w.write_event(Event::End(BytesEnd::new("author")))?;
    text_element(&mut w, "generator", "marsad")?;
    for a in feed.articles {
        let reader_page = format!("{}/article/{}", feed.base, a.id);
        w.write_event(Event::Start(BytesStart::new("entry")))?;
        text_element(&mut w, "id", &reader_page)?;
        text_element(&mut w, "title", &a.title)?;
        text_element(&mut w, "updated", &entry_time(a).to_rfc3339())?;
        if let Some(p) = a.published {
            text_element(&mut w, "published", &p.to_rfc3339())?;
        }
        // The outlet's own page is what a reader opens; marsad's copy (with its story) is next.
        match a.url.as_deref().filter(|u| crate::is_web_url(u)) {
            Some(u) => {
                link(&mut w, "alternate", u, Some("text/html"))?;
                link(&mut w, "related", &reader_page, Some("text/html"))?;
            }
            None => link(&mut w, "alternate", &reader_page, Some("text/html"))?,
        }
        if let Some(name) = a.outlet_name_ar.as_deref().or(a.outlet_name.as_deref()) {
            w.write_event(Event::Start(BytesStart::new("author")))?;
            text_element(&mut w, "name", name)?;
            w.write_event(Event::End(BytesEnd::new("author")))?;
        }
        if let Some(section) = &a.section {
            let mut c = BytesStart::new("category");
            c.push_attribute(("term", section.as_str()));
            w.write_event(Event::Empty(c))?;
        }
        if !a.lead.is_empty() {
            text_element(&mut w, "summary", &a.lead)?;
        }
        w.write_event(Event::End(BytesEnd::new("entry")))?;
    }
    w.write_event(Event::End(BytesEnd::new("feed")))?;
    Ok(String::from_utf8(w.into_inner()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: i64, title: &str, url: Option<&str>, published: Option<i64>) -> ArticleSummary {
        ArticleSummary {
            id,
            title: title.into(),
            url: url.map(String::from),
            published: published.and_then(|t| DateTime::from_timestamp(t, 0)),
            published_date: None,
            undated: published.is_none(),
            undated_reason: published.is_none().then_some(marsad_store::Undated::NoDateOnPage),
            outlet_id: Some("x".into()),
            outlet_name: Some("X News".into()),
            outlet_name_ar: Some("أخبار إكس".into()),
            section: Some("world".into()),
            section_label: None,
            language: Some("ar".into()),
            language_name: Some("العربية".into()),
            lead: "نص & <b>مقدمة</b>".into(),
            ingested_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn hostile_text_is_escaped_and_scripts_links_dropped() {
        let articles = [
            summary(
                1,
                "عنوان <script>alert(1)</script> & \"اقتباس\"",
                Some("javascript:alert(1)"),
                Some(1_700_000_000),
            ),
            summary(2, "خبر بلا تاريخ", Some("https://example.org/a?x=1&y=2"), None),
        ];
        let xml = render(&Feed {
            title: "بحث: كيم".into(),
            self_url: "http://h/feeds/search?q=%D9%83&x=1".into(),
            page_url: "http://h/search?q=%D9%83".into(),
            base: "http://h",
            articles: &articles,
        });
        assert!(!xml.contains("<script>") && !xml.contains("<b>"), "{xml}");
        assert!(xml.contains("&lt;script&gt;") && xml.contains("&amp;y=2") && xml.contains("q=%D9%83&amp;x=1"));
        assert!(!xml.contains("javascript:"));
        // The undated article is dated by when it was stored; the feed by its newest entry.
        assert!(xml.contains("<updated>2027-01-15T08:00:00+00:00</updated>"), "{xml}");
    }
}
