//! Politeness: one place every crawl request goes through. Per host it keeps robots.txt (fetched
//! once and cached, with its `Crawl-delay`), a rate limiter (governor) and a pause set by
//! `Retry-After`; it retries retryable failures itself so that retries are paced like any other
//! request, and it counts and archives (WARC) what it fetched.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use governor::clock::DefaultClock;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Jitter, Quota, RateLimiter};
use url::Url;

use crate::fetch::{BoxFuture, Exchange, FetchError, Fetched, Fetcher, HopHook};
use crate::metrics::{FetchKind, Metrics};
use crate::warc::WarcWriter;

type Limiter = RateLimiter<NotKeyed, InMemoryState, DefaultClock>;

/// How long a robots.txt is trusted before it is fetched again.
const ROBOTS_TTL: Duration = Duration::from_secs(24 * 3600);
/// How long a host whose robots.txt answered 5xx (or not at all) is treated as disallowing
/// everything — the convention search engines follow, since a failing server may be overloaded.
const ROBOTS_UNAVAILABLE_TTL: Duration = Duration::from_secs(600);
/// Largest robots.txt read (Google reads 500 KiB).
const ROBOTS_MAX: usize = 512 * 1024;
/// Longest wait a fetch does in place before handing the URL back to the frontier for later.
const MAX_INLINE_WAIT: Duration = Duration::from_secs(15);

/// What robots.txt says for our user agent.
#[derive(Debug)]
enum Rules {
    Parsed(texting_robots::Robot),
    AllowAll,
    /// Unavailable (5xx): nothing is fetched until it is asked again.
    DisallowAll(String),
    /// The host could not be reached at all (no DNS, network unreachable, timeout): its pages
    /// fail with that error — saying "robots.txt unavailable" would blame the site for our
    /// network — and robots.txt is asked again as after a 5xx.
    Unreachable(FetchError),
}

#[derive(Debug)]
struct RobotsEntry {
    rules: Rules,
    fetched: Instant,
}

impl RobotsEntry {
    fn fresh(&self) -> bool {
        let ttl = if matches!(self.rules, Rules::DisallowAll(_) | Rules::Unreachable(_)) {
            ROBOTS_UNAVAILABLE_TTL
        } else {
            ROBOTS_TTL
        };
        self.fetched.elapsed() < ttl
    }
}

/// Per-host state.
struct Host {
    robots: tokio::sync::Mutex<Option<Arc<RobotsEntry>>>,
    /// The limiter and the interval it was built for (rebuilt when a Crawl-delay changes it).
    limiter: Mutex<(Duration, Arc<Limiter>)>,
    paused_until: Mutex<Option<Instant>>,
    /// Requests in flight to the host at once.
    slots: Arc<tokio::sync::Semaphore>,
}

fn limiter(interval: Duration) -> Arc<Limiter> {
    let quota = Quota::with_period(interval.max(Duration::from_millis(1)))
        .expect("non-zero period")
        .allow_burst(NonZeroU32::MIN);
    Arc::new(RateLimiter::direct(quota))
}

/// Politeness settings.
#[derive(Debug, Clone)]
pub struct PoliteConfig {
    /// Least time between two requests to one host (a longer robots.txt `Crawl-delay` wins).
    pub host_interval: Duration,
    /// Longest `Crawl-delay` honoured (a site asking for an hour between pages is followed at
    /// this pace instead, still far below any normal reader's).
    pub max_crawl_delay: Duration,
    /// Requests in flight at once to one host.
    pub host_concurrency: usize,
}

impl Default for PoliteConfig {
    fn default() -> Self {
        Self { host_interval: Duration::from_secs(1), max_crawl_delay: Duration::from_secs(60), host_concurrency: 1 }
    }
}

/// The hook run before each request of one fetch attempt (the first and each redirect): it
/// checks robots.txt (unless fetching robots.txt itself), takes one of the host's connection
/// slots — held until the next hop or the end of the attempt — and waits the host's turn.
struct Hop<'p> {
    polite: &'p Polite,
    check_robots: bool,
    slot: Mutex<Option<tokio::sync::OwnedSemaphorePermit>>,
}

impl HopHook for Hop<'_> {
    fn after_hop(&self, exchange: &Exchange<'_>) {
        self.polite.archive(exchange);
    }

    fn before_hop<'a>(&'a self, url: &'a Url, hop: usize) -> BoxFuture<'a, Result<(), FetchError>> {
        Box::pin(async move {
            // The previous hop's slot is free once its response is in.
            drop(lock(&self.slot).take());
            let key = host_key(url);
            let host = self.polite.host(&key);
            if self.check_robots {
                self.polite.allowed(url, &key, &host, hop).await?;
            }
            let permit = host.slots.clone().acquire_owned().await.ok();
            *lock(&self.slot) = permit;
            self.polite.turn(&host).await;
            Ok(())
        })
    }
}

/// The politeness layer over a [`Fetcher`].
pub struct Polite {
    fetcher: Fetcher,
    cfg: PoliteConfig,
    agent: String,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    metrics: Arc<Metrics>,
    warc: Option<Mutex<WarcWriter>>,
}

/// The key politeness and the frontier group URLs by: host, and port when not the default.
pub fn host_key(url: &Url) -> String {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Polite {
    /// The layer; `warc` archives every response received.
    pub fn new(fetcher: Fetcher, cfg: PoliteConfig, metrics: Arc<Metrics>, warc: Option<WarcWriter>) -> Self {
        // robots.txt groups are matched on the product token: "marsad" in "marsad/0.1 (+…)".
        let agent = fetcher.config().user_agent.split(['/', ' ']).next().unwrap_or("marsad").to_string();
        Self { fetcher, cfg, agent, hosts: Mutex::new(HashMap::new()), metrics, warc: warc.map(Mutex::new) }
    }

    /// The fetcher.
    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }

    /// The counters.
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    fn host(&self, key: &str) -> Arc<Host> {
        lock(&self.hosts)
            .entry(key.to_string())
            .or_insert_with(|| {
                Arc::new(Host {
                    robots: tokio::sync::Mutex::new(None),
                    limiter: Mutex::new((self.cfg.host_interval, limiter(self.cfg.host_interval))),
                    paused_until: Mutex::new(None),
                    slots: Arc::new(tokio::sync::Semaphore::new(self.cfg.host_concurrency.max(1))),
                })
            })
            .clone()
    }

    /// Waits for this host's turn: any `Retry-After` pause, then the rate limiter.
    async fn turn(&self, host: &Host) {
        let pause = lock(&host.paused_until).and_then(|t| t.checked_duration_since(Instant::now()));
        if let Some(wait) = pause {
            tokio::time::sleep(wait).await;
        }
        let (interval, lim) = lock(&host.limiter).clone();
        lim.until_ready_with_jitter(Jitter::up_to(interval / 10)).await;
    }

    /// Fetches robots.txt for the host of `url` unless cached.
    async fn robots(&self, url: &Url, key: &str, host: &Host) -> Arc<RobotsEntry> {
        let mut slot = host.robots.lock().await;
        if let Some(e) = slot.as_ref().filter(|e| e.fresh()) {
            return e.clone();
        }
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        // Redirects of robots.txt are paced but not checked against robots.txt.
        let result = self.fetch_paced(&robots_url, None, FetchKind::Robots, key, false).await;
        let rules = match result {
            Ok(f) => {
                let body = &f.body[..f.body.len().min(ROBOTS_MAX)];
                match texting_robots::Robot::new(&self.agent, body) {
                    Ok(r) => Rules::Parsed(r),
                    // An unparsable file states no rule.
                    Err(_) => Rules::AllowAll,
                }
            }
            // No robots.txt (404, 403 …) means no restriction; a body too large is cut at
            // ROBOTS_MAX by the cap in any case.
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) && status != 429 => Rules::AllowAll,
            Err(FetchError::TooLarge(_)) => Rules::AllowAll,
            Err(
                e @ (FetchError::Resolve { .. }
                | FetchError::Unreachable(_)
                | FetchError::Connect(_)
                | FetchError::Timeout),
            ) => Rules::Unreachable(e),
            Err(e) => Rules::DisallowAll(format!("robots.txt unavailable ({e}); retrying in 10 minutes")),
        };
        if let Rules::Parsed(r) = &rules
            && let Some(delay) = r.delay.filter(|d| d.is_finite() && *d > 0.0)
        {
            let wanted = Duration::from_secs_f32(delay).min(self.cfg.max_crawl_delay).max(self.cfg.host_interval);
            let mut l = lock(&host.limiter);
            if l.0 != wanted {
                tracing::debug!(host = key, ?wanted, "robots.txt Crawl-delay");
                let fresh = limiter(wanted);
                // The robots.txt request itself used this period's cell.
                let _ = fresh.check();
                *l = (wanted, fresh);
            }
        }
        let entry = Arc::new(RobotsEntry { rules, fetched: Instant::now() });
        *slot = Some(entry.clone());
        entry
    }

    /// One request with in-place retries; `before_hop` paces every request (each retry and each
    /// redirect waits its turn).
    async fn fetch_paced(
        &self,
        url: &Url,
        validators: Option<(&str, &str)>,
        kind: FetchKind,
        key: &str,
        check_robots: bool,
    ) -> Result<Fetched, FetchError> {
        let mut attempt = 0;
        let host = self.host(key);
        loop {
            attempt += 1;
            let started = Instant::now();
            let hook = Hop { polite: self, check_robots, slot: Mutex::new(None) };
            let result = self.fetcher.get_hops(url.as_str(), validators, &hook).await;
            drop(hook);
            match &result {
                Ok(f) => {
                    self.metrics.fetch(kind, &f.status.to_string(), f.body.len());
                    tracing::debug!(url = %url, status = f.status, bytes = f.body.len(), ms = started.elapsed().as_millis() as u64, "fetched");
                }
                Err(e) => {
                    self.metrics.fetch(kind, &e.code(), 0);
                    self.metrics.host_error(key);
                    tracing::debug!(url = %url, error = %e, ms = started.elapsed().as_millis() as u64, "fetch failed");
                }
            }
            let Err(e) = &result else { return result };
            if let FetchError::Status { retry_after: Some(d), .. } = e {
                // The whole host asked us to wait, not just this URL.
                *lock(&host.paused_until) = Some(Instant::now() + (*d).min(self.fetcher.config().max_retry_after));
            }
            match self.fetcher.retry_wait(e, attempt) {
                Some(wait) if wait <= MAX_INLINE_WAIT => tokio::time::sleep(wait).await,
                _ => return result,
            }
        }
    }

    /// Writes one exchange to the WARC archive: every hop, whatever its status, so that a replay
    /// sees the crawl as it happened.
    fn archive(&self, x: &Exchange<'_>) {
        let Some(w) = &self.warc else { return };
        let mut response = x.response_head.as_bytes().to_vec();
        response.extend_from_slice(b"\r\n");
        response.extend_from_slice(x.body);
        let mut request = x.request_head.as_bytes().to_vec();
        request.extend_from_slice(b"\r\n");
        if let Err(e) = lock(w).write_exchange(x.url.as_str(), chrono::Utc::now(), &request, &response, x.truncated) {
            tracing::error!(error = %e, "cannot write the WARC archive; the crawl goes on without it");
        }
    }

    /// Flushes the WARC archive.
    pub fn flush(&self) {
        if let Some(w) = &self.warc
            && let Err(e) = lock(w).flush()
        {
            tracing::error!(error = %e, "cannot flush the WARC archive");
        }
    }

    /// GETs `url` politely: the address policy first (no request of any kind to a refused
    /// address), then robots.txt, then the host's pace; retryable failures are retried here.
    pub async fn get(
        &self,
        url: &str,
        validators: Option<(&str, &str)>,
        kind: FetchKind,
    ) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url).map_err(|e| FetchError::Invalid(format!("{url}: {e}")))?;
        self.fetcher.check(&parsed)?;
        let key = host_key(&parsed);
        self.fetch_paced(&parsed, validators, kind, &key, true).await
    }

    /// Whether robots.txt lets us fetch `u` (fetching and caching it first if needed).
    async fn allowed(&self, u: &Url, key: &str, host: &Host, hop: usize) -> Result<(), FetchError> {
        let robots = self.robots(u, key, host).await;
        match &robots.rules {
            Rules::Parsed(r) if !r.allowed(u.as_str()) => Err(FetchError::Refused(if hop == 0 {
                "disallowed by robots.txt".to_string()
            } else {
                format!("redirect to {u}, which robots.txt disallows")
            })),
            Rules::DisallowAll(why) => Err(FetchError::Refused(why.clone())),
            Rules::Unreachable(e) => Err(e.clone()),
            _ => Ok(()),
        }
    }

    /// The current pause of a host, if a `Retry-After` set one.
    pub fn paused_for(&self, key: &str) -> Option<Duration> {
        let host = lock(&self.hosts).get(key).cloned()?;
        let until = (*lock(&host.paused_until))?;
        until.checked_duration_since(Instant::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_keys_keep_non_default_ports() {
        assert_eq!(host_key(&Url::parse("https://WWW.Example.com/a").unwrap()), "www.example.com");
        assert_eq!(host_key(&Url::parse("http://example.com:80/a").unwrap()), "example.com");
        assert_eq!(host_key(&Url::parse("http://127.0.0.1:8080/a").unwrap()), "127.0.0.1:8080");
    }

    #[tokio::test]
    async fn limiter_spaces_requests() {
        let lim = limiter(Duration::from_millis(50));
        let start = Instant::now();
        for _ in 0..4 {
            lim.until_ready().await;
        }
        // Three waits of 50 ms after the first free cell.
        assert!(start.elapsed() >= Duration::from_millis(140), "{:?}", start.elapsed());
    }
}
