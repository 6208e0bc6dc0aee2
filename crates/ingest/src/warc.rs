//! WARC 1.0/1.1: reading response records (Common Crawl CC-NEWS shape — one gzip member per
//! record, which a multi-member gzip reader streams transparently) and writing request/response
//! records of a crawl, so that it can be replayed with `marsad ingest`.

use std::fs::File;
use std::io::{BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::write::GzEncoder;

/// Largest record body read (bigger records are skipped, not buffered).
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

/// Why a WARC stream could not be read further.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    /// I/O (including a truncated gzip member).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not WARC.
    #[error("malformed WARC record header: {0}")]
    Malformed(String),
}

fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    buf.clear();
    r.take(64 * 1024).read_until(b'\n', buf)
}

/// Iterates over the HTTP responses of a WARC stream; other record types are skipped.
pub struct WarcReader<R: BufRead> {
    r: R,
    line: Vec<u8>,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over a (decompressed) WARC stream.
    pub fn new(r: R) -> Self {
        Self { r, line: Vec::new() }
    }

    /// The next response record; `Ok(None)` at the end.
    pub fn next_response(&mut self) -> Result<Option<WarcResponse>, WarcError> {
        loop {
            // Version line (skipping blank separators).
            let version = loop {
                if read_line(&mut self.r, &mut self.line)? == 0 {
                    return Ok(None);
                }
                let l = String::from_utf8_lossy(&self.line).trim().to_string();
                if !l.is_empty() {
                    break l;
                }
            };
            if !version.starts_with("WARC/") {
                return Err(WarcError::Malformed(format!(
                    "expected WARC/1.x, found {:?}",
                    version.chars().take(40).collect::<String>()
                )));
            }
            let mut headers: Vec<(String, String)> = Vec::new();
            loop {
                if read_line(&mut self.r, &mut self.line)? == 0 {
                    return Err(WarcError::Malformed("record header ends early".into()));
                }
                let l = String::from_utf8_lossy(&self.line).trim_end().to_string();
                if l.is_empty() {
                    break;
                }
                if let Some((k, v)) = l.split_once(':') {
                    headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                }
            }
            let get = |k: &str| headers.iter().find(|(h, _)| h == k).map(|(_, v)| v.as_str());
            let len: u64 = get("content-length")
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| WarcError::Malformed("record without Content-Length".into()))?;
            let is_response = get("warc-type") == Some("response");
            let url = get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
            let date =
                get("warc-date").and_then(|d| DateTime::parse_from_rfc3339(d).ok()).map(|d| d.with_timezone(&Utc));
            if !is_response || len > MAX_RECORD || url.is_none() {
                std::io::copy(&mut (&mut self.r).take(len), &mut std::io::sink())?;
                continue;
            }
            let mut block = Vec::with_capacity(len as usize);
            (&mut self.r).take(len).read_to_end(&mut block)?;
            if (block.len() as u64) < len {
                return Err(WarcError::Io(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "record body ends early",
                )));
            }
            if let Some(resp) = parse_http(url.expect("checked"), date, &block) {
                return Ok(Some(resp));
            }
        }
    }
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

/// Writes WARC 1.1 records, one gzip member each (as Common Crawl does), rotating files.
pub struct WarcWriter {
    dir: PathBuf,
    prefix: String,
    max_bytes: u64,
    file: Option<(BufWriter<File>, u64)>,
    serial: u32,
}

impl WarcWriter {
    /// A writer into `dir`, starting a new file after `max_bytes`.
    pub fn new(dir: &Path, max_bytes: u64) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let prefix = format!("marsad-{}", Utc::now().format("%Y%m%d%H%M%S"));
        Ok(Self { dir: dir.to_path_buf(), prefix, max_bytes, file: None, serial: 0 })
    }

    /// The current file; `rotate` starts a new one when this one is full (only between
    /// exchanges, so that a request and its response stay in one file).
    fn out(&mut self, rotate: bool) -> std::io::Result<&mut (BufWriter<File>, u64)> {
        let rotate = self.file.as_ref().is_none_or(|(_, n)| rotate && *n >= self.max_bytes);
        if rotate {
            if let Some((mut f, _)) = self.file.take() {
                f.flush()?;
            }
            // Never overwrite: a restart within the same second finds the earlier run's files.
            let file = loop {
                self.serial += 1;
                let path = self.dir.join(format!("{}-{:05}.warc.gz", self.prefix, self.serial));
                match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                    Ok(f) => break f,
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(e),
                }
            };
            self.file = Some((BufWriter::new(file), 0));
        }
        Ok(self.file.as_mut().expect("just opened"))
    }

    fn record(
        &mut self,
        kind: &str,
        url: &str,
        date: DateTime<Utc>,
        content_type: &str,
        block: &[u8],
        truncated: bool,
    ) -> std::io::Result<()> {
        let id = format!(
            "{:032x}",
            xxhash_rust::xxh3::xxh3_128(
                format!("{kind}{url}{}{}", date.timestamp_nanos_opt().unwrap_or(0), block.len()).as_bytes()
            )
        );
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        write!(
            gz,
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}-{}-{}-{}-{}>\r\nWARC-Date: {}\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\n{}Content-Length: {}\r\n\r\n",
            &id[0..8],
            &id[8..12],
            &id[12..16],
            &id[16..20],
            &id[20..32],
            date.format("%Y-%m-%dT%H:%M:%SZ"),
            if truncated { "WARC-Truncated: length\r\n" } else { "" },
            block.len()
        )?;
        gz.write_all(block)?;
        gz.write_all(b"\r\n\r\n")?;
        let bytes = gz.finish()?;
        let (f, n) = self.out(kind != "response")?;
        f.write_all(&bytes)?;
        *n += bytes.len() as u64;
        Ok(())
    }

    /// Records one exchange: the request and the response as received (status line, headers,
    /// body); `truncated` marks a response whose body was cut (`WARC-Truncated: length`).
    pub fn write_exchange(
        &mut self,
        url: &str,
        date: DateTime<Utc>,
        request: &[u8],
        response: &[u8],
        truncated: bool,
    ) -> std::io::Result<()> {
        self.record("request", url, date, "application/http; msgtype=request", request, false)?;
        self.record("response", url, date, "application/http; msgtype=response", response, truncated)
    }

    /// Flushes the current file.
    pub fn flush(&mut self) -> std::io::Result<()> {
        if let Some((f, _)) = self.file.as_mut() {
            f.flush()?;
        }
        Ok(())
    }
}

impl Drop for WarcWriter {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_records_read_back() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut w = WarcWriter::new(dir.path(), 1 << 20).unwrap();
            let resp = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>مرحبا</p></body></html>";
            w.write_exchange(
                "http://example.org/a",
                Utc::now(),
                b"GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n",
                resp.as_bytes(),
                false,
            )
            .unwrap();
        }
        let file = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
        let gz = flate2::read::MultiGzDecoder::new(File::open(file).unwrap());
        let mut r = WarcReader::new(std::io::BufReader::new(gz));
        let resp = r.next_response().unwrap().unwrap();
        assert_eq!(resp.url, "http://example.org/a");
        assert_eq!(resp.status, 200);
        assert!(String::from_utf8(resp.body).unwrap().contains("مرحبا"));
        assert!(r.next_response().unwrap().is_none());
    }

    #[test]
    fn files_rotate_and_a_second_writer_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        for round in 0..2 {
            let mut w = WarcWriter::new(dir.path(), 100).unwrap();
            for i in 0..3 {
                let resp = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>{round}-{i}</p>");
                w.write_exchange(
                    &format!("http://example.org/{round}/{i}"),
                    Utc::now(),
                    b"GET / HTTP/1.1\r\n\r\n",
                    resp.as_bytes(),
                    false,
                )
                .unwrap();
            }
            w.flush().unwrap();
        }
        let mut files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        assert_eq!(files.len(), 6, "one file per exchange at this size, none overwritten");
        let mut urls = Vec::new();
        for f in files {
            let gz = flate2::read::MultiGzDecoder::new(File::open(f).unwrap());
            let mut r = WarcReader::new(std::io::BufReader::new(gz));
            while let Some(resp) = r.next_response().unwrap() {
                urls.push(resp.url);
            }
        }
        urls.sort();
        assert_eq!(urls.len(), 6);
        assert_eq!(urls[0], "http://example.org/0/0");
    }
}
