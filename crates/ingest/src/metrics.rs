//! Crawl counters, exposed as Prometheus text at `/metrics` by `marsad run --serve`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use marsad_store::FrontierStats;

/// What a fetch was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FetchKind {
    /// An article page.
    Page,
    /// A feed or sitemap.
    Feed,
    /// A robots.txt.
    Robots,
}

impl FetchKind {
    fn label(self) -> &'static str {
        match self {
            FetchKind::Page => "page",
            FetchKind::Feed => "feed",
            FetchKind::Robots => "robots",
        }
    }
}

/// Counters of a running crawl. All methods take `&self`: fetch tasks update them concurrently.
#[derive(Debug, Default)]
pub struct Metrics {
    fetches: Mutex<BTreeMap<(FetchKind, String), u64>>,
    host_errors: Mutex<BTreeMap<String, u64>>,
    skipped: Mutex<BTreeMap<String, u64>>,
    queue: Mutex<FrontierStats>,
    bytes: AtomicU64,
    articles: AtomicU64,
    duplicates: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Escapes a Prometheus label value (host names come from hostile feeds).
fn label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

impl Metrics {
    /// Counts one fetch: `status` is the HTTP status or an error code (`timeout`, `refused` …).
    pub fn fetch(&self, kind: FetchKind, status: &str, bytes: usize) {
        *lock(&self.fetches).entry((kind, status.to_string())).or_default() += 1;
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    /// Counts an error against a host.
    pub fn host_error(&self, host: &str) {
        *lock(&self.host_errors).entry(host.to_string()).or_default() += 1;
    }

    /// Counts a URL not fetched or not stored, by reason code.
    pub fn skipped(&self, reason: &str) {
        *lock(&self.skipped).entry(reason.to_string()).or_default() += 1;
    }

    /// Counts stored articles.
    pub fn stored(&self, new: u64, duplicates: u64) {
        self.articles.fetch_add(new, Ordering::Relaxed);
        self.duplicates.fetch_add(duplicates, Ordering::Relaxed);
    }

    /// Records the frontier's size.
    pub fn set_queue(&self, s: FrontierStats) {
        *lock(&self.queue) = s;
    }

    /// Fetches so far (all kinds and outcomes).
    pub fn fetches_total(&self) -> u64 {
        lock(&self.fetches).values().sum()
    }

    /// Fetches so far that got a response with this status or error code.
    pub fn fetches_with(&self, status: &str) -> u64 {
        lock(&self.fetches).iter().filter(|((_, s), _)| s == status).map(|(_, n)| n).sum()
    }

    /// New articles stored so far.
    pub fn articles(&self) -> u64 {
        self.articles.load(Ordering::Relaxed)
    }

    /// Errors so far, all hosts.
    pub fn errors_total(&self) -> u64 {
        lock(&self.host_errors).values().sum()
    }

    /// Bytes fetched so far (decompressed bodies).
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP marsad_fetches_total HTTP fetches by kind and status (or error code).\n");
        out.push_str("# TYPE marsad_fetches_total counter\n");
        for ((kind, status), n) in lock(&self.fetches).iter() {
            let _ = writeln!(out, "marsad_fetches_total{{kind=\"{}\",status=\"{}\"}} {n}", kind.label(), label(status));
        }
        out.push_str("# HELP marsad_fetch_bytes_total Body bytes fetched (decompressed).\n");
        out.push_str("# TYPE marsad_fetch_bytes_total counter\n");
        let _ = writeln!(out, "marsad_fetch_bytes_total {}", self.bytes());
        out.push_str("# HELP marsad_articles_ingested_total Articles stored for the first time.\n");
        out.push_str("# TYPE marsad_articles_ingested_total counter\n");
        let _ = writeln!(out, "marsad_articles_ingested_total {}", self.articles());
        out.push_str("# HELP marsad_articles_duplicate_total Fetched articles already in the store.\n");
        out.push_str("# TYPE marsad_articles_duplicate_total counter\n");
        let _ = writeln!(out, "marsad_articles_duplicate_total {}", self.duplicates.load(Ordering::Relaxed));
        out.push_str("# HELP marsad_urls_skipped_total URLs not fetched or not stored, by reason.\n");
        out.push_str("# TYPE marsad_urls_skipped_total counter\n");
        for (reason, n) in lock(&self.skipped).iter() {
            let _ = writeln!(out, "marsad_urls_skipped_total{{reason=\"{}\"}} {n}", label(reason));
        }
        out.push_str("# HELP marsad_queue_urls URLs in the frontier by state.\n");
        out.push_str("# TYPE marsad_queue_urls gauge\n");
        let q = lock(&self.queue).clone();
        for (state, n) in [("queued", q.queued), ("done", q.done), ("failed", q.failed), ("skipped", q.skipped)] {
            let _ = writeln!(out, "marsad_queue_urls{{state=\"{state}\"}} {n}");
        }
        out.push_str("# HELP marsad_host_errors_total Failed fetches by host.\n");
        out.push_str("# TYPE marsad_host_errors_total counter\n");
        for (host, n) in lock(&self.host_errors).iter() {
            let _ = writeln!(out, "marsad_host_errors_total{{host=\"{}\"}} {n}", label(host));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text_with_escaped_labels() {
        let m = Metrics::default();
        m.fetch(FetchKind::Page, "200", 1000);
        m.fetch(FetchKind::Page, "200", 500);
        m.fetch(FetchKind::Feed, "304", 0);
        m.host_error("evil\"host\n");
        m.stored(2, 1);
        let text = m.render();
        assert!(text.contains("marsad_fetches_total{kind=\"page\",status=\"200\"} 2"), "{text}");
        assert!(text.contains("marsad_fetch_bytes_total 1500"));
        assert!(text.contains("marsad_articles_ingested_total 2"));
        assert!(text.contains("marsad_host_errors_total{host=\"evil\\\"host\\n\"} 1"), "{text}");
        assert!(text.lines().all(|l| l.starts_with('#') || l.split(' ').count() == 2), "{text}");
        assert_eq!(m.fetches_with("200"), 2);
    }
}
