//! The WARC reader: records one by one, resynchronising on the next `WARC/1.x` version line
//! after anything it cannot read.
//!
//! Why every loop ends: each call to [`WarcReader::next_item`] reads one record or one stretch of
//! bytes that is not a record, consuming at least one byte or reaching the end. The only thing
//! that moves backwards is a replay — when a record's block turns out to hold the start of the
//! next record, the bytes from there on are read again — and the replay starts strictly after
//! the start of the record being read, so record starts only ever move forward.

use std::collections::VecDeque;
use std::io::{self, BufRead, ErrorKind, Read};

use chrono::{DateTime, Utc};

use super::starts::{KnownStarts, Watch, record_start};
use super::{MAX_RECORD, WarcError, WarcItem, WarcProblem, WarcRejected, parse_http};
use crate::gz::CorruptMember;
use crate::lines::{Line, LineReader};

/// Longest header line (and longest line looked at while resynchronising).
const MAX_HEADER_LINE: usize = 64 * 1024;

/// Most bytes of header lines in one record (real headers are a few hundred bytes).
const MAX_HEADER_BYTES: usize = 256 * 1024;

/// Characters of unreadable bytes quoted in a rejection.
const PREVIEW: usize = 40;

/// Blank-line bytes after a block kept for a replay (a record header has one blank line; more is
/// not a header worth replaying exactly).
const MAX_GAP: usize = 4096;

/// Bytes to read again, then the stream. Holds at most one block (≤ [`MAX_RECORD`]) and a line
/// more than the stream had left to give.
struct Replay<R> {
    again: Vec<u8>,
    pos: usize,
    inner: R,
}

impl<R: BufRead> Replay<R> {
    /// Puts `bytes` in front of what is left to read.
    fn push_front(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(&self.again[self.pos..]);
        self.again = bytes;
        self.pos = 0;
    }
}

impl<R: BufRead> Read for Replay<R> {
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

impl<R: BufRead> BufRead for Replay<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.again.len() { Ok(&self.again[self.pos..]) } else { self.inner.fill_buf() }
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.again.len() {
            self.pos = (self.pos + n).min(self.again.len());
            if self.pos == self.again.len() {
                self.again = Vec::new();
                self.pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

/// One line as read: where it began, its bytes (none when it was too long to hold), and whether
/// its newline was read.
struct RawLine {
    start: u64,
    bytes: Option<Vec<u8>>,
    newline: bool,
}

impl RawLine {
    fn text(&self) -> Option<&[u8]> {
        self.bytes.as_deref().map(|b| b.strip_suffix(b"\r").unwrap_or(b))
    }

    fn is_blank(&self) -> bool {
        self.text().is_some_and(|t| t.iter().all(u8::is_ascii_whitespace))
    }

    fn is_version(&self) -> bool {
        self.text().is_some_and(|t| t.starts_with(b"WARC/1."))
    }

    /// The bytes as they were in the stream, to read again.
    fn into_raw(self) -> Vec<u8> {
        let mut raw = self.bytes.unwrap_or_default();
        if self.newline {
            raw.push(b'\n');
        }
        raw
    }

    fn preview(&self) -> String {
        self.text().map_or_else(
            || "a line over 64 KB".to_string(),
            |t| String::from_utf8_lossy(&t[..t.len().min(PREVIEW * 4)]).chars().take(PREVIEW).collect(),
        )
    }
}

/// A record header, as far as the reader needs it.
#[derive(Default)]
struct Header {
    start: u64,
    kind: String,
    uri: Option<String>,
    date: Option<DateTime<Utc>>,
    length: Option<String>,
    content_type: Option<String>,
}

impl Header {
    fn parse(start: u64, fields: Vec<(String, String)>) -> Self {
        let mut h = Header { start, ..Default::default() };
        for (k, v) in fields {
            match k.as_str() {
                "warc-type" => h.kind = v,
                "warc-target-uri" => h.uri = Some(v.trim_matches(['<', '>']).to_string()),
                "warc-date" => h.date = DateTime::parse_from_rfc3339(&v).ok().map(|d| d.with_timezone(&Utc)),
                "content-length" => h.length = Some(v),
                "content-type" => h.content_type = Some(v.to_ascii_lowercase()),
                _ => {}
            }
        }
        h
    }

    fn is_http_response(&self) -> bool {
        self.kind == "response" && self.content_type.as_deref().is_none_or(|c| c.starts_with("application/http"))
    }
}

/// What follows a block.
enum After {
    /// The end of the record: the next version line (read) or the end of the stream.
    Boundary,
    /// Something else: the bytes read past the block, ending with the first line that is not
    /// blank, to read again.
    Junk(Vec<u8>),
    /// The gzip member holding the record is corrupt.
    Corrupt(CorruptMember),
}

/// Reads the records of a (decompressed) WARC stream: HTTP responses, and the records it could
/// not read (see the module docs of [`crate::warc`]). Other record types are skipped. Iterating
/// gives the same items as [`WarcReader::next_item`], ending after an I/O error.
pub struct WarcReader<R> {
    lines: LineReader<Replay<R>>,
    /// Bytes put back for replay, so that `lines.position() - rewound` is the stream offset.
    rewound: u64,
    queue: VecDeque<WarcItem>,
    /// The offset of a version line already read: the next record begins there.
    version_at: Option<u64>,
    /// The I/O error that ended the stream, given after the items found before it.
    fatal: Option<WarcError>,
    done: bool,
    /// Record starts found in bytes being read again (see [`super::starts`]).
    known: KnownStarts,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over a decompressed WARC stream. For `.warc.gz` files, give it a
    /// [`crate::gz::GzMembers`] (in a `BufReader`) so that a corrupt member costs one record.
    pub fn new(r: R) -> Self {
        let replay = Replay { again: Vec::new(), pos: 0, inner: r };
        Self {
            lines: LineReader::new(replay, MAX_HEADER_LINE),
            rewound: 0,
            queue: VecDeque::new(),
            version_at: None,
            fatal: None,
            done: false,
            known: KnownStarts::default(),
        }
    }

    /// The next response or rejected record; `Ok(None)` at the end. An error is an I/O failure
    /// of the stream itself, after which nothing more is read.
    pub fn next_item(&mut self) -> Result<Option<WarcItem>, WarcError> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Ok(Some(item));
            }
            if let Some(e) = self.fatal.take() {
                return Err(e);
            }
            if self.done {
                return Ok(None);
            }
            if let Err(e) = self.step() {
                self.done = true;
                self.fatal = Some(e);
            }
        }
    }

    fn offset(&self) -> u64 {
        self.lines.position() - self.rewound
    }

    /// Bytes read so far, counting bytes read again after a wrong length: the reader's work.
    /// Every byte of the stream is read again at most once or twice, so this stays within a small
    /// multiple of the stream's length however its records lie.
    pub fn bytes_read(&self) -> u64 {
        self.lines.position()
    }

    fn reject(&mut self, offset: u64, uri: Option<String>, problem: WarcProblem) {
        self.queue.push_back(WarcItem::Rejected(WarcRejected { offset, uri, problem }));
    }

    fn reject_record(&mut self, h: &Header, problem: WarcProblem) {
        self.reject(h.start, h.uri.clone(), problem);
    }

    /// Reads `bytes` again before the rest of the stream.
    fn replay(&mut self, bytes: Vec<u8>) {
        self.rewound += bytes.len() as u64;
        self.lines.get_mut().push_front(bytes);
    }

    /// The next line; `Ok(None)` at the end.
    fn read_line(&mut self) -> io::Result<Option<RawLine>> {
        let start = self.offset();
        let bytes = match self.lines.next_line()? {
            None => return Ok(None),
            Some(Line::Line(b)) => Some(b.to_vec()),
            Some(Line::TooLong { .. }) => None,
        };
        let len = bytes.as_ref().map(|b| b.len() as u64);
        let newline = len.is_some_and(|len| self.offset() - start > len);
        Ok(Some(RawLine { start, bytes, newline }))
    }

    /// One record, one stretch of unreadable bytes, or the end.
    fn step(&mut self) -> Result<(), WarcError> {
        let Some(start) = self.find_version()? else {
            self.done = true;
            return Ok(());
        };
        let Some(header) = self.read_header(start)? else { return Ok(()) };
        let length = match header.length.as_deref().map(str::parse::<u64>) {
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                let raw = header.length.clone().unwrap_or_default();
                return self.reject_skipping(&header, WarcProblem::BadLength(raw));
            }
            None => return self.reject_skipping(&header, WarcProblem::MissingLength),
        };
        let body_start = self.offset();
        if let Some(next) = self.known.next_after(header.start)
            && body_start.saturating_add(length) > next
        {
            // Its block would run over a record already found: jump there (the bytes are in
            // hand) rather than read them again.
            let at = next.saturating_sub(body_start);
            self.reject_record(&header, WarcProblem::RunsIntoNextRecord { declared: length, at });
            return self.skip_to(next);
        }
        if header.is_http_response() && header.uri.is_some() && length <= MAX_RECORD {
            self.read_response(header, length)
        } else {
            self.skip_block(header, length)
        }
    }

    /// Rejects a record and skips its bytes, up to the next version line, without reporting them
    /// again. A corrupt gzip member met on the way is the reason given: it explains the damage.
    fn reject_skipping(&mut self, header: &Header, problem: WarcProblem) -> Result<(), WarcError> {
        let mut damage = None;
        loop {
            match self.read_line() {
                Ok(None) => break,
                Ok(Some(line)) if line.is_version() => {
                    self.version_at = Some(line.start);
                    break;
                }
                Ok(Some(_)) => {}
                Err(e) => {
                    let c = corrupt(e)?;
                    damage.get_or_insert(c);
                }
            }
        }
        let problem = match (problem, damage) {
            (p @ WarcProblem::CorruptGzip(_), _) | (p, None) => p,
            (_, Some(c)) => WarcProblem::CorruptGzip(c.to_string()),
        };
        self.reject_record(header, problem);
        Ok(())
    }

    /// Reads up to the next version line and returns where it began (`None` at the end),
    /// reporting what was skipped on the way.
    fn find_version(&mut self) -> Result<Option<u64>, WarcError> {
        if let Some(at) = self.version_at.take() {
            return Ok(Some(at));
        }
        // Where the unreadable stretch began, and how it began.
        let mut junk: Option<(u64, String)> = None;
        loop {
            let line = match self.read_line() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.report_junk(junk, self.offset());
                    return Ok(None);
                }
                Err(e) => {
                    let corrupt = corrupt(e)?;
                    // Unreadable bytes and the corrupt member they came from are one problem.
                    let at = junk.take().map_or(corrupt.output_offset, |(at, _)| at);
                    self.reject(at, None, WarcProblem::CorruptGzip(corrupt.to_string()));
                    continue;
                }
            };
            if line.is_version() {
                self.report_junk(junk, line.start);
                return Ok(Some(line.start));
            }
            if !line.is_blank() && junk.is_none() {
                junk = Some((line.start, line.preview()));
            }
        }
    }

    /// Reports the unreadable bytes from where `junk` began to `end`.
    fn report_junk(&mut self, junk: Option<(u64, String)>, end: u64) {
        if let Some((at, found)) = junk {
            let bytes = end - at;
            self.reject(at, None, WarcProblem::NotWarc { found, bytes });
        }
    }

    /// The header lines after a version line; `None` when the record was rejected.
    fn read_header(&mut self, start: u64) -> Result<Option<Header>, WarcError> {
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut held = 0;
        let problem = loop {
            let line = match self.read_line() {
                Ok(Some(line)) => line,
                Ok(None) => break WarcProblem::HeaderEndsEarly,
                Err(e) => {
                    let problem = WarcProblem::CorruptGzip(corrupt(e)?.to_string());
                    self.reject_skipping(&Header::parse(start, fields), problem)?;
                    return Ok(None);
                }
            };
            if line.is_version() {
                // A new record begins where this header should go on: read it next.
                self.version_at = Some(line.start);
                break WarcProblem::HeaderEndsEarly;
            }
            if line.is_blank() {
                return Ok(Some(Header::parse(start, fields)));
            }
            held += line.bytes.as_ref().map_or(MAX_HEADER_LINE, Vec::len);
            let Some(text) = line.text().filter(|_| held <= MAX_HEADER_BYTES) else {
                self.reject_skipping(&Header::parse(start, fields), WarcProblem::HeaderTooLarge)?;
                return Ok(None);
            };
            if let Some((k, v)) = String::from_utf8_lossy(text).split_once(':') {
                fields.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        };
        let header = Header::parse(start, fields);
        self.reject_record(&header, problem);
        Ok(None)
    }

    /// Consumes the stream up to offset `target` (bytes already in hand, being read again).
    fn skip_to(&mut self, target: u64) -> Result<(), WarcError> {
        while self.offset() < target {
            let n = match self.lines.get_mut().fill_buf() {
                Ok(chunk) => chunk.len().min(usize::try_from(target - self.offset()).unwrap_or(usize::MAX)),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(WarcError::Io(e)),
            };
            if n == 0 {
                break;
            }
            self.lines.get_mut().consume(n);
            self.lines.advance(n as u64);
        }
        Ok(())
    }

    /// Skips a block that is not read (another record type, or over the size limit), streaming
    /// it, and reports the record if the stream ends first or it was a response not read. A
    /// line inside the block that may begin a record is watched for: should the block prove not
    /// to end where its length says, the records from there on are read after all.
    fn skip_block(&mut self, header: Header, length: u64) -> Result<(), WarcError> {
        let mut left = length;
        let mut watch = Watch::default();
        while left > 0 {
            let at = self.offset();
            let step = match self.lines.get_mut().fill_buf() {
                Ok(chunk) => {
                    let n = chunk.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                    watch.see(at, &chunk[..n]);
                    Ok(n)
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => Err(e),
            };
            match step {
                Ok(0) => break,
                Ok(n) => {
                    self.lines.get_mut().consume(n);
                    self.lines.advance(n as u64);
                    left -= n as u64;
                }
                Err(e) => {
                    let problem = WarcProblem::CorruptGzip(corrupt(e)?.to_string());
                    return self.reject_skipping(&header, problem);
                }
            }
        }
        let body_start = self.offset() - (length - left);
        if let Some(suspect) = watch.suspect.filter(|s| !s.overflow) {
            // Does the block end where its length says? If not, and a record begins inside it,
            // the length was wrong: read on from that record.
            let junk = if left > 0 {
                Some(Vec::new())
            } else {
                match self.after_block(self.offset())? {
                    After::Boundary => None,
                    After::Junk(bytes) => Some(bytes),
                    After::Corrupt(c) => {
                        return self.reject_skipping(&header, WarcProblem::CorruptGzip(c.to_string()));
                    }
                }
            };
            if let Some(junk) = junk {
                if let Some(at) = record_start(&suspect.bytes) {
                    let start = suspect.offset + at as u64;
                    let declared = length;
                    self.reject_record(&header, WarcProblem::RunsIntoNextRecord { declared, at: start - body_start });
                    let mut again = suspect.bytes;
                    again.drain(..at);
                    self.known.learn(start, &again);
                    again.extend(junk);
                    self.replay(again);
                    return Ok(());
                }
                // No record inside: the bytes after the block are read as they come.
                self.replay(junk);
            }
        }
        if left > 0 {
            self.reject_record(&header, WarcProblem::Truncated { declared: length, got: length - left });
        } else if header.kind == "response" && header.uri.is_none() {
            self.reject_record(&header, WarcProblem::MissingUri);
        } else if header.is_http_response() && length > MAX_RECORD {
            self.reject_record(&header, WarcProblem::TooLarge(length));
        }
        Ok(())
    }

    /// Reads a response block whole (≤ [`MAX_RECORD`]) and checks that the record ends after
    /// it; when it does not, the declared length is wrong, and if the next record's header
    /// appears inside the block, reading goes on from there.
    fn read_response(&mut self, header: Header, length: u64) -> Result<(), WarcError> {
        let mut block = Vec::new();
        let read = self.lines.get_mut().take(length).read_to_end(&mut block);
        self.lines.advance(block.len() as u64);
        if let Err(e) = read {
            let problem = WarcProblem::CorruptGzip(corrupt(e)?.to_string());
            return self.reject_skipping(&header, problem);
        }
        let block_end = self.offset();
        // Rejections found past the block come after the record.
        let mark = self.queue.len();
        let after = if (block.len() as u64) < length { None } else { Some(self.after_block(block_end)?) };
        let junk = match after {
            Some(After::Boundary) => {
                self.emit(mark, header, &block);
                return Ok(());
            }
            Some(After::Corrupt(c)) => {
                return self.reject_skipping(&header, WarcProblem::CorruptGzip(c.to_string()));
            }
            Some(After::Junk(line)) => Some(line),
            None => None,
        };
        match record_start(&block) {
            Some(at) => {
                self.reject_record(&header, WarcProblem::RunsIntoNextRecord { declared: length, at: at as u64 });
                let mut again = block.split_off(at);
                // Every record start in these bytes, so that none of them is read twice over.
                self.known.learn(block_end - (block.len() + again.len()) as u64 + at as u64, &again);
                again.extend(junk.unwrap_or_default());
                self.replay(again);
            }
            None => match junk {
                None => {
                    self.reject_record(&header, WarcProblem::Truncated { declared: length, got: block.len() as u64 })
                }
                Some(bytes) => {
                    // These bytes belong to the bad record: skip them with it.
                    self.replay(bytes);
                    self.reject_skipping(&header, WarcProblem::NoBoundary(length))?;
                }
            },
        }
        Ok(())
    }

    /// Reads past the blank lines after a block to see what follows it.
    fn after_block(&mut self, block_end: u64) -> Result<After, WarcError> {
        let mut gap = Vec::new();
        loop {
            match self.read_line() {
                Ok(None) => return Ok(After::Boundary),
                Ok(Some(line)) if line.is_version() => {
                    self.version_at = Some(line.start);
                    return Ok(After::Boundary);
                }
                Ok(Some(line)) if line.is_blank() => {
                    if gap.len() < MAX_GAP {
                        gap.extend(line.into_raw());
                    }
                }
                Ok(Some(line)) => {
                    gap.extend(line.into_raw());
                    return Ok(After::Junk(gap));
                }
                Err(e) => {
                    let corrupt = corrupt(e)?;
                    if corrupt.output_offset < block_end {
                        return Ok(After::Corrupt(corrupt));
                    }
                    // A later member is corrupt, not this record's: report it after the record.
                    self.reject(corrupt.output_offset, None, WarcProblem::CorruptGzip(corrupt.to_string()));
                    return Ok(After::Boundary);
                }
            }
        }
    }

    /// Queues the response in a block at `mark` (before what was found past it).
    fn emit(&mut self, mark: usize, header: Header, block: &[u8]) {
        let Some(uri) = header.uri.clone() else { return };
        let item = match parse_http(uri, header.date, block) {
            Some(resp) => WarcItem::Response(resp),
            None => WarcItem::Rejected(WarcRejected {
                offset: header.start,
                uri: header.uri,
                problem: WarcProblem::NotHttp,
            }),
        };
        self.queue.insert(mark, item);
    }
}

/// The corrupt gzip member an I/O error reports — which costs one record — or the error itself,
/// which ends the stream.
fn corrupt(e: io::Error) -> Result<CorruptMember, WarcError> {
    CorruptMember::of(&e).cloned().ok_or(WarcError::Io(e))
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcItem, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_item().transpose()
    }
}
