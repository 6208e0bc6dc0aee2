//! Integration tests for the store: dedup, search (variants, ranking, filters), durability.

use chrono::{TimeZone, Utc};
use marsad_extract::{Article, Format, Outlet};
use marsad_store::{Filter, InsertOutcome, NewArticle, SearchRequest, Store};

fn article(title: &str, body: &str, outlet: &str, url: Option<&str>, day: u32) -> NewArticle {
    let mut a = Article::new(Format::Jsonl);
    a.title = title.into();
    a.paragraphs = body.split('\n').map(String::from).collect();
    a.url = url.map(String::from);
    a.outlet = Some(Outlet { id: outlet.into(), name_ar: None, name_en: Some(outlet.into()) });
    a.section = Some("world".into());
    a.language = Some("ar".into());
    a.published = Some(Utc.with_ymd_and_hms(2019, 4, day, 12, 0, 0).unwrap());
    NewArticle::new(a, format!("test:{title}"))
}

/// Padding so bodies are long enough to be deduplicated on text alone.
const PAD: &str = "وأشار المتحدث إلى أن المشاورات ستتواصل خلال الأيام المقبلة بمشاركة ممثلين عن الأطراف المعنية كافة، \
                   مؤكدا أن الهدف هو التوصل إلى تفاهم شامل يحفظ مصالح جميع الدول ويعزز الاستقرار في المنطقة.";

fn corpus(store: &Store) -> Vec<i64> {
    let batch = vec![
        article(
            "كيم جونغ أون يزور روسيا",
            &format!("أعلن الكرملين أن الزعيم الكوري الشمالي كيم جونغ أون سيزور روسيا.\n{PAD}"),
            "a",
            Some("https://a.example/1"),
            1,
        ),
        article(
            "رسالة من كيم جونج أون",
            &format!("بعث كيم جونج أون برسالة إلى بوتين قبل القمة في بيونج يانج.\n{PAD}"),
            "b",
            Some("https://b.example/1"),
            2,
        ),
        article(
            "وفد في بيونغ يانغ",
            &format!("وصل وفد إلى بيونغ يانغ للقاء الزعيم كيم يونغ-أون وبحث الملف النووي.\n{PAD}"),
            "c",
            None,
            3,
        ),
        article(
            "الغرب يفرض عقوبات",
            &format!("فرضت دول الغرب عقوبات جديدة على الشركات المخالفة.\n{PAD}"),
            "a",
            None,
            4,
        ),
        article("جرب تطبيقا جديدا", &format!("جرب المستخدمون تطبيقا جديدا للتواصل الاجتماعي.\n{PAD}"), "b", None, 5),
    ];
    let out = store.insert_batch(&batch).unwrap();
    store.commit().unwrap();
    out.into_iter()
        .map(|o| match o {
            InsertOutcome::New { id } => id,
            o => panic!("{o:?}"),
        })
        .collect()
}

mod reader_data;

fn search(store: &Store, q: &str) -> Vec<String> {
    store
        .search(&SearchRequest { query: q.into(), limit: 10, ..Default::default() })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.article.title)
        .collect()
}

mod relevance;

mod dedup {
    use super::*;

    #[test]
    fn same_url_is_stored_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let a = article("عنوان", &format!("نص أول.\n{PAD}"), "a", Some("https://www.a.example/x?utm_source=tw"), 1);
        let b = article("عنوان معدل", &format!("نص ثان مختلف.\n{PAD}"), "a", Some("http://a.example/x"), 1);
        let out = store.insert_batch(&[a, b]).unwrap();
        assert!(matches!(out[0], InsertOutcome::New { .. }));
        assert!(matches!(out[1], InsertOutcome::Duplicate { .. }));
        assert_eq!(store.count().unwrap(), 1);
    }

    #[test]
    fn same_text_under_another_url_is_stored_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let a = article("عنوان", &format!("نص الخبر.\n{PAD}"), "a", Some("https://a.example/1"), 1);
        // Same words; diacritics and spacing differ.
        let b = article("عُنوان", &format!("نصُّ  الخبر\n{PAD}"), "b", Some("https://b.example/2"), 1);
        let out = store.insert_batch(&[a, b]).unwrap();
        assert_eq!(
            out[1],
            InsertOutcome::Duplicate {
                id: match out[0] {
                    InsertOutcome::New { id } => id,
                    _ => panic!(),
                }
            }
        );
    }

    #[test]
    fn short_texts_are_not_merged_across_outlets() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let a = article("عاجل", "انفجار في الميناء", "a", None, 1);
        let b = article("عاجل", "انفجار في الميناء", "b", None, 1);
        let out = store.insert_batch(&[a, b]).unwrap();
        assert!(out.iter().all(|o| matches!(o, InsertOutcome::New { .. })));
    }
}

mod search {
    use super::*;

    #[test]
    fn kim_jong_un_finds_every_spelling_with_own_spelling_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        let hits = search(&store, "كيم جونغ أون");
        assert_eq!(hits.len(), 3, "{hits:?}");
        assert_eq!(hits[0], "كيم جونغ أون يزور روسيا");
        let hits = search(&store, "كيم جونج أون");
        assert_eq!(hits.len(), 3, "{hits:?}");
        assert_eq!(hits[0], "رسالة من كيم جونج أون");
    }

    #[test]
    fn pyongyang_finds_both_spellings() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        let hits = search(&store, "بيونغ يانغ");
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!(hits[0], "وفد في بيونغ يانغ");
        assert!(hits.contains(&"رسالة من كيم جونج أون".to_string()));
    }

    #[test]
    fn ordinary_words_are_not_conflated() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        assert_eq!(search(&store, "الغرب"), ["الغرب يفرض عقوبات"]);
        assert_eq!(search(&store, "جرب"), ["جرب تطبيقا جديدا"]);
    }

    #[test]
    fn stemming_matches_inflections() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        // «عقوبة» (singular) finds «عقوبات».
        assert_eq!(search(&store, "عقوبة"), ["الغرب يفرض عقوبات"]);
    }

    #[test]
    fn phrases_exclusions_and_filters() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        assert_eq!(search(&store, "\"الملف النووي\"").len(), 1);
        assert_eq!(search(&store, "كيم -بوتين").len(), 2);
        let req = |filter: Filter| SearchRequest { query: "كيم".into(), filter, limit: 10, ..Default::default() };
        let by_outlet = store.search(&req(Filter { outlet: Some("b".into()), ..Default::default() })).unwrap();
        assert_eq!(by_outlet.total, 1);
        let by_date = store
            .search(&req(Filter {
                since: Some(Utc.with_ymd_and_hms(2019, 4, 2, 0, 0, 0).unwrap()),
                until: Some(Utc.with_ymd_and_hms(2019, 4, 3, 0, 0, 0).unwrap()),
                ..Default::default()
            }))
            .unwrap();
        assert_eq!(by_date.total, 1);
        let by_section = store.search(&req(Filter { section: Some("sport".into()), ..Default::default() })).unwrap();
        assert_eq!(by_section.total, 0);
    }

    #[test]
    fn newest_first_orders_by_date_and_pages() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        let titles = |offset: usize, limit: usize| {
            let req = SearchRequest { query: "كيم".into(), offset, limit, newest_first: true, ..Default::default() };
            let r = store.search(&req).unwrap();
            assert_eq!(r.total, 3);
            r.hits
                .into_iter()
                .map(|h| (h.article.title, h.article.published.unwrap().format("%d").to_string()))
                .collect::<Vec<_>>()
        };
        let all = titles(0, 10);
        let days: Vec<&str> = all.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(days, ["03", "02", "01"]);
        assert_eq!(titles(1, 1), all[1..2]);
        // Best first (the default) ranks the exact spelling in the headline above a later article.
        assert_ne!(search(&store, "كيم")[0], all[0].0);
    }

    #[test]
    fn snippets_mark_variant_spellings() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        let r = store.search(&SearchRequest { query: "كيم جونغ أون".into(), limit: 10, ..Default::default() }).unwrap();
        let hit = r.hits.iter().find(|h| h.article.title == "وفد في بيونغ يانغ").unwrap();
        assert!(hit.snippet.marked("[", "]").contains("[كيم يونغ-أون]"), "{}", hit.snippet.marked("[", "]"));
    }

    #[test]
    fn stop_words_only_query_finds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        assert!(search(&store, "في من").is_empty());
    }
}

mod durability {
    use super::*;

    #[test]
    fn uncommitted_index_is_caught_up_on_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            store.insert_batch(&[article("كيم في موسكو", &format!("زار كيم موسكو.\n{PAD}"), "a", None, 1)]).unwrap();
            // Dropped without commit: as if killed between the SQLite and the index commit.
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.index_lag().unwrap(), 0);
        assert_eq!(search(&store, "موسكو"), ["كيم في موسكو"]);
    }

    #[test]
    fn reindex_rebuilds_from_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        assert_eq!(store.reindex(|_, _| {}).unwrap(), 5);
        assert_eq!(search(&store, "بيونغ يانغ").len(), 2);
    }

    #[test]
    fn lost_index_directory_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            corpus(&store);
        }
        std::fs::remove_dir_all(dir.path().join("index")).unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(search(&store, "عقوبات").len(), 1);
    }

    #[test]
    fn listings_stats_and_get() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let ids = corpus(&store);
        let page = store.latest(&Filter::default(), 0, 2).unwrap();
        assert_eq!(page.total, 5);
        assert_eq!(page.items[0].title, "جرب تطبيقا جديدا"); // newest first
        let a = store.get(ids[0]).unwrap().unwrap();
        assert_eq!(a.paragraphs.len(), 2);
        assert!(store.get(9999).unwrap().is_none());
        let stats = store.stats().unwrap();
        assert_eq!(stats.articles, 5);
        assert_eq!(stats.by_month, [("2019-04".to_string(), 5)]);
        assert_eq!(stats.by_outlet[0].2, 2);
    }
}

mod bounds {
    use super::*;

    /// Issue 9: an article stored with a 34.8M-character body (before bodies were capped at
    /// extraction) made its page, its related articles and searches crawl. Reading it now gives
    /// the head of the body and says how much is not shown; search snippets stay bounded too.
    #[test]
    fn body_stored_before_the_limit_is_read_capped_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let ids = corpus(&store);
        let huge = "كلمة ".repeat(400_000); // 2 MB, one paragraph
        {
            let conn = rusqlite::Connection::open(dir.path().join("marsad.sqlite")).unwrap();
            conn.execute("UPDATE articles SET body = ?1 WHERE id = ?2", rusqlite::params![huge, ids[0]]).unwrap();
        }
        let a = store.get(ids[0]).unwrap().unwrap();
        let shown: usize = a.paragraphs.iter().map(|p| p.chars().count()).sum();
        assert!(shown <= marsad_extract::MAX_BODY_CHARS, "{shown}");
        assert_eq!(a.cuts, [marsad_extract::model::Cut::Body { kept_chars: shown, total_chars: huge.chars().count() }]);
        let res = store.search(&SearchRequest { query: "كيم".into(), limit: 10, ..Default::default() }).unwrap();
        assert!(res.hits.iter().all(|h| h.snippet.text.chars().count() < 1000));
    }

    /// The size limit counts the text of the paragraphs; stored bodies also hold the separators
    /// between them. A many-paragraph article under the limit must read whole and uncut, and one
    /// cut at extraction must read exactly as stored, with its one cut.
    #[test]
    fn many_paragraph_bodies_read_whole_with_the_cut_recorded_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let paragraph = "كلمة ".repeat(12).trim().to_string(); // 59 characters
        let under = vec![paragraph.clone(); 1650]; // 97,350 characters, 100,648 stored
        let mut over = article("طويل", "x", "a", Some("https://a.example/long"), 2);
        over.article.paragraphs = vec![paragraph.clone(); 2000]; // 118,000 characters
        marsad_extract::finish(&mut over.article);
        assert_eq!(over.article.cuts.len(), 1);
        let mut whole = article("أقل من الحد", "x", "b", Some("https://b.example/long"), 2);
        whole.article.paragraphs = under.clone();
        let ids: Vec<i64> = store
            .insert_batch(&[whole, over.clone()])
            .unwrap()
            .into_iter()
            .map(|o| match o {
                InsertOutcome::New { id } => id,
                other => panic!("{other:?}"),
            })
            .collect();
        let a = store.get(ids[0]).unwrap().unwrap();
        assert!(a.cuts.is_empty(), "{:?}", a.cuts);
        assert_eq!(a.paragraphs, under);
        let b = store.get(ids[1]).unwrap().unwrap();
        assert_eq!(b.cuts, over.article.cuts);
        assert_eq!(b.paragraphs, over.article.paragraphs);
    }
}

/// Issue 9: one request with a huge offset took the server down (tantivy reserves `offset + limit`
/// slots; SQLite refuses an OFFSET past i64). Every listing refuses a window past
/// `MAX_RESULT_WINDOW` with a typed error before tantivy or SQLite sees it.
mod result_window {
    use super::*;
    use marsad_store::{MAX_RESULT_WINDOW, StoreError, StoryFilter};

    fn is_window_error<T: std::fmt::Debug>(r: marsad_store::Result<T>) -> bool {
        matches!(r, Err(StoreError::ResultWindow { max: MAX_RESULT_WINDOW, .. }))
    }

    #[test]
    fn huge_search_offset_is_a_window_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        let req = |offset: usize, newest_first: bool| SearchRequest {
            query: "كيم".into(),
            offset,
            limit: 10,
            newest_first,
            ..Default::default()
        };
        for newest in [false, true] {
            // i64::MAX overflowed `offset + limit` inside tantivy (a panic); u64::MAX - 5 likewise.
            for offset in [i64::MAX as usize, usize::MAX - 5, MAX_RESULT_WINDOW - 9] {
                let r = store.search(&req(offset, newest));
                assert!(is_window_error(r), "offset {offset}");
            }
            // The last page inside the window is served (empty here: five articles).
            assert_eq!(store.search(&req(MAX_RESULT_WINDOW - 10, newest)).unwrap().hits.len(), 0);
        }
        let msg = store.search(&req(usize::MAX, false)).unwrap_err().to_string();
        assert!(msg.contains("10000") && msg.contains("filters"), "{msg}");
    }

    #[test]
    fn huge_listing_offset_is_a_window_error_not_a_datatype_mismatch() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        corpus(&store);
        // An offset past i64::MAX reached SQLite as a real number: "datatype mismatch".
        for (offset, limit) in [(u64::MAX as usize, 20), (0, usize::MAX), (MAX_RESULT_WINDOW, 1)] {
            assert!(is_window_error(store.latest(&Filter::default(), offset, limit)), "{offset} {limit}");
            assert!(is_window_error(store.stories(&StoryFilter::default(), offset, limit)), "{offset} {limit}");
        }
        assert!(is_window_error(store.trending(48, None, None, usize::MAX)));
        assert!(is_window_error(store.related(1, usize::MAX)));
        assert_eq!(store.latest(&Filter::default(), MAX_RESULT_WINDOW - 1, 1).unwrap().total, 5);
    }
}
