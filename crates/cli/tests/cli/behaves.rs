//! Issue 10, "a CLI that behaves": what a new user met, one test per bug.

use std::process::Output;

use super::*;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `error: …` lines of stderr (phase notes and logs may surround them).
fn error_lines(out: &Output) -> Vec<String> {
    stderr(out).lines().filter(|l| l.starts_with("error: ")).map(String::from).collect()
}

/// Asserts exit status 1 and exactly one `error: …` line containing every needle.
fn fails_with(out: &Output, needles: &[&str]) {
    let errors = error_lines(out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    assert_eq!(errors.len(), 1, "{}", stderr(out));
    for n in needles {
        assert!(errors[0].contains(n), "{n:?} not in {}", errors[0]);
    }
}

fn ingested() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    marsad(data.path()).arg("ingest").arg(fixtures()).assert().success();
    data
}

/// Every file under `dir` with its size and modification time: equal snapshots mean nothing
/// was written.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let m = e.metadata().unwrap();
            if m.is_dir() {
                stack.push(e.path());
            }
            out.push((e.path(), m.len(), m.modified().unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn ingest_of_a_missing_path_names_it_ingests_the_rest_and_exits_1() {
    let data = tempfile::tempdir().unwrap();
    let out = marsad(data.path()).arg("ingest").arg("/no/such/path").output().unwrap();
    fails_with(&out, &["/no/such/path", "no such file or directory"]);
    assert!(!data.path().join("marsad.sqlite").exists(), "nothing to ingest, nothing created");

    let out = marsad(data.path()).arg("ingest").arg(fixtures()).arg("/no/such/path").output().unwrap();
    fails_with(&out, &["/no/such/path", "the other paths were ingested"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("15 new"), "nothing lost");
    marsad(data.path()).arg("stats").assert().success().stdout(predicate::str::contains("15 articles"));
    let out = marsad(data.path()).args(["ingest", "--json"]).arg("/no/such/path").arg(fixtures()).output().unwrap();
    fails_with(&out, &["/no/such/path"]);
    assert_eq!(json(&out.stdout)["missing"][0], "/no/such/path");
}

#[test]
fn data_dir_that_is_a_file_says_so_not_file_exists() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    for data in [file.clone(), file.join("sub")] {
        let out = marsad(&data).arg("stats").output().unwrap();
        fails_with(&out, &["is a file, not a directory", "pass --data a directory"]);
        assert!(!stderr(&out).contains("os error 17"), "{}", stderr(&out));
    }
}

#[test]
fn read_only_flag_reads_without_writing_and_write_commands_refuse() {
    let data = ingested();
    let before = snapshot(data.path());
    for args in [
        &["search", "زلزال"][..],
        &["search", "زلزال", "--json"],
        &["show", "1"],
        &["stats"],
        &["stories"],
        &["story", "1"],
        &["feeds", "list"],
    ] {
        let out = marsad(data.path()).arg("--read-only").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let hits = json(&marsad(data.path()).args(["--read-only", "search", "زلزال", "--json"]).output().unwrap().stdout);
    assert!(hits["total"].as_u64().unwrap() >= 1, "{hits}");
    assert_eq!(snapshot(data.path()), before, "a read-only command wrote to the data directory");
    let fixtures = fixtures().display().to_string();
    for args in
        [&["ingest", fixtures.as_str()][..], &["reindex"], &["recluster"], &["feeds", "add", "https://example.com/rss"]]
    {
        let out = marsad(data.path()).arg("--read-only").args(args).output().unwrap();
        fails_with(&out, &["--read-only", "writes to the data directory"]);
    }
    assert_eq!(snapshot(data.path()), before);
}

/// `chmod a-w` on the data directory and everything in it, undone on drop (so the temporary
/// directory can be removed).
struct ReadOnlyTree(PathBuf);

impl ReadOnlyTree {
    fn new(dir: &Path) -> Self {
        set_mode(dir, false);
        ReadOnlyTree(dir.to_path_buf())
    }
}

impl Drop for ReadOnlyTree {
    fn drop(&mut self) {
        set_mode(&self.0, true);
    }
}

#[cfg(unix)]
fn set_mode(dir: &Path, writable: bool) {
    use std::os::unix::fs::PermissionsExt;
    let mut paths = vec![dir.to_path_buf()];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            paths.extend(std::fs::read_dir(e.path()).unwrap().flatten().map(|f| f.path()));
        }
        paths.push(e.path());
    }
    for p in paths {
        let m = std::fs::metadata(&p).unwrap();
        let mode = m.permissions().mode();
        let mode = if writable { mode | 0o200 } else { mode & !0o222 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

/// Runs marsad as it would be run by a user who may not write to `data`: this user when
/// permissions bind it; when it is privileged (root, where chmod binds nothing), another user
/// (nobody), which only root can switch to. `None` when neither is possible.
#[cfg(unix)]
fn as_reader(data: &Path, args: &[&str]) -> Option<Output> {
    use std::os::unix::process::CommandExt;
    let probe = data.join(".probe");
    let privileged = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("marsad"));
    cmd.arg("--data").arg(data).args(args).env_remove("MARSAD_DATA");
    if privileged {
        cmd.uid(65534).gid(65534);
    }
    cmd.output().ok()
}

#[cfg(unix)]
#[test]
fn read_only_data_directory_is_searched_and_writes_are_refused_in_one_line() {
    use std::os::unix::fs::PermissionsExt;
    let data = ingested();
    // Another user must be able to reach the directory at all.
    for d in [data.path(), data.path().parent().unwrap()] {
        let mode = std::fs::metadata(d).unwrap().permissions().mode();
        if mode & 0o005 != 0o005 {
            let _ = std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o005));
        }
    }
    let _guard = ReadOnlyTree::new(data.path());
    let before = snapshot(data.path());
    let Some(out) = as_reader(data.path(), &["search", "زلزال", "--json"]) else {
        return eprintln!("cannot run as a user without write access here; skipped");
    };
    if stderr(&out).contains("Permission denied") && !stderr(&out).contains("error: ") {
        return eprintln!("the binary is not reachable by another user here; skipped");
    }
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(json(&out.stdout)["total"].as_u64().unwrap() >= 1);
    for args in [&["show", "1"][..], &["stats"], &["stories"], &["story", "1"]] {
        let out = as_reader(data.path(), args).unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("readonly database") && !stderr(&out).contains("unable to open"));
    }
    let out = as_reader(data.path(), &["ingest", "/"]).unwrap();
    fails_with(&out, &["is not writable", "`marsad ingest` writes to it"]);
    let out = as_reader(data.path(), &["reindex"]).unwrap();
    fails_with(&out, &["is not writable", "`marsad reindex`"]);
    assert_eq!(snapshot(data.path()), before);
}

#[test]
fn long_phases_print_a_one_line_note_off_a_terminal_and_no_escape_codes() {
    let data = tempfile::tempdir().unwrap();
    let ingest = marsad(data.path()).arg("ingest").arg(fixtures()).output().unwrap();
    assert!(ingest.status.success());
    let err = stderr(&ingest);
    assert!(
        err.contains("reading 7 files…")
            && err.contains("finding who is in 15 articles and grouping them into stories…"),
        "{err}"
    );
    let apart = tempfile::tempdir().unwrap();
    let ingest = marsad(apart.path()).args(["ingest", "--no-entities"]).arg(fixtures()).output().unwrap();
    assert!(stderr(&ingest).contains("clustering 15 articles into stories…"), "{}", stderr(&ingest));
    // Again with the entity pass: only it has work, and only it is named.
    let again = marsad(apart.path()).arg("ingest").arg(fixtures()).output().unwrap();
    let err = stderr(&again);
    assert!(err.contains("finding who is in 15 articles…") && !err.contains("stories…"), "{err}");
    let recluster = marsad(data.path()).arg("recluster").output().unwrap();
    assert!(stderr(&recluster).contains("clustering 15 articles…"), "{}", stderr(&recluster));
    let reindex = marsad(data.path()).arg("reindex").output().unwrap();
    assert!(stderr(&reindex).contains("reindexing 15 articles…"), "{}", stderr(&reindex));
    for out in [&ingest, &recluster, &reindex] {
        assert!(!stderr(out).contains('\x1b'), "{}", stderr(out));
    }
}

#[test]
fn serve_with_a_bare_port_asks_for_a_host() {
    let data = tempfile::tempdir().unwrap();
    for addr in ["8080", ":8080"] {
        let out = marsad(data.path()).args(["serve", "--addr", addr]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "a usage error: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("needs a host") && err.contains("127.0.0.1:8080"), "{err}");
        assert!(!err.contains("in use"), "{err}");
    }
    let out = marsad(data.path()).args(["run", "--once", "--serve", "8080"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("127.0.0.1:8080"));
}

/// A host under `.invalid` never resolves (RFC 6761): what an offline machine sees for any.
const UNRESOLVABLE: &str = "http://marsad-test.invalid/feed.xml";

#[test]
fn feeds_check_offline_says_the_host_could_not_be_resolved_not_robots_txt() {
    let data = tempfile::tempdir().unwrap();
    let out = marsad(data.path()).args(["feeds", "check", UNRESOLVABLE]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("could not resolve host marsad-test.invalid"), "{text}");
    assert!(!text.contains("robots.txt"), "{text}");
}

#[test]
fn run_once_with_every_feed_failed_exits_1_with_a_summary_and_no_colour() {
    let data = tempfile::tempdir().unwrap();
    marsad(data.path()).args(["feeds", "add", UNRESOLVABLE]).assert().success();
    let out = marsad(data.path()).args(["run", "--once"]).output().unwrap();
    fails_with(&out, &["every feed failed: 1 of 1", "could not resolve host marsad-test.invalid"]);
    assert!(!stderr(&out).contains('\x1b'), "escape codes in a file: {:?}", stderr(&out));
}

#[test]
fn search_front_says_why_nothing_is_found() {
    let empty = tempfile::tempdir().unwrap();
    let never = empty.path().join("never-ingested");
    let out = marsad(&never).args(["search", "زلزال"]).output().unwrap();
    fails_with(&out, &["nothing has been ingested", "marsad ingest"]);
    assert!(!never.exists(), "searching does not create a data directory");
    marsad(empty.path()).arg("stats").assert().success();
    let out = marsad(empty.path()).args(["search", "زلزال"]).output().unwrap();
    fails_with(&out, &["nothing has been ingested"]);

    let data = ingested();
    let out = marsad(data.path()).args(["search", "زلزال", "--source", "nowhere-news"]).output().unwrap();
    fails_with(&out, &["unknown outlet «nowhere-news»; known: ", "bbc-arabic (BBC Arabic)"]);
    let out = marsad(data.path()).args(["search", "زلزال", "--section", "طبخ"]).output().unwrap();
    fails_with(&out, &["unknown section «طبخ»; known: world", "sport"]);
    let out = marsad(data.path()).args(["search", "في", "من", "على"]).output().unwrap();
    fails_with(&out, &["only common words", "not searched"]);
    // Known names still filter: an outlet by its Arabic name, a canonical section.
    marsad(data.path())
        .args(["search", "المنتخب", "--source", "سكاي نيوز عربية", "--section", "sport"])
        .assert()
        .success();
}

#[test]
fn exit_codes_are_documented_and_usage_errors_exit_2() {
    let help = Command::cargo_bin("marsad").unwrap().arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Exit status") && text.contains("2  usage error"), "{text}");
    let data = tempfile::tempdir().unwrap();
    assert_eq!(marsad(data.path()).arg("search").output().unwrap().status.code(), Some(2));
    assert_eq!(marsad(data.path()).arg("no-such-command").output().unwrap().status.code(), Some(2));
    assert_eq!(marsad(data.path()).args(["show", "1"]).output().unwrap().status.code(), Some(1));
    assert_eq!(marsad(data.path()).arg("stats").output().unwrap().status.code(), Some(0));
}
