//! `marsad feeds` and `marsad run` against a local outlet: kill -9 and restart store every
//! article exactly once; SIGTERM exits 0 with everything committed; /metrics while running.
//! `marsad serve` stops on SIGTERM too.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use marsad_store::{Filter, Store};

use super::*;

const PAGES: usize = 24;

const CITIES: [&str; 8] = ["الرباط", "القاهرة", "عمّان", "بغداد", "صنعاء", "الخرطوم", "تونس", "الدوحة"];
const TOPICS: [&str; 6] =
    ["الموازنة العامة", "مشروع الطاقة الشمسية", "الانتخابات البلدية", "أسعار القمح", "شبكة السكك الحديدية", "موسم الحج"];

fn page(n: usize) -> String {
    let city = CITIES[n % CITIES.len()];
    let topic = TOPICS[n % TOPICS.len()];
    let paras: String = (0..5)
        .map(|i| {
            format!(
                "<p>{city} - أعلنت السلطات في {city} اليوم تفاصيل جديدة حول {topic} في التقرير رقم {n} الفقرة {i}، وقال مسؤولون إن العمل سيستمر خلال الأشهر المقبلة وفق الجدول الزمني المعلن للتقرير {n}.</p>",
                topic = TOPICS[(n + i) % TOPICS.len()]
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{topic} في {city}: التقرير {n}</title>
<meta property="article:published_time" content="2026-11-21T10:00:00+03:00"></head><body>
<nav>الرئيسية › محليات</nav><article><h1>{topic} في {city}: التقرير {n}</h1>{paras}</article>
<footer>جميع الحقوق محفوظة</footer></body></html>"#
    )
}

struct Outlet {
    addr: SocketAddr,
    served: Arc<AtomicUsize>,
}

/// An outlet whose article pages take 100 ms each.
fn outlet() -> Outlet {
    let served = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::channel();
    let counter = served.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let base = format!("http://{addr}");
            let feed = move || {
                let items: String = (1..=PAGES)
                    .map(|n| format!("<item><title>تقرير {n}</title><link>{base}/news/{n}</link></item>"))
                    .collect();
                let body = format!(r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>منفذ</title>{items}</channel></rss>"#);
                async move { ([(header::CONTENT_TYPE, "application/rss+xml")], body) }
            };
            let app = Router::new()
                .route("/feed.xml", get(feed))
                .route(
                    "/news/{n}",
                    get(|State(c): State<Arc<AtomicUsize>>, UrlPath(n): UrlPath<usize>| async move {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        c.fetch_add(1, Ordering::SeqCst);
                        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page(n))
                    }),
                )
                .route("/robots.txt", get(|| async { StatusCode::NOT_FOUND.into_response() }))
                .with_state(counter);
            tx.send(addr).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    Outlet { addr, served }
}

/// An outlet with one feed item whose page is `html`.
fn one_page_outlet(html: String) -> SocketAddr {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let feed = format!(
                r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>منفذ</title><item><title>خبر</title><link>http://{addr}/news/1</link></item></channel></rss>"#
            );
            let app = Router::new()
                .route("/feed.xml", get(move || async move { ([(header::CONTENT_TYPE, "application/rss+xml")], feed) }))
                .route("/news/1", get(move || async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html) }))
                .route("/robots.txt", get(|| async { StatusCode::NOT_FOUND.into_response() }));
            tx.send(addr).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv_timeout(Duration::from_secs(30)).unwrap()
}

fn run_cmd(data: &std::path::Path, extra: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("marsad"));
    c.arg("--data").arg(data).env_remove("MARSAD_DATA").args([
        "run",
        "--allow-private-host",
        "127.0.0.1",
        "--host-delay",
        "0.02",
    ]);
    c.args(extra);
    c
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(120), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stored_titles(data: &std::path::Path) -> Vec<String> {
    let store = Store::open(data).unwrap();
    store.latest(&Filter::default(), 0, 1000).unwrap().items.into_iter().map(|a| a.title).collect()
}

#[test]
fn kill_9_mid_run_then_restart_stores_every_article_exactly_once() {
    let o = outlet();
    let data = tempfile::tempdir().unwrap();
    marsad(data.path()).args(["feeds", "add", &format!("http://{}/feed.xml", o.addr)]).assert().success();
    let mut child = run_cmd(data.path(), &[]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    wait_for("some pages to be fetched", || o.served.load(Ordering::SeqCst) >= 8);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let served_before = o.served.load(Ordering::SeqCst);
    assert!(served_before < PAGES, "the run finished before it was killed");

    let out = run_cmd(data.path(), &["--once"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut titles = stored_titles(data.path());
    assert_eq!(titles.len(), PAGES, "{titles:#?}");
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), PAGES, "an article was stored twice");
    // Only the pages in flight at the kill (at most one per host) were fetched again.
    assert!(o.served.load(Ordering::SeqCst) <= PAGES + 2, "{} fetches", o.served.load(Ordering::SeqCst));
}

fn http_get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn sigterm_stops_cleanly_with_everything_committed_and_metrics_served_meanwhile() {
    let o = outlet();
    let data = tempfile::tempdir().unwrap();
    marsad(data.path()).args(["feeds", "add", &format!("http://{}/feed.xml", o.addr)]).assert().success();
    let mut child =
        run_cmd(data.path(), &["--serve", "127.0.0.1:0"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let addr = loop {
        line.clear();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "marsad exited before serving");
        if let Some(rest) = line.trim().strip_prefix("marsad: serving on http://") {
            break rest.to_string();
        }
    };
    wait_for("some pages to be fetched", || o.served.load(Ordering::SeqCst) >= 5);
    let metrics = http_get(&addr, "/metrics");
    assert!(metrics.contains("200 OK"), "{metrics}");
    assert!(metrics.contains("marsad_fetches_total{kind=\"feed\",status=\"200\"} 1"), "{metrics}");
    assert!(metrics.contains("marsad_queue_urls{state=\"queued\"}"), "{metrics}");
    let status = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit status {exit:?}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("new articles"), "{rest}");
    // Everything fetched before the signal is stored and searchable.
    let stored = stored_titles(data.path()).len();
    assert!(stored >= 4, "{stored} stored");
    let store = Store::open(data.path()).unwrap();
    assert_eq!(store.index_lag().unwrap(), 0);
}

#[test]
fn feeds_import_list_check_remove() {
    let data = tempfile::tempdir().unwrap();
    let opml = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../feeds/arabic-outlets.opml");
    let import = |expect: &str| {
        marsad(data.path())
            .arg("feeds")
            .arg("import")
            .arg(&opml)
            .assert()
            .success()
            .stdout(predicate::str::contains(expect));
    };
    import("feeds added");
    let out = marsad(data.path()).args(["feeds", "list", "--json"]).output().unwrap();
    let feeds = json(&out.stdout);
    let feeds = feeds.as_array().unwrap();
    assert!(feeds.len() >= 40, "{} feeds", feeds.len());
    for f in feeds {
        let ar = f["outlet"].as_str().unwrap();
        assert!(ar.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)), "{f}");
        let latin = f["title"].as_str().unwrap();
        assert!(
            latin.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_ascii() || ('\u{00c0}'..='\u{024f}').contains(&c)),
            "{f}"
        );
        assert_eq!(f["country"].as_str().unwrap().len(), 2, "{f}");
    }
    // Importing again adds nothing.
    import("0 feeds added");
    // Exported, the list imports elsewhere as it was: same URLs, names and countries.
    let exported = data.path().join("export.opml");
    marsad(data.path()).args(["feeds", "export"]).arg(&exported).assert().success();
    let elsewhere = tempfile::tempdir().unwrap();
    marsad(elsewhere.path())
        .args(["feeds", "import"])
        .arg(&exported)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!("{} feeds added", feeds.len())));
    let again = json(&marsad(elsewhere.path()).args(["feeds", "list", "--json"]).output().unwrap().stdout);
    let key = |f: &serde_json::Value| {
        (f["url"].to_string(), f["outlet"].to_string(), f["title"].to_string(), f["country"].to_string())
    };
    let mut a: Vec<_> = feeds.iter().map(key).collect();
    let mut b: Vec<_> = again.as_array().unwrap().iter().map(key).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    let stdout = marsad(data.path()).args(["feeds", "export"]).output().unwrap().stdout;
    assert!(String::from_utf8(stdout).unwrap().starts_with("<?xml"));

    // Checking: a working feed and a missing one; exit status 1 because one failed; nothing stored.
    let o = outlet();
    let good = format!("http://{}/feed.xml", o.addr);
    let bad = format!("http://{}/gone.xml", o.addr);
    marsad(data.path())
        .args(["feeds", "check", &good, &bad, "--allow-private-host", "127.0.0.1"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("{PAGES} links")))
        .stdout(predicate::str::contains("FAILED").and(predicate::str::contains("HTTP 404")));
    // Without permission, a local address is refused before any request.
    marsad(data.path())
        .args(["feeds", "check", &good])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("127.0.0.1 is not a public address"));
    assert_eq!(o.served.load(Ordering::SeqCst), 0);

    let first = feeds[0]["id"].as_i64().unwrap().to_string();
    marsad(data.path()).args(["feeds", "remove", &first]).assert().success();
    marsad(data.path())
        .args(["feeds", "remove", &first])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no feed"));
    marsad(data.path()).args(["feeds", "add", "ftp://example.org/feed"]).assert().failure();
    // `run` without feeds says what to do.
    let empty = tempfile::tempdir().unwrap();
    marsad(empty.path()).args(["run", "--once"]).assert().failure().stderr(predicate::str::contains("feeds add"));
}

/// Issue 9: a page whose walk never returned (a long «…»-ended paragraph after a dateline) hung
/// `marsad run`, which then also ignored SIGTERM. The crawl of that page now finishes and stores it.
#[test]
fn run_once_over_the_page_that_hung_the_walk_finishes() {
    let cut: String = ["كلمة"; 27].join(" ") + "…";
    let html = format!(
        r#"<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>خبر</title></head><body><article>
<p>قال مسؤولون في الحكومة إن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في العاصمة بعد توقف طويل.</p>
<p>القاهرة - وكالات</p><p>{cut}</p></article></body></html>"#
    );
    let addr = one_page_outlet(html);
    let data = tempfile::tempdir().unwrap();
    marsad(data.path()).args(["feeds", "add", &format!("http://{addr}/feed.xml")]).assert().success();
    let mut child = run_cmd(data.path(), &["--once"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("marsad run --once did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert_eq!(stored_titles(data.path()).len(), 1);
}

/// Issue 9: `marsad serve` listened only for Ctrl-C, so the SIGTERM a service manager sends
/// killed it mid-request.
#[test]
fn serve_exits_0_on_sigterm() {
    let data = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("marsad"))
        .arg("--data")
        .arg(data.path())
        .env_remove("MARSAD_DATA")
        .args(["serve", "--addr", "127.0.0.1:0", "--base-url", "https://marsad.example.org"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    assert!(stderr.read_line(&mut line).unwrap() > 0, "marsad exited before serving");
    let addr = line.trim().rsplit_once(" on http://").map(|(_, a)| a.to_string()).unwrap_or_else(|| panic!("{line}"));
    assert!(http_get(&addr, "/healthz").contains("200 OK"));
    // Feed links are on the configured address.
    assert!(http_get(&addr, "/feeds/latest").contains("https://marsad.example.org/feeds/latest"));
    let status = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit status {exit:?}");
}
