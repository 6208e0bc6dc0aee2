//! End-to-end tests of the `marsad` binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn marsad(data: &Path) -> Command {
    let mut c = Command::cargo_bin("marsad").unwrap();
    c.arg("--data").arg(data).env_remove("MARSAD_DATA");
    c
}

fn shared(sub: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(sub);
    p.exists().then_some(p)
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)))
}

mod behaves;
mod eval_search;
mod live;
mod ner;

mod help {
    use super::*;

    #[test]
    fn every_command_has_help() {
        for cmd in [
            "ingest",
            "search",
            "show",
            "stats",
            "serve",
            "reindex",
            "extract",
            "eval",
            "stories",
            "story",
            "recluster",
            "feeds",
            "run",
            "ner",
        ] {
            Command::cargo_bin("marsad")
                .unwrap()
                .args([cmd, "--help"])
                .assert()
                .success()
                .stdout(predicate::str::contains("Usage"));
        }
    }

    #[test]
    fn data_dir_from_environment() {
        let data = tempfile::tempdir().unwrap();
        Command::cargo_bin("marsad")
            .unwrap()
            .env("MARSAD_DATA", data.path())
            .args(["stats"])
            .assert()
            .success()
            .stdout(predicate::str::contains("0 articles"));
        assert!(data.path().join("marsad.sqlite").exists());
    }
}

mod seeds {
    use super::*;

    #[test]
    fn ingest_and_search_the_seed_pages() {
        let Some(seeds) = shared("seeds") else {
            return eprintln!("../shared/seeds not present; skipped");
        };
        let data = tempfile::tempdir().unwrap();
        marsad(data.path())
            .arg("ingest")
            .arg(&seeds)
            .assert()
            .success()
            .stdout(predicate::str::starts_with("3 new, 0 already present, 0 rejected"));

        let out = marsad(data.path()).args(["search", "كيم جونغ أون", "--json"]).output().unwrap();
        let v = json(&out.stdout);
        assert_eq!(v["total"], 2, "{v}");
        let outlets: Vec<&str> =
            v["hits"].as_array().unwrap().iter().map(|h| h["outlet_id"].as_str().unwrap()).collect();
        assert!(outlets.contains(&"almaghribtoday") && outlets.contains(&"sampress"), "{outlets:?}");
        // --newest finds the same pages (neither seed states its date, so both sort last; the
        // order itself is checked in the store's tests).
        let out = marsad(data.path()).args(["search", "كيم جونغ أون", "--newest", "--json"]).output().unwrap();
        let v = json(&out.stdout);
        assert_eq!(v["total"], 2, "{v}");
        assert!(v["hits"].as_array().unwrap().iter().all(|h| h["score"] == 0.0));

        let out = marsad(data.path()).args(["search", "بيونغ", "يانغ", "--json"]).output().unwrap();
        let v = json(&out.stdout);
        let titles: Vec<&str> = v["hits"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&"زعيم كوريا الشمالية كيم جونج أون"), "{titles:?}");

        // Human output marks the matched words.
        marsad(data.path())
            .args(["search", "بيونغ يانغ"])
            .assert()
            .success()
            .stdout(predicate::str::contains("**وبيونج يانج**"));

        let id = v["hits"].as_array().unwrap().iter().find(|h| h["outlet_id"] == "almaghribtoday").unwrap()["id"]
            .as_i64()
            .unwrap();
        let out = marsad(data.path()).args(["show", &id.to_string(), "--json"]).output().unwrap();
        let a = json(&out.stdout);
        assert_eq!(a["title"], "زعيم كوريا الشمالية كيم جونج أون");
        let body =
            a["paragraphs"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect::<Vec<_>>().join("\n");
        assert!(body.starts_with("أرسل الزعيم الكورى الشمالى") && body.ends_with("لدواعي أمنية."));
        for absent in ["اخر الاخبار", "محمد صلاح", "View on"] {
            assert!(!body.contains(absent));
        }
        assert_eq!(a["outlet_name"], "المغرب اليوم", "the display name, Arabic first");
        assert_eq!(a["outlet_id"], "almaghribtoday");

        marsad(data.path())
            .arg("ingest")
            .arg(&seeds)
            .assert()
            .success()
            .stdout(predicate::str::starts_with("0 new, 3 already present"));

        // The 2019 letter and the 2023 visit announcement: two stories of one thread.
        let stories = json(&marsad(data.path()).args(["stories", "--json"]).output().unwrap().stdout);
        let find = |needle: &str| {
            stories
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["title"].as_str().unwrap().contains(needle))
                .cloned()
                .unwrap_or_else(|| panic!("{needle}: {stories}"))
        };
        let letter = find("زعيم كوريا الشمالية كيم جونج أون");
        let visit = find("أعلنت الرئاسة الروسية");
        assert_ne!(letter["id"], visit["id"], "different stories");
        assert_eq!(letter["thread_id"], visit["thread_id"], "one thread");
        let detail =
            json(&marsad(data.path()).args(["story", &letter["id"].to_string(), "--json"]).output().unwrap().stdout);
        assert!(detail["thread_stories"].as_array().unwrap().iter().any(|s| s["id"] == visit["id"]));
    }
}

mod fixtures_and_errors {
    use super::*;

    #[test]
    fn ingest_show_stats_reindex() {
        let data = tempfile::tempdir().unwrap();
        marsad(data.path())
            .arg("ingest")
            .arg(fixtures())
            .assert()
            .success()
            .stdout(predicate::str::starts_with("15 new"));
        marsad(data.path()).args(["stats"]).assert().success().stdout(
            predicate::str::contains("15 articles")
                .and(predicate::str::contains("BBC Arabic (bbc-arabic)"))
                .and(predicate::str::contains("2018-03")),
        );
        marsad(data.path()).args(["show", "1"]).assert().success().stdout(predicate::str::contains("outlet:"));
        marsad(data.path())
            .args(["show", "999"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("no article with id 999"));
        marsad(data.path()).arg("reindex").assert().success().stderr(predicate::str::contains("reindexed 15 articles"));
        let out = marsad(data.path())
            .args([
                "search",
                "المنتخب",
                "--source",
                "سكاي نيوز عربية",
                "--since",
                "2018-03-14",
                "--until",
                "2018-03-14",
                "--json",
            ])
            .output()
            .unwrap();
        assert_eq!(json(&out.stdout)["total"], 1);
        marsad(data.path())
            .args(["search", "المنتخب", "--since", "yesterday"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("cannot read date"));
    }

    #[test]
    fn bad_files_are_listed_and_counted() {
        let data = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        std::fs::write(inputs.path().join("empty.txt"), b"").unwrap();
        std::fs::write(inputs.path().join("blob.bin"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
        std::fs::copy(fixtures().join("dump_page.txt"), inputs.path().join("page.txt")).unwrap();
        marsad(data.path())
            .arg("ingest")
            .arg(inputs.path())
            .assert()
            .success()
            .stdout(predicate::str::starts_with("1 new, 0 already present, 2 rejected (binary: 1, empty: 1)"))
            .stderr(predicate::str::contains("empty.txt: empty").and(predicate::str::contains("blob.bin: binary")));
    }
}

mod hostile {
    use super::*;

    /// Issue 9: `marsad search … | head` panicked when `head` closed the pipe; `marsad eval ner
    /// | head` reported an internal error (a `println!` into the closed pipe).
    #[test]
    fn search_into_a_closed_pipe_exits_quietly() {
        let data = tempfile::tempdir().unwrap();
        marsad(data.path()).arg("ingest").arg(fixtures()).assert().success();
        let gold = data.path().join("gold.txt");
        std::fs::write(&gold, "قال O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\n").unwrap();
        let gold = gold.to_str().unwrap();
        for args in
            [&["search", "زلزال"][..], &["search", "زلزال", "--json"], &["stats"], &["eval", "ner", "--gold", gold]]
        {
            let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("marsad"))
                .arg("--data")
                .arg(data.path())
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take()); // the reader is gone before anything is written
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
            assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{stderr}");
        }
    }

    /// Errors are one line, `error: …`, never a backtrace, whatever RUST_BACKTRACE says.
    #[test]
    fn errors_are_one_line_without_a_backtrace() {
        let data = tempfile::tempdir().unwrap();
        let out = marsad(data.path()).env("RUST_BACKTRACE", "1").args(["show", "999"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: no article with id 999"), "{stderr}");
    }
}

/// Issue 9: the paging bounds of the reader hold on the command line too, and errors are one
/// line.
mod bounds {
    use super::*;

    /// Asserts a failure whose stderr is one line, `error: …`, containing `needle`.
    fn one_line_error(out: &std::process::Output, needle: &str) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{stderr}");
        assert!(lines[0].starts_with("error: ") && lines[0].contains(needle), "{stderr}");
    }

    #[test]
    fn search_offset_past_the_window_is_a_one_line_error_not_a_panic() {
        let data = tempfile::tempdir().unwrap();
        marsad(data.path()).arg("ingest").arg(fixtures()).assert().success();
        for offset in ["9223372036854775807", "4000000000", "9991"] {
            let out = marsad(data.path()).args(["search", "المنتخب", "--offset", offset]).output().unwrap();
            one_line_error(&out, "deepest marsad serves");
        }
        marsad(data.path()).args(["search", "المنتخب", "--offset", "9990"]).assert().success();
    }

    #[test]
    fn stories_limit_past_the_window_is_a_one_line_error_not_a_datatype_mismatch() {
        let data = tempfile::tempdir().unwrap();
        marsad(data.path()).arg("ingest").arg(fixtures()).assert().success();
        for extra in [&[][..], &["--trending", "48"][..]] {
            let out =
                marsad(data.path()).args(["stories", "--limit", "18446744073709551615"]).args(extra).output().unwrap();
            one_line_error(&out, "10000");
        }
    }

    #[test]
    fn serve_refuses_a_base_url_that_is_not_a_web_address() {
        let data = tempfile::tempdir().unwrap();
        marsad(data.path())
            .args(["serve", "--addr", "127.0.0.1:0", "--base-url", "javascript:alert(1)"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("must be an http or https address"));
    }
}

mod ant {
    use super::*;

    /// The whole ANT corpus: every article stored once with outlet, section, title and time; a
    /// second run adds nothing.
    #[test]
    fn whole_corpus_ingests_completely_and_idempotently() {
        let Some(ant) = shared("corpora/ant-multisource") else {
            return eprintln!("ANT not present; skipped");
        };
        let data = tempfile::tempdir().unwrap();
        let out = marsad(data.path()).arg("ingest").arg(&ant).arg("--json").output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let s = json(&out.stdout);
        assert_eq!(s["rejected"].as_object().unwrap().len(), 0, "{s}");
        let docs = (s["new"].as_u64().unwrap() + s["already_present"].as_u64().unwrap()) as usize;
        let doc_tags = walk_count(&ant);
        assert_eq!(docs, doc_tags, "every <DOC> is accounted for");

        let stats = json(&marsad(data.path()).args(["stats", "--json"]).output().unwrap().stdout);
        assert_eq!(stats["articles"], s["new"]);
        for (key, unknown) in [("by_outlet", "(unknown)"), ("by_month", "(undated)")] {
            assert!(!stats[key].to_string().contains(unknown), "{key}: {}", stats[key]);
        }
        assert!(!stats["by_section"].to_string().contains("(none)"), "{}", stats["by_section"]);

        marsad(data.path()).arg("ingest").arg(&ant).assert().success().stdout(predicate::str::starts_with("0 new"));

        // The Trump–Kim Singapore summit is one story with several outlets.
        let out = marsad(data.path())
            .args(["stories", "--since", "2018-06-11", "--until", "2018-06-13", "--limit", "30", "--json"])
            .output()
            .unwrap();
        let stories = json(&out.stdout);
        let summit = stories
            .as_array()
            .unwrap()
            .iter()
            .find(|s| {
                let t = s["title"].as_str().unwrap();
                (t.contains("سنغافورة") || t.contains("ترامب")) && (t.contains("كيم") || t.contains("قمة"))
            })
            .unwrap_or_else(|| panic!("no summit story in {stories}"));
        assert!(summit["outlets"].as_u64().unwrap() >= 3, "{summit}");

        // The dev-gold stories as the whole stream clusters them (all sections and months
        // interleaved, as a live observatory sees them), not only when clustered alone.
        if let Some(gold) = shared("gold/ant-stories-dev.tsv") {
            let out = marsad(data.path())
                .args(["eval", "stories", "--existing", "--json", "--gold"])
                .arg(&gold)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let r = json(&out.stdout);
            assert_eq!(r["missing"], 0);
            let f1 = r["scores"]["bcubed_f1"].as_f64().unwrap();
            assert!(f1 >= 0.87, "story BCubed F1 in the whole stream {f1}");
        }
        let empty = tempfile::tempdir().unwrap();
        marsad(empty.path())
            .args(["eval", "stories", "--existing", "--gold", "x.tsv"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("cannot read gold file"));
    }

    fn walk_count(dir: &Path) -> usize {
        let mut n = 0;
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                n += walk_count(&p);
            } else if p.file_name().unwrap() != "README.md" {
                n += std::fs::read_to_string(&p).unwrap().matches("<DOC>").count();
            }
        }
        n
    }
}

mod extraction {
    use super::*;

    #[test]
    fn extract_reports_articles_metadata_and_furniture() {
        let Some(seeds) = shared("seeds") else { return eprintln!("../shared/seeds not present; skipped") };
        let page = std::fs::read_dir(&seeds)
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().starts_with("000_"))
            .unwrap()
            .path();
        let data = tempfile::tempdir().unwrap();
        let out = marsad(data.path())
            .arg("extract")
            .arg(&page)
            .args(["--json", "--base-date", "2019-04-15"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let r = json(&out.stdout);
        assert_eq!(r["format"], "dump");
        let a = &r["articles"][0];
        assert_eq!(a["title"], "زعيم كوريا الشمالية كيم جونج أون");
        assert_eq!(a["dateline"]["place_en"], "Seoul");
        assert_eq!(a["agencies"][0], "Yonhap");
        // «اليوم السبت», against a reference date: Saturday 13 April 2019, marked inferred.
        assert_eq!(a["published_date"], "2019-04-13");
        assert_eq!(a["date_source"], "inferred");
        assert_eq!(a["related"].as_array().unwrap().len(), 8);
        assert!(r["dropped"].as_array().unwrap().iter().any(|b| b["text"] == "View on Almaghribtoday.net"));
        assert!(!data.path().join("marsad.sqlite").exists(), "extract does not create a store");

        // Without a reference date nothing is invented.
        let out = marsad(data.path()).arg("extract").arg(&page).arg("--json").output().unwrap();
        assert!(json(&out.stdout)["articles"][0]["published_date"].is_null());

        marsad(data.path()).arg("extract").arg(&page).assert().success().stdout(
            predicate::str::contains("dateline:    سول (Seoul)").and(predicate::str::contains("agencies:    Yonhap")),
        );
    }

    #[test]
    fn extract_page_level_agencies_include_teasers() {
        let Some(seeds) = shared("seeds") else { return eprintln!("../shared/seeds not present; skipped") };
        let page = std::fs::read_dir(&seeds)
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().starts_with("002_"))
            .unwrap()
            .path();
        let data = tempfile::tempdir().unwrap();
        let r = json(&marsad(data.path()).arg("extract").arg(&page).arg("--json").output().unwrap().stdout);
        assert_eq!(r["articles"].as_array().unwrap().len(), 2);
        assert_eq!(r["articles"][0]["attribution"][0]["id"], "sputnik-arabic");
        assert_eq!(r["articles"][0]["attribution"][1]["id"], "sampress");
        assert!(r["agencies"].as_array().unwrap().iter().any(|a| a == "The Telegraph"), "{}", r["agencies"]);
    }

    /// The dev-gold figures in the README, reproduced: generate the set from ANT and score it.
    #[test]
    fn eval_extract_meets_the_quality_bar() {
        let Some(ant) = shared("corpora/ant-multisource") else { return eprintln!("ANT not present; skipped") };
        let gold = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        marsad(data.path())
            .args(["eval", "gen-extract", "--corpus"])
            .arg(&ant)
            .arg("--out")
            .arg(gold.path())
            .assert()
            .success();
        let out = marsad(data.path()).args(["eval", "extract", "--json", "--gold"]).arg(gold.path()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let r = json(&out.stdout);
        let all = &r["marsad_all"];
        assert!(all["pages"].as_u64().unwrap() >= 300);
        for (metric, bar) in
            [("body_f1", 0.97), ("article_count_accuracy", 0.95), ("title_accuracy", 0.95), ("date_accuracy", 0.95)]
        {
            let v = all[metric].as_f64().unwrap();
            assert!(v >= bar, "{metric} = {v:.3} < {bar}");
        }
        // marsad beats both baselines on body F1.
        assert!(r["marsad_dump"]["body_f1"].as_f64() > r["justext_dump"]["body_f1"].as_f64());
        assert!(r["marsad_html"]["body_f1"].as_f64() > r["trafilatura_html"]["body_f1"].as_f64());
    }

    #[test]
    fn eval_reports_a_missing_gold_directory() {
        let data = tempfile::tempdir().unwrap();
        marsad(data.path())
            .args(["eval", "extract", "--gold", "/nonexistent/gold"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("evaluating against /nonexistent/gold"));
    }
}

mod stories {
    use super::*;

    #[test]
    fn stories_and_story_commands() {
        let data = tempfile::tempdir().unwrap();
        marsad(data.path())
            .arg("ingest")
            .arg(fixtures().join("stories.jsonl"))
            .assert()
            .success()
            .stdout(predicate::str::contains("2 new stories"));
        let list = json(&marsad(data.path()).args(["stories", "--json"]).output().unwrap().stdout);
        assert_eq!(list.as_array().unwrap().len(), 2);
        assert_eq!(list[0]["outlets"], 3);
        let id = list[0]["id"].as_i64().unwrap();
        marsad(data.path())
            .args(["story", &id.to_string()])
            .assert()
            .success()
            .stdout(predicate::str::contains("news-b.example"));
        marsad(data.path())
            .args(["stories", "--section", "sport"])
            .assert()
            .success()
            .stdout(predicate::str::contains("كأس آسيا"));
        marsad(data.path())
            .args(["stories", "--trending", "24", "--json"])
            .assert()
            .success()
            .stdout(predicate::str::contains("\"trend\""));
        marsad(data.path())
            .args(["story", "999"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("no story with id 999"));
        marsad(data.path())
            .arg("recluster")
            .assert()
            .success()
            .stderr(predicate::str::contains("clustered 5 articles into 2 stories"));
    }

    /// The dev-gold story figures in the README, reproduced.
    #[test]
    fn eval_stories_and_threads_on_the_dev_gold() {
        let (Some(gold), Some(ant)) = (shared("gold/ant-stories-dev.tsv"), shared("corpora/ant-multisource")) else {
            return eprintln!("gold or ANT not present; skipped");
        };
        let data = tempfile::tempdir().unwrap();
        let out = marsad(data.path())
            .args(["eval", "stories", "--json", "--gold"])
            .arg(&gold)
            .arg("--corpus")
            .arg(&ant)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let r = json(&out.stdout);
        assert_eq!(r["missing"], 0);
        assert_eq!(r["scores"]["items"], 331);
        let f1 = r["scores"]["bcubed_f1"].as_f64().unwrap();
        assert!(f1 >= 0.89, "story BCubed F1 {f1}");
        let rows = data.path().join("assignments.tsv");
        let out = marsad(data.path())
            .args(["eval", "threads", "--gold"])
            .arg(&gold)
            .arg("--corpus")
            .arg(&ant)
            .arg("--assignments")
            .arg(&rows)
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&out.stdout).contains("BCubed"));
        // One row per gold article, each with its headline, for error analysis.
        let rows = std::fs::read_to_string(&rows).unwrap();
        let lines: Vec<&str> = rows.lines().collect();
        assert_eq!(lines[0], "id\tgold_story\tstory\tgold_thread\tthread\ttitle");
        assert_eq!(lines.len(), 332);
        assert!(lines[1..].iter().all(|l| l.split('\t').count() == 6 && !l.ends_with('\t')));
    }
}
