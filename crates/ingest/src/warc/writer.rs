//! Writing WARC 1.1 request/response records for `marsad run --warc-out`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::write::GzEncoder;

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
    use crate::warc::{WarcItem, WarcReader, WarcResponse};

    /// Every response of a stream, which must have no rejected record.
    fn responses(r: impl std::io::BufRead) -> Vec<WarcResponse> {
        WarcReader::new(r)
            .map(|item| match item.unwrap() {
                WarcItem::Response(r) => r,
                WarcItem::Rejected(r) => panic!("{r}"),
            })
            .collect()
    }

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
        let mut resps = responses(std::io::BufReader::new(gz));
        assert_eq!(resps.len(), 1);
        let resp = resps.remove(0);
        assert_eq!(resp.url, "http://example.org/a");
        assert_eq!(resp.status, 200);
        assert!(String::from_utf8(resp.body).unwrap().contains("مرحبا"));
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
            urls.extend(responses(std::io::BufReader::new(gz)).into_iter().map(|r| r.url));
        }
        urls.sort();
        assert_eq!(urls.len(), 6);
        assert_eq!(urls[0], "http://example.org/0/0");
    }
}
