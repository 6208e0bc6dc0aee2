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
