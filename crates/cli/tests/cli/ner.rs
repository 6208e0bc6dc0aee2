//! `marsad ner tag`, `marsad ner train` and `marsad eval ner`.

use super::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn ner_tag_prints_one_tag_per_token_in_the_same_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "tokens.txt", "قال\nالرئيس\nفلاديمير\nبوتين\nفي\nموسكو\n\nوصل\nالوفد\n");
    let out = marsad(dir.path()).args(["ner", "tag"]).arg(&file).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 9, "{text}");
    assert_eq!(lines[6], "", "a blank line between sentences: {text}");
    assert!(lines[3].starts_with("بوتين ") && lines[3].ends_with("-PERS"), "{text}");
    assert!(lines[5].starts_with("موسكو ") && lines[5].ends_with("-LOC"), "{text}");
}

#[test]
fn eval_ner_scores_a_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(dir.path(), "gold.txt", "قال O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n");
    let out = marsad(dir.path()).args(["eval", "ner", "--json", "--gold"]).arg(&gold).assert().success();
    let v = json(&out.get_output().stdout);
    assert_eq!(v["tokens"], 6);
    assert!(v["by_kind"]["PERS"]["gold"] == 1, "{v}");
}

#[test]
fn documents_spread_a_name_found_once_to_its_other_sentences() {
    let dir = tempfile::tempdir().unwrap();
    // The tagger knows «رامسفيلد» after «دونالد» and a title; alone, as a sentence's first word
    // before a noun, it may not. Read as one document, the second sentence names him too.
    let text = "قال O\nوزير O\nالدفاع O\nالأمريكي O\nدونالد B-PERS\nرامسفيلد I-PERS\nإن O\nالحرب O\nطويلة O\n\n\
                رامسفيلد B-PERS\nوفريقه O\nارتكبا O\nأخطاء O\n";
    let file = write(dir.path(), "doc.txt", text);
    let tag = |extra: &[&str]| {
        let out = marsad(dir.path()).args(["ner", "tag"]).args(extra).arg(&file).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    // The premise: sentence by sentence, the second «رامسفيلد» is missed.
    assert!(tag(&[]).contains("\n\nرامسفيلد O"), "{}", tag(&[]));
    let doc = tag(&["--documents", "2"]);
    assert!(doc.contains("دونالد B-PERS\nرامسفيلد I-PERS"), "{doc}");
    assert!(doc.contains("\n\nرامسفيلد B-PERS"), "{doc}");
    let v = json(
        &marsad(dir.path())
            .args(["eval", "ner", "--json", "--documents", "2", "--gold"])
            .arg(&file)
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(v["by_kind"]["PERS"]["correct"], 2, "{v}");
    marsad(dir.path()).args(["ner", "tag", "--documents", "0"]).arg(&file).assert().failure();
}

#[test]
fn a_bad_tag_is_a_one_line_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write(dir.path(), "gold.txt", "قال O\nبوتين B-PERSON\n");
    marsad(dir.path())
        .args(["eval", "ner", "--gold"])
        .arg(&gold)
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 2: unknown tag").and(predicate::str::contains("panicked").not()));
}

#[test]
fn ner_train_writes_a_model_that_tag_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut corpus = String::new();
    for (first, last, place) in [("سعيد", "القرني", "جدة"), ("خالد", "الحربي", "أبها"), ("نورة", "الشهري", "تبوك")]
    {
        corpus.push_str(&format!("قال O\nالرئيس O\n{first} B-PERS\n{last} I-PERS\nفي O\n{place} B-LOC\n\n"));
    }
    let corpus = write(dir.path(), "train.txt", &corpus);
    let model = dir.path().join("model.crfsuite");
    marsad(dir.path())
        .args(["ner", "train", "--iterations", "30", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&model)
        .assert()
        .success();
    let out = marsad(dir.path()).args(["ner", "tag", "--model"]).arg(&model).arg(&corpus).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("سعيد B-PERS"), "{text}");
    marsad(dir.path())
        .args(["ner", "tag", "--model"])
        .arg(&corpus)
        .arg(&corpus)
        .assert()
        .failure()
        .stderr(predicate::str::starts_with("error: loading the model"));
}

/// The seeds (when `../shared` has them): Kim of seed 000 and «كيم جونغ أون» of seed 002 are one
/// entity, Pyongyang's spellings meet, and the quotations are their speakers'.
#[test]
fn seeds_people_places_and_quotes() {
    let Some(seeds) = shared("seeds") else { return };
    let dir = tempfile::tempdir().unwrap();
    marsad(dir.path()).args(["ingest", "-q"]).arg(&seeds).assert().success();
    // Seed 000 alone: its people, places (the dateline's «سول» among them) and organisations.
    let one = tempfile::tempdir().unwrap();
    let page =
        std::fs::read_dir(&seeds).unwrap().flatten().find(|e| e.file_name().to_string_lossy().starts_with("000"));
    marsad(one.path()).args(["ingest", "-q"]).arg(page.unwrap().path()).assert().success();
    let out = marsad(one.path()).args(["entities", "--json", ""]).assert().success();
    let all: Vec<(String, String)> = json(&out.get_output().stdout)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().to_string(), e["name"].as_str().unwrap().to_string()))
        .collect();
    let expected = [
        ("PERS", ["كيم جونج أون", "فلاديمير بوتين", "دونالد ترامب", "ديمتري بيسكوف"].as_slice()),
        ("LOC", &["سول", "روسيا", "هانوي", "موسكو", "بيونج يانج"]),
        ("ORG", &["يونهاب", "الكرملين"]),
    ];
    for (kind, names) in expected {
        for name in names {
            assert!(all.contains(&(kind.to_string(), name.to_string())), "{kind} {name}: {all:?}");
        }
    }
    let out = marsad(dir.path()).args(["entities", "--json", "كيم", "أون"]).assert().success();
    let found = json(&out.get_output().stdout);
    let kim = &found[0];
    let names = kim["names"].to_string();
    assert!(names.contains("كيم جونج أون") && names.contains("كيم جونغ أون"), "{found}");
    assert_eq!(kim["kind"], "PERS");
    let out = marsad(dir.path()).args(["entities", "--json", "بيونغ", "يانغ"]).assert().success();
    let names = json(&out.get_output().stdout)[0]["names"].to_string();
    assert!(names.contains("بيونج يانج") && names.contains("بيونغ يانغ"), "{names}");
    for person in ["فلاديمير بوتين", "دونالد ترامب", "ديمتري بيسكوف"] {
        let out = marsad(dir.path()).args(["entities", "--json", person]).assert().success();
        assert_eq!(json(&out.get_output().stdout)[0]["kind"], "PERS", "{person}");
    }
    let speakers = |file: &str| {
        let page =
            std::fs::read_dir(&seeds).unwrap().flatten().find(|e| e.file_name().to_string_lossy().starts_with(file));
        let out = marsad(dir.path()).args(["ner", "annotate", "--json"]).arg(page.unwrap().path()).assert().success();
        json(&out.get_output().stdout)
    };
    let first = speakers("000").to_string();
    let kim_quote = first.find("أرغب في التعاون معكم").expect("Kim's quotation is found");
    let before: String = first[..kim_quote].chars().rev().take(120).collect::<Vec<_>>().into_iter().rev().collect();
    assert!(before.contains("\"speaker\":\"كيم جونج أون\""), "{before}");
    let second = speakers("002");
    let quotes: Vec<&serde_json::Value> =
        second.as_array().unwrap().iter().flat_map(|a| a["quotes"].as_array().unwrap()).collect();
    let said = |start: &str| {
        quotes.iter().find(|q| q["text"].as_str().unwrap().starts_with(start)).map(|q| q["speaker"].clone())
    };
    assert_eq!(said("بمقدورنا تحطيم"), Some("إلكسندر لوكاشينكو".into()));
    assert_eq!(said("نظام عالمي عادل"), Some("فلاديمير بوتين".into()));
}
