//! What the store hands the reader and the API: dates as known (never the ingest time), stories
//! of undated articles, thread lists, outlet names, and story terms as people wrote them.

use chrono::{NaiveDate, TimeZone, Utc};
use marsad_cluster::{Assignment, Changes, StorySummary, ThreadSummary};
use marsad_extract::{Article, Format, Outlet, outlets};
use marsad_store::{Filter, InsertOutcome, NewArticle, Store, Undated};

use super::PAD;

fn stored(store: &Store, batch: &[NewArticle]) -> Vec<i64> {
    let out = store.insert_batch(batch).unwrap();
    store.commit().unwrap();
    out.into_iter()
        .map(|o| match o {
            InsertOutcome::New { id } => id,
            o => panic!("{o:?}"),
        })
        .collect()
}

/// An article with a time, a day only, or neither.
fn dated(title: &str, when: When) -> NewArticle {
    let mut a = Article::new(Format::Jsonl);
    a.title = title.into();
    a.paragraphs = vec![format!("{title}.\n{PAD}")];
    a.outlet = outlets::by_name("sampress");
    a.language = Some("ar".into());
    match when {
        When::Time(day) => a.published = Some(Utc.with_ymd_and_hms(2019, 4, day, 12, 0, 0).unwrap()),
        When::Day(day) => a.published_date = NaiveDate::from_ymd_opt(2019, 4, day),
        When::Undated => {}
    }
    NewArticle::new(a, format!("test:{title}"))
}

#[derive(Clone, Copy)]
enum When {
    Time(u32),
    Day(u32),
    Undated,
}

#[test]
fn undated_article_is_listed_last_and_never_dated_by_its_ingest_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    stored(
        &store,
        &[dated("خبر بلا تاريخ", When::Undated), dated("خبر بوقت", When::Time(2)), dated("خبر بيوم فقط", When::Day(3))],
    );
    let page = store.latest(&Filter::default(), 0, 10).unwrap();
    let titles: Vec<&str> = page.items.iter().map(|a| a.title.as_str()).collect();
    // The day-only article counts from its day's start (3 April), after the one timed on 2 April.
    assert_eq!(titles, ["خبر بيوم فقط", "خبر بوقت", "خبر بلا تاريخ"]);
    let undated = &page.items[2];
    assert!(undated.undated && undated.published.is_none() && undated.published_date.is_none());
    assert_eq!(undated.undated_reason, Some(Undated::NoDateInRecord));
    let day_only = &page.items[0];
    assert!(!day_only.undated && day_only.published.is_none());
    assert_eq!(day_only.published_date, NaiveDate::from_ymd_opt(2019, 4, 3));
    let json = serde_json::to_value(undated).unwrap();
    assert_eq!((json["published"].is_null(), &json["undated"]), (true, &serde_json::json!(true)));
    // Date filters match what is known: the day-only article is in April, the undated one nowhere.
    let since = Filter { since: Some(Utc.with_ymd_and_hms(2019, 4, 3, 0, 0, 0).unwrap()), ..Default::default() };
    let titles: Vec<String> = store.latest(&since, 0, 10).unwrap().items.into_iter().map(|a| a.title).collect();
    assert_eq!(titles, ["خبر بيوم فقط"]);
    let stats = store.stats().unwrap();
    assert_eq!(stats.by_month, [("(undated)".to_string(), 1), ("2019-04".to_string(), 2)]);
    let full = store.get(undated.id).unwrap().unwrap();
    assert!(full.undated && full.published.is_none());
}

/// Writes a clustering decision as the engine would: the summaries carry the engine's times,
/// which for undated articles are their ingest times.
fn cluster(store: &Store, stories: &[(u64, &[i64], i64)], terms: &[(&[&str], &[&str])]) {
    let ingest_time = Utc::now().timestamp();
    let mut assignments = Vec::new();
    let mut summaries = Vec::new();
    for (i, (story, members, time)) in stories.iter().enumerate() {
        for (j, id) in members.iter().enumerate() {
            assignments.push(Assignment {
                article: *id,
                story: *story,
                new_story: j == 0,
                thread: 1,
                new_thread: i == 0 && j == 0,
                similarity: 1.0,
                copy_of: None,
            });
        }
        let (top_terms, top_names) = terms.get(i).copied().unwrap_or((&[], &[]));
        summaries.push(StorySummary {
            id: *story,
            thread: 1,
            first: (*time).min(ingest_time),
            last: ingest_time,
            articles: members.len() as u32,
            outlets: 1,
            top_terms: top_terms.iter().map(|s| s.to_string()).collect(),
            top_names: top_names.iter().map(|s| s.to_string()).collect(),
        });
    }
    let changes = Changes {
        stories: summaries,
        threads: vec![ThreadSummary { id: 1, first: 0, last: ingest_time, stories: 2, top_terms: vec![] }],
    };
    let (_, generation) = store.load_cluster_state().unwrap();
    store.save_clustering(&assignments, &changes, b"{}", generation).unwrap();
}

#[test]
fn a_story_of_undated_articles_has_no_time_span_and_stays_in_its_thread() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let ids = stored(&store, &[dated("قمة في سنغافورة", When::Time(2)), dated("قمة أخرى بلا تاريخ", When::Undated)]);
    let dated_time = Utc.with_ymd_and_hms(2019, 4, 2, 12, 0, 0).unwrap().timestamp();
    cluster(&store, &[(1, &ids[..1], dated_time), (2, &ids[1..], i64::MAX)], &[]);

    let undated = store.story(2).unwrap().unwrap();
    assert!(undated.card.undated);
    assert_eq!((undated.card.first_seen, undated.card.last_seen), (None, None), "the ingest time is not a date");
    let dated = store.story(1).unwrap().unwrap();
    assert!(!dated.card.undated);
    // The span is the articles' own dates, not the engine's (which took in an ingest time).
    assert_eq!(dated.card.last_seen.map(|t| t.timestamp()), Some(dated_time));

    // Regression (issue 10): thread lists dropped undated stories, so neither of two stories of
    // one thread linked the other.
    assert_eq!(dated.thread_stories.iter().map(|s| s.id).collect::<Vec<_>>(), [2]);
    assert_eq!(undated.thread_stories.iter().map(|s| s.id).collect::<Vec<_>>(), [1]);
    // Listings put undated stories after dated ones of the same coverage.
    let listed: Vec<i64> = store.stories(&Default::default(), 0, 10).unwrap().items.iter().map(|c| c.id).collect();
    assert_eq!(listed, [1, 2]);
}

/// True when `form` is written in `text` as a whole word or words: it ends where a word ends
/// (a stem, «سنغافور», is inside «سنغافورة» but ends mid-word).
fn written_in(text: &str, form: &str) -> bool {
    text.match_indices(form).any(|(i, _)| text[i + form.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

#[test]
fn story_terms_and_names_are_words_of_its_articles_never_stems_or_skeletons() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let texts = [
        ("انتهاء قمة سنغافورة بين ترامب وكيم جونغ أون", "انتهت القمة في سنغافورة بتوقيع كيم جونغ أون وثيقة مشتركة"),
        ("ترامب: قمة سنغافورة كانت ناجحة", "قال ترامب إن القمة مع كيم جونغ أون في سنغافورة كانت ناجحة"),
    ];
    let batch: Vec<NewArticle> = texts
        .iter()
        .map(|(t, b)| {
            let mut a = dated(t, When::Time(12));
            a.article.paragraphs = vec![b.to_string()];
            a
        })
        .collect();
    let ids = stored(&store, &batch);
    // The keys clustering keeps: stems and name skeletons («gنg» for جونغ).
    let stem = |w: &str| marsad_text::analyze_word(w, marsad_text::Analysis::Main).unwrap();
    let skeleton = |w: &str| marsad_text::analyze_word(w, marsad_text::Analysis::Skeleton).unwrap();
    let terms: Vec<String> = ["القمة", "سنغافورة", "انتهاء", "أون", "بلاوجود"].iter().map(|w| stem(w)).collect();
    let names: Vec<String> = ["كيم", "جونغ", "أون", "ترامب"].iter().map(|w| skeleton(w)).collect();
    assert!(names.iter().any(|n| n.chars().any(|c| c.is_ascii_alphabetic())), "the keys are internal forms");
    let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    cluster(&store, &[(1, &ids, 0)], &[(&terms, &names)]);

    let story = store.story(1).unwrap().unwrap();
    let all: Vec<String> = texts.iter().map(|(t, b)| format!("{t}\n{b}")).collect();
    for form in story.top_terms.iter().chain(&story.top_names) {
        assert!(all.iter().any(|t| written_in(t, form)), "{form:?} is not written in the story's articles");
        assert!(!form.chars().any(|c| c.is_ascii_alphabetic()), "{form:?} has Latin letters");
    }
    assert_eq!(story.top_terms, ["قمة", "سنغافورة", "انتهاء", "أون"], "a key no article writes is left out");
    assert_eq!(story.top_names, ["كيم جونغ أون", "ترامب"]);
}

#[test]
fn outlets_are_shown_by_name_arabic_first_and_registry_names_replace_raw_ids() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    // Stored before the outlet was registered: known only by its corpus code.
    let mut old = dated("خبر قديم", When::Time(1));
    old.article.outlet = Some(outlets::unknown_name("alyaum"));
    let mut new = dated("خبر جديد", When::Time(2));
    new.article.outlet = outlets::by_name("alyaum");
    let mut site = dated("خبر من موقع", When::Time(3));
    site.article.outlet = outlets::unknown_host("https://news.example.org/a").map(|o| o.named(Some("أخبار المثال")));
    let mut bare = dated("خبر من عنوان", When::Time(4));
    bare.article.outlet = Some(Outlet { id: "bare.example.net".into(), name_ar: None, name_en: None });
    stored(&store, &[old, new, site, bare]);
    let names: Vec<Option<String>> =
        store.latest(&Filter::default(), 0, 10).unwrap().items.into_iter().map(|a| a.outlet_name).collect();
    let want = ["bare.example.net", "أخبار المثال", "صحيفة اليوم", "صحيفة اليوم"];
    assert_eq!(names, want.map(|n| Some(n.to_string())));
    let facets: Vec<String> = store.outlets().unwrap().into_iter().map(|(_, name, _)| name).collect();
    assert!(facets.contains(&"صحيفة اليوم".to_string()) && !facets.iter().any(|n| n == "alyaum"), "{facets:?}");
}

#[test]
fn languages_and_agencies_have_arabic_display_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = dated("يونهاب: كيم يزور روسيا", When::Time(1));
    a.article.agencies = vec!["Yonhap".into(), "AFP".into()];
    let id = stored(&store, &[a])[0];
    let got = store.get(id).unwrap().unwrap();
    assert_eq!(got.language_name.as_deref(), Some("العربية"));
    assert_eq!(got.agency_names, ["يونهاب (Yonhap)", "فرانس برس (AFP)"]);
    assert_eq!(got.agencies, ["Yonhap", "AFP"], "canonical names stay for filtering");
}

#[test]
fn a_store_from_before_known_times_is_migrated_with_its_stories_dated_by_their_articles() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = rusqlite::Connection::open(dir.path().join("marsad.sqlite")).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &marsad_store::schema::MIGRATIONS[..4] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 4).unwrap();
        // A day-only article and an undated one, each in a story whose span the engine took
        // from ingest times.
        tx.execute_batch(
            "INSERT INTO articles (id, text_hash, title, body, format, ingested_at, published_date, story_id)
                 VALUES (1, 'h1', 'خبر بيوم', 'نص', 'dump', 1900000000, '2019-04-03', 1),
                        (2, 'h2', 'خبر بلا تاريخ', 'نص', 'dump', 1900000000, NULL, 2);
             INSERT INTO stories (id, thread_id, first_seen, last_seen, articles, outlets, title_article, top_terms, top_names)
                 VALUES (1, 1, 1900000000, 1900000000, 1, 1, 1, '[]', '[]'),
                        (2, 1, 1900000000, 1900000000, 1, 1, 2, '[]', '[]');",
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let day = Utc.with_ymd_and_hms(2019, 4, 3, 0, 0, 0).unwrap();
    let one = store.story(1).unwrap().unwrap();
    assert_eq!((one.card.first_seen, one.card.last_seen), (Some(day), Some(day)));
    let two = store.story(2).unwrap().unwrap();
    assert!(two.card.undated && two.card.first_seen.is_none());
    let titles: Vec<String> =
        store.latest(&Filter::default(), 0, 10).unwrap().items.into_iter().map(|a| a.title).collect();
    assert_eq!(titles, ["خبر بيوم", "خبر بلا تاريخ"]);
}
