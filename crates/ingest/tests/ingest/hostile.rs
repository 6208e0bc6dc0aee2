//! Inputs composed the way an attacker (or a broken exporter) would: huge lines, stray NUL bytes,
//! lying lengths, FIFOs and symlinks. Each must cost only itself — never the run, never the good
//! records beside it.

use std::io::{Read, Write};

use marsad_store::Store;

use super::run;

/// `left` bytes of `byte`, produced on demand (never allocated).
struct Lazy {
    byte: u8,
    left: u64,
}

impl Read for Lazy {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = out.len().min(self.left.min(usize::MAX as u64) as usize);
        out[..n].fill(self.byte);
        self.left -= n as u64;
        Ok(n)
    }
}

const TEXT: &str = "أعلنت وزارة الزراعة اليوم خطة لزيادة إنتاج القمح خلال الموسم المقبل بنسبة كبيرة.";

fn jsonl_line(title: &str) -> String {
    serde_json::json!({ "title": title, "text": TEXT }).to_string()
}

#[test]
fn jsonl_gz_overlong_line_is_rejected_and_later_lines_are_stored() {
    let inputs = tempfile::tempdir().unwrap();
    let path = inputs.path().join("export.jsonl.gz");
    {
        // 80 MB without a newline, over the 64 MB document limit, compressed as it streams.
        let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::fast());
        gz.write_all(format!("{}\n", jsonl_line("خبر أول عن القمح")).as_bytes()).unwrap();
        std::io::copy(&mut Lazy { byte: b'a', left: 80 << 20 }, &mut gz).unwrap();
        gz.write_all(format!("\n{}\n", jsonl_line("خبر ثالث عن القمح")).as_bytes()).unwrap();
        gz.finish().unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let (s, rejected) = run(&store, &[path]);
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert!(rejected[0].contains("export.jsonl.gz:2") && rejected[0].contains("too-large"), "{rejected:?}");
    assert_eq!(s.new, 2, "the lines before and after the huge one are stored");
}

#[test]
fn jsonl_nul_byte_costs_only_its_line() {
    let inputs = tempfile::tempdir().unwrap();
    let mut bytes = format!("{}\n", jsonl_line("خبر أول عن القمح")).into_bytes();
    bytes.extend_from_slice(b"{\"title\":\"\xd8\xae\xd8\xa8\xd8\xb1\x00\",\"text\":\"x\"}\n");
    bytes.extend_from_slice(format!("{}\n", jsonl_line("خبر ثالث عن القمح")).as_bytes());
    // Latin-1 bytes in a UTF-8 file: the line is refused, not stored as replacement characters.
    bytes.extend_from_slice(b"{\"title\":\"caf\xe9\",\"text\":\"na\xefve\"}\n");
    bytes.extend_from_slice(format!("{}\n", jsonl_line("خبر خامس عن القمح")).as_bytes());
    let path = super::write(inputs.path(), "export.jsonl", &bytes);
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let (s, rejected) = run(&store, &[path]);
    assert_eq!(rejected.len(), 2, "{rejected:#?}");
    assert!(rejected[0].contains("export.jsonl:2 => binary: line 2") && rejected[0].contains("NUL"), "{rejected:#?}");
    assert!(rejected[1].contains("export.jsonl:4 => invalid-encoding: line 4"), "{rejected:#?}");
    assert_eq!(s.new, 3, "the good lines around them are stored");
}

mod warc {
    use super::*;
    use crate::site;

    const URI: &str = "https://news.example/politics/2026/11/20/";

    /// A WARC response record for page `n`; `length` replaces the true Content-Length value
    /// (`Some("")` leaves the header out).
    fn record(kind: &str, n: usize, length: Option<&str>) -> Vec<u8> {
        let page = site::article_page(n, None);
        let mut block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            page.len()
        )
        .into_bytes();
        block.extend_from_slice(page.as_bytes());
        if kind == "request" {
            block = format!("GET /politics/2026/11/20/{n} HTTP/1.1\r\nHost: news.example\r\n\r\n").into_bytes();
        }
        let length = match length {
            None => format!("Content-Length: {}\r\n", block.len()),
            Some("") => String::new(),
            Some(v) => format!("Content-Length: {v}\r\n"),
        };
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {URI}{n}\r\nWARC-Date: 2026-11-20T06:15:00Z\r\nContent-Type: application/http; msgtype={kind}\r\n{length}\r\n"
        )
        .into_bytes();
        r.extend_from_slice(&block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn member(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    /// Ingests the records as a plain WARC and as a CC-NEWS-style `.warc.gz` (a gzip member per
    /// record); returns what each run stored (page numbers) and rejected.
    fn ingest(records: &[Vec<u8>]) -> Vec<(Vec<usize>, Vec<String>)> {
        let inputs = tempfile::tempdir().unwrap();
        let plain = super::super::write(inputs.path(), "plain.warc", &records.concat());
        let gz: Vec<u8> = records.iter().flat_map(|r| member(r)).collect();
        let gz = super::super::write(inputs.path(), "members.warc.gz", &gz);
        [plain, gz]
            .into_iter()
            .map(|path| {
                let data = tempfile::tempdir().unwrap();
                let store = Store::open(data.path()).unwrap();
                let (_, rejected) = run(&store, &[path]);
                let items = store.latest(&marsad_store::Filter::default(), 0, 100).unwrap().items;
                let mut pages: Vec<usize> = items
                    .iter()
                    .map(|a| a.url.as_ref().unwrap().rsplit('/').next().unwrap().parse().unwrap())
                    .collect();
                pages.sort();
                (pages, rejected)
            })
            .collect()
    }

    #[test]
    fn warc_bad_or_missing_content_length_costs_only_its_record() {
        let records = [
            record("response", 91, None),
            record("response", 92, Some("12x")),
            record("response", 93, None),
            record("response", 94, Some("")),
            record("response", 95, None),
        ];
        for (stored, rejected) in ingest(&records) {
            assert_eq!(stored, [91, 93, 95], "{rejected:#?}");
            assert_eq!(rejected.len(), 2, "{rejected:#?}");
            assert!(
                rejected[0].contains(&format!("#{URI}92 => malformed")) && rejected[0].contains("12x"),
                "{rejected:#?}"
            );
            assert!(rejected[1].contains(&format!("#{URI}94 => malformed")), "{rejected:#?}");
        }
    }

    #[test]
    fn warc_length_running_past_the_end_is_reported() {
        // A request record claiming 1 GB would swallow the response after it: the request is
        // reported, and the response it ran over is read after all.
        let records =
            [record("response", 91, None), record("request", 92, Some("1000000000")), record("response", 92, None)];
        for (stored, rejected) in ingest(&records) {
            assert_eq!(stored, [91, 92], "{rejected:#?}");
            assert_eq!(rejected.len(), 1, "{rejected:#?}");
            assert!(rejected[0].contains(&format!("#{URI}92 => malformed")), "{rejected:#?}");
            assert!(rejected[0].contains("1000000000"), "{rejected:#?}");
        }
        // A response record running past the end is reported as well.
        for (stored, rejected) in ingest(&[record("response", 91, None), record("response", 92, Some("5000000"))]) {
            assert_eq!(stored, [91], "{rejected:#?}");
            assert!(rejected.len() == 1 && rejected[0].contains(&format!("#{URI}92 =>")), "{rejected:#?}");
        }
    }

    #[test]
    fn warc_length_running_into_the_next_record_resyncs_there() {
        let good = record("response", 92, None);
        let block_len = good.len() - good.windows(4).position(|w| w == b"\r\n\r\n").unwrap() - 4 - 4;
        let records = [
            record("response", 91, None),
            record("response", 92, Some(&(block_len + 300).to_string())),
            record("response", 93, None),
            record("response", 94, None),
        ];
        for (stored, rejected) in ingest(&records) {
            assert_eq!(stored, [91, 93, 94], "the record the wrong length ran into is read: {rejected:#?}");
            assert_eq!(rejected.len(), 1, "{rejected:#?}");
            assert!(rejected[0].contains(&format!("#{URI}92 => malformed")), "{rejected:#?}");
        }
    }

    #[test]
    fn warc_gz_corrupt_member_in_the_middle_costs_only_its_record() {
        let mut bad = member(&record("response", 92, None));
        let mid = bad.len() / 2;
        for b in &mut bad[mid..mid + 16] {
            *b ^= 0x5a;
        }
        let gz = [member(&record("response", 91, None)), bad, member(&record("response", 93, None))].concat();
        let inputs = tempfile::tempdir().unwrap();
        let path = super::super::write(inputs.path(), "CC-NEWS-corrupt.warc.gz", &gz);
        let data = tempfile::tempdir().unwrap();
        let store = Store::open(data.path()).unwrap();
        let (s, rejected) = run(&store, &[path]);
        assert_eq!(s.new, 2, "{rejected:#?}");
        assert_eq!(rejected.len(), 1, "{rejected:#?}");
        assert!(rejected[0].contains("truncated-gzip"), "{rejected:#?}");
    }
}

mod walk {
    use std::path::{Path, PathBuf};
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo is available");
        assert!(status.success());
    }

    /// Runs the ingest on another thread: a FIFO opened for reading blocks until a writer comes,
    /// so a regression would hang the run — this turns it into a failure instead.
    fn run_finishing(store: Store, paths: Vec<PathBuf>) -> (marsad_ingest::Summary, Vec<String>) {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(run(&store, &paths));
        });
        rx.recv_timeout(Duration::from_secs(120)).expect("the run finished (it must never open a FIFO)")
    }

    #[test]
    fn walk_lists_fifos_and_symlinks_it_does_not_read() {
        let inputs = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let dir = inputs.path();
        super::super::write(dir, "a.jsonl", format!("{}\n", jsonl_line("خبر أول عن القمح")).as_bytes());
        let target = super::super::write(
            elsewhere.path(),
            "b.jsonl",
            format!("{}\n", jsonl_line("خبر ثان عن القمح")).as_bytes(),
        );
        mkfifo(&dir.join("pipe"));
        std::os::unix::fs::symlink(&target, dir.join("link.jsonl")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.join("link-dir")).unwrap();
        std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dangling")).unwrap();
        let data = tempfile::tempdir().unwrap();
        let (s, rejected) = run_finishing(Store::open(data.path()).unwrap(), vec![dir.to_path_buf()]);
        assert_eq!(s.new, 1, "only the regular file is read: {rejected:#?}");
        let listed = |name: &str, why: &str| {
            rejected.iter().any(|r| r.contains(&format!("/{name} => skipped")) && r.contains(why))
        };
        assert!(listed("pipe", "FIFO"), "{rejected:#?}");
        assert!(listed("link.jsonl", "symbolic link"), "{rejected:#?}");
        assert!(listed("link-dir", "symbolic link"), "{rejected:#?}");
        assert!(listed("dangling", "symbolic link"), "{rejected:#?}");
        assert_eq!(rejected.len(), 4, "{rejected:#?}");
    }

    #[test]
    fn a_fifo_named_on_the_command_line_is_refused_and_a_symlink_followed() {
        let inputs = tempfile::tempdir().unwrap();
        let dir = inputs.path();
        let target = super::super::write(dir, "a.jsonl", format!("{}\n", jsonl_line("خبر أول عن القمح")).as_bytes());
        std::os::unix::fs::symlink(&target, dir.join("link.jsonl")).unwrap();
        mkfifo(&dir.join("pipe"));
        let data = tempfile::tempdir().unwrap();
        let (s, rejected) =
            run_finishing(Store::open(data.path()).unwrap(), vec![dir.join("pipe"), dir.join("link.jsonl")]);
        assert_eq!(s.new, 1, "the symlink named on the command line is read: {rejected:#?}");
        assert_eq!(rejected.len(), 1, "{rejected:#?}");
        assert!(rejected[0].contains("/pipe => skipped") && rejected[0].contains("FIFO"), "{rejected:#?}");
    }
}

mod redirects {
    use std::net::IpAddr;

    use axum::Router;
    use axum::extract::Path;
    use axum::http::{StatusCode, header};
    use axum::routing::get;
    use marsad_ingest::fetch::{AllowPrivate, FetchConfig, FetchError, Fetcher};

    /// Where the redirects point: loopback and the cloud metadata address, each in an IPv6 form.
    const TARGETS: [&str; 5] = [
        "http://[::7f00:1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
        "http://[2002:a9fe:a9fe::1]/latest/meta-data/",
        "http://[fec0::1]/",
    ];

    #[tokio::test]
    async fn redirects_to_ipv6_forms_of_private_addresses_are_refused() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let app = Router::new().route(
            "/{n}",
            get(|Path(n): Path<usize>| async move { (StatusCode::FOUND, [(header::LOCATION, TARGETS[n])]) }),
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        // The local server is allowed; what it redirects to must not be, whatever its spelling.
        let fetcher = Fetcher::new(FetchConfig {
            allow_private: AllowPrivate::Hosts(vec![IpAddr::from([127, 0, 0, 1])]),
            attempts: 1,
            ..Default::default()
        })
        .unwrap();
        for (n, target) in TARGETS.iter().enumerate() {
            let err = fetcher.get_once(&format!("http://127.0.0.1:{port}/{n}"), None).await.unwrap_err();
            assert!(
                matches!(&err, FetchError::Refused(why) if why.contains("not a public address")),
                "{target}: {err:?}"
            );
        }
    }
}

/// A quick deterministic mutation run over composed WARC and JSON Lines streams (the CI half of
/// the fuzzing in `fuzz/`): byte flips, cuts, repeated chunks and lying lengths, plain and as
/// gzip members. Every reader must end, and within a bound: each item it yields consumed at least
/// one byte, so a stream of `n` bytes yields at most `n + 1` items.
#[test]
fn mutated_warc_and_jsonl_streams_end_within_a_bound() {
    use marsad_ingest::gz::GzMembers;
    use marsad_ingest::warc::WarcReader;
    use marsad_ingest::{Line, LineReader};

    fn warc_record(uri: &str, body: &str) -> Vec<u8> {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}");
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-11-20T06:15:00Z\r\n\
             Content-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
        .into_bytes()
    }
    fn gz_members(records: &[Vec<u8>]) -> Vec<u8> {
        records
            .iter()
            .flat_map(|r| {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                gz.write_all(r).unwrap();
                gz.finish().unwrap()
            })
            .collect()
    }
    let records: Vec<Vec<u8>> = (0..3)
        .map(|i| {
            warc_record(&format!("https://news.example/{i}"), &format!("<html><body><p>{TEXT} {i}</p></body></html>"))
        })
        .collect();
    let plain: Vec<u8> = records.concat();
    let packed = gz_members(&records);
    let jsonl: Vec<u8> = (0..4).map(|i| jsonl_line(&format!("خبر {i}")) + "\n").collect::<String>().into_bytes();

    let mut rng = fastrand::Rng::with_seed(9);
    let mut mutate = |mut b: Vec<u8>| -> Vec<u8> {
        match rng.u8(..5) {
            0 => {
                for _ in 0..rng.usize(1..8) {
                    let i = rng.usize(..b.len());
                    b[i] = rng.u8(..);
                }
            }
            1 => b.truncate(rng.usize(..b.len())),
            2 => {
                let i = rng.usize(..b.len());
                let end = (i + rng.usize(..300)).min(b.len());
                let chunk = b[i..end].to_vec();
                b.splice(i..i, chunk.iter().cycle().take(chunk.len() * 3).copied());
            }
            3 => {
                // A lying Content-Length (or a digit changed anywhere).
                if let Some(p) = b.iter().position(|&c| c.is_ascii_digit()) {
                    b.splice(p..p, rng.u32(..).to_string().into_bytes());
                }
            }
            _ => b.splice(0..0, b"WARC/1.1\r\nContent-Length: 5\r\n\r\n".iter().copied()).for_each(drop),
        }
        b
    };
    for round in 0..1500 {
        let (name, input) = match round % 3 {
            0 => ("plain WARC", mutate(plain.clone())),
            1 => ("gzip-member WARC", mutate(packed.clone())),
            _ => ("JSON Lines", mutate(jsonl.clone())),
        };
        let bound = input.len() + 1;
        let mut items = 0usize;
        if name == "JSON Lines" {
            let mut lines = LineReader::new(&input[..], 64);
            while let Some(line) = lines.next_line().unwrap() {
                if let Line::Line(bytes) = line {
                    let _ = marsad_extract::jsonl::parse_line_bytes(bytes, items + 1);
                }
                items += 1;
                assert!(items <= bound, "round {round}: the line reader does not advance");
                assert!(lines.capacity() <= 64, "round {round}: the line reader holds {} bytes", lines.capacity());
            }
        } else {
            let reader: Box<dyn std::io::BufRead> = if name == "plain WARC" {
                Box::new(&input[..])
            } else {
                Box::new(std::io::BufReader::new(GzMembers::new(&input[..])))
            };
            for _ in WarcReader::new(reader) {
                items += 1;
                assert!(items <= bound, "round {round}: the {name} reader does not advance");
            }
        }
    }
}
