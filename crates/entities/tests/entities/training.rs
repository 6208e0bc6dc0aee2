//! Training on a small composed corpus, reading the model back, and scoring.

use super::*;

/// A tiny tagged corpus of our own: enough sentences for the CRF to learn that a name follows
/// «الرئيس» and a place follows «في».
fn corpus() -> String {
    let names = ["سعيد القرني", "خالد الحربي", "نورة الشهري", "فهد العتيبي", "منى الزهراني", "علي الغامدي"];
    let places = ["جدة", "أبها", "الطائف", "تبوك", "حائل", "نجران"];
    let mut s = String::new();
    for (n, p) in names.iter().zip(places) {
        let (first, last) = n.split_once(' ').expect("two words");
        s.push_str(&format!("قال O\nالرئيس O\n{first} B-PERS\n{last} I-PERS\nفي O\n{p} B-LOC\nأمس O\n\n"));
    }
    s
}

#[test]
fn a_model_trained_on_a_corpus_reads_back_and_tags_what_it_learnt() {
    let sentences = conll::read(&corpus(), true).expect("corpus");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("model.crfsuite");
    train::train(&sentences, train::Params { max_iterations: 50, ..Default::default() }, &out).expect("train");
    let r = Recognizer::from_bytes(std::fs::read(&out).expect("model")).expect("load");
    let report = score::score(&sentences, &r.tag_sentences(&sentences)).expect("score");
    assert!(report.all.f1() > 0.9, "{report:?}");
}

#[test]
fn training_on_nothing_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = train::train(&[], train::Params::default(), &dir.path().join("m")).expect_err("no data");
    assert!(err.to_string().contains("no tagged sentences"), "{err}");
}

#[test]
fn a_file_that_is_no_model_is_refused_with_a_clear_error() {
    let err = Recognizer::from_bytes(b"not a model".to_vec()).expect_err("refused");
    assert!(err.to_string().contains("marsad ner train"), "{err}");
}

/// ANERcorp's test split, when `../shared` has it: the shipped model's entity-level F1 (the figure
/// the README quotes is printed; the floor here only catches a broken model, not a regression of
/// a point).
#[test]
fn anercorp_test_split_scores_as_the_readme_says() {
    let Some(path) = shared("ner/anercorp/test.txt") else { return };
    let gold = conll::read(&std::fs::read_to_string(path).expect("test.txt"), true).expect("read");
    let r = recognizer();
    let report = score::score(&gold, &r.tag_sentences(&gold)).expect("score");
    eprintln!(
        "ANERcorp test: F1 {:.3} (P {:.3}, R {:.3})",
        report.all.f1(),
        report.all.precision(),
        report.all.recall()
    );
    assert!(report.all.f1() > 0.5, "{report:?}");
}

/// The table tagger gives `crfs`'s own tags on every sentence of ANERcorp's test split.
#[test]
fn fast_tagging_is_crfs_tagging() {
    let Some(path) = shared("ner/anercorp/test.txt") else { return };
    let gold = conll::read(&std::fs::read_to_string(path).expect("test.txt"), true).expect("read");
    let r = recognizer();
    let differ = gold.iter().filter(|s| r.tag(&s.tokens) != r.tag_with_crfs(&s.tokens)).count();
    assert_eq!(differ, 0, "{differ} of {} sentences tagged differently", gold.len());
}
