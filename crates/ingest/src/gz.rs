//! Gzip streams read member by member, going on after a corrupt member.
//!
//! Common Crawl's CC-NEWS files are gzip members concatenated, one WARC record each. A
//! multi-member decoder stops at the first corrupt member and loses every record after it; here
//! a corrupt member is reported once — as an I/O error carrying [`CorruptMember`] — and reading
//! goes on at the next gzip header. A reader that understands the error (the WARC reader) rejects
//! the one record and continues; any other reader stops there, as before.

use std::io::{self, BufRead, ErrorKind, Read};

use flate2::bufread::GzDecoder;

/// The gzip magic and the deflate method byte: how a member begins.
const MEMBER_START: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Compressed bytes buffered at a time.
const BUFFER: usize = 64 * 1024;

/// A gzip member that could not be decoded; reading goes on at the next member.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "the gzip member at compressed byte {compressed_offset} is corrupt or truncated ({detail}); \
     reading went on at the next member"
)]
pub struct CorruptMember {
    /// Where the member starts in the compressed file.
    pub compressed_offset: u64,
    /// Where its output starts in the decompressed stream: everything read from this offset on,
    /// up to the error, came from the corrupt member.
    pub output_offset: u64,
    /// What the decoder said.
    pub detail: String,
}

impl CorruptMember {
    /// The [`CorruptMember`] inside an I/O error returned by [`GzMembers`], if it is one.
    pub fn of(e: &io::Error) -> Option<&CorruptMember> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<CorruptMember>())
    }
}

/// A buffered reader that can be asked for at least a few bytes at once (a member's magic may
/// straddle two reads), counting what it consumed.
struct Rebuf<R> {
    inner: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    consumed: u64,
}

impl<R: Read> Rebuf<R> {
    fn new(inner: R) -> Self {
        Self { inner, buf: vec![0; BUFFER].into_boxed_slice(), start: 0, end: 0, consumed: 0 }
    }

    /// At least `n` buffered bytes (`n` ≤ the buffer), fewer only at the end of the stream.
    fn fill_at_least(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.end - self.start < n {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            while self.end < n {
                match self.inner.read(&mut self.buf[self.end..]) {
                    Ok(0) => break,
                    Ok(k) => self.end += k,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.start..self.end])
    }

    /// Consumes bytes up to the next member start (or to the end). Each pass consumes at least
    /// one byte or ends, keeping the last two bytes of a chunk, which may begin a member.
    fn skip_to_member(&mut self) -> io::Result<()> {
        loop {
            let chunk = self.fill_at_least(MEMBER_START.len())?;
            if chunk.len() < MEMBER_START.len() {
                let all = chunk.len();
                self.consume(all);
                return Ok(());
            }
            if let Some(at) = chunk.windows(MEMBER_START.len()).position(|w| w == MEMBER_START) {
                self.consume(at);
                return Ok(());
            }
            let keep = MEMBER_START.len() - 1;
            let skip = chunk.len() - keep;
            self.consume(skip);
        }
    }
}

impl<R: Read> Read for Rebuf<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Rebuf<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end { self.fill_at_least(1) } else { Ok(&self.buf[self.start..self.end]) }
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.start += n;
        self.consumed += n as u64;
    }
}

enum State<R> {
    /// Between members.
    Between(Rebuf<R>),
    /// Inside a member that began at these compressed and output offsets.
    Member { decoder: GzDecoder<Rebuf<R>>, compressed_offset: u64, output_offset: u64 },
    /// Only while switching states.
    Switching,
}

/// Decompresses concatenated gzip members, going on after a corrupt one (see the module docs).
pub struct GzMembers<R> {
    state: State<R>,
    produced: u64,
}

impl<R: Read> GzMembers<R> {
    /// A reader over compressed bytes.
    pub fn new(inner: R) -> Self {
        Self { state: State::Between(Rebuf::new(inner)), produced: 0 }
    }

    /// Skips past a member that failed (at least one byte, so the next attempt starts further
    /// on) and reports it.
    fn fail(&mut self, mut raw: Rebuf<R>, compressed_offset: u64, output_offset: u64, detail: String) -> io::Error {
        if raw.consumed == compressed_offset {
            raw.consume(1);
        }
        let skipped = raw.skip_to_member();
        self.state = State::Between(raw);
        match skipped {
            Err(e) => e,
            Ok(()) => {
                io::Error::new(ErrorKind::InvalidData, CorruptMember { compressed_offset, output_offset, detail })
            }
        }
    }
}

impl<R: Read> Read for GzMembers<R> {
    /// Decompressed bytes; `Ok(0)` at the end of the input. An error carrying
    /// [`CorruptMember`] means a member was skipped and reading may go on.
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        // Each pass either returns or moves from one member to the next one, consuming input.
        loop {
            match std::mem::replace(&mut self.state, State::Switching) {
                State::Switching => unreachable!("the state is always restored"),
                State::Between(mut raw) => {
                    let head =
                        raw.fill_at_least(MEMBER_START.len()).map(|h| (h.is_empty(), h.starts_with(&MEMBER_START)));
                    let (end, member) = match head {
                        Ok(head) => head,
                        Err(e) => {
                            self.state = State::Between(raw);
                            return Err(e);
                        }
                    };
                    if end {
                        self.state = State::Between(raw);
                        return Ok(0);
                    }
                    let (compressed_offset, output_offset) = (raw.consumed, self.produced);
                    if !member {
                        let detail = "no gzip header here".to_string();
                        return Err(self.fail(raw, compressed_offset, output_offset, detail));
                    }
                    let decoder = GzDecoder::new(raw);
                    self.state = State::Member { decoder, compressed_offset, output_offset };
                }
                State::Member { mut decoder, compressed_offset, output_offset } => match decoder.read(out) {
                    Ok(0) => self.state = State::Between(decoder.into_inner()),
                    Ok(n) => {
                        self.produced += n as u64;
                        self.state = State::Member { decoder, compressed_offset, output_offset };
                        return Ok(n);
                    }
                    Err(e) if e.kind() == ErrorKind::Interrupted => {
                        self.state = State::Member { decoder, compressed_offset, output_offset };
                    }
                    Err(e) => {
                        let detail = e.to_string();
                        return Err(self.fail(decoder.into_inner(), compressed_offset, output_offset, detail));
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn member(text: &str) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text.as_bytes()).unwrap();
        gz.finish().unwrap()
    }

    /// Reads to the end, collecting text and the corrupt members met.
    fn read_all(bytes: &[u8]) -> (String, Vec<CorruptMember>) {
        let mut r = GzMembers::new(bytes);
        let (mut out, mut bad) = (Vec::new(), Vec::new());
        let mut buf = [0u8; 7];
        loop {
            match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => bad.push(CorruptMember::of(&e).expect("only corrupt members").clone()),
            }
        }
        (String::from_utf8_lossy(&out).into_owned(), bad)
    }

    #[test]
    fn members_concatenate() {
        let bytes = [member("خبر أول\n"), member(""), member("خبر ثان\n")].concat();
        let (text, bad) = read_all(&bytes);
        assert_eq!(text, "خبر أول\nخبر ثان\n");
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn a_corrupt_member_in_the_middle_costs_only_itself() {
        let first = member("الأول\n");
        let lines: String = (0..300).map(|i| format!("سطر رقم {i} من الخبر الثاني\n")).collect();
        let mut second = member(&lines);
        let mid = second.len() / 2;
        for b in &mut second[mid..mid + 8] {
            *b ^= 0xa5;
        }
        let bytes = [first.clone(), second, member("الثالث\n")].concat();
        let (text, bad) = read_all(&bytes);
        assert!(text.starts_with("الأول\n") && text.ends_with("الثالث\n"), "{text}");
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert_eq!(bad[0].compressed_offset, first.len() as u64);
        assert_eq!(bad[0].output_offset, "الأول\n".len() as u64);
    }

    #[test]
    fn garbage_and_a_truncated_member_are_reported_and_the_end_is_reached() {
        let bytes = [member("أ\n"), b"\0\0\0junk".to_vec(), member("ب\n")[..12].to_vec()].concat();
        let (text, bad) = read_all(&bytes);
        // What the truncated member holds before its cut is delivered, then the error.
        assert!(text.starts_with("أ\n"), "{text}");
        assert_eq!(bad.len(), 2, "the junk, then the truncated member: {bad:?}");
        assert!(bad[0].detail.contains("no gzip header"), "{bad:?}");
    }
}
