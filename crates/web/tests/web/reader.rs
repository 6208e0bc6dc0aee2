//! Issue 10, "a truthful reader" (presentation): counts that agree with their nouns, dates that
//! keep their order in right-to-left pages and say their zone, the original page's headline lists
//! set apart from marsad's, and errors in the route's language.

use marsad_extract::model::{DateSource, Headline, HeadlineList};

use super::*;

/// A store of the seeded articles plus, when given, more.
fn store_with(extra: Vec<NewArticle>) -> (Store, tempfile::TempDir) {
    let (store, dir) = seeded_store();
    if !extra.is_empty() {
        store.insert_batch(&extra).unwrap();
        store.commit().unwrap();
        marsad_ingest::cluster_pending(&store, None).unwrap();
    }
    (store, dir)
}

fn serve_in(store: Store, zone: &str) -> Server {
    let options = marsad_web::RouterOptions { zone: zone.parse().unwrap(), ..Default::default() };
    spawn_server(marsad_web::router_with(store, options), marsad_web::ServeOptions::default())
}

fn story_of(addr: SocketAddr, title_part: &str) -> i64 {
    let v: serde_json::Value = serde_json::from_str(&get(addr, "/api/stories?limit=100").body).unwrap();
    v["items"].as_array().unwrap().iter().find(|s| s["title"].as_str().unwrap().contains(title_part)).unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// Found: «1 مصادر · 1 مقالات» on every single-article story card, «31 مقالات» in summaries.
#[test]
fn one_article_story_reads_masdar_wahid_maqal_wahid_not_1_masadir_1_maqalat() {
    let (store, _dir) = store_with(vec![]);
    let server = serve_in(store, "UTC");
    for path in ["/stories", "/"] {
        let r = get(server.addr, path);
        assert_eq!(r.status, 200);
        assert!(r.body.contains("مصدر واحد · مقال واحد"), "{path}: {}", r.body);
        assert!(!r.body.contains("1 مصادر") && !r.body.contains("1 مقالات"), "{path}");
    }
    let r = get(server.addr, "/stories");
    let total = serde_json::from_str::<serde_json::Value>(&get(server.addr, "/api/stories").body).unwrap()["total"]
        .as_u64()
        .unwrap();
    // The number of stories in a left-to-right isolate, and its noun agreeing with it.
    let noun = match total % 100 {
        3..=10 => "قصص",
        _ => "قصة",
    };
    assert!(total > 2, "{total}");
    assert!(r.body.contains(&format!("<bdi dir=\"ltr\">{total}</bdi> {noun}، الأوسع")), "{}", r.body);
    // 27 articles of one outlet: the accusative singular, not «27 مقالات».
    let r = get(server.addr, "/latest?source=sampress");
    assert!(r.body.contains("<bdi dir=\"ltr\">27</bdi> مقالًا") && !r.body.contains("27 مقالات"), "{}", r.body);
    assert!(get(server.addr, "/").body.contains("<bdi dir=\"ltr\">48</bdi> ساعة"));
    let story = story_of(server.addr, "كيم");
    assert!(get(server.addr, &format!("/story/{story}")).body.contains("مصدران · مقالان"));
    let search = get(server.addr, &format!("/search?q={}", encode("كيم جونغ أون")));
    assert!(search.body.contains("نتيجتان"), "{}", search.body);
}

/// Found: `2018-09-11` shown reversed in right-to-left text, same-day and multi-day ranges
/// running opposite ways, and times without a zone.
#[test]
fn dates_are_in_ltr_isolates_in_the_display_zone_and_ranges_read_from_then_to() {
    let (store, _dir) = store_with(vec![]);
    let riyadh = serve_in(store, "Asia/Riyadh");
    let r = get(riyadh.addr, "/article/1");
    // Published 2023-09-04 08:00 UTC: 11:00 in Riyadh, labelled, inside an isolate.
    assert!(
        r.body.contains("<bdi dir=\"ltr\"><time datetime=\"2023-09-04T11:00:00+03:00\">2023-09-04 11:00</time></bdi>"),
        "{}",
        r.body
    );
    assert!(r.body.contains("<bdi dir=\"ltr\">UTC+3</bdi>"), "{}", r.body);
    assert!(r.body.contains("الأوقات بتوقيت <bdi dir=\"ltr\">Asia/Riyadh</bdi>"), "{}", r.body);
    assert!(!r.body.contains("<time dir=\"ltr\""), "a bare time element is no isolate");

    let (store, _dir2) = store_with(vec![]);
    let utc = serve_in(store, "UTC");
    assert!(get(utc.addr, "/latest").body.contains("(غرينتش)"));
    // The Kremlin story: 4 September, both articles at 08:00 — one instant. Add a later one on
    // another day and the range reads «من … إلى …», earlier first.
    let mut later = article(
        "الكرملين يؤكد موعد زيارة كيم جونغ أون إلى روسيا",
        "أكد الكرملين أن الزعيم الكوري الشمالي كيم جونغ أون سيزور روسيا في الأيام المقبلة.",
        "https://sampress.net/later",
        5,
    );
    later.article.published = Some(Utc.with_ymd_and_hms(2023, 9, 5, 20, 15, 0).unwrap());
    let (store, _dir3) = store_with(vec![later]);
    let s = serve_in(store, "UTC");
    let id = story_of(s.addr, "كيم");
    let page = get(s.addr, &format!("/story/{id}")).body;
    let from = page.find("من <bdi dir=\"ltr\"><time").expect("a range opening «من»");
    let to = page[from..].find(" إلى <bdi dir=\"ltr\"><time").map(|i| i + from).expect("«إلى» after it");
    let (first, last) = (page.find(">2023-09-04 08:00<").unwrap(), page.find(">2023-09-05 20:15<").unwrap());
    assert!(from < first && first < to && to < last, "{page}");
    assert!(!page.contains('→') && !page.contains(" – "), "one direction only");
}

#[test]
fn unknown_tz_is_refused_naming_iana() {
    let e = "Europe/Nowhere".parse::<marsad_web::DisplayZone>().unwrap_err().to_string();
    assert!(e.contains("IANA") && e.contains("Asia/Riyadh"), "{e}");
}

/// Found: an article whose page gave no date showed nothing (and, with the data side's bug, the
/// time it was stored); it is said to be undated.
#[test]
fn undated_article_is_shown_as_undated() {
    let mut a = article("بيان بلا تاريخ", "نص بيان لم تذكر صفحته تاريخاً.", "https://sampress.net/undated", 1);
    a.article.published = None;
    let (store, _dir) = store_with(vec![a]);
    let server = serve_in(store, "UTC");
    let v: serde_json::Value = serde_json::from_str(&get(server.addr, "/api/articles?limit=200").body).unwrap();
    let id = v["items"].as_array().unwrap().iter().find(|a| a["title"] == "بيان بلا تاريخ").unwrap()["id"].clone();
    let page = get(server.addr, &format!("/article/{id}")).body;
    let meta = &page[page.find("<div class=\"meta\">").unwrap()..];
    let meta = &meta[..meta.find("</div>").unwrap()];
    assert!(meta.contains("بلا تاريخ") && !meta.contains("<time"), "{meta}");
}

/// Found: «أخبار النجوم», «فن وموسيقى» listed under marsad's related articles with no label, as
/// if marsad had chosen them.
#[test]
fn original_page_headline_lists_are_labelled_and_set_apart_from_related_articles() {
    let mut a = article(
        "الكرملين يعلن موعد زيارة كيم جونغ أون",
        "أعلن الكرملين موعد زيارة الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا.",
        "https://sampress.net/with-lists",
        4,
    );
    a.article.related = vec![HeadlineList {
        heading: "أخبار النجوم".into(),
        section_hint: Some("celebrities".into()),
        items: vec![Headline { text: "فنانة تعلن ألبومها الجديد".into(), truncated: false }],
    }];
    let (store, _dir) = store_with(vec![a]);
    let server = serve_in(store, "UTC");
    let v: serde_json::Value = serde_json::from_str(&get(server.addr, "/api/articles?limit=200").body).unwrap();
    let id =
        v["items"].as_array().unwrap().iter().find(|a| a["url"] == "https://sampress.net/with-lists").unwrap()["id"]
            .clone();
    let page = get(server.addr, &format!("/article/{id}")).body;
    let origin = page.find("<section class=\"origin\"").expect("the original page's lists in their own section");
    let section = &page[origin..origin + page[origin..].find("</section>").unwrap()];
    assert!(section.contains("من صفحة المقال الأصلية على <span dir=\"auto\">سام برس</span>"), "{section}");
    assert!(section.contains("أخبار النجوم") && section.contains("فنانة تعلن ألبومها الجديد"), "{section}");
    let related = page.find("مقالات ذات صلة").expect("marsad's related articles");
    assert!(related < origin, "marsad's own related articles come first, the page's lists after");
    assert!(!page[related..origin].contains("أخبار النجوم"), "no page list among marsad's related articles");
}

/// A page error: the Arabic page with `status`, never plain text or English alone.
fn assert_arabic_page(r: &Response, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.body);
    assert!(r.headers.contains("content-type: text/html"), "{what}: {}", r.headers);
    assert!(r.body.contains("<html lang=\"ar\" dir=\"rtl\">"), "{what}: {}", r.body);
}

/// A JSON error `{"error": …}` with `status`.
fn assert_json_error(r: &Response, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.body);
    assert!(r.headers.contains("content-type: application/json"), "{what}: {}", r.headers);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{what}: {e}: {}", r.body));
    assert!(!v["error"].as_str().unwrap_or_default().is_empty(), "{what}: {}", r.body);
}

/// Found: unknown paths answered 400 «طلب غير صالح: no such page» (English inside Arabic).
#[test]
fn unknown_path_is_an_arabic_404_not_a_400_in_english() {
    let (addr, _dir) = server();
    for path in ["/nothing-here", "/story", "/articles/1", "/static/other.css"] {
        let r = get(addr, path);
        assert_arabic_page(&r, 404, path);
        assert!(r.body.contains("لا توجد صفحة بهذا العنوان") && !r.body.contains("no such page"), "{path}");
    }
}

/// Found: `/story/abc` answered axum's plain text («Invalid URL: Cannot parse…»).
#[test]
fn unparsable_story_and_article_ids_are_arabic_404s_not_plain_text() {
    let (addr, _dir) = server();
    for path in ["/story/abc", "/article/abc", "/article/1.5", "/story/99999999999999999999999"] {
        assert_arabic_page(&get(addr, path), 404, path);
    }
    let r = get(addr, "/story/99999");
    assert_arabic_page(&r, 404, "missing story");
    assert!(r.body.contains("لا توجد قصة"), "a missing story is not called an article: {}", r.body);
}

/// Found: unknown `/api/…` paths answered the HTML page; ids that are not numbers, axum's text.
#[test]
fn every_api_error_is_json_unknown_paths_and_bad_ids_included() {
    let (addr, _dir) = server();
    for path in ["/api/nothing", "/api", "/api/articles/abc", "/api/stories/abc", "/api/articles/abc/related"] {
        assert_json_error(&get(addr, path), 404, path);
    }
    let post = exchange(
        addr,
        &format!("POST /api/search?q=x HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    )
    .unwrap();
    assert_json_error(&post, 405, "POST /api/search");
    let page_post = exchange(
        addr,
        &format!("POST /latest HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    )
    .unwrap();
    assert_arabic_page(&page_post, 405, "POST /latest");
}

/// Regression: one article stored twice (two URLs, one word changed) showed as two search
/// results. It is one result that names the outlet that republished it.
#[test]
fn an_article_stored_twice_is_one_search_result_naming_where_else_it_ran() {
    let body = "أعلنت وزارة الصحة اليوم تسجيل انخفاض كبير في عدد الإصابات بالإنفلونزا الموسمية خلال الأسبوع الماضي، \
        وقالت في بيان إن حملة التطعيم التي بدأت الشهر الماضي شملت أكثر من مليون شخص في مختلف المحافظات، \
        وإن المستشفيات لم تعد تعاني من ضغط كبير على أقسام الطوارئ كما كانت في بداية الموسم.";
    let original = article("انخفاض الإصابات بالإنفلونزا", body, "https://sampress.net/flu", 6);
    let mut copy = article(
        "انخفاض الإصابات بالإنفلونزا",
        &body.replace("كبير في", "ملحوظ في"),
        "https://www.skynewsarabia.com/flu",
        6,
    );
    copy.article.published = copy.article.published.map(|t| t + chrono::Duration::hours(3));
    copy.article.outlet = Some(Outlet {
        id: "skynews-arabia".into(),
        name_ar: Some("سكاي نيوز عربية".into()),
        name_en: Some("Sky News Arabia".into()),
    });
    let (store, _dir) = store_with(vec![original, copy]);
    let server = serve_in(store, "UTC");
    let page = get(server.addr, &format!("/search?q={}", encode("الإنفلونزا")));
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("href=\"/article/").count(), 1, "{}", page.body);
    assert!(page.body.contains("نُشر أيضًا في: <span dir=\"auto\">سكاي نيوز عربية</span>"), "{}", page.body);
    let api = get(server.addr, &format!("/api/search?q={}", encode("الإنفلونزا")));
    let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["hits"][0]["copies"][0]["outlet_id"], "skynews-arabia", "{v}");
}

/// An article dated only by its URL's day, or only by when it was fetched, says so beside the
/// date instead of passing it off as the page's own.
#[test]
fn a_date_taken_from_the_url_or_the_fetch_time_says_where_it_came_from() {
    let mut by_url =
        article("حصاد القمح في الشمال", "بدأ المزارعون حصاد القمح في الشمال.", "https://sampress.net/2015/08/11/x", 1);
    by_url.article.published = None;
    by_url.article.set_published_day(chrono::NaiveDate::from_ymd_opt(2015, 8, 11).unwrap(), DateSource::Url);
    let mut by_fetch = article("افتتاح مكتبة عامة", "افتتحت البلدية مكتبة عامة جديدة.", "https://sampress.net/lib", 1);
    by_fetch.article.date_source = Some(DateSource::Fetch);
    let (store, _dir) = store_with(vec![by_url, by_fetch]);
    let server = serve_in(store, "UTC");
    let id_of = |q: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&get(server.addr, &format!("/api/search?q={}", encode(q))).body).unwrap();
        v["hits"][0]["id"].as_i64().unwrap()
    };
    let page = get(server.addr, &format!("/article/{}", id_of("حصاد القمح"))).body;
    assert!(page.contains("<time datetime=\"2015-08-11\">2015-08-11</time>"), "{page}");
    assert!(page.contains("اليوم مأخوذ من رابط المقال"), "{page}");
    let page = get(server.addr, &format!("/article/{}", id_of("مكتبة عامة"))).body;
    assert!(page.contains("وقت جلب الصفحة"), "{page}");
}

/// A time the source gave without its zone says what it was read against: the outlet's country's
/// offset (in an LTR isolate), or UTC when the outlet's zone is unknown; a stated zone says nothing.
#[test]
fn a_time_given_without_its_zone_says_what_it_was_read_against() {
    use marsad_extract::model::TimeBasis;
    let mut outlet_zone =
        article("حصاد القمح في الشمال", "بدأ المزارعون حصاد القمح في الشمال.", "https://sabq.org/a", 1);
    outlet_zone.article.time_basis = Some(TimeBasis::OutletZone { offset_minutes: 180 });
    let mut utc = article("افتتاح مكتبة عامة", "افتتحت البلدية مكتبة عامة جديدة.", "https://example.org/lib", 1);
    utc.article.time_basis = Some(TimeBasis::AssumedUtc);
    let mut stated = article("سباق الهجن السنوي", "انطلق سباق الهجن السنوي أمس.", "https://example.org/camel", 1);
    stated.article.time_basis = Some(TimeBasis::Stated);
    let (store, _dir) = store_with(vec![outlet_zone, utc, stated]);
    let server = serve_in(store, "UTC");
    let page_of = |q: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&get(server.addr, &format!("/api/search?q={}", encode(q))).body).unwrap();
        get(server.addr, &format!("/article/{}", v["hits"][0]["id"].as_i64().unwrap())).body
    };
    let page = page_of("حصاد القمح");
    assert!(page.contains("بتوقيت بلد الناشر (<bdi dir=\"ltr\">UTC+03:00</bdi>)"), "{page}");
    assert!(page_of("مكتبة عامة").contains("فقُرئ بتوقيت غرينتش"));
    assert!(!page_of("سباق الهجن").contains("توقيت النشر"));
}
