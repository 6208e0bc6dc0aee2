//! WARC: Common Crawl CC-NEWS-shaped archives ingest; a crawl's `--warc-out` replays to the same
//! articles.

use std::io::Write;
use std::sync::Arc;

use flate2::Compression;
use flate2::write::GzEncoder;
use marsad_ingest::warc::WarcItem;
use marsad_store::{Filter, Store};

use super::crawl::{config, crawl};
use super::site::{self, SiteSpec};
use super::{run, write};

/// One WARC record as its own gzip member, as Common Crawl writes them.
fn record(kind: &str, uri: Option<&str>, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut head = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2026-11-20T06:15:00Z\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n",
        block.len() ^ kind.len(),
        block.len()
    );
    if let Some(u) = uri {
        head.push_str(&format!("WARC-Target-URI: {u}\r\n"));
    }
    head.push_str("\r\n");
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(head.as_bytes()).unwrap();
    gz.write_all(block).unwrap();
    gz.write_all(b"\r\n\r\n").unwrap();
    gz.finish().unwrap()
}

fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nServer: test\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

#[test]
fn a_cc_news_shaped_warc_gz_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let mut warc = record("warcinfo", None, "application/warc-fields", b"software: test\r\nformat: WARC/1.0\r\n");
    let pages: [(&str, Vec<u8>, &str); 2] = [
        (
            "https://news.example/politics/2026/11/20/71",
            site::article_page(71, None).into_bytes(),
            "text/html; charset=UTF-8",
        ),
        (
            "https://legacy.example/article.php?id=72",
            encoding_rs::WINDOWS_1256
                .encode(&site::article_page(72, None).replace("<meta charset=\"utf-8\">", ""))
                .0
                .into_owned(),
            "text/html; charset=windows-1256",
        ),
    ];
    for (uri, body, ct) in &pages {
        warc.extend(record("request", Some(uri), "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"));
        warc.extend(record(
            "response",
            Some(uri),
            "application/http; msgtype=response",
            &http_response("200 OK", ct, body),
        ));
        warc.extend(record("metadata", Some(uri), "application/warc-fields", b"fetchTimeMs: 120\r\n"));
    }
    // Not articles: a 404, an image, a revisit.
    warc.extend(record(
        "response",
        Some("https://news.example/missing"),
        "application/http; msgtype=response",
        &http_response("404 Not Found", "text/html", b"<html><body>not found</body></html>"),
    ));
    warc.extend(record(
        "response",
        Some("https://news.example/logo.jpg"),
        "application/http; msgtype=response",
        &http_response("200 OK", "image/jpeg", &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
    ));
    warc.extend(record("revisit", Some(pages[0].0), "application/http; msgtype=response", b"HTTP/1.1 200 OK\r\n\r\n"));
    let path = write(dir.path(), "CC-NEWS-20261120061500-00001.warc.gz", &warc);

    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let (summary, rejected) = run(&store, &[path]);
    assert_eq!(summary.new, 2, "{summary:?} {rejected:?}");
    let items = store.latest(&Filter::default(), 0, 10).unwrap().items;
    let mut got: Vec<(String, String)> = items.into_iter().map(|a| (a.url.unwrap(), a.title)).collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("https://legacy.example/article.php?id=72".to_string(), site::title(72)),
            ("https://news.example/politics/2026/11/20/71".to_string(), site::title(71)),
        ]
    );
}

#[test]
fn a_crawl_written_as_warc_replays_to_the_same_articles() {
    let a = site::start(
        "127.0.0.1",
        SiteSpec {
            feed_items: (81..=85)
                .map(|n| format!("/news/{n}"))
                .chain(["/redirect/86", "/big404"].map(String::from))
                .map(|p| (p, "Fri, 20 Nov 2026 08:00:00 GMT".to_string()))
                .collect(),
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let warc_dir = dir.path().join("warc");
    let store = Arc::new(Store::open(dir.path().join("crawl")).unwrap());
    store.add_feed(&a.url("/feed.xml"), None, None, None).unwrap();
    let mut cfg = config();
    cfg.warc_out = Some(warc_dir.clone());
    let (summary, _) = crawl(&store, cfg);
    assert_eq!(summary.new, 6);

    // Every exchange is archived, whatever its status: robots.txt (absent here: 404), the feed,
    // the redirect and the page it leads to, and the 404 page — whose 240 KB body is cut and
    // marked so.
    let mut statuses = Vec::new();
    let mut raw = String::new();
    for f in std::fs::read_dir(&warc_dir).unwrap() {
        let bytes = std::fs::read(f.unwrap().path()).unwrap();
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut text).unwrap();
        raw.push_str(&String::from_utf8_lossy(&text));
        for item in marsad_ingest::warc::WarcReader::new(&text[..]) {
            match item.unwrap() {
                WarcItem::Response(resp) => {
                    statuses.push((resp.url.rsplit('/').next().unwrap().to_string(), resp.status, resp.body.len()))
                }
                WarcItem::Rejected(r) => panic!("the crawl wrote a record it cannot read back: {r}"),
            }
        }
    }
    statuses.sort();
    for want in [("robots.txt", 404), ("feed.xml", 200), ("86", 301), ("86", 200), ("big404", 404)] {
        assert!(statuses.iter().any(|(u, st, _)| (u.as_str(), *st) == want), "{want:?} not in {statuses:?}");
    }
    let big = statuses.iter().find(|(u, _, _)| u == "big404").unwrap();
    assert_eq!(big.2, marsad_ingest::fetch::EXCHANGE_BODY_MAX);
    assert_eq!(raw.matches("WARC-Truncated: length").count(), 1);

    let replay = Store::open(dir.path().join("replay")).unwrap();
    let (again, rejected) = run(&replay, &[warc_dir]);
    assert_eq!(again.new, 6, "{again:?} {rejected:?} {:#?}", replay.latest(&Filter::default(), 0, 100).unwrap().items);
    let articles = |s: &Store| {
        let mut v: Vec<(Option<String>, String, Option<chrono::DateTime<chrono::Utc>>)> = s
            .latest(&Filter::default(), 0, 100)
            .unwrap()
            .items
            .into_iter()
            .map(|a| (a.url, a.title, a.published))
            .collect();
        v.sort();
        v
    };
    assert_eq!(articles(&store), articles(&replay));
}
