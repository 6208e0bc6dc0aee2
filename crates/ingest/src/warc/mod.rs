//! WARC 1.0/1.1: reading response records (Common Crawl CC-NEWS shape — one gzip member per
//! record, which [`crate::gz::GzMembers`] streams, going on after a corrupt member) and writing
//! request/response records of a crawl, so that it can be replayed with `marsad ingest`.
//!
//! The reader never lets one bad record cost the others: a record with a missing, non-numeric
//! or impossible `Content-Length`, a truncated or corrupt record, and bytes between records that
//! are not a record are each reported as a [`WarcRejected`], and reading goes on at the next
//! `WARC/1.x` version line.

use std::io::Read;

use chrono::{DateTime, Utc};

mod reader;
mod starts;
mod writer;

pub use reader::WarcReader;
pub use writer::WarcWriter;

/// Largest record body read (bigger records are skipped, not buffered, and reported).
pub const MAX_RECORD: u64 = 32 * 1024 * 1024;

/// An HTTP response found in a WARC file.
#[derive(Debug, Clone)]
pub struct WarcResponse {
    /// `WARC-Target-URI`.
    pub url: String,
    /// `WARC-Date`.
    pub date: Option<DateTime<Utc>>,
    /// HTTP status code.
    pub status: u16,
    /// HTTP `Content-Type`, lower-cased.
    pub content_type: Option<String>,
    /// The HTTP body (decompressed when the server had compressed it).
    pub body: Vec<u8>,
}

/// What the reader found next: a response, or a record (or stretch of bytes) it could not read.
#[derive(Debug)]
pub enum WarcItem {
    /// An HTTP response record.
    Response(WarcResponse),
    /// A record that was not read, and why; reading went on after it.
    Rejected(WarcRejected),
}

/// A record the reader could not read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("record at byte {offset} of the WARC stream: {problem}")]
pub struct WarcRejected {
    /// Where the record (or the stretch of bytes) begins in the decompressed stream.
    pub offset: u64,
    /// Its `WARC-Target-URI`, when the header was read that far.
    pub uri: Option<String>,
    /// What was wrong.
    pub problem: WarcProblem,
}

/// What was wrong with a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WarcProblem {
    /// No `Content-Length` header.
    #[error("no Content-Length header, so the record's end is unknown; skipped to the next record")]
    MissingLength,
    /// A `Content-Length` that is not a number.
    #[error("Content-Length {0:?} is not a number; skipped to the next record")]
    BadLength(String),
    /// The stream ends before the block does.
    #[error(
        "the stream ends {got} bytes into a declared Content-Length of {declared} (a wrong length, or a file cut short)"
    )]
    Truncated {
        /// The declared length.
        declared: u64,
        /// The bytes there were.
        got: u64,
    },
    /// The declared length runs into the next record, whose header appears inside the block.
    #[error(
        "Content-Length {declared} runs into the next record, which begins {at} bytes into the block; read on from there"
    )]
    RunsIntoNextRecord {
        /// The declared length.
        declared: u64,
        /// Where the next record begins, counted from the start of the block.
        at: u64,
    },
    /// The block is not followed by the end of the record.
    #[error(
        "Content-Length {0} does not end the record (no record boundary follows the block); skipped to the next record"
    )]
    NoBoundary(u64),
    /// A response block over [`MAX_RECORD`].
    #[error("a response of {0} bytes, over the {limit} MB limit for one record; skipped", limit = MAX_RECORD >> 20)]
    TooLarge(u64),
    /// A header line over the line limit, or too many header lines.
    #[error("the record header is over the size limit; skipped to the next record")]
    HeaderTooLarge,
    /// The header stops before its blank line (the stream ends, or a new record begins).
    #[error("the record header ends early")]
    HeaderEndsEarly,
    /// A response record without a target URI.
    #[error("a response record without WARC-Target-URI")]
    MissingUri,
    /// A response record whose block is not an HTTP response.
    #[error("the block of an HTTP response record is not an HTTP response")]
    NotHttp,
    /// Bytes where a record should begin.
    #[error(
        "{bytes} bytes that are not a WARC record (they begin {found:?}; a Content-Length before them may be wrong); skipped to the next record"
    )]
    NotWarc {
        /// The first characters found.
        found: String,
        /// How many bytes were skipped.
        bytes: u64,
    },
    /// The gzip member holding the record is corrupt.
    #[error("{0}")]
    CorruptGzip(String),
}

/// Why a WARC stream could not be read further.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    /// I/O (other than a corrupt gzip member, which costs only its record).
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Splits an HTTP response into status, headers and body.
fn parse_http(url: String, date: Option<DateTime<Utc>>, block: &[u8]) -> Option<WarcResponse> {
    let split = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, 4))
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|p| (p, 2)))?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let mut content_type = None;
    let mut encoding = None;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = Some(v.trim().to_ascii_lowercase()),
                "content-encoding" => encoding = Some(v.trim().to_ascii_lowercase()),
                _ => {}
            }
        }
    }
    let mut body = block[split.0 + split.1..].to_vec();
    if encoding.as_deref() == Some("gzip") && body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if flate2::read::MultiGzDecoder::new(&body[..]).take(MAX_RECORD).read_to_end(&mut out).is_ok() {
            body = out;
        }
    }
    Some(WarcResponse { url, date, status, content_type, body })
}

#[cfg(test)]
mod tests;
