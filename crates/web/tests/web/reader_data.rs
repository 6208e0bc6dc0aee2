//! Issue 10, the data side: what reaches the API and the pages is what people wrote and what is
//! known — story terms as words of the articles, undated articles marked undated (never dated by
//! their ingest time), languages and agencies named in Arabic, the page's own headline lists told
//! apart from marsad's related articles.

use marsad_extract::model::{Headline, HeadlineList};

use super::*;

fn json(r: &Response) -> serde_json::Value {
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

/// True when `form` is written in `text` as whole words: it ends where a word ends (a stem such
/// as «سنغافور» is inside «سنغافورة» but ends mid-word).
fn written_in(text: &str, form: &str) -> bool {
    text.match_indices(form).any(|(i, _)| text[i + form.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

#[test]
fn story_terms_and_names_are_words_its_articles_write() {
    let (addr, _dir) = server();
    let v = json(&get(addr, "/api/stories?limit=1"));
    let id = v["items"][0]["id"].as_i64().unwrap();
    let story = json(&get(addr, &format!("/api/stories/{id}")));
    let mut texts = Vec::new();
    for outlet in story["by_outlet"].as_array().unwrap() {
        for a in outlet["articles"].as_array().unwrap() {
            let full = json(&get(addr, &format!("/api/articles/{}", a["id"])));
            let paragraphs: Vec<&str> =
                full["paragraphs"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
            texts.push(format!("{}\n{}", full["title"].as_str().unwrap(), paragraphs.join("\n")));
        }
    }
    let forms: Vec<&str> = ["top_terms", "top_names"]
        .iter()
        .flat_map(|k| story[k].as_array().unwrap().iter().filter_map(|t| t.as_str()))
        .collect();
    assert!(story["top_terms"].as_array().is_some_and(|t| !t.is_empty()), "{story}");
    for form in &forms {
        assert!(texts.iter().any(|t| written_in(t, form)), "{form:?} is not written in the story's articles");
        assert!(!form.chars().any(|c| c.is_ascii_alphabetic()), "{form:?} has Latin letters (a name skeleton)");
    }
    let page = get(addr, &format!("/story/{id}"));
    for term in story["top_terms"].as_array().unwrap() {
        assert!(page.body.contains(term.as_str().unwrap()), "{term} not on the story page");
    }
}

/// A server over a store holding one dated article and one page with no date, headline lists of
/// its own and an agency cited.
fn undated_server() -> (SocketAddr, tempfile::TempDir, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let dated = article("كيم جونغ أون يزور روسيا", "أعلن الكرملين زيارة كيم جونغ أون.", "https://sampress.net/k", 4);
    let mut page = article(
        "زعيم كوريا الشمالية يكتب إلى بوتين",
        "أفادت وكالة يونهاب بأن كيم بعث برسالة.",
        "https://sampress.net/u",
        1,
    );
    page.article.format = Format::Dump;
    page.article.published = None;
    page.article.agencies = vec!["Yonhap".into()];
    page.article.related = vec![HeadlineList {
        heading: "أخبار النجوم".into(),
        section_hint: None,
        items: vec![Headline { text: "فنانة تعلن اعتزالها".into(), truncated: false }],
    }];
    store.insert_batch(&[page, dated]).unwrap();
    store.commit().unwrap();
    marsad_ingest::cluster_pending(&store, None).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || rt.block_on(marsad_web::serve(listener, store)));
    (addr, dir, 1)
}

#[test]
fn undated_page_is_marked_undated_with_its_reason_never_dated_by_ingest_time() {
    let (addr, _dir, id) = undated_server();
    let a = json(&get(addr, &format!("/api/articles/{id}")));
    assert!(a["published"].is_null(), "{a}");
    assert_eq!(a["undated"], true);
    assert_eq!(a["undated_reason"], "no-date-on-page");
    let listed = json(&get(addr, "/api/articles"));
    let last = listed["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["id"], id, "an undated article is listed after the dated ones");
    assert_eq!(last["undated"], true);
    let page = get(addr, &format!("/article/{id}"));
    assert!(
        page.body.contains(
            "<span class=\"undated\">بلا تاريخ</span></span> <span class=\"note\">(لا تاريخ على الصفحة)</span>"
        ),
        "{}",
        page.body
    );
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(!page.body.contains(&today), "the ingest day is shown as a date");
}

#[test]
fn language_agencies_and_page_lists_are_named_for_a_reader() {
    let (addr, _dir, id) = undated_server();
    let a = json(&get(addr, &format!("/api/articles/{id}")));
    assert_eq!(a["language"], "ar");
    assert_eq!(a["language_name"], "العربية");
    assert_eq!(a["agency_names"], serde_json::json!(["يونهاب (Yonhap)"]));
    // The page's own lists are not marsad's related articles (`/api/articles/{id}/related`).
    assert_eq!(a["page_headline_lists"][0]["heading"], "أخبار النجوم");
    assert!(a.get("related").is_none(), "{a}");
    let page = get(addr, &format!("/article/{id}")).body;
    assert!(page.contains("<dd>العربية</dd>") && !page.contains("<dd>ar</dd>"), "{page}");
    assert!(page.contains("يونهاب (Yonhap)"));
    let label = page.find("من الصفحة الأصلية").expect("the page's lists are labelled");
    assert!(label < page.find("أخبار النجوم").unwrap());
}
