//! Where new article URLs come from: RSS 0.9x/2.0, Atom and RDF feeds (feed-rs, given the raw
//! bytes so that a windows-1256 declaration is honoured), Google News sitemaps and sitemap indexes,
//! and OPML outlet lists.

use chrono::{DateTime, Utc};
use quick_xml::Reader;
use quick_xml::events::Event;

/// A link to an article found in a feed or sitemap.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The article URL (absolute).
    pub url: String,
    /// Title given with it.
    pub title: Option<String>,
    /// Publication date given with it.
    pub published: Option<DateTime<Utc>>,
}

/// What a feed or sitemap URL held.
#[derive(Debug, Clone, PartialEq)]
pub enum Listing {
    /// Article links.
    Links(Vec<Link>),
    /// A sitemap index: more sitemaps to read.
    Sitemaps(Vec<String>),
}

/// The name of the XML document's root element, if it is XML.
fn root_element(bytes: &[u8]) -> Option<String> {
    let mut r = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                return Some(e.local_name().as_ref().to_ascii_lowercase());
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// What a listing's bytes look like: `sitemap`, `sitemap-index` or `feed`.
pub fn listing_kind(bytes: &[u8]) -> &'static str {
    match root_element(bytes).as_deref() {
        Some("urlset") => "sitemap",
        Some("sitemapindex") => "sitemap-index",
        _ => "feed",
    }
}

fn absolute(base: &str, href: &str) -> Option<String> {
    url::Url::parse(base).ok()?.join(href.trim()).ok().map(|u| u.to_string())
}

/// Parses a sitemap (`<urlset>`, with the Google News extension) or a sitemap index.
fn parse_sitemap(bytes: &[u8], base: &str, index: bool) -> Result<Listing, String> {
    let mut r = Reader::from_reader(bytes);
    r.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let (mut loc, mut title, mut date): (Option<String>, Option<String>, Option<String>) = (None, None, None);
    let mut links = Vec::new();
    let mut maps = Vec::new();
    let mut text = String::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                path.push(e.local_name().as_ref().to_ascii_lowercase());
                text.clear();
            }
            Ok(Event::End(_)) => {
                let closed = path.pop().unwrap_or_default();
                let value = std::mem::take(&mut text).trim().to_string();
                match closed.as_str() {
                    "loc" => loc = Some(value),
                    "title" => title = Some(value),
                    "publication_date" => date = Some(value),
                    "lastmod" if date.is_none() => date = Some(value),
                    _ => {}
                }
                if closed == "url" || closed == "sitemap" {
                    if let Some(u) = loc.take().and_then(|l| absolute(base, &l)) {
                        if index {
                            maps.push(u);
                        } else {
                            let published = date.take().and_then(|d| marsad_extract::dates::parse_machine_date(&d));
                            links.push(Link { url: u, title: title.take(), published });
                        }
                    }
                    title = None;
                    date = None;
                }
            }
            // Text arrives in pieces around entity references.
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) => text.push_str(&t.into_inner()),
            Ok(Event::GeneralRef(r)) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else if let Some(c) = quick_xml::escape::resolve_predefined_entity(&r) {
                    text.push_str(c);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("malformed sitemap XML at byte {}: {e}", r.buffer_position())),
            _ => {}
        }
        buf.clear();
    }
    Ok(if index { Listing::Sitemaps(maps) } else { Listing::Links(links) })
}

/// Parses what a feed or sitemap URL returned. `base` resolves relative links.
pub fn parse_listing(bytes: &[u8], base: &str) -> Result<Listing, String> {
    parse_listing_ttl(bytes, base).map(|(l, _)| l)
}

/// [`parse_listing`], with the feed's `<ttl>` (minutes) when it gives one: how long the publisher
/// asks readers to wait between polls.
pub fn parse_listing_ttl(bytes: &[u8], base: &str) -> Result<(Listing, Option<u32>), String> {
    match root_element(bytes).as_deref() {
        Some("urlset") => return parse_sitemap(bytes, base, false).map(|l| (l, None)),
        Some("sitemapindex") => return parse_sitemap(bytes, base, true).map(|l| (l, None)),
        _ => {}
    }
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a feed or sitemap: {e}"))?;
    let ttl = feed.ttl;
    let links = feed
        .entries
        .into_iter()
        .filter_map(|e| {
            let href = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .map(|l| l.href.clone())
                .or_else(|| e.id.starts_with("http").then(|| e.id.clone()))?;
            Some(Link {
                url: absolute(base, &href)?,
                title: e.title.map(|t| t.content),
                published: e.published.or(e.updated),
            })
        })
        .collect();
    Ok((Listing::Links(links), ttl))
}

/// A feed listed in an OPML file.
#[derive(Debug, Clone, PartialEq)]
pub struct OpmlFeed {
    /// Feed URL (`xmlUrl`).
    pub url: String,
    /// Outlet name in Arabic (`text`).
    pub name_ar: Option<String>,
    /// Outlet name in Latin script (`title`).
    pub name_en: Option<String>,
    /// Country (`country`).
    pub country: Option<String>,
}

/// Reads the feeds of an OPML file.
pub fn parse_opml(bytes: &[u8]) -> Result<Vec<OpmlFeed>, String> {
    let mut r = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                let mut f = OpmlFeed { url: String::new(), name_ar: None, name_en: None, country: None };
                for a in e.attributes().flatten() {
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|c| c.into_owned())
                        .unwrap_or_default();
                    match a.key.local_name().as_ref() {
                        "xmlUrl" => f.url = v,
                        "text" => f.name_ar = Some(v),
                        "title" => f.name_en = Some(v),
                        "country" => f.country = Some(v),
                        _ => {}
                    }
                }
                if !f.url.is_empty() {
                    out.push(f);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("malformed OPML at byte {}: {e}", r.buffer_position())),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Writes feeds as OPML 2.0, the list every feed reader imports: `text` the Arabic name (else
/// the Latin one, else the URL, as readers need a label), `title` the Latin name, `country`.
/// [`parse_opml`] reads it back unchanged.
pub fn write_opml(title: &str, feeds: &[OpmlFeed]) -> String {
    use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText};
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    let write = |w: &mut quick_xml::Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        let mut root = BytesStart::new("opml");
        root.push_attribute(("version", "2.0"));
        w.write_event(Event::Start(root))?;
        w.write_event(Event::Start(BytesStart::new("head")))?;
        w.write_event(Event::Start(BytesStart::new("title")))?;
        w.write_event(Event::Text(BytesText::new(title)))?;
        w.write_event(Event::End(BytesEnd::new("title")))?;
        w.write_event(Event::End(BytesEnd::new("head")))?;
        w.write_event(Event::Start(BytesStart::new("body")))?;
        for f in feeds {
            let mut o = BytesStart::new("outline");
            o.push_attribute(("type", "rss"));
            o.push_attribute(("text", f.name_ar.as_deref().or(f.name_en.as_deref()).unwrap_or(&f.url)));
            if let Some(t) = &f.name_en {
                o.push_attribute(("title", t.as_str()));
            }
            o.push_attribute(("xmlUrl", f.url.as_str()));
            if let Some(c) = &f.country {
                o.push_attribute(("country", c.as_str()));
            }
            w.write_event(Event::Empty(o))?;
        }
        w.write_event(Event::End(BytesEnd::new("body")))?;
        w.write_event(Event::End(BytesEnd::new("opml")))?;
        Ok(())
    };
    // Writing into a Vec cannot fail.
    let _ = write(&mut w);
    String::from_utf8(w.into_inner()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opml_written_reads_back_unchanged() {
        let feeds = vec![
            OpmlFeed {
                url: "https://example.org/rss?a=1&b=2".into(),
                name_ar: Some("صحيفة \"المرصد\" <الأولى>".into()),
                name_en: Some("Al-Marsad & Co".into()),
                country: Some("MA".into()),
            },
            OpmlFeed { url: "https://example.net/feed".into(), name_ar: None, name_en: None, country: None },
        ];
        let xml = write_opml("مرصد", &feeds);
        assert!(xml.contains("&amp;b=2") && xml.contains("&lt;الأولى&gt;"), "{xml}");
        let mut back = parse_opml(xml.as_bytes()).unwrap();
        // An unnamed feed is labelled with its URL (readers need a text).
        assert_eq!(back[1].name_ar.take().as_deref(), Some("https://example.net/feed"));
        assert_eq!(back, feeds);
    }

    #[test]
    fn rss_atom_and_relative_links() {
        let rss = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
            <item><title>خبر أول</title><link>/news/1</link><pubDate>Tue, 13 Mar 2018 10:00:00 GMT</pubDate></item>
            <item><title>خبر ثان</title><link>https://other.example/2</link></item></channel></rss>"#;
        let Listing::Links(l) = parse_listing(rss.as_bytes(), "https://site.example/feed").unwrap() else { panic!() };
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].url, "https://site.example/news/1");
        assert_eq!(l[0].title.as_deref(), Some("خبر أول"));
        assert!(l[0].published.is_some());
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title><id>x</id><updated>2018-03-13T10:00:00Z</updated>
            <entry><title>عنوان</title><id>urn:1</id><link href="https://site.example/a"/><updated>2018-03-13T10:00:00Z</updated></entry></feed>"#;
        let Listing::Links(l) = parse_listing(atom.as_bytes(), "https://site.example/").unwrap() else { panic!() };
        assert_eq!(l[0].url, "https://site.example/a");
    }

    #[test]
    fn windows_1256_feed() {
        let rss = "<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss version=\"2.0\"><channel><title>t</title><item><title>خبر عاجل</title><link>https://s.example/1</link></item></channel></rss>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(rss);
        let Listing::Links(l) = parse_listing(&bytes, "https://s.example/").unwrap() else { panic!() };
        assert_eq!(l[0].title.as_deref(), Some("خبر عاجل"));
    }

    #[test]
    fn news_sitemap_and_index() {
        let sm = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://s.example/a</loc><news:news><news:publication_date>2018-03-13T08:00:00+03:00</news:publication_date><news:title>عنوان أ</news:title></news:news></url>
            <url><loc>https://s.example/b</loc></url></urlset>"#;
        let Listing::Links(l) = parse_listing(sm.as_bytes(), "https://s.example/").unwrap() else { panic!() };
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].title.as_deref(), Some("عنوان أ"));
        assert_eq!(l[0].published.unwrap().to_rfc3339(), "2018-03-13T05:00:00+00:00");
        let idx = r#"<sitemapindex><sitemap><loc>https://s.example/news.xml</loc></sitemap></sitemapindex>"#;
        assert_eq!(
            parse_listing(idx.as_bytes(), "https://s.example/").unwrap(),
            Listing::Sitemaps(vec!["https://s.example/news.xml".into()])
        );
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        assert!(parse_listing(b"<rss><channel><item><title>x</tit", "https://s.example/").is_err());
        assert!(parse_listing(b"not xml at all", "https://s.example/").is_err());
    }

    #[test]
    fn opml() {
        let o = r#"<opml version="2.0"><body><outline text="أخبار" title="News"><outline type="rss" text="سام برس" title="Sam Press" country="YE" xmlUrl="https://sampress.net/rss.xml"/></outline></body></opml>"#;
        let f = parse_opml(o.as_bytes()).unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].name_en.as_deref(), Some("Sam Press"));
        assert_eq!(f[0].country.as_deref(), Some("YE"));
    }
}
