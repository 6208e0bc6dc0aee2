//! `marsad eval search`: known-item relevance on a composed gold window, and another system's
//! run scored with the same judgements.

use super::*;

/// A TREC record in ANT's shape.
fn doc(id: &str, title: &str, text: &str, day: u32) -> String {
    format!(
        "<DOC>\n<DOCNO>{id}</DOCNO>\n<URL>https://news.example/{id}</URL>\n<SRC>Example</SRC>\n<CAT>world</CAT>\n\
         <TITLE>{title}</TITLE>\n<TIME>Tue, {day:02} Mar 2018 10:00:00 GMT</TIME>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n"
    )
}

const FILL: &str = "وأضاف المتحدث أن الاتصالات مستمرة مع جميع الأطراف وأن النتائج ستعلن في وقت لاحق بعد التشاور.";

/// Two stories of two articles each, a lone article, and an unlabelled one sharing words with
/// the first story.
fn window(dir: &Path) -> (PathBuf, PathBuf) {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let docs = [
        doc(
            "X-1",
            "البرلمان يصوت على قانون الانتخابات الجديد",
            &format!("صوت البرلمان على قانون الانتخابات. {FILL}"),
            13,
        ),
        doc("X-2", "إقرار قانون الانتخابات في البرلمان", &format!("أقر البرلمان قانون الانتخابات بالأغلبية. {FILL}"), 13),
        doc("X-3", "فيضانات تغمر قرى الجنوب", &format!("غمرت الفيضانات عشرات القرى في الجنوب. {FILL}"), 14),
        doc("X-4", "الفيضانات تشرد آلاف السكان في الجنوب", &format!("شردت الفيضانات آلاف السكان. {FILL}"), 14),
        doc("X-5", "افتتاح معرض للكتاب", &format!("افتتح معرض الكتاب أبوابه. {FILL}"), 15),
        doc("Y-1", "قانون الانتخابات القديم", &format!("نقاش عن قانون قديم للانتخابات. {FILL}"), 1),
    ];
    std::fs::write(corpus.join("window.txt"), docs.concat()).unwrap();
    let gold = dir.join("gold.tsv");
    std::fs::write(
        &gold,
        "id\tstory\tthread\nX-1\tvote\tlaw\nX-2\tvote\tlaw\nX-3\tflood\tweather\nX-4\tflood\tweather\nX-5\tbooks\tculture\n",
    )
    .unwrap();
    (gold, corpus)
}

#[test]
fn eval_search_scores_headline_queries_against_the_story_gold() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, corpus) = window(dir.path());
    let out = marsad(&dir.path().join("data"))
        .args(["eval", "search", "--json", "--gold"])
        .arg(&gold)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--export")
        .arg(dir.path().join("export"))
        .arg("--write-run")
        .arg(dir.path().join("marsad.run"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = json(&out.stdout);
    // Four queries (the lone article has nothing to find); each finds its story's other article.
    assert_eq!(s["queries"], 4, "{s}");
    assert_eq!(s["zero_results"], 0, "{s}");
    assert!(s["mrr_at_10"].as_f64().unwrap() >= 0.99, "{s}");
    assert!(s["recall_at_10"].as_f64().unwrap() >= 0.99, "{s}");
    // The export holds the whole searched collection, unlabelled article included, and the
    // queries as words.
    let docs = std::fs::read_to_string(dir.path().join("export/docs.tsv")).unwrap();
    assert_eq!(docs.lines().count(), 6, "{docs}");
    let queries = std::fs::read_to_string(dir.path().join("export/queries.tsv")).unwrap();
    assert_eq!(queries.lines().count(), 4);
    assert!(std::fs::read_to_string(dir.path().join("marsad.run")).unwrap().lines().any(|l| l.starts_with("X-1\t")));
}

#[test]
fn eval_search_scores_another_systems_run_with_the_same_judgements() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, corpus) = window(dir.path());
    // X-1 finds the unlabelled article first, then its story's other one (rank 2); X-2 finds
    // only itself; X-3 finds X-4 first; X-4 has no ranking at all.
    let run = dir.path().join("other.run");
    std::fs::write(&run, "X-1\t1\tY-1\nX-1\t2\tX-2\nX-2\t1\tX-2\nX-3\t1\tX-4\n").unwrap();
    let out = marsad(&dir.path().join("data"))
        .args(["eval", "search", "--json", "--gold"])
        .arg(&gold)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--run")
        .arg(&run)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = json(&out.stdout);
    assert_eq!(s["queries"], 4);
    assert!((s["mrr_at_10"].as_f64().unwrap() - (0.5 + 0.0 + 1.0 + 0.0) / 4.0).abs() < 1e-9, "{s}");
    assert!((s["recall_at_10"].as_f64().unwrap() - 0.5).abs() < 1e-9, "{s}");
    assert_eq!(s["zero_results"], 2);
}

#[test]
fn eval_search_names_a_malformed_run_line() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, corpus) = window(dir.path());
    let run = dir.path().join("bad.run");
    std::fs::write(&run, "X-1\tfirst\tX-2\n").unwrap();
    marsad(&dir.path().join("data"))
        .args(["eval", "search", "--gold"])
        .arg(&gold)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--run")
        .arg(&run)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.run:1: expected query_id<TAB>rank<TAB>doc_id"));
}

/// Regression: a second ingest records every document id again as an alias of its own article,
/// and each unjudged article then took two ranks, lowering the figures of an unchanged index.
#[test]
fn eval_search_figures_do_not_change_when_the_corpus_is_ingested_again() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, corpus) = window(dir.path());
    // Unlabelled articles that outrank X-1's story partner for its headline.
    let decoys: String = (2..5)
        .map(|i| {
            doc(
                &format!("Y-{i}"),
                "البرلمان يصوت على قانون الانتخابات الجديد",
                &format!("تقرير {i} عن البرلمان يصوت على قانون الانتخابات الجديد في جلسة سابقة. {FILL}"),
                i,
            )
        })
        .collect();
    std::fs::write(corpus.join("decoys.txt"), decoys).unwrap();
    let data = dir.path().join("data");
    let figures = || {
        let out = marsad(&data)
            .args(["eval", "search", "--json", "--existing", "--gold"])
            .arg(&gold)
            .arg("--corpus")
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let s = json(&out.stdout);
        (s["mrr_at_10"].as_f64().unwrap(), s["recall_at_10"].as_f64().unwrap())
    };
    marsad(&data).arg("ingest").arg("--quiet").arg(&corpus).assert().success();
    let once = figures();
    assert!(once.0 < 0.99, "the decoys must outrank something for this test to mean anything: {once:?}");
    marsad(&data).arg("ingest").arg("--quiet").arg(&corpus).assert().success();
    assert_eq!(figures(), once);
}
