//! HTTP tests against a real server on 127.0.0.1, port 0.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use marsad_extract::{Article, Format, Outlet};
use marsad_store::{NewArticle, Store};

struct Response {
    status: u16,
    headers: String,
    body: String,
}

/// A deliberately small HTTP/1.1 client: one GET, `Connection: close`, read to the end.
fn get(addr: SocketAddr, path: &str) -> Response {
    get_with(addr, path, "")
}

/// [`get`] with one more request header line (`Name: value`), or none when empty.
fn get_with(addr: SocketAddr, path: &str, extra: &str) -> Response {
    let extra = if extra.is_empty() { String::new() } else { format!("{extra}\r\n") };
    exchange(addr, &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Connection: close\r\n\r\n"))
        .unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// Sends a whole raw request and reads the response to the end. An error when the server closed
/// the connection without a well-formed answer, or gave none within a generous 60 s.
fn exchange(addr: SocketAddr, request: &str) -> Result<Response, String> {
    let mut s = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
    s.write_all(request.as_bytes()).map_err(|e| format!("write: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    let text = String::from_utf8(raw).map_err(|e| format!("not UTF-8: {e}"))?;
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| format!("no response head in {text:?}"))?;
    let status =
        head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| format!("no status in {head:?}"))?;
    Ok(Response { status, headers: head.to_ascii_lowercase(), body: body.to_string() })
}

fn encode(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

fn article(title: &str, body: &str, url: &str, day: u32) -> NewArticle {
    let mut a = Article::new(Format::Jsonl);
    a.title = title.into();
    a.paragraphs = body.split('\n').map(String::from).collect();
    a.url = Some(url.into());
    a.outlet =
        Some(Outlet {
            id: "sampress".into(), name_ar: Some("سام برس".into()), name_en: Some("Sam Press".into())
        });
    a.section = Some("world".into());
    a.section_label = Some("العالم".into());
    a.language = Some("ar".into());
    a.published = Some(Utc.with_ymd_and_hms(2023, 9, day, 8, 0, 0).unwrap());
    NewArticle::new(a, "test")
}

/// Starts a server (`marsad_web::serve`, default options) over a fresh store holding a few
/// articles, one of them hostile.
fn server() -> (SocketAddr, tempfile::TempDir) {
    let (store, dir) = seeded_store();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || rt.block_on(marsad_web::serve(listener, store)));
    (addr, dir)
}

/// A server started by [`spawn_server`]: dropping it (or sending on `stop`) shuts it down.
struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    /// Receives once `serve_until` has returned.
    done: std::sync::mpsc::Receiver<()>,
}

/// Serves `router` with `options` through `serve_until` on its own runtime and thread.
fn spawn_server(router: axum::Router, options: marsad_web::ServeOptions) -> Server {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (done_tx, done) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        rt.block_on(marsad_web::serve_until(listener, router, options, async {
            let _ = stopped.await;
        }));
        let _ = done_tx.send(());
    });
    Server { addr, stop: Some(stop), done }
}

/// A store holding a few articles (one of them hostile), clustered into stories.
fn seeded_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut batch = vec![
        article(
            "الكرملين يعلن زيارة كيم جونغ أون",
            "أعلن الكرملين أن الزعيم الكوري الشمالي كيم جونغ أون سيزور روسيا في الأيام المقبلة.",
            "https://sampress.net/1",
            4,
        ),
        article(
            "<script>alert(1)</script>",
            "نص فيه <img src=x onerror=alert(2)> وسم خبيث و\"اقتباس\" و&amp; رموز.",
            "javascript:alert(3)",
            5,
        ),
    ];
    for i in 0..25 {
        batch.push(article(
            &format!("خبر رقم {i}"),
            &format!("نص الخبر رقم {i} عن الاقتصاد والأسواق."),
            &format!("https://sampress.net/n{i}"),
            1,
        ));
    }
    // A second outlet covers the Kremlin story, so it is a story of two outlets.
    let mut other = article(
        "الكرملين: كيم جونج أون يزور روسيا قريبا",
        "قال الكرملين إن الزعيم الكوري الشمالي كيم جونج أون سيزور روسيا خلال الأيام المقبلة بدعوة من بوتين.",
        "https://www.skynewsarabia.com/world/9",
        4,
    );
    other.article.outlet = Some(Outlet {
        id: "skynews-arabia".into(),
        name_ar: Some("سكاي نيوز عربية".into()),
        name_en: Some("Sky News Arabia".into()),
    });
    batch.push(other);
    store.insert_batch(&batch).unwrap();
    store.commit().unwrap();
    marsad_ingest::cluster_pending(&store, None).unwrap();
    marsad_ingest::entities::annotate_pending(&store, &mut |_, _| {}).unwrap();
    (store, dir)
}

mod browser;
mod hostile;
mod reader;
mod reader_data;
mod search_problems;
mod serving;

mod entities {
    use super::*;

    fn json(r: &Response) -> serde_json::Value {
        assert_eq!(r.status, 200, "{}", r.body);
        serde_json::from_str(&r.body).expect("JSON")
    }

    /// The seeded store with a quotation of a titled person (hostile markup inside it) added.
    fn server_with_a_quotation() -> (SocketAddr, tempfile::TempDir) {
        let (store, dir) = seeded_store();
        let quoted = article(
            "ماكرون يتحدث عن السلام",
            "وقال الرئيس الفرنسي إيمانويل ماكرون: «<script>alert(4)</script> نريد السلام الآن».",
            "https://sampress.net/q",
            6,
        );
        store.insert_batch(&[quoted]).unwrap();
        store.commit().unwrap();
        marsad_ingest::entities::annotate_pending(&store, &mut |_, _| {}).unwrap();
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || rt.block_on(marsad_web::serve(listener, store)));
        (addr, dir)
    }

    #[test]
    fn entity_search_page_and_quotes_over_http() {
        let (addr, _dir) = server_with_a_quotation();
        let found = json(&get(addr, &format!("/api/entities?q={}", encode("ماكرون"))));
        let first = &found["items"][0];
        assert_eq!(first["kind"], "PERS", "{found}");
        assert_eq!(first["name"], "إيمانويل ماكرون");
        assert!(first["articles"].as_i64() >= Some(1));
        assert!(first["names"].as_array().is_some_and(|n| !n.is_empty()));
        let id = first["id"].as_i64().expect("an id");
        let page = json(&get(addr, &format!("/api/entities/{id}")));
        assert_eq!(page["entity"]["id"], id);
        assert!(page["roles"].to_string().contains("الرئيس الفرنسي"), "{page}");
        let quotes = json(&get(addr, &format!("/api/entities/{id}/quotes")));
        let text = quotes["items"][0]["text"].as_str().expect("a quotation");
        // Stored as written; JSON carries it as a string, never as markup.
        assert!(text.contains("نريد السلام الآن"), "{quotes}");
        let missing = get(addr, "/api/entities/999999");
        assert_eq!(missing.status, 404);
        assert!(missing.body.contains("no entity with id 999999"));
    }

    #[test]
    fn entity_page_links_from_the_article_and_escapes_what_was_said() {
        let (addr, _dir) = server_with_a_quotation();
        let found = json(&get(addr, &format!("/api/entities?q={}", encode("إيمانويل ماكرون"))));
        let id = found["items"][0]["id"].as_i64().expect("an id");
        let page = get(addr, &format!("/entity/{id}"));
        assert_eq!(page.status, 200);
        assert!(page.body.contains("إيمانويل ماكرون") && page.body.contains("شخص"), "{}", page.body);
        assert!(page.body.contains("الرئيس الفرنسي"), "the role is shown");
        assert!(page.body.contains("نريد السلام الآن"), "the quotation is shown");
        assert!(!page.body.contains("<script>alert(4)"), "hostile text is escaped");
        assert!(
            page.body.contains("&lt;script&gt;alert(4)") || page.body.contains("&#60;script&#62;alert(4)"),
            "{}",
            page.body
        );
        // The article names him, linked.
        let article = json(&get(addr, &format!("/api/entities/{id}")))["articles"][0][0].as_i64().expect("an article");
        let a = get(addr, &format!("/article/{article}"));
        assert!(a.body.contains(&format!("href=\"/entity/{id}\"")), "{}", a.body);
        // Search and listings narrowed to the entity.
        let hits = json(&get(addr, &format!("/api/search?q={}&entity={id}", encode("السلام"))));
        assert_eq!(hits["total"], 1, "{hits}");
        let none = json(&get(addr, &format!("/api/search?q={}&entity={id}", encode("الكرملين"))));
        assert_eq!(none["total"], 0, "{none}");
        let latest = json(&get(addr, &format!("/api/articles?entity={id}")));
        assert_eq!(latest["total"], 1, "{latest}");
        assert_eq!(get(addr, "/api/articles?entity=abc").status, 400);
        let missing = get(addr, "/entity/999999");
        assert_eq!(missing.status, 404);
        assert!(missing.body.contains("لا يوجد كيان بهذا المعرّف"));
    }

    #[test]
    fn the_most_mentioned_without_a_query() {
        let (addr, _dir) = server();
        let top = json(&get(addr, "/api/entities"));
        assert!(top["items"].as_array().is_some_and(|i| !i.is_empty()), "{top}");
    }
}

mod pages {
    use super::*;

    #[test]
    fn latest_is_rtl_arabic_with_newest_first_and_pagination() {
        let (addr, _dir) = server();
        let r = get(addr, "/latest");
        assert_eq!(r.status, 200);
        assert!(r.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
        let first = r.body.find("&#60;script&#62;").unwrap();
        let later = r.body.find("الكرملين يعلن").unwrap();
        assert!(first < later, "newest first");
        assert!(r.body.contains("rel=\"next\""));
        let p2 = get(addr, "/latest?page=2");
        assert!(p2.body.contains("rel=\"prev\""));
        assert!(!p2.body.contains("rel=\"next\""));
    }

    #[test]
    fn search_page_highlights_variants() {
        let (addr, _dir) = server();
        let r = get(addr, &format!("/search?q={}", encode("كيم جونج أون")));
        assert_eq!(r.status, 200);
        assert!(r.body.contains("<mark>كيم جونغ أون</mark>"), "{}", r.body);
    }

    #[test]
    fn article_page_and_missing_article() {
        let (addr, _dir) = server();
        let r = get(addr, "/article/1");
        assert_eq!(r.status, 200);
        assert!(r.body.contains("سيزور روسيا"));
        // Published 4 September 2023: 19 Safar 1445 by Umm al-Qura, shown beside the Gregorian date.
        assert!(r.body.contains("<dt>التاريخ الهجري</dt><dd>19 صفر 1445 هـ</dd>"), "{}", r.body);
        assert!(r.body.contains("href=\"https://sampress.net/1\""));
        assert_eq!(get(addr, "/article/4242").status, 404);
        assert_eq!(get(addr, "/article/not-a-number").status, 404);
    }

    #[test]
    fn filters_by_outlet_and_section() {
        let (addr, _dir) = server();
        let r = get(addr, "/latest?source=sampress&section=world");
        assert!(r.body.contains("<bdi dir=\"ltr\">27</bdi> مقالًا"), "{}", r.body);
        let r = get(addr, "/latest?section=sport");
        assert!(r.body.contains("لا مقالات"));
    }
}

mod stories {
    use super::*;

    #[test]
    fn home_shows_top_stories_with_their_outlets() {
        let (addr, _dir) = server();
        let r = get(addr, "/");
        assert_eq!(r.status, 200);
        assert!(r.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(r.body.contains("مصدران · مقالان"), "{}", r.body);
        assert!(r.body.contains("سكاي نيوز عربية، سام برس") || r.body.contains("سام برس، سكاي نيوز عربية"));
        let all = get(addr, "/stories");
        assert_eq!(all.status, 200);
        assert!(all.body.contains("href=\"/story/"));
    }

    #[test]
    fn story_page_groups_coverage_by_outlet() {
        let (addr, _dir) = server();
        let v: serde_json::Value = serde_json::from_str(&get(addr, "/api/stories?limit=1").body).unwrap();
        let id = v["items"][0]["id"].as_i64().unwrap();
        assert_eq!(v["items"][0]["outlets"], 2);
        let r = get(addr, &format!("/story/{id}"));
        assert_eq!(r.status, 200);
        assert!(r.body.contains("سكاي نيوز عربية</span> · مقال واحد"), "{}", r.body);
        assert!(r.body.contains("سام برس</span> · مقال واحد"), "{}", r.body);
        let d: serde_json::Value = serde_json::from_str(&get(addr, &format!("/api/stories/{id}")).body).unwrap();
        assert_eq!(d["by_outlet"].as_array().unwrap().len(), 2);
        assert_eq!(get(addr, "/story/99999").status, 404);
        assert_eq!(get(addr, "/api/stories/99999").status, 404);
    }

    #[test]
    fn related_articles_on_article_page_and_api() {
        let (addr, _dir) = server();
        let v: serde_json::Value = serde_json::from_str(&get(addr, "/api/articles/1/related?limit=5").body).unwrap();
        let titles: Vec<&str> = v["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
        assert_eq!(titles.first(), Some(&"الكرملين: كيم جونج أون يزور روسيا قريبا"), "{titles:?}");
        let r = get(addr, "/article/1");
        assert!(r.body.contains("مقالات ذات صلة") && r.body.contains("كل التغطيات لهذه القصة"));
        assert_eq!(get(addr, "/api/articles/4242/related").status, 404);
    }

    #[test]
    fn trending_api() {
        let (addr, _dir) = server();
        let v: serde_json::Value = serde_json::from_str(&get(addr, "/api/stories?trending=48&limit=3").body).unwrap();
        assert!(v["items"][0]["trend"].as_f64().unwrap() > 0.0);
    }
}

mod escaping {
    use super::*;

    /// Regression guard: text taken from pages must never reach the reader as markup.
    #[test]
    fn hostile_title_body_and_url_are_escaped_everywhere() {
        let (addr, _dir) = server();
        let id = 2;
        let hostile_story = {
            let all: serde_json::Value = serde_json::from_str(&get(addr, "/api/stories?limit=50").body).unwrap();
            all["items"].as_array().unwrap().iter().find(|s| s["title"].as_str().unwrap().contains("<script>")).unwrap()
                ["id"]
                .as_i64()
                .unwrap()
        };
        for path in [
            "/".to_string(),
            "/latest".to_string(),
            "/stories".to_string(),
            format!("/story/{hostile_story}"),
            format!("/article/{id}"),
            format!("/search?q={}", encode("وسم خبيث")),
            "/feeds/latest".to_string(),
            format!("/feeds/search?q={}", encode("وسم خبيث")),
            format!("/feeds/story/{hostile_story}"),
        ] {
            let r = get(addr, &path);
            assert_eq!(r.status, 200, "{path}");
            assert!(!r.body.contains("<script>alert(1)"), "{path}: raw script tag");
            assert!(!r.body.contains("<img src=x"), "{path}: raw img tag");
            assert!(!r.body.contains("javascript:"), "{path}: javascript URL");
        }
        let a = get(addr, &format!("/article/{id}"));
        assert!(a.body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
        assert!(a.body.contains("&#60;img src=x onerror=alert(2)&#62;"));
        assert!(a.headers.contains("content-security-policy"));
        assert!(a.headers.contains("x-content-type-options: nosniff"));
    }
}

mod feeds {
    use super::*;

    fn parse(r: &Response) -> feed_rs::model::Feed {
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.headers.contains("content-type: application/atom+xml"), "{}", r.headers);
        feed_rs::parser::parse(r.body.as_bytes()).expect("a valid Atom document")
    }

    fn titles(f: &feed_rs::model::Feed) -> Vec<String> {
        f.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect()
    }

    #[test]
    fn latest_feed_lists_newest_first_with_links_to_the_outlet_and_the_reader() {
        let (addr, _dir) = server();
        let f = parse(&get(addr, "/feeds/latest"));
        assert_eq!(f.entries.len(), 28);
        let dates: Vec<_> = f.entries.iter().map(|e| e.published.unwrap()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        // The hostile headline comes back as the same text, not markup; its javascript: URL is
        // not a link, so the entry points at marsad's page.
        let hostile =
            f.entries.iter().find(|e| e.title.as_ref().unwrap().content == "<script>alert(1)</script>").unwrap();
        assert_eq!(hostile.links.len(), 1);
        assert!(hostile.links[0].href.starts_with(&format!("http://{addr}/article/")));
        let kremlin =
            f.entries.iter().find(|e| e.title.as_ref().unwrap().content.starts_with("الكرملين يعلن")).unwrap();
        assert_eq!(kremlin.links[0].href, "https://sampress.net/1");
        assert_eq!(kremlin.authors[0].name.as_deref(), Some("سام برس"));
        // A reader polling again with the ETag gets 304 and no body while nothing changed.
        let first = get(addr, "/feeds/latest");
        let etag = first.headers.lines().find_map(|l| l.strip_prefix("etag: ")).unwrap().to_string();
        let again = get_with(addr, "/feeds/latest", &format!("If-None-Match: {etag}"));
        assert_eq!((again.status, again.body.as_str()), (304, ""));
        assert_eq!(get_with(addr, "/feeds/latest", "If-None-Match: \"other\"").status, 200);
        // Filters narrow a feed as they narrow the page.
        let sky = parse(&get(addr, "/feeds/latest?source=skynews-arabia"));
        assert_eq!(titles(&sky), ["الكرملين: كيم جونج أون يزور روسيا قريبا"]);
    }

    #[test]
    fn search_feed_is_newest_first_and_pages_announce_their_feeds() {
        let (addr, _dir) = server();
        let q = encode("كيم جونغ أون");
        let f = parse(&get(addr, &format!("/feeds/search?q={q}")));
        assert_eq!(f.title.as_ref().unwrap().content, "مرصد — بحث: كيم جونغ أون");
        // Both spellings match; the feed is by date, whatever relevance says.
        let dates: Vec<_> = f.entries.iter().map(|e| e.published.unwrap()).collect();
        assert_eq!(f.entries.len(), 2);
        assert!(dates[0] >= dates[1]);
        assert_eq!(get(addr, "/feeds/search").status, 400);
        let page = get(addr, &format!("/search?q={q}"));
        assert!(page.body.contains(r#"<link rel="alternate" type="application/atom+xml""#));
        assert!(page.body.contains(&format!("href=\"/feeds/search?q={q}\"")), "{}", page.body);
        // The page offers both orders; an unknown order is refused, not ignored.
        assert!(page.body.contains(&format!("href=\"/search?q={q}&#38;sort=newest\"")), "{}", page.body);
        let newest = get(addr, &format!("/search?q={q}&sort=newest"));
        assert_eq!(newest.status, 200);
        assert!(newest.body.contains("<strong>الأحدث أولاً</strong>"));
        assert_eq!(get(addr, &format!("/search?q={q}&sort=oldest")).status, 400);
        let api: serde_json::Value =
            serde_json::from_str(&get(addr, &format!("/api/search?q={q}&sort=newest")).body).unwrap();
        assert_eq!(api["hits"].as_array().unwrap().len(), 2);
        assert_eq!(get(addr, &format!("/api/search?q={q}&sort=x")).status, 400);
        assert!(get(addr, "/latest").body.contains(r#"href="/feeds/latest""#));
    }

    #[test]
    fn story_feed_holds_the_story_and_a_missing_story_is_404() {
        let (addr, _dir) = server();
        let v: serde_json::Value = serde_json::from_str(&get(addr, "/api/stories?limit=1").body).unwrap();
        let id = v["items"][0]["id"].as_i64().unwrap();
        let f = parse(&get(addr, &format!("/feeds/story/{id}")));
        let mut t = titles(&f);
        t.sort();
        assert_eq!(t, ["الكرملين يعلن زيارة كيم جونغ أون", "الكرملين: كيم جونج أون يزور روسيا قريبا"]);
        assert!(get(addr, &format!("/story/{id}")).body.contains(&format!("href=\"/feeds/story/{id}\"")));
        assert_eq!(get(addr, "/feeds/story/99999").status, 404);
    }
}

mod api {
    use super::*;

    fn json(r: &Response) -> serde_json::Value {
        assert!(r.headers.contains("application/json"), "{}", r.headers);
        serde_json::from_str(&r.body).unwrap()
    }

    #[test]
    fn search_articles_article_and_health() {
        let (addr, _dir) = server();
        let v = json(&get(addr, &format!("/api/search?q={}&limit=5", encode("كيم يونغ-أون"))));
        assert_eq!(v["total"], 2);
        assert_eq!(v["hits"][0]["outlet_id"], "sampress");
        assert!(v["hits"][0]["snippet"]["marks"].as_array().unwrap().len() == 1);

        let v = json(&get(addr, "/api/articles?limit=3&offset=1"));
        assert_eq!(v["total"], 28);
        assert_eq!(v["items"].as_array().unwrap().len(), 3);

        let v = json(&get(addr, "/api/articles/1"));
        assert_eq!(v["title"], "الكرملين يعلن زيارة كيم جونغ أون");

        let r = get(addr, "/api/articles/999");
        assert_eq!(r.status, 404);
        assert!(json(&r)["error"].as_str().unwrap().contains("999"));

        let r = get(addr, "/api/search");
        assert_eq!(r.status, 400);
        let r = get(addr, "/api/articles?since=notadate");
        assert_eq!(r.status, 400);

        let v = json(&get(addr, "/healthz"));
        assert_eq!(v["status"], "ok");
        assert_eq!(v["articles"], 28);
    }
}
