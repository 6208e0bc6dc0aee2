//! `marsad run` against local sites: politeness, robustness, safety, conditional polls.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use marsad_extract::urls::canonical_key;
use marsad_ingest::crawl::{CrawlConfig, CrawlSummary, check_feeds, run};
use marsad_ingest::fetch::AllowPrivate;
use marsad_ingest::metrics::Metrics;
use marsad_store::{Filter, Store};

use super::site::{self, Site, SiteSpec};

const DATE: &str = "Fri, 20 Nov 2026 08:00:00 GMT";

fn item(path: &str) -> (String, String) {
    (path.to_string(), DATE.to_string())
}

/// Test settings: only 127.0.0.1 allowed, short paces and timeouts.
pub fn config() -> CrawlConfig {
    let mut cfg = CrawlConfig { once: true, cluster: false, url_attempts: 2, ..Default::default() };
    cfg.url_retry_base = Duration::from_millis(500);
    cfg.polite.host_interval = Duration::from_millis(100);
    cfg.fetch.allow_private = AllowPrivate::Hosts(vec![IpAddr::from([127, 0, 0, 1])]);
    cfg.fetch.read_timeout = Duration::from_millis(800);
    cfg.fetch.total_timeout = Duration::from_secs(5);
    cfg.fetch.attempts = 2;
    cfg.fetch.backoff = Duration::from_millis(50);
    cfg
}

pub fn crawl(store: &Arc<Store>, cfg: CrawlConfig) -> (CrawlSummary, Arc<Metrics>) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let metrics = Arc::new(Metrics::default());
    let (_tx, rx) = tokio::sync::watch::channel(false);
    let summary = rt.block_on(run(store.clone(), cfg, metrics.clone(), rx)).expect("crawl runs");
    (summary, metrics)
}

fn state(store: &Store, url: &str) -> (String, Option<String>) {
    store.url_state(&canonical_key(url).unwrap()).unwrap().unwrap_or_else(|| panic!("{url} not in the frontier"))
}

fn titles(store: &Store) -> Vec<String> {
    let mut t: Vec<String> =
        store.latest(&Filter::default(), 0, 1000).unwrap().items.into_iter().map(|a| a.title).collect();
    t.sort();
    t
}

/// Gaps between consecutive requests a site received.
fn gaps(site: &Site) -> Vec<Duration> {
    let hits = site.hits();
    hits.windows(2).map(|w| w[1].at.duration_since(w[0].at)).collect()
}

#[test]
fn every_case_behaves_as_specified() {
    // Site A: the outlet, with robots.txt and a feed listing every kind of page.
    let b = site::start("127.0.0.1", SiteSpec { robots: None, ..Default::default() });
    let c = site::start(
        "127.0.0.1",
        SiteSpec { robots: Some("User-agent: *\nCrawl-delay: 1\n".into()), ..Default::default() },
    );
    let private = site::start("127.0.0.2", SiteSpec::default());
    let mut items: Vec<(String, String)> = (1..=6).map(|n| item(&format!("/news/{n}"))).collect();
    items.extend(
        ["/private/1", "/redirect/7", "/loop/a", "/image.png", "/cp1256", "/news/1?utm_source=rss#comments"]
            .into_iter()
            .map(item),
    );
    for p in ["/missing", "/error", "/busy", "/flaky", "/slow", "/huge", "/bomb"] {
        items.push((b.url(p), DATE.into()));
    }
    for n in [11, 12, 13] {
        items.push((c.url(&format!("/news/{n}")), DATE.into()));
    }
    items.push((private.url("/news/1"), DATE.into()));
    items.push(("http://169.254.169.254/latest/meta-data/".into(), DATE.into()));
    items.push(("file:///etc/passwd".into(), DATE.into()));
    let a = site::start(
        "127.0.0.1",
        SiteSpec {
            robots: Some("User-agent: *\nDisallow: /private/\n\nUser-agent: marsad\nDisallow: /private/\n".into()),
            feed_items: items,
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    store.add_feed(&a.url("/feed.xml"), Some("موقع الاختبار"), None, None).unwrap();
    store.add_feed(&a.url("/bad.xml"), None, None, None).unwrap();
    store.add_feed(&a.url("/sitemap-index.xml"), None, None, None).unwrap();

    let (summary, metrics) = crawl(&store, config());

    // Articles: six plain pages, the redirect's target, the 429 and 503 pages after their
    // retries, the windows-1256 page, three from the Crawl-delay site, two from the sitemap.
    let stored = titles(&store);
    let expected: Vec<usize> = vec![1, 2, 3, 4, 5, 6, 7, 501, 502, 504, 11, 12, 13, 601, 602];
    assert_eq!(stored.len(), expected.len(), "{stored:#?}\n{summary:?}");
    for n in &expected {
        assert!(stored.contains(&site::title(*n)), "article {n} missing: {stored:#?}");
    }
    // The tracking-parameter twin of /news/1 was the same frontier entry: fetched once.
    assert_eq!(a.hits_on("/news/1").len(), 1);

    // robots.txt: the disallowed page was never requested.
    assert!(a.hits_on("/private/1").is_empty());
    assert_eq!(state(&store, &a.url("/private/1")), ("skipped".into(), Some("disallowed by robots.txt".into())));
    // Redirect loop, 404, persistent 500, timeout, 50 MB body, gzip bomb: failed, with reasons.
    let (st, why) = state(&store, &a.url("/loop/a"));
    assert_eq!(st, "failed");
    assert!(why.unwrap().contains("redirect loop"));
    assert_eq!(state(&store, &b.url("/missing")), ("failed".into(), Some("HTTP 404".into())));
    assert_eq!(b.hits_on("/missing").len(), 1, "a 404 is not retried");
    assert_eq!(state(&store, &b.url("/error")), ("failed".into(), Some("HTTP 500".into())));
    // Two attempts in place, twice from the frontier.
    assert_eq!(b.hits_on("/error").len(), 4);
    assert_eq!(state(&store, &b.url("/slow")).1.as_deref(), Some("timed out"));
    for p in ["/huge", "/bomb"] {
        let (st, why) = state(&store, &b.url(p));
        assert_eq!(st, "failed", "{p}");
        assert!(why.as_deref().unwrap().contains("body over 10485760 bytes"), "{p}: {why:?}");
    }
    // Not HTML: skipped with the reason.
    let (st, why) = state(&store, &a.url("/image.png"));
    assert_eq!(st, "skipped");
    assert!(why.unwrap().contains("image/png"));
    // Safety: the private address, the metadata address and file: were never fetched.
    assert!(private.hits().is_empty(), "a private address was contacted");
    let (st, why) = state(&store, &private.url("/news/1"));
    assert_eq!(st, "skipped");
    assert!(why.unwrap().contains("127.0.0.2 is not a public address"));
    let (st, why) = state(&store, "http://169.254.169.254/latest/meta-data/");
    assert_eq!(st, "skipped");
    assert!(why.unwrap().contains("not a public address"));
    assert!(store.url_state("etc/passwd").unwrap().is_none());

    // 429 with Retry-After: 1 — the retry came no sooner than asked (tolerance 100 ms).
    let busy = b.hits_on("/busy");
    assert_eq!(busy.len(), 2);
    assert!(busy[1].at.duration_since(busy[0].at) >= Duration::from_millis(900));
    // Per-host pace: 100 ms between any two requests to a host (tolerance 20 %), and the
    // Crawl-delay of 1 s on site C (tolerance 10 %).
    for site in [&a, &b] {
        for g in gaps(site) {
            assert!(g >= Duration::from_millis(80), "requests {g:?} apart");
        }
    }
    let c_gaps = gaps(&c);
    assert_eq!(c_gaps.len(), 3, "robots.txt then three pages");
    for g in c_gaps {
        assert!(g >= Duration::from_millis(900), "Crawl-delay not respected: {g:?}");
    }
    // robots.txt fetched once per host.
    assert_eq!(a.hits_on("/robots.txt").len(), 1);

    // The malformed feed: recorded on the feed, the crawl went on.
    let feeds = store.feeds().unwrap();
    let bad = feeds.iter().find(|f| f.url.ends_with("/bad.xml")).unwrap();
    assert_eq!(bad.last_status.as_deref(), Some("error"));
    assert!(bad.last_error.as_deref().unwrap().contains("not a feed"), "{:?}", bad.last_error);
    assert_eq!(bad.failures, 1);
    let good = feeds.iter().find(|f| f.url.ends_with("/feed.xml")).unwrap();
    assert_eq!(good.last_status.as_deref(), Some("200"));
    assert_eq!(good.etag.as_deref(), Some("\"v1\""));
    assert!(good.articles >= 10, "{good:?}");
    assert_eq!(summary.feed_errors, 1);
    assert!(metrics.render().contains("marsad_fetches_total{kind=\"page\",status=\"200\"}"));
    assert!(metrics.render().contains("marsad_queue_urls{state=\"queued\"} 0"), "{}", metrics.render());

    // A second run: the feed is asked conditionally (304) and nothing is fetched again.
    let before = a.hits().len();
    let (again, _) = crawl(&store, config());
    assert_eq!(again.new, 0);
    assert_eq!(again.pages, 0);
    let polls = a.hits_on("/feed.xml");
    assert_eq!(polls.last().unwrap().if_none_match.as_deref(), Some("\"v1\""));
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.iter().find(|f| f.url.ends_with("/feed.xml")).unwrap().last_status.as_deref(), Some("304"));
    let new_hits: Vec<String> = a.hits()[before..].iter().map(|h| h.path.clone()).collect();
    // (robots.txt is cached per run: a new run asks again.)
    assert!(new_hits.iter().all(|p| p.ends_with(".xml") || p == "/robots.txt"), "{new_hits:?}");
    assert_eq!(titles(&store).len(), expected.len());
}

#[test]
fn canonical_links_and_redirect_targets_are_not_fetched_twice() {
    let a = site::start(
        "127.0.0.1",
        SiteSpec { feed_items: vec![item("/canonical/21"), item("/redirect/22")], ..Default::default() },
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    store.add_feed(&a.url("/feed.xml"), None, None, None).unwrap();
    crawl(&store, config());
    assert_eq!(titles(&store).len(), 2);
    // The pages' own addresses are now known: a feed listing them adds nothing to fetch.
    let rows: Vec<(String, String, String, Option<i64>)> = ["/news/21", "/news/22"]
        .iter()
        .map(|p| (canonical_key(&a.url(p)).unwrap(), a.url(p), a.addr.to_string(), None))
        .collect();
    assert_eq!(store.enqueue(&rows, None, 0).unwrap(), 0);
    assert_eq!(state(&store, &a.url("/news/21")).0, "done");
    assert_eq!(state(&store, &a.url("/news/22")).0, "done");
}

#[test]
fn feeds_check_reports_without_storing() {
    let a = site::start("127.0.0.1", SiteSpec { feed_items: vec![item("/news/1")], ..Default::default() });
    let urls = vec![
        a.url("/feed.xml"),
        a.url("/bad.xml"),
        a.url("/sitemap-index.xml"),
        a.url("/missing"),
        a.url("/"),
        a.url("/news/2"),
    ];
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let checks = rt.block_on(check_feeds(&config(), &urls)).unwrap();
    assert_eq!(checks.len(), 6);
    // A home page is read through the feeds it announces; a page announcing none says what to do.
    assert!(checks[4].ok && checks[4].links == 1 && checks[4].kind.as_deref() == Some("page-feeds"), "{:?}", checks[4]);
    assert!(!checks[5].ok && checks[5].error.as_deref().unwrap().contains("announces no feed"), "{:?}", checks[5]);
    assert!(checks[0].ok && checks[0].links == 1 && checks[0].kind.as_deref() == Some("feed"));
    assert!(!checks[1].ok && checks[1].error.as_deref().unwrap().contains("not a feed"));
    assert!(checks[2].ok && checks[2].links == 2 && checks[2].kind.as_deref() == Some("sitemap-index"));
    assert!(!checks[3].ok && checks[3].error.as_deref() == Some("HTTP 404"), "{:?}", checks[3]);
    assert!(a.hits_on("/news/1").is_empty());
}

#[test]
fn a_home_page_given_as_feed_is_followed_through_the_feed_it_announces() {
    let a = site::start(
        "127.0.0.1",
        SiteSpec { feed_items: vec![item("/news/71"), item("/news/72")], ..Default::default() },
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    store.add_feed(&a.url("/"), None, None, None).unwrap();
    let (summary, _) = crawl(&store, config());
    assert_eq!(summary.new, 2, "{summary:?}");
    assert_eq!(a.hits_on("/feed.xml").len(), 1);
    let feeds = store.feeds().unwrap();
    assert_eq!((feeds[0].last_status.as_deref(), feeds[0].articles), (Some("200"), 2), "{:?}", feeds[0]);
}

#[test]
fn stop_hands_in_flight_work_back_and_commits() {
    let a = site::start(
        "127.0.0.1",
        SiteSpec {
            feed_items: (31..=40).map(|n| item(&format!("/news/{n}"))).collect(),
            page_delay: Duration::from_millis(400),
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    store.add_feed(&a.url("/feed.xml"), None, None, None).unwrap();
    let mut cfg = config();
    cfg.once = false;
    cfg.grace = Duration::from_millis(100);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (tx, rx) = tokio::sync::watch::channel(false);
    let summary = rt.block_on(async {
        let handle = tokio::spawn(run(store.clone(), cfg, Arc::new(Metrics::default()), rx));
        tokio::time::sleep(Duration::from_millis(1500)).await;
        tx.send(true).unwrap();
        handle.await.unwrap().unwrap()
    });
    let stored = summary.new as usize;
    assert!(stored < 10, "stopped early: {summary:?}");
    // Everything stored is committed and searchable; the rest is still queued.
    assert_eq!(store.latest(&Filter::default(), 0, 100).unwrap().total, stored);
    assert_eq!(store.frontier_stats().unwrap().queued as usize, 10 - stored);
    // A later run finishes the job without duplicates.
    crawl(&store, config());
    assert_eq!(titles(&store).len(), 10);
}
