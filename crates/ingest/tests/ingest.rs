//! Integration tests for ingest: every format from a directory, bad files reported while the batch
//! goes on, idempotence, gzip streams.

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

mod formats {
    use super::*;

    #[test]
    fn a_directory_of_every_format() {
        let data = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        let (s, rejected) = run(&store, &[fixtures()]);
        assert!(rejected.is_empty(), "{rejected:?}");
        // dump 1 + html 1 + trec 2 + jsonl 3
        assert_eq!(s.new, 7);
        assert_eq!(s.files, 4);
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
