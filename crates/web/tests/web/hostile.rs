//! Issue 9: requests an attacker would send. One GET with a huge offset aborted the whole server
//! (tantivy reserved `offset + limit` slots), `i64::MAX` and page overflow answered 500 with the
//! panic text, huge listing pages 500 "datatype mismatch", and bad numbers axum's own text.
//! Every one is now a 400 that states the bound, and the server stays up.

use super::*;

/// A 400 from the API: JSON `{"error": …}` whose message contains `needle`.
fn assert_api_400(r: &Response, what: &str, needle: &str) {
    assert_eq!(r.status, 400, "{what}: {}", r.body);
    assert!(r.headers.contains("content-type: application/json"), "{what}: {}", r.headers);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{what}: {e}: {}", r.body));
    let msg = v["error"].as_str().unwrap_or_else(|| panic!("{what}: {}", r.body));
    assert!(msg.contains(needle), "{what}: {msg}");
}

/// A 400 from the reader: the Arabic error page, whose message contains `needle`.
fn assert_page_400(r: &Response, what: &str, needle: &str) {
    assert_eq!(r.status, 400, "{what}: {}", r.body);
    assert!(r.headers.contains("content-type: text/html"), "{what}: {}", r.headers);
    assert!(r.body.contains("<html lang=\"ar\" dir=\"rtl\">") && r.body.contains("طلب غير صالح"), "{what}: {}", r.body);
    assert!(r.body.contains(needle), "{what}: {}", r.body);
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

fn assert_400(r: &Response, path: &str, needle: &str) {
    if is_api(path) { assert_api_400(r, path, needle) } else { assert_page_400(r, path, needle) }
}

#[test]
fn huge_search_offset_is_a_400_not_an_abort() {
    let (addr, _dir) = server();
    let r = get(addr, "/api/search?q=x&offset=4000000000");
    assert_api_400(&r, "offset 4e9", "offset + limit may not pass 10000");
    let r = get(addr, "/search?q=x&page=99999999999");
    assert_page_400(&r, "page 1e11", "from 1 to 500");
    assert!(r.body.contains("10000"), "the message states the window: {}", r.body);
    assert_eq!(get(addr, "/healthz").status, 200, "the server is still up");
}

#[test]
fn i64_max_offset_and_page_overflow_are_400s_not_500s() {
    let (addr, _dir) = server();
    let max = i64::MAX;
    for path in [
        format!("/api/search?q=x&offset={max}"),
        format!("/api/articles?offset={max}"),
        format!("/api/stories?offset={max}"),
        format!("/search?q=x&page={max}"),
        format!("/?q=x&page={max}"),
        format!("/latest?page={max}"),
        format!("/stories?page={max}"),
    ] {
        let r = get(addr, &path);
        assert!(!r.body.contains("panic") && !r.body.contains("overflow"), "{path}: {}", r.body);
        assert_400(&r, &path, "10000");
    }
}

#[test]
fn huge_listing_pages_are_400s_not_datatype_mismatches() {
    let (addr, _dir) = server();
    // (page - 1) × 20 and these offsets are past i64::MAX but inside u64: SQLite read them as
    // real numbers and failed.
    for path in [
        "/latest?page=500000000000000000",
        "/stories?page=500000000000000000",
        "/api/articles?offset=18446744073709551615",
        "/api/stories?offset=18446744073709551615",
    ] {
        let r = get(addr, path);
        assert!(!r.body.contains("datatype mismatch"), "{path}: {}", r.body);
        assert_400(&r, path, "10000");
    }
}

#[test]
fn negative_non_numeric_and_repeated_paging_parameters_are_400s_with_our_message() {
    let (addr, _dir) = server();
    for (path, needle) in [
        ("/latest?page=-1", "page must be a whole number from 1 to 500"),
        ("/latest?page=abc", "page must be a whole number from 1 to 500"),
        ("/stories?page=1.5", "page must be a whole number from 1 to 500"),
        ("/search?q=x&page=-3", "page must be a whole number from 1 to 500"),
        ("/api/articles?limit=-1", "limit must be a whole number from 1 to 200"),
        ("/api/articles?offset=abc", "offset must be a whole number from 0 to 9980"),
        ("/api/search?q=x&offset=-20", "offset must be a whole number"),
        ("/api/stories?trending=abc", "trending must be a whole number"),
        ("/api/articles/1/related?limit=abc", "limit must be a whole number from 1 to 200"),
        ("/api/articles?limit=1&limit=2", "give each parameter once"),
        ("/latest?page=1&page=2", "give each parameter once"),
    ] {
        let r = get(addr, path);
        assert!(!r.body.contains("Failed to deserialize"), "{path}: axum's own text: {}", r.body);
        assert_400(&r, path, needle);
    }
}

#[test]
fn limits_past_the_api_maximum_are_400s_that_state_it() {
    let (addr, _dir) = server();
    for path in [
        "/api/articles?limit=201",
        "/api/search?q=x&limit=4000000000",
        "/api/stories?limit=0",
        "/api/stories?trending=48&limit=100000",
        "/api/articles/1/related?limit=4000000000",
    ] {
        assert_api_400(&get(addr, path), path, "limit must be a whole number from 1 to 200");
    }
    // The bounds themselves are served.
    assert_eq!(get(addr, "/api/articles?offset=9800&limit=200").status, 200);
    assert_eq!(get(addr, "/latest?page=500").status, 200);
}

/// Every paged route with every kind of bad number.
fn hostile_paths() -> Vec<String> {
    let values = [
        "4000000000",
        "99999999999",
        "9223372036854775807",
        "18446744073709551615",
        "99999999999999999999999",
        "-1",
        "abc",
        "1e3",
    ];
    let mut paths = Vec::new();
    for v in values {
        for route in ["/latest?", "/stories?", "/search?q=x&", "/?q=x&"] {
            paths.push(format!("{route}page={v}"));
        }
        for route in ["/api/search?q=x&", "/api/articles?", "/api/stories?"] {
            paths.push(format!("{route}offset={v}"));
            paths.push(format!("{route}limit={v}"));
        }
        paths.push(format!("/api/stories?trending=48&limit={v}"));
        paths.push(format!("/api/articles/1/related?limit={v}"));
    }
    paths
}

/// The whole barrage at once, against a server whose header timeout is 1 s: 200 connections that
/// send half a request line and stall, every hostile paging request from four threads, feeds
/// asked for under someone else's Host. /healthz answers throughout and afterwards, every hostile
/// request gets a 4xx (never a 5xx, never a dropped connection), the stalled connections are
/// closed by the server, and no feed link leads to evil.example.
#[test]
fn barrage_of_hostile_requests_never_takes_the_server_down() {
    let (store, _dir) = seeded_store();
    let options = marsad_web::ServeOptions { header_read_timeout: Duration::from_secs(1), ..Default::default() };
    let server = spawn_server(marsad_web::router(store), options);
    let addr = server.addr;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let stalled = rt.block_on(serving::stall(addr, 200));

    let healthy = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (healthy, done) = (healthy.clone(), done.clone());
        std::thread::spawn(move || {
            let mut checks = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                if get(addr, "/healthz").status != 200 {
                    healthy.store(false, std::sync::atomic::Ordering::SeqCst);
                }
                checks += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            checks
        })
    };

    let paths = hostile_paths();
    let firing: Vec<_> = paths
        .chunks(paths.len().div_ceil(4))
        .map(|chunk| {
            let chunk = chunk.to_vec();
            std::thread::spawn(move || {
                for path in chunk {
                    let r =
                        exchange(addr, &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"))
                            .unwrap_or_else(|e| panic!("{path}: connection dropped: {e}"));
                    assert!((400..500).contains(&r.status), "{path}: {} {}", r.status, r.body);
                }
            })
        })
        .collect();
    for path in ["/feeds/latest", "/feeds/search?q=%D9%83%D9%8A%D9%85", "/feeds/latest?page=99999999999&offset=-1"] {
        let r = exchange(
            addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n"
            ),
        )
        .unwrap_or_else(|e| panic!("{path}: {e}"));
        // A feed has no pages: paging parameters are ignored, never obeyed.
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(!r.body.contains("evil.example"), "{path}: {}", r.body);
        assert!(r.body.contains(&format!("href=\"http://{addr}/")), "{path}: {}", r.body);
    }
    for f in firing {
        f.join().expect("a hostile request was not answered with a 4xx");
    }

    let closed = rt.block_on(serving::closed_within(stalled, Duration::from_secs(10)));
    assert_eq!(closed, 200, "stalled connections the server closed within 10 s");
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let checks = watcher.join().unwrap();
    assert!(checks > 0 && healthy.load(std::sync::atomic::Ordering::SeqCst), "/healthz failed during the barrage");
    assert_eq!(get(addr, "/healthz").status, 200, "/healthz after the barrage");
}

/// Issue 9: one huge article made its page never answer. Bodies are capped when stored and when
/// read; the page shows the head of the text and says, with the counts, that it is cut.
#[test]
fn huge_article_page_answers_and_says_the_text_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = article("خبر طويل جدا", &"كلمة ".repeat(2_000_000), "https://sampress.net/huge", 3);
    marsad_extract::finish(&mut a.article);
    store.insert_batch(&[a]).unwrap();
    store.commit().unwrap();
    let server = spawn_server(marsad_web::router(store), marsad_web::ServeOptions::default());
    let r = get(server.addr, "/article/1");
    assert_eq!(r.status, 200);
    assert!(r.body.len() < 400_000, "{} bytes", r.body.len());
    assert!(r.body.contains("نص المقال مقتطع"), "no cut note");
    assert!(r.body.contains(r#"<bdi dir="ltr">10,000,000</bdi>"#), "the whole body's length, grouped, left-to-right");
}
