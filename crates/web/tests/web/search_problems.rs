//! Issue 10: a search that cannot find anything says why — nothing ingested yet, only stop
//! words, an unknown outlet or section — in Arabic on the reader's page and as a 400 JSON error
//! from the API, instead of "0 results".

use super::*;

/// Serves an empty store (nothing ever ingested).
fn empty_server() -> (SocketAddr, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || rt.block_on(marsad_web::serve(listener, store)));
    (addr, dir)
}

fn api_error(r: &Response) -> String {
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body));
    v["error"].as_str().unwrap_or_else(|| panic!("no error in {}", r.body)).to_string()
}

#[test]
fn search_of_an_empty_store_says_nothing_is_ingested_yet() {
    let (addr, _dir) = empty_server();
    let page = get(addr, &format!("/search?q={}", encode("زلزال")));
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.body.contains("لم تُضَف أي مقالات") && page.body.contains("marsad ingest"), "{}", page.body);
    let api = get(addr, &format!("/api/search?q={}", encode("زلزال")));
    assert_eq!(api.status, 400);
    assert!(api_error(&api).starts_with("nothing has been ingested"), "{}", api.body);
}

#[test]
fn unknown_outlet_and_section_are_named_with_the_known_ones() {
    let (addr, _dir) = server();
    let q = encode("الكرملين");
    let page = get(addr, &format!("/search?q={q}&source=nowhere-news"));
    assert_eq!(page.status, 400);
    assert!(page.body.contains("مصدر غير معروف «nowhere-news»") && page.body.contains("sampress"), "{}", page.body);
    let api = get(addr, &format!("/api/search?q={q}&source=nowhere-news"));
    assert_eq!(api.status, 400);
    let e = api_error(&api);
    assert!(e.starts_with("unknown outlet «nowhere-news»; known: ") && e.contains("skynews-arabia"), "{e}");

    let section = encode("طبخ");
    let page = get(addr, &format!("/search?q={q}&section={section}"));
    assert_eq!(page.status, 400);
    assert!(page.body.contains("قسم غير معروف «طبخ»") && page.body.contains("رياضة"), "{}", page.body);
    let api = get(addr, &format!("/api/search?q={q}&section={section}"));
    assert!(api_error(&api).starts_with("unknown section «طبخ»; known: world"), "{}", api.body);

    // Known ones still search: an outlet by its Arabic name, a section by the outlet's label.
    let ok = get(addr, &format!("/api/search?q={q}&source={}&section={}", encode("سام برس"), encode("العالم")));
    assert_eq!(ok.status, 200, "{}", ok.body);
}

#[test]
fn a_query_of_stop_words_only_says_they_are_not_searched() {
    let (addr, _dir) = server();
    let q = encode("في من على");
    let page = get(addr, &format!("/search?q={q}"));
    assert_eq!(page.status, 400);
    assert!(page.body.contains("كلمات شائعة لا يُبحث عنها"), "{}", page.body);
    let api = get(addr, &format!("/api/search?q={q}"));
    assert_eq!(api.status, 400);
    assert!(api_error(&api).contains("only common words"), "{}", api.body);
}

#[test]
fn hostile_outlet_names_in_the_message_are_escaped() {
    let (addr, _dir) = server();
    let page = get(addr, &format!("/search?q={}&source={}", encode("الكرملين"), encode("<script>x</script>")));
    assert_eq!(page.status, 400);
    let escaped = page.body.contains("&lt;script&gt;x") || page.body.contains("&#60;script&#62;x");
    assert!(!page.body.contains("<script>x") && escaped, "{}", page.body);
}
