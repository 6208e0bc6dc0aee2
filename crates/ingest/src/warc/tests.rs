//! The reader on composed streams: what it reads, what it reports, and that it always ends.

use std::io::{BufReader, Read};

use super::*;

fn http(n: usize) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>خبر رقم {n}</p></body></html>")
        .into_bytes()
}

/// A record of `kind` for page `n`, its block followed by the record end.
fn record(kind: &str, n: usize, length: Option<u64>, block: &[u8]) -> Vec<u8> {
    let length = length.unwrap_or(block.len() as u64);
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://a.example/{n}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn response(n: usize) -> Vec<u8> {
    record("response", n, None, &http(n))
}

/// Page numbers read, and the problems reported with their offsets.
fn read(bytes: impl Read) -> (Vec<usize>, Vec<(u64, WarcProblem)>) {
    let (mut pages, mut problems) = (Vec::new(), Vec::new());
    for item in WarcReader::new(BufReader::new(bytes)) {
        match item.unwrap() {
            WarcItem::Response(r) => pages.push(r.url.rsplit('/').next().unwrap().parse().unwrap()),
            WarcItem::Rejected(r) => problems.push((r.offset, r.problem)),
        }
    }
    (pages, problems)
}

#[test]
fn bytes_between_records_are_reported_once_with_their_offset() {
    let first = [response(1), record("request", 2, None, b"GET /2 HTTP/1.1\r\n\r\n")].concat();
    let junk = b"garbage that is not a record\nmore of it\n";
    let bytes = [first.clone(), junk.to_vec(), response(2)].concat();
    let (pages, problems) = read(&bytes[..]);
    assert_eq!(pages, [1, 2]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (at, problem) = &problems[0];
    assert_eq!(*at, first.len() as u64);
    assert_eq!(
        *problem,
        WarcProblem::NotWarc { found: "garbage that is not a record".into(), bytes: junk.len() as u64 }
    );
}

#[test]
fn a_response_whose_length_stops_inside_its_block_is_rejected_with_the_rest() {
    // A length 10 bytes short: the page is cut, and its tail is where the record end should be.
    let block = http(1);
    let bytes = [record("response", 1, Some(block.len() as u64 - 10), &block), response(2)].concat();
    let (pages, problems) = read(&bytes[..]);
    assert_eq!(pages, [2]);
    assert!(matches!(problems[..], [(0, WarcProblem::NoBoundary(_))]), "one report, not two: {problems:?}");
}

#[test]
fn a_length_that_stops_short_of_the_header_end_resyncs_on_the_next_record() {
    // The wrong length runs into record 2 and stops exactly before its header's blank line.
    let two = response(2);
    let header_end = two.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let block = http(1);
    let bad = record("response", 1, Some(block.len() as u64 + 4 + header_end as u64 + 2), &block);
    let bytes = [bad, two, response(3)].concat();
    let (pages, problems) = read(&bytes[..]);
    assert_eq!(pages, [2, 3], "{problems:?}");
    assert!(matches!(problems[..], [(0, WarcProblem::RunsIntoNextRecord { .. })]), "{problems:?}");
}

#[test]
fn a_block_quoting_a_warc_record_is_read_whole_when_its_length_is_right() {
    let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<pre>\nWARC/1.0\nWARC-Type: response\n</pre>";
    let bytes = [record("response", 1, None, page.as_bytes()), response(2)].concat();
    let (pages, problems) = read(&bytes[..]);
    assert_eq!(pages, [1, 2]);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn an_overlong_header_line_costs_its_record() {
    let mut bad = b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: ".to_vec();
    bad.extend(std::iter::repeat_n(b'x', 100_000));
    bad.extend_from_slice(b"\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n");
    let bytes = [response(1), bad, response(2)].concat();
    let (pages, problems) = read(&bytes[..]);
    assert_eq!(pages, [1, 2]);
    assert!(matches!(problems[..], [(_, WarcProblem::HeaderTooLarge)]), "{problems:?}");
}

#[test]
fn a_response_over_the_record_limit_is_skipped_as_it_streams_and_reported() {
    /// A record whose block is `MAX_RECORD + 1` bytes of `a`, produced on demand.
    struct Big {
        head: Vec<u8>,
        pos: u64,
    }
    impl Read for Big {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let total = self.head.len() as u64 + MAX_RECORD + 1;
            let n = out.len().min((total - self.pos) as usize);
            for (i, b) in out[..n].iter_mut().enumerate() {
                let at = self.pos + i as u64;
                *b = if at < self.head.len() as u64 { self.head[at as usize] } else { b'a' };
            }
            self.pos += n as u64;
            Ok(n)
        }
    }
    let head = record("response", 1, Some(MAX_RECORD + 1), b"");
    let head = head[..head.len() - 4].to_vec();
    let big = Big { head, pos: 0 };
    let (pages, problems) = read(big.chain(&b"\r\n\r\n"[..]).chain(&response(2)[..]));
    assert_eq!(pages, [2]);
    assert!(matches!(problems[..], [(0, WarcProblem::TooLarge(n))] if n == MAX_RECORD + 1), "{problems:?}");
}

#[test]
fn degenerate_streams_end() {
    for bytes in [
        b"WARC/1.0\n".repeat(1000),
        b"WARC/1.0\r\nContent-Length: 0\r\n\r\n".repeat(1000),
        b"WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n".to_vec(),
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: x\r\nContent-Length: 40\r\n\r\nWARC/1.0\r\nWARC-X: y\r\n"
            .repeat(50),
        vec![b'\n'; 100_000],
        Vec::new(),
    ] {
        let (pages, problems) = read(&bytes[..]);
        assert!(pages.is_empty());
        assert!(problems.len() <= 1000, "{}", problems.len());
    }
}

/// Review of issue 9: many small records that each claim to run to the end of the file made the
/// reader read (and scan) the rest of the file again for every record — quadratic. Record starts
/// found in a block are remembered, so the work stays linear.
#[test]
fn records_that_all_claim_to_run_to_the_end_are_read_in_linear_work() {
    let n = 2000;
    let records: Vec<Vec<u8>> = (0..n).map(|i| record("response", i, Some(10_000_000), &http(i))).collect();
    let bytes = records.concat();
    let mut reader = WarcReader::new(BufReader::new(&bytes[..]));
    let mut items = 0;
    for item in reader.by_ref() {
        item.unwrap();
        items += 1;
    }
    assert_eq!(items, n, "each record is reported once");
    assert!(reader.bytes_read() <= 3 * bytes.len() as u64, "{} bytes read for {}", reader.bytes_read(), bytes.len());
}

/// Review of issue 9: a record that is skipped rather than read (a request, metadata, an
/// oversized response) with a wrong, large Content-Length swallowed the records after it. The
/// skipped bytes are watched for a record start and read again when the length proves wrong.
#[test]
fn a_skipped_record_with_a_lying_length_does_not_swallow_the_records_after_it() {
    let get = b"GET /9 HTTP/1.1\r\n\r\n";
    let into_next = (get.len() + 4 + response(2).len() + 30) as u64; // ends inside record 3's header
    for (declared, name) in [(5_000, "past the end"), (into_next, "into the next record")] {
        let request = record("request", 9, Some(declared), get);
        let bytes = [response(1), request, response(2), response(3)].concat();
        let (pages, problems) = read(&bytes[..]);
        assert_eq!(pages, [1, 2, 3], "{name}: {problems:?}");
        assert!(matches!(problems.first(), Some((_, WarcProblem::RunsIntoNextRecord { .. }))), "{name}: {problems:?}");
    }
    // A length that is right is not second-guessed, whatever the block quotes.
    let quoted = b"WARC/1.0\r\nWARC-Type: response\r\n\r\nquoted".to_vec();
    let bytes = [record("metadata", 9, None, &quoted), response(2)].concat();
    let (pages, problems) = read(&bytes[..]);
    assert_eq!(pages, [2]);
    assert!(problems.is_empty(), "{problems:?}");
}
