//! Integration tests for ingest: every format from a directory, bad files reported while the batch
//! goes on, idempotence, gzip streams, WARC archives, and crawling local sites (`crawl`, `site`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use marsad_ingest::{Event, Options, Summary, ingest_paths};
use marsad_store::Store;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn run(store: &Store, paths: &[PathBuf]) -> (Summary, Vec<String>) {
    let mut rejected = Vec::new();
    let summary = ingest_paths(store, paths, &Options::default(), &AtomicBool::new(false), &mut |e| {
        if let Event::Rejected(r) = e {
            rejected.push(format!("{} => {}", r.source, r.rejection));
        }
    })
    .unwrap();
    (summary, rejected)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

mod crawl;
mod hostile;
mod leads;
mod site;
mod warc;

mod formats {
    use super::*;

    /// Regression: SaudiNewsNet's JSON Lines records were all stored undated; each carries a
    /// dated URL, a date in its text or at least the time it was fetched. Reads the first 1,500
    /// records of `../shared/corpora/saudinewsnet-dev` when present.
    #[test]
    fn saudi_newspaper_records_are_stored_dated_with_their_source() {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpora/saudinewsnet-dev/saudinewsnet-dev.jsonl.gz");
        let Ok(file) = std::fs::File::open(&corpus) else {
            eprintln!("skipped: {} is not here", corpus.display());
            return;
        };
        use std::io::BufRead;
        let lines: Vec<String> = std::io::BufReader::new(flate2::read::GzDecoder::new(file))
            .lines()
            .take(1500)
            .map(Result::unwrap)
            .collect();
        let inputs = tempfile::tempdir().unwrap();
        let sample = write(inputs.path(), "sample.jsonl", lines.join("\n").as_bytes());
        let data = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        let (s, _) = run(&store, &[sample]);
        assert!(s.new > 1000, "{s:?}");
        let page = store.latest(&marsad_store::Filter::default(), 0, 2000).unwrap();
        let dated = page.items.iter().filter(|a| !a.undated).count();
        assert!(dated * 100 >= page.items.len() * 99, "{dated} of {} dated", page.items.len());
        for a in page.items.iter().filter(|a| !a.undated).take(50) {
            let full = store.get(a.id).unwrap().unwrap();
            assert!(full.date_source.is_some(), "article {} dated without a source", a.id);
        }
    }

    #[test]
    fn a_directory_of_every_format() {
        let data = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        let (s, rejected) = run(&store, &[fixtures()]);
        assert!(rejected.is_empty(), "{rejected:?}");
        // dumps 1 + 1 (unregistered outlet) + dump with an embedded article 2 + html 1 + trec 2
        // + jsonl 3 + stories 5
        assert_eq!(s.new, 15);
        assert_eq!(s.files, 7);
    }

    #[test]
    fn gzipped_json_lines_stream() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let jsonl = std::fs::read(fixtures().join("articles.jsonl")).unwrap();
        // No extension: the content says what it is.
        let p = write(inputs.path(), "export", &gzip(&jsonl));
        let store = Store::open(data.path()).unwrap();
        let (s, rejected) = run(&store, &[p]);
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!(s.new, 3);
    }

    #[test]
    fn readme_files_inside_directories_are_skipped() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        std::fs::copy(fixtures().join("trec_two.txt"), inputs.path().join("a.txt")).unwrap();
        write(inputs.path(), "README.md", "# A corpus\n\nThis corpus holds news articles; cite us.\n".as_bytes());
        let store = Store::open(data.path()).unwrap();
        let (s, _) = run(&store, &[inputs.path().to_path_buf()]);
        assert_eq!((s.files, s.new), (1, 2));
    }
}

mod idempotence {
    use super::*;

    #[test]
    fn second_run_adds_nothing() {
        let data = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        let (first, _) = run(&store, &[fixtures()]);
        let (second, _) = run(&store, &[fixtures()]);
        assert_eq!(second.new, 0);
        assert_eq!(second.already_present, first.new);
        assert_eq!(store.count().unwrap(), first.new);
    }
}

mod bad_files {
    use super::*;

    #[test]
    fn each_bad_file_is_reported_and_the_batch_goes_on() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let dir = inputs.path();
        write(dir, "1-empty.txt", b"");
        write(dir, "2-binary.bin", &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        write(dir, "3-invalid.txt", b"A page dump \xff\xfe with broken bytes and nothing Arabic at all.");
        let jsonl = std::fs::read(fixtures().join("articles.jsonl")).unwrap();
        let gz = gzip(&jsonl);
        write(dir, "4-truncated.jsonl.gz", &gz[..gz.len() * 2 / 3]);
        write(
            dir,
            "5-bad-lines.jsonl",
            b"{\"title\":\"\xd8\xae\xd8\xa8\xd8\xb1\",\"text\":\"\xd9\x86\xd8\xb5\"}\n{oops\n",
        );
        std::fs::copy(fixtures().join("dump_page.txt"), dir.join("6-good.txt")).unwrap();
        let store = Store::open(data.path()).unwrap();
        let (s, rejected) = run(&store, &[dir.to_path_buf(), dir.join("7-missing.txt")]);
        let has = |file: &str, reason: &str| rejected.iter().any(|r| r.contains(file) && r.contains(reason));
        assert!(has("1-empty.txt", "empty"), "{rejected:#?}");
        assert!(has("2-binary.bin", "binary"), "{rejected:#?}");
        assert!(has("3-invalid.txt", "invalid-encoding"), "{rejected:#?}");
        assert!(has("4-truncated.jsonl.gz", "truncated-gzip"), "{rejected:#?}");
        assert!(has("5-bad-lines.jsonl:2", "malformed"), "{rejected:#?}");
        assert!(has("7-missing.txt", "unreadable"), "{rejected:#?}");
        // The good file, the good JSON line and the complete lines before the gzip cut are stored.
        assert!(s.new >= 2, "{s:?}");
        assert!(
            store
                .search(&marsad_store::SearchRequest { query: "الفائدة".into(), limit: 5, ..Default::default() })
                .unwrap()
                .total
                == 1
        );
    }

    #[test]
    fn oversized_file_is_refused_without_reading_it_all() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let p = inputs.path().join("big.txt");
        let mut f = std::fs::File::create(&p).unwrap();
        f.write_all("خبر ".repeat(5000).as_bytes()).unwrap();
        f.set_len(marsad_extract::MAX_DOCUMENT_BYTES as u64 + 10).unwrap(); // the rest is a sparse hole
        let store = Store::open(data.path()).unwrap();
        let (_, rejected) = run(&store, &[p]);
        assert_eq!(rejected.len(), 1);
        assert!(rejected[0].contains("too-large"), "{rejected:?}");
    }
}

mod pages {
    use super::*;

    /// Embedded articles are stored linked to their page's main article, and the page's headline
    /// lists and attribution come back with it.
    #[test]
    fn embedded_article_is_linked_and_lists_are_kept() {
        let data = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        let (s, rejected) = run(&store, &[fixtures().join("dump_two_articles.txt")]);
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!(s.new, 2);
        let main = store.get(1).unwrap().unwrap();
        let embedded = store.get(2).unwrap().unwrap();
        assert_eq!((main.role.as_str(), embedded.role.as_str()), ("main", "embedded"));
        assert_eq!(embedded.page_of, Some(main.id));
        assert_eq!(embedded.title, "ارتفاع أسعار الخضروات في الأسواق المحلية");
        assert_eq!(main.paragraphs.len(), 3);
        assert_eq!(main.related.len(), 1);
        assert_eq!(main.related[0].heading, "الأكثر قراءة");
        assert!(main.related[0].items[1].truncated);
        assert_eq!(main.attribution[0].name, "وكالة الأنباء الوطنية");
        assert_eq!(main.section_label.as_deref(), Some("محليات"));
    }

    /// A line an outlet prints on every page is learned as furniture even though no fixed list
    /// knows it.
    #[test]
    fn lines_repeated_across_an_outlets_pages_become_furniture() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        let topics = ["الزراعة", "الصناعة", "السياحة", "التعليم", "الصحة", "النقل", "الطاقة"];
        for (i, t) in topics.iter().enumerate() {
            let page = format!(
                "سام برس\nعنوان خبر عن {t} رقم {i}\n\nنشرت الوزارة اليوم تقريرا مفصلا عن قطاع {t} يتناول التطورات الأخيرة والخطط المقبلة للقطاع.\n\n\
                 وأوضح التقرير أن قطاع {t} حقق نموا ملحوظا خلال العام الحالي مقارنة بالعام الماضي.\n\n\
                 نافذة الاشتراك في رسائل الموقع اليومية\n\nوأشار التقرير إلى أن الاستثمارات في قطاع {t} ستتضاعف خلال السنوات المقبلة.\n"
            );
            std::fs::write(inputs.path().join(format!("{i}.txt")), page).unwrap();
        }
        let (s, _) = run(&store, &[inputs.path().to_path_buf()]);
        assert_eq!(s.new, 7);
        let stats = store.line_stats().unwrap();
        assert!(stats.is_repeated("sampress", "نافذة الاشتراك في رسائل الموقع اليومية"));
        // A new page of the same outlet: the repeated line is no longer body.
        let page = "سام برس\nعنوان خبر جديد عن المياه\n\nأعلنت الوزارة اليوم خطة جديدة لترشيد استهلاك المياه في المدن الكبرى خلال الصيف.\n\n\
                    نافذة الاشتراك في رسائل الموقع اليومية\n\nوتتضمن الخطة حملات توعية واسعة في المدارس والجامعات والمساجد.\n";
        let naive = marsad_extract::extract_bytes(page.as_bytes());
        assert!(
            naive.records[0].as_ref().unwrap().body().contains("نافذة الاشتراك"),
            "without history it reads as an intertitle"
        );
        let ex = marsad_extract::extract_with(
            page.as_bytes(),
            &marsad_extract::Options { line_stats: Some(&stats), ..Default::default() },
        );
        let a = ex.records[0].as_ref().unwrap();
        assert!(!a.body().contains("نافذة الاشتراك"), "{:?}", a.paragraphs);
        assert_eq!(a.paragraphs.len(), 2);
    }
}

mod stories {
    use super::*;

    fn jsonl_line(url: &str, title: &str, text: &str, published: &str, source: &str) -> String {
        serde_json::json!({ "url": url, "title": title, "text": text, "published": published, "source": source })
            .to_string()
    }

    const BODY: &str = "أعلنت وزارة الصحة اليوم تسجيل انخفاض كبير في عدد الإصابات بالإنفلونزا الموسمية خلال الأسبوع الماضي، \
        وقالت في بيان إن حملة التطعيم التي بدأت الشهر الماضي شملت أكثر من مليون شخص في مختلف المحافظات، \
        وإن المستشفيات لم تعد تعاني من ضغط كبير على أقسام الطوارئ كما كانت في بداية الموسم.";

    /// An article ingested twice under two URLs, with one word changed, is one copy group in one
    /// story — not two stories' worth of noise.
    #[test]
    fn same_article_under_two_urls_with_one_word_changed_is_a_copy_group() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let first = jsonl_line(
            "https://a.example/health/1",
            "انخفاض الإصابات بالإنفلونزا",
            BODY,
            "2021-01-10T08:00:00Z",
            "a.example",
        );
        let second = jsonl_line(
            "https://b.example/n/99",
            "انخفاض الإصابات بالإنفلونزا",
            &BODY.replace("كبير في", "ملحوظ في"),
            "2021-01-10T11:00:00Z",
            "b.example",
        );
        write(inputs.path(), "1.jsonl", first.as_bytes());
        write(inputs.path(), "2.jsonl", second.as_bytes());
        let store = Store::open(data.path()).unwrap();
        let (s, _) = run(&store, &[inputs.path().to_path_buf()]);
        assert_eq!(s.new, 2, "different text: both stored");
        let c = s.clustering.unwrap();
        assert_eq!((c.new_stories, c.copies), (1, 1));
        // Files are read in parallel, so store ids say nothing about which came first: find them.
        let id_of = |outlet: &str| {
            let page = store.latest(&marsad_store::Filter::default(), 0, 10).unwrap();
            page.items.iter().find(|a| a.outlet_id.as_deref() == Some(outlet)).unwrap().id
        };
        let (original, copy) = (id_of("a.example"), id_of("b.example"));
        let (story, _) = store.story_of(original).unwrap().unwrap();
        assert_eq!(store.story_of(copy).unwrap().unwrap().0, story);
        let detail = store.story(story).unwrap().unwrap();
        assert_eq!(detail.copy_groups.len(), 1);
        // The earlier publication is the original, whatever order the files were stored in.
        assert_eq!(detail.copy_groups[0].original.id, original);
        assert_eq!(detail.copy_groups[0].copies[0].id, copy);
        // Related articles of the original leave out its own copies.
        assert!(store.related(original, 5).unwrap().iter().all(|r| r.id != copy));
    }

    /// Regression: one article stored twice (two URLs, two outlets) showed twice in search. Its
    /// copy folds into the original's hit, which says where else it ran.
    #[test]
    fn search_shows_an_article_stored_twice_once_with_its_copy() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let line = |url: &str, text: &str, at: &str, source: &str| {
            jsonl_line(url, "انخفاض الإصابات بالإنفلونزا", text, at, source)
        };
        write(
            inputs.path(),
            "1.jsonl",
            line("https://a.example/1", BODY, "2021-01-10T08:00:00Z", "a.example").as_bytes(),
        );
        let changed = BODY.replace("كبير في", "ملحوظ في");
        write(
            inputs.path(),
            "2.jsonl",
            line("https://b.example/2", &changed, "2021-01-10T11:00:00Z", "b.example").as_bytes(),
        );
        let store = Store::open(data.path()).unwrap();
        run(&store, &[inputs.path().to_path_buf()]);
        let r = store
            .search(&marsad_store::SearchRequest {
                query: "الإنفلونزا".into(), limit: 10, ..Default::default()
            })
            .unwrap();
        assert_eq!(r.hits.len(), 1, "{:?}", r.hits.iter().map(|h| &h.article.outlet_id).collect::<Vec<_>>());
        assert_eq!(r.hits[0].article.outlet_id.as_deref(), Some("a.example"));
        assert_eq!(r.hits[0].copies.len(), 1);
        assert_eq!(r.hits[0].copies[0].outlet_id.as_deref(), Some("b.example"));
    }

    #[test]
    fn outlets_coverage_of_one_event_is_one_story() {
        let data = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        run(&store, &[fixtures().join("stories.jsonl")]);
        let page = store.stories(&marsad_store::StoryFilter::default(), 0, 10).unwrap();
        assert_eq!(page.total, 2, "{:?}", page.items.iter().map(|c| &c.title).collect::<Vec<_>>());
        assert_eq!(page.items[0].outlets, 3);
        assert_eq!(page.items[0].articles, 3);
        assert_eq!(page.items[1].articles, 2);
        assert_eq!(page.items[1].section.as_deref(), Some("sport"));
    }

    /// Clustering state survives a restart: articles ingested later join the stories opened
    /// before.
    #[test]
    fn a_restart_continues_the_stories() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let lines: Vec<&str> = include_str!("../../../../tests/fixtures/stories.jsonl").lines().collect();
        write(inputs.path(), "first.jsonl", lines[..2].join("\n").as_bytes());
        write(inputs.path(), "second.jsonl", lines[2..].join("\n").as_bytes());
        {
            let store = Store::open(data.path()).unwrap();
            run(&store, &[inputs.path().join("first.jsonl")]);
        }
        let store = Store::open(data.path()).unwrap();
        let (s, _) = run(&store, &[inputs.path().join("second.jsonl")]);
        assert_eq!(s.clustering.unwrap().new_stories, 1, "the third quake article joins the old story; sport is new");
        assert_eq!(store.story_of(3).unwrap().unwrap().0, store.story_of(1).unwrap().unwrap().0);
    }

    /// Issue 9: `marsad recluster` deleted and committed the stories before rebuilding them, so
    /// readers saw none for the whole rebuild, and none at all after a kill. Now the rebuild is
    /// staged beside the live stories: a reader (another connection) sees the old ones until
    /// the swap, and a rebuild that dies before it leaves them untouched.
    #[test]
    fn recluster_keeps_the_old_stories_until_the_swap_and_after_a_kill() {
        let data = tempfile::tempdir().unwrap();
        let stories_seen = |store: &Store| {
            let page = store.stories(&marsad_store::StoryFilter::default(), 0, 10).unwrap();
            let mut ids: Vec<i64> = page.items.iter().map(|c| c.id).collect();
            ids.sort();
            ids
        };
        let before;
        {
            let store = Store::open(data.path()).unwrap();
            run(&store, &[fixtures().join("stories.jsonl")]);
            before = stories_seen(&store);
            assert_eq!(before.len(), 2);
            // A rebuild that gets halfway: its first decisions are staged (under story ids no
            // live story has, so that a leak would show), then the process dies.
            store.begin_rebuild().unwrap();
            let mut engine = marsad_cluster::Engine::new(marsad_cluster::Config::default());
            let first = store.pending(&store.all_ids_in_time_order().unwrap()[..2]).unwrap();
            let mut staged = Vec::new();
            for p in &first {
                let f = marsad_cluster::features(&p.title, &p.body);
                let input =
                    marsad_cluster::Input { id: p.id, time: p.time, dated: p.dated, outlet: &p.outlet, features: &f };
                staged.push(marsad_cluster::Assignment { story: 500, ..engine.add(input) });
            }
            let mut changes = engine.take_changes();
            changes.stories.iter_mut().for_each(|s| s.id = 500);
            store.stage_clustering(&staged, &changes).unwrap();
            let reader = Store::open(data.path()).unwrap();
            assert_eq!(stories_seen(&reader), before, "readers see the old stories during a rebuild");
            assert!(before.contains(&reader.story_of(first[0].id).unwrap().unwrap().0));
        }
        // The "killed" rebuild left nothing behind.
        let store = Store::open(data.path()).unwrap();
        assert_eq!(stories_seen(&store), before);
        // A whole rebuild swaps in the same stories (the engine is deterministic).
        let s = marsad_ingest::recluster_all(&store, None).unwrap();
        assert_eq!(s.articles, 5);
        assert_eq!(stories_seen(&store).len(), 2);
        assert_eq!(store.story_of(3).unwrap().unwrap().0, store.story_of(1).unwrap().unwrap().0);
        // …and the engine state with them: the next ingest continues those stories.
        assert!(marsad_ingest::cluster_pending(&store, None).unwrap().articles == 0);
    }

    /// Review of issue 9: a clustering that loaded the engine state before a rebuild was swapped
    /// in (`marsad run` beside `marsad recluster`) saved over the rebuilt stories with the old
    /// engine's ids and state. Its save is now refused, and clustering starts again from the
    /// rebuilt state.
    #[test]
    fn clustering_from_before_a_rebuild_cannot_save_over_it() {
        let data = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        run(&store, &[fixtures().join("stories.jsonl")]);
        let (old_state, old_generation) = store.load_cluster_state().unwrap();
        marsad_ingest::recluster_all(&store, None).unwrap();
        let stories = store.stories(&marsad_store::StoryFilter::default(), 0, 10).unwrap().total;
        let late = store.save_clustering(&[], &Default::default(), &old_state.unwrap(), old_generation);
        assert!(matches!(late, Err(marsad_store::StoreError::ClusteringSuperseded)), "{late:?}");
        assert_eq!(store.stories(&marsad_store::StoryFilter::default(), 0, 10).unwrap().total, stories);
        let (_, generation) = store.load_cluster_state().unwrap();
        assert_ne!(generation, old_generation);
        assert_eq!(marsad_ingest::cluster_pending(&store, None).unwrap().articles, 0);
    }
}
