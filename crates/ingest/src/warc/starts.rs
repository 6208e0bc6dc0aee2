//! Where records begin, as evidence against a wrong `Content-Length`.
//!
//! Two things keep a lying length from costing more than its own record, in linear time:
//!
//! - [`KnownStarts`]: when a block turns out to hold the starts of the records after it, every
//!   start in it is remembered while those bytes are read again. A record read from them that
//!   claims to run over the next known start is rejected at once and the reader jumps there,
//!   instead of reading (and scanning) the same bytes again for every record — which made a
//!   file of many small records that each claim a large length quadratic.
//! - [`Suspect`]: a block that is skipped rather than read (another record type, an oversized
//!   response) is scanned as it streams past; from the first place a record may begin, its bytes
//!   are kept (up to [`MAX_RECORD`]), so that if the declared length proves wrong the records it
//!   swallowed can be read after all.

use std::collections::VecDeque;

use super::MAX_RECORD;

/// Most record starts remembered at once (a 32 MB block of tiny records has fewer).
const MAX_KNOWN: usize = 1 << 20;

/// Record starts found inside blocks being read again, ascending stream offsets.
#[derive(Debug, Default)]
pub(super) struct KnownStarts(VecDeque<u64>);

impl KnownStarts {
    /// Remembers every record start in `bytes`, which begin at stream offset `offset`.
    pub(super) fn learn(&mut self, offset: u64, bytes: &[u8]) {
        self.0.clear();
        let mut from = 0;
        while let Some(at) = record_start(&bytes[from..]) {
            if self.0.len() >= MAX_KNOWN {
                break;
            }
            self.0.push_back(offset + (from + at) as u64);
            from += at + 1;
        }
    }

    /// The first known start after stream offset `after`, forgetting those before it.
    pub(super) fn next_after(&mut self, after: u64) -> Option<u64> {
        while self.0.front().is_some_and(|&s| s <= after) {
            self.0.pop_front();
        }
        self.0.front().copied()
    }
}

/// Where a record header begins in `block`: a `WARC/1.x` line at the start of a line, followed by
/// a `WARC-` field — evidence that a declared length ran past its record.
pub(super) fn record_start(block: &[u8]) -> Option<usize> {
    const VERSION: &[u8] = b"WARC/1.";
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&block[from..], VERSION) {
        let at = from + i;
        let line_start = at == 0 || block[at - 1] == b'\n';
        let rest = &block[at..];
        let next_line = rest.iter().position(|&b| b == b'\n').map(|nl| &rest[nl + 1..]);
        if line_start && next_line.is_some_and(|l| l.len() >= 5 && l[..5].eq_ignore_ascii_case(b"WARC-")) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The bytes of a skipped block from the first line that may begin a record.
#[derive(Debug)]
pub(super) struct Suspect {
    /// Stream offset of `bytes[0]`.
    pub offset: u64,
    /// The bytes from there on, while they fit in [`MAX_RECORD`].
    pub bytes: Vec<u8>,
    /// True when more followed than could be kept: those records cannot be read again.
    pub overflow: bool,
}

/// Watches a block stream past in chunks for a line that may begin a record.
#[derive(Debug)]
pub(super) struct Watch {
    /// The last byte of the previous chunk (a block begins at a line start).
    last: u8,
    /// What was kept, once something suspicious was seen.
    pub suspect: Option<Suspect>,
}

impl Default for Watch {
    fn default() -> Self {
        Self { last: b'\n', suspect: None }
    }
}

impl Watch {
    /// Looks at the next `chunk` of the block, which begins at stream offset `offset`.
    pub(super) fn see(&mut self, offset: u64, chunk: &[u8]) {
        match &mut self.suspect {
            Some(s) if !s.overflow => {
                if s.bytes.len() + chunk.len() <= MAX_RECORD as usize {
                    s.bytes.extend_from_slice(chunk);
                } else {
                    s.overflow = true;
                }
            }
            Some(_) => {}
            None => {
                let mut from = 0;
                while let Some(i) = memchr::memmem::find(&chunk[from..], b"WARC/1.") {
                    let at = from + i;
                    let before = if at == 0 { self.last } else { chunk[at - 1] };
                    if before == b'\n' {
                        self.suspect =
                            Some(Suspect { offset: offset + at as u64, bytes: chunk[at..].to_vec(), overflow: false });
                        break;
                    }
                    from = at + 1;
                }
            }
        }
        if let Some(&b) = chunk.last() {
            self.last = b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_need_a_line_start_and_a_warc_field() {
        assert_eq!(record_start(b"x\nWARC/1.0\r\nWARC-Type: response\r\n"), Some(2));
        assert_eq!(record_start(b"the WARC/1.0 format\nWARC-Type: x"), None);
        assert_eq!(record_start(b"WARC/1.1\r\nContent-Length: 3\r\n"), None);
        let mut k = KnownStarts::default();
        k.learn(100, b"WARC/1.0\nWARC-A\nbody\nWARC/1.0\nWARC-B\n");
        assert_eq!(k.next_after(99), Some(100));
        assert_eq!(k.next_after(100), Some(121));
        assert_eq!(k.next_after(121), None);
    }

    #[test]
    fn a_watch_keeps_from_the_first_suspicious_line_across_chunks() {
        let mut w = Watch::default();
        w.see(0, b"body text\n");
        assert!(w.suspect.is_none());
        w.see(10, b"WARC/1.0\r\nWARC-Type: x\r\n");
        let s = w.suspect.as_ref().unwrap();
        assert_eq!(s.offset, 10);
        w.see(34, b"more");
        assert!(w.suspect.as_ref().unwrap().bytes.ends_with(b"more"));
    }
}
