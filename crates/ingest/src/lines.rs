//! Reading lines with a bound: a line longer than the limit is skipped as it streams past, never
//! held. `BufRead::read_until` would buffer a 1 GB line whole before anyone could refuse it; this
//! reader holds at most `max_line` bytes of a line, whatever the input.

use std::io::{BufRead, ErrorKind};

/// One line, or the news that a line was too long to hold.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line's bytes, without its `\n` (a `\r` before it is kept: formats differ on it).
    Line(&'a [u8]),
    /// A line over the limit, skipped; `skipped_bytes` is its length without the `\n`.
    TooLong {
        /// How many bytes the line had.
        skipped_bytes: u64,
    },
}

/// Splits a byte stream into lines of at most `max_line` bytes.
///
/// Every call to [`LineReader::next_line`] either returns `Ok(None)` at the end of the stream or
/// consumes at least one byte of it, so a loop over the lines always ends. The reader holds at
/// most `max_line` bytes (plus the inner reader's own buffer); nothing is read ahead beyond the
/// end of the line, so the inner reader can be used directly between lines (`get_mut`).
#[derive(Debug)]
pub struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    max_line: usize,
    lines: u64,
    consumed: u64,
}

impl<R: BufRead> LineReader<R> {
    /// A reader refusing lines longer than `max_line` bytes.
    pub fn new(inner: R, max_line: usize) -> Self {
        Self { inner, buf: Vec::new(), max_line, lines: 0, consumed: 0 }
    }

    /// The next line; `Ok(None)` at the end of the stream. A last line without a `\n` is a line.
    pub fn next_line(&mut self) -> std::io::Result<Option<Line<'_>>> {
        self.buf.clear();
        // Once the line is over the limit its bytes are counted, not kept.
        let mut skipped: Option<u64> = None;
        let mut seen_any = false;
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                if !seen_any {
                    return Ok(None);
                }
                break;
            }
            seen_any = true;
            let (part, used, ends) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], i + 1, true),
                None => (chunk, chunk.len(), false),
            };
            match skipped.as_mut() {
                Some(n) => *n += part.len() as u64,
                None if self.buf.len() + part.len() > self.max_line => {
                    skipped = Some((self.buf.len() + part.len()) as u64);
                    self.buf.clear();
                }
                None => {
                    // Grow to what the line needs, never past the limit (`extend` would double).
                    let need = self.buf.len() + part.len();
                    if need > self.buf.capacity() {
                        let target = need.max(self.buf.capacity() * 2).min(self.max_line);
                        self.buf.reserve_exact(target - self.buf.len());
                    }
                    self.buf.extend_from_slice(part);
                }
            }
            // `used` ≥ 1: the chunk was not empty.
            self.inner.consume(used);
            self.consumed += used as u64;
            if ends {
                break;
            }
        }
        self.lines += 1;
        Ok(Some(match skipped {
            Some(skipped_bytes) => Line::TooLong { skipped_bytes },
            None => Line::Line(&self.buf),
        }))
    }

    /// Lines returned so far (the 1-based number of the last one).
    pub fn line_number(&self) -> u64 {
        self.lines
    }

    /// Bytes consumed from the inner reader so far.
    pub fn position(&self) -> u64 {
        self.consumed
    }

    /// Counts bytes the caller consumed from the inner reader itself (through `get_mut`), so that
    /// [`LineReader::position`] stays the stream offset.
    pub fn advance(&mut self, n: u64) {
        self.consumed += n;
    }

    /// Bytes of memory the line buffer holds (never more than the limit).
    pub fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// The inner reader, to read a block of known length between lines.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    /// `len` bytes of `byte`, produced on demand: a huge line that is never in memory.
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

    fn all(r: &mut LineReader<impl BufRead>) -> Vec<Result<String, u64>> {
        let mut out = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            out.push(match l {
                Line::Line(b) => Ok(String::from_utf8_lossy(b).into_owned()),
                Line::TooLong { skipped_bytes } => Err(skipped_bytes),
            });
        }
        out
    }

    #[test]
    fn jsonl_overlong_line_is_skipped_without_buffering() {
        const HUGE: u64 = 200 * 1024 * 1024;
        let stream = "{\"title\":\"أول\"}\n"
            .as_bytes()
            .chain(Lazy { byte: b'a', left: HUGE })
            .chain("\n{\"title\":\"ثالث\"}\n".as_bytes());
        let mut r = LineReader::new(BufReader::with_capacity(64 * 1024, stream), 1024);
        let lines = all(&mut r);
        assert_eq!(lines.len(), 3, "the line after the huge one is still read");
        assert_eq!(lines[1], Err(HUGE));
        assert_eq!(lines[2], Ok("{\"title\":\"ثالث\"}".to_string()));
        assert!(r.capacity() <= 1024, "held {} bytes for a line it refused", r.capacity());
        assert_eq!(r.line_number(), 3);
    }

    #[test]
    fn lines_at_the_limit_pass_and_the_last_line_needs_no_newline() {
        let mut r = LineReader::new(&b"abcd\nabcde\n\nxyz"[..], 4);
        assert_eq!(all(&mut r), vec![Ok("abcd".into()), Err(5), Ok(String::new()), Ok("xyz".into())]);
        assert_eq!(r.position(), 15);
        assert!(r.next_line().unwrap().is_none(), "the end stays the end");
    }

    #[test]
    fn a_line_split_across_reads_is_joined() {
        // A one-byte buffer: every line arrives in pieces.
        let mut r = LineReader::new(BufReader::with_capacity(1, &b"\xd8\xae\xd8\xa8\xd8\xb1\nok"[..]), 64);
        assert_eq!(all(&mut r), vec![Ok("خبر".into()), Ok("ok".into())]);
    }
}
