//! `marsad run`: follows feeds and sitemaps, fetches the articles they list and stores them
//! through the same extraction as `marsad ingest`.
//!
//! One scheduler task owns the store writes; fetch tasks (a global limit, and per host a
//! concurrency limit and the pace of [`Polite`]) hand back what they fetched. The frontier lives
//! in the store and a URL is marked done only after its articles are stored, so a crash or
//! `kill -9` re-fetches at most the pages in flight, and those are recognised on arrival (same
//! canonical URL) — every article ends up stored exactly once.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use marsad_extract::boilerplate::LineStats;
use marsad_extract::extract_with;
use marsad_extract::urls::canonical_key;
use marsad_store::{Feed, FrontierUrl, InsertOutcome, NewArticle, Store, StoreError, UrlOutcome};
use serde::Serialize;
use tokio::sync::watch;
use tokio::task::JoinSet;
use url::Url;

use crate::discover::{Link, Listing, listing_kind, parse_listing_ttl};
use crate::fetch::{FetchConfig, FetchError, Fetcher, is_html};
use crate::metrics::{FetchKind, Metrics};
use crate::polite::{PoliteConfig, host_key};
use crate::warc::WarcWriter;
use crate::{IngestError, Polite, cluster_pending};

/// Settings of a crawl.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    /// HTTP client settings (user agent, timeouts, limits, address policy).
    pub fetch: FetchConfig,
    /// Per-host pace.
    pub polite: PoliteConfig,
    /// Requests in flight at once, all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host_concurrency: usize,
    /// Poll interval of a feed that gives no hint (a longer `ttl` or `max-age` wins).
    pub feed_interval: Duration,
    /// Longest poll interval, also the cap of the failure backoff.
    pub max_feed_interval: Duration,
    /// Most links taken from one poll (newest first): a first poll of a large sitemap must not
    /// queue an outlet's whole archive.
    pub max_links_per_poll: usize,
    /// Most child sitemaps read from one sitemap index per poll.
    pub max_child_sitemaps: usize,
    /// Attempts of a URL across frontier retries (each attempt itself retries in place).
    pub url_attempts: u32,
    /// Wait before the first frontier retry; doubled each time.
    pub url_retry_base: Duration,
    /// Poll every feed once, fetch what is due, and stop (for cron and tests).
    pub once: bool,
    /// Make new articles searchable at least this often.
    pub commit_interval: Duration,
    /// Group new articles into stories this often (0: only at the end).
    pub cluster_interval: Duration,
    /// Group new articles into stories at all.
    pub cluster: bool,
    /// How long stories stay open, hours.
    pub story_window_hours: Option<u32>,
    /// Archive every response as WARC in this directory.
    pub warc_out: Option<PathBuf>,
    /// Size at which a WARC file is closed and the next one started.
    pub warc_file_bytes: u64,
    /// On stop, how long in-flight fetches may take to finish before they are handed back to
    /// the frontier.
    pub grace: Duration,
    /// A progress line at info level this often.
    pub summary_interval: Duration,
}

impl Default for CrawlConfig {
    fn default() -> Self {
        Self {
            fetch: FetchConfig::default(),
            polite: PoliteConfig::default(),
            concurrency: 32,
            per_host_concurrency: 1,
            feed_interval: Duration::from_secs(15 * 60),
            max_feed_interval: Duration::from_secs(24 * 3600),
            max_links_per_poll: 500,
            max_child_sitemaps: 20,
            url_attempts: 3,
            url_retry_base: Duration::from_secs(300),
            once: false,
            commit_interval: Duration::from_secs(10),
            cluster_interval: Duration::from_secs(120),
            cluster: true,
            story_window_hours: None,
            warc_out: None,
            warc_file_bytes: 1 << 30,
            grace: Duration::from_secs(20),
            summary_interval: Duration::from_secs(60),
        }
    }
}

/// Errors that stop a crawl (a bad feed or page never does).
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Story clustering failed.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// The HTTP client could not be set up.
    #[error("cannot set up the HTTP client: {0}")]
    Client(#[from] FetchError),
    /// The WARC directory could not be used.
    #[error("cannot write WARC files to {path}: {source}; check the --warc-out directory")]
    Warc {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Totals of a crawl.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CrawlSummary {
    /// Feed polls.
    pub feeds_polled: u64,
    /// Feed polls that failed.
    pub feed_errors: u64,
    /// New URLs queued.
    pub queued: u64,
    /// Pages fetched and extracted.
    pub pages: u64,
    /// Articles stored for the first time.
    pub new: u64,
    /// Articles already in the store.
    pub already_present: u64,
    /// URLs skipped by policy or content (robots.txt, private address, not HTML, no article).
    pub skipped: u64,
    /// URLs given up on.
    pub failed: u64,
    /// URLs to be tried again later.
    pub retried: u64,
    /// Wall time, seconds.
    pub seconds: f64,
}

/// What one feed check found (`marsad feeds check`).
#[derive(Debug, Clone, Serialize)]
pub struct FeedCheck {
    /// The feed URL.
    pub url: String,
    /// True when it was fetched and parsed.
    pub ok: bool,
    /// `feed`, `sitemap` or `sitemap-index`.
    pub kind: Option<String>,
    /// Links (or child sitemaps) listed.
    pub links: usize,
    /// The newest date among the links.
    pub newest: Option<DateTime<Utc>>,
    /// What went wrong.
    pub error: Option<String>,
}

/// A poll's result, handed from a task to the scheduler.
struct FeedPoll {
    status: u16,
    links: Vec<Link>,
    hint: Option<Duration>,
    etag: Option<String>,
    last_modified: Option<String>,
}

enum PageOutcome {
    Stored(Vec<NewArticle>, String),
    Skipped(String, String),
    Failed(FetchError),
}

enum Done {
    Feed(Feed, Result<FeedPoll, String>),
    Page(FrontierUrl, PageOutcome),
}

struct Shared {
    polite: Polite,
    cfg: CrawlConfig,
    stats: RwLock<LineStats>,
}

fn now_secs() -> i64 {
    Utc::now().timestamp()
}

/// Fetches and parses a feed; for a sitemap index, its newest child sitemaps too.
async fn poll_listing(
    polite: &Polite,
    url: &str,
    validators: Option<(&str, &str)>,
    max_children: usize,
) -> Result<(FeedPoll, &'static str), String> {
    let f = polite.get(url, validators, FetchKind::Feed).await.map_err(|e| e.to_string())?;
    let mut poll = FeedPoll {
        status: f.status,
        links: Vec::new(),
        hint: f.max_age.map(Duration::from_secs),
        etag: f.etag.clone(),
        last_modified: f.last_modified.clone(),
    };
    if f.status == 304 {
        return Ok((poll, "feed"));
    }
    let (listing, ttl) = match parse_listing_ttl(&f.body, &f.url) {
        Ok(parsed) => parsed,
        // An outlet's home page instead of its feed: follow the feeds it announces, as a feed
        // reader does (checked after parsing: some servers label real feeds text/html).
        Err(e) if is_html(&f) => {
            let feeds = marsad_extract::html::feed_links(&String::from_utf8_lossy(&f.body), &f.url);
            if feeds.is_empty() {
                return Err(format!(
                    "an HTML page that announces no feed (no <link rel=\"alternate\" type=\"application/rss+xml\">): \
                     add the outlet's RSS/Atom feed or news sitemap URL instead ({e})"
                ));
            }
            poll.links = read_children(polite, &feeds, max_children).await;
            return Ok((poll, "page-feeds"));
        }
        Err(e) => return Err(e),
    };
    if let Some(ttl) = ttl {
        let ttl = Duration::from_secs(u64::from(ttl) * 60);
        poll.hint = Some(poll.hint.map_or(ttl, |h| h.max(ttl)));
    }
    let kind = match listing {
        Listing::Links(links) => {
            poll.links = links;
            listing_kind(&f.body)
        }
        Listing::Sitemaps(children) => {
            poll.links = read_children(polite, &children, max_children).await;
            "sitemap-index"
        }
    };
    Ok((poll, kind))
}

/// The links of the listings a sitemap index or a home page points to (the first `max`); one
/// that fails is logged and skipped, the others still count.
async fn read_children(polite: &Polite, children: &[String], max: usize) -> Vec<Link> {
    let mut links = Vec::new();
    for child in children.iter().take(max) {
        match polite.get(child, None, FetchKind::Feed).await {
            Ok(cf) => match parse_listing_ttl(&cf.body, &cf.url) {
                Ok((Listing::Links(l), _)) => links.extend(l),
                Ok((Listing::Sitemaps(_), _)) => tracing::debug!(child, "nested sitemap index ignored"),
                Err(e) => tracing::info!(child, error = %e, "child listing unreadable"),
            },
            Err(e) => tracing::info!(child, error = %e, "child listing not fetched"),
        }
    }
    links
}

/// Fetches each feed once and reports what it lists, without storing anything.
pub async fn check_feeds(cfg: &CrawlConfig, urls: &[String]) -> Result<Vec<FeedCheck>, CrawlError> {
    let polite =
        Arc::new(Polite::new(Fetcher::new(cfg.fetch.clone())?, cfg.polite.clone(), Arc::new(Metrics::default()), None));
    let mut set = JoinSet::new();
    let sem = Arc::new(tokio::sync::Semaphore::new(cfg.concurrency.max(1)));
    for (i, url) in urls.iter().enumerate() {
        let (polite, url, sem, children) = (polite.clone(), url.clone(), sem.clone(), cfg.max_child_sitemaps);
        set.spawn(async move {
            let _permit = sem.acquire_owned().await;
            let result = poll_listing(&polite, &url, None, children).await;
            let check = match result {
                Ok((poll, kind)) => FeedCheck {
                    url,
                    ok: true,
                    kind: Some(kind.to_string()),
                    links: poll.links.len(),
                    newest: poll.links.iter().filter_map(|l| l.published).max(),
                    error: None,
                },
                Err(e) => FeedCheck { url, ok: false, kind: None, links: 0, newest: None, error: Some(e) },
            };
            (i, check)
        });
    }
    let mut out: Vec<(usize, FeedCheck)> = set.join_all().await;
    out.sort_by_key(|(i, _)| *i);
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

/// Fetches one page and extracts its articles (on the blocking pool: extraction is CPU work).
async fn fetch_page(shared: Arc<Shared>, u: FrontierUrl) -> PageOutcome {
    let f = match shared.polite.get(&u.url, None, FetchKind::Page).await {
        Ok(f) => f,
        Err(FetchError::Refused(why)) => return PageOutcome::Skipped("refused".into(), why),
        Err(e) => return PageOutcome::Failed(e),
    };
    if !is_html(&f) {
        let ct = f.content_type.clone().unwrap_or_else(|| "no Content-Type".into());
        return PageOutcome::Skipped("not-html".into(), format!("not an HTML page ({ct})"));
    }
    let shared2 = shared.clone();
    let reference = u.reference.and_then(|t| DateTime::<Utc>::from_timestamp(t, 0));
    let final_url = f.url.clone();
    let source = u.url.clone();
    let work = tokio::task::spawn_blocking(move || {
        let extracted = {
            let stats = shared2.stats.read().unwrap_or_else(PoisonError::into_inner);
            // The feed's date stands in for a page that prints no time; else the day the page or
            // its URL gives; else the fetch time. Relative expressions count from the feed's date,
            // else from now.
            extract_with(
                &f.body,
                &marsad_extract::Options {
                    line_stats: Some(&stats),
                    content_type: f.content_type.as_deref(),
                    url: Some(&final_url),
                    feed_time: reference,
                    fetched: Some(Utc::now()),
                    ..Default::default()
                },
            )
        };
        let mut page_lines = extracted.page_lines;
        let mut articles = Vec::new();
        let mut first_rejection = None;
        for rec in extracted.records {
            match rec {
                Ok(a) => {
                    articles.push(NewArticle {
                        article: a,
                        source: source.clone(),
                        page_lines: std::mem::take(&mut page_lines),
                    });
                }
                Err(rej) => {
                    first_rejection.get_or_insert(rej);
                }
            }
        }
        (articles, first_rejection, final_url)
    });
    match work.await {
        Ok((articles, _, final_url)) if !articles.is_empty() => PageOutcome::Stored(articles, final_url),
        Ok((_, Some(rej), _)) => PageOutcome::Skipped(rej.reason.code().to_string(), rej.detail),
        Ok((_, None, _)) => PageOutcome::Skipped("empty".into(), "no article found on the page".into()),
        Err(e) => PageOutcome::Skipped(
            "internal".into(),
            format!("internal error while extracting (a marsad bug; please report it): {e}"),
        ),
    }
}

/// Frontier rows for a poll's links: newest first, at most `max`, canonical keys.
fn frontier_rows(links: &[Link], max: usize) -> Vec<(String, String, String, Option<i64>)> {
    let mut links: Vec<&Link> = links.iter().collect();
    links.sort_by_key(|l| std::cmp::Reverse(l.published));
    let mut seen = HashSet::new();
    links
        .into_iter()
        .filter_map(|l| {
            let key = canonical_key(&l.url)?;
            let host = host_key(&Url::parse(&l.url).ok()?);
            seen.insert(key.clone()).then(|| (key, l.url.clone(), host, l.published.map(|d| d.timestamp())))
        })
        .take(max)
        .collect()
}

/// Pages whose articles wait to be written in one transaction.
#[derive(Default)]
struct Pending {
    pages: Vec<(FrontierUrl, Vec<NewArticle>, String)>,
    outcomes: Vec<UrlOutcome>,
    since: Option<Instant>,
}

struct Scheduler {
    store: Arc<Store>,
    shared: Arc<Shared>,
    metrics: Arc<Metrics>,
    tasks: JoinSet<Done>,
    running: HashMap<tokio::task::Id, (Option<String>, String)>,
    in_flight_urls: HashSet<String>,
    in_flight_hosts: HashMap<String, usize>,
    ready: HashMap<String, std::collections::VecDeque<FrontierUrl>>,
    ready_keys: HashSet<String>,
    ready_len: usize,
    last_refill: Instant,
    polling: HashSet<i64>,
    polled: HashSet<i64>,
    pending: Pending,
    summary: CrawlSummary,
    since_commit: u64,
    since_cluster: u64,
    /// Set when the grace period ended with extractions still running: they hold the line
    /// statistics' read lock, so learning from the last batch must not wait for them.
    abandoned: bool,
}

impl Scheduler {
    fn cfg(&self) -> &CrawlConfig {
        &self.shared.cfg
    }

    fn spawn_feed(&mut self, feed: Feed) {
        let shared = self.shared.clone();
        let id = feed.id;
        let handle = self.tasks.spawn(async move {
            let validators = if feed.etag.is_some() || feed.last_modified.is_some() {
                Some((feed.etag.clone().unwrap_or_default(), feed.last_modified.clone().unwrap_or_default()))
            } else {
                None
            };
            let v = validators.as_ref().map(|(e, l)| (e.as_str(), l.as_str()));
            let result =
                poll_listing(&shared.polite, &feed.url, v, shared.cfg.max_child_sitemaps).await.map(|(p, _)| p);
            Done::Feed(feed, result)
        });
        self.running.insert(handle.id(), (None, format!("feed {id}")));
        self.polling.insert(id);
    }

    fn spawn_page(&mut self, u: FrontierUrl) {
        let shared = self.shared.clone();
        self.in_flight_urls.insert(u.url_key.clone());
        *self.in_flight_hosts.entry(u.host.clone()).or_default() += 1;
        let (key, host) = (u.url_key.clone(), u.host.clone());
        let handle = self.tasks.spawn(async move {
            let outcome = fetch_page(shared, u.clone()).await;
            Done::Page(u, outcome)
        });
        self.running.insert(handle.id(), (Some(key), host));
    }

    /// Frees the host's slot. The URL itself stays marked in flight until its outcome is
    /// written ([`Scheduler::flush`]): until then the store still lists it as queued.
    fn release(&mut self, host: &str) {
        if let Some(n) = self.in_flight_hosts.get_mut(host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.in_flight_hosts.remove(host);
            }
        }
    }

    /// Starts due work within the limits.
    fn schedule(&mut self) -> Result<(), CrawlError> {
        let now = now_secs();
        let feeds = if self.cfg().once { self.store.feeds()? } else { self.store.due_feeds(now)? };
        for feed in feeds {
            if self.tasks.len() >= self.cfg().concurrency {
                break;
            }
            if self.polling.contains(&feed.id) || (self.cfg().once && self.polled.contains(&feed.id)) {
                continue;
            }
            self.spawn_feed(feed);
        }
        if self.tasks.len() >= self.cfg().concurrency {
            return Ok(());
        }
        // Tasks per host: one more than the host's connection slots, so that a page is fetched
        // while the previous one is extracted (the slots themselves are enforced by `Polite`).
        let per_host = self.cfg().per_host_concurrency.max(1) + 1;
        if self.ready_len < self.cfg().concurrency || self.last_refill.elapsed() >= Duration::from_secs(2) {
            self.refill(now, per_host)?;
        }
        // Round-robin over the hosts with work ready.
        let mut progress = true;
        while progress && self.tasks.len() < self.cfg().concurrency {
            progress = false;
            let hosts: Vec<String> = self.ready.keys().cloned().collect();
            for host in hosts {
                if self.tasks.len() >= self.cfg().concurrency {
                    break;
                }
                if self.in_flight_hosts.get(&host).copied().unwrap_or(0) >= per_host {
                    continue;
                }
                let Some(u) = self.ready.get_mut(&host).and_then(|q| q.pop_front()) else { continue };
                self.ready_len -= 1;
                self.ready_keys.remove(&u.url_key);
                if !self.in_flight_urls.contains(&u.url_key) {
                    self.spawn_page(u);
                    progress = true;
                }
            }
            self.ready.retain(|_, q| !q.is_empty());
        }
        Ok(())
    }

    /// Reads due URLs from the store into the per-host ready queues (a few per host, hosts
    /// interleaved), so that the store is not queried for every task started.
    fn refill(&mut self, now: i64, per_host: usize) -> Result<(), CrawlError> {
        let want = self.cfg().concurrency * 4 + 64;
        for u in self.store.due_urls(now, per_host * 4, want)? {
            if self.in_flight_urls.contains(&u.url_key) || !self.ready_keys.insert(u.url_key.clone()) {
                continue;
            }
            self.ready_len += 1;
            self.ready.entry(u.host.clone()).or_default().push_back(u);
        }
        self.last_refill = Instant::now();
        Ok(())
    }

    fn handle(&mut self, done: Done) -> Result<(), CrawlError> {
        let now = now_secs();
        match done {
            Done::Feed(feed, result) => {
                self.polling.remove(&feed.id);
                self.polled.insert(feed.id);
                self.summary.feeds_polled += 1;
                let cfg = &self.shared.cfg;
                match result {
                    Ok(poll) => {
                        let rows = frontier_rows(&poll.links, cfg.max_links_per_poll);
                        let added = self.store.enqueue(&rows, Some(feed.id), now)?;
                        self.summary.queued += added as u64;
                        let interval = poll.hint.map_or(cfg.feed_interval, |h| h.max(cfg.feed_interval));
                        let interval = interval.min(cfg.max_feed_interval);
                        tracing::debug!(
                            feed = feed.url,
                            status = poll.status,
                            links = poll.links.len(),
                            added,
                            "feed polled"
                        );
                        self.store.feed_polled(
                            feed.id,
                            now,
                            now + interval.as_secs() as i64,
                            &poll.status.to_string(),
                            None,
                            poll.etag.as_deref(),
                            poll.last_modified.as_deref(),
                            false,
                        )?;
                    }
                    Err(e) => {
                        self.summary.feed_errors += 1;
                        // Back off: the interval doubles with each consecutive failure.
                        let factor = 2u32.saturating_pow((feed.failures + 1).min(10) as u32);
                        let interval = (cfg.feed_interval * factor).min(cfg.max_feed_interval);
                        tracing::info!(feed = feed.url, error = %e, retry_in_s = interval.as_secs(), "feed poll failed");
                        self.store.feed_polled(
                            feed.id,
                            now,
                            now + interval.as_secs() as i64,
                            "error",
                            Some(&e),
                            None,
                            None,
                            true,
                        )?;
                    }
                }
            }
            Done::Page(u, outcome) => {
                self.release(&u.host);
                match outcome {
                    PageOutcome::Stored(articles, final_url) => {
                        self.summary.pages += 1;
                        self.pending.pages.push((u, articles, final_url));
                    }
                    PageOutcome::Skipped(code, why) => {
                        self.summary.skipped += 1;
                        self.metrics.skipped(&code);
                        tracing::debug!(url = u.url, code, why, "skipped");
                        self.pending.outcomes.push(UrlOutcome {
                            url_key: u.url_key,
                            state: "skipped",
                            article: None,
                            error: Some(why),
                        });
                    }
                    PageOutcome::Failed(e) => {
                        let attempts = u.attempts as u32 + 1;
                        if e.retryable() && attempts < self.cfg().url_attempts {
                            self.summary.retried += 1;
                            let wait = match &e {
                                FetchError::Status { retry_after: Some(d), .. } => (*d).max(self.cfg().url_retry_base),
                                _ => self.cfg().url_retry_base * 2u32.pow(attempts - 1),
                            };
                            self.store.url_retry(&u.url_key, now + wait.as_secs().max(1) as i64, &e.to_string())?;
                            self.in_flight_urls.remove(&u.url_key);
                        } else {
                            self.summary.failed += 1;
                            self.metrics.skipped(&e.code());
                            self.pending.outcomes.push(UrlOutcome {
                                url_key: u.url_key,
                                state: "failed",
                                article: None,
                                error: Some(e.to_string()),
                            });
                        }
                    }
                }
                self.pending.since.get_or_insert_with(Instant::now);
            }
        }
        Ok(())
    }

    /// Writes the pending pages: articles first, then the frontier marks — so that a crash
    /// between the two re-fetches a page whose article is then found already stored.
    fn flush(&mut self) -> Result<(), CrawlError> {
        let pages = std::mem::take(&mut self.pending.pages);
        let mut outcomes = std::mem::take(&mut self.pending.outcomes);
        self.pending.since = None;
        if !pages.is_empty() {
            let mut batch = Vec::new();
            let mut spans = Vec::new();
            for (u, articles, final_url) in pages {
                spans.push((u, batch.len(), articles.len(), final_url));
                batch.extend(articles);
            }
            let results = self.store.insert_batch(&batch)?;
            let (mut new, mut dup) = (0, 0);
            {
                // Line statistics are advisory: after an abandoned extraction, skip learning
                // from this batch rather than wait for it (shutdown must keep its promise).
                let mut learned = if self.abandoned {
                    match self.shared.stats.try_write() {
                        Ok(g) => Some(g),
                        Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
                        Err(std::sync::TryLockError::WouldBlock) => None,
                    }
                } else {
                    Some(self.shared.stats.write().unwrap_or_else(PoisonError::into_inner))
                };
                for (o, item) in results.iter().zip(&batch) {
                    match o {
                        InsertOutcome::New { .. } => {
                            new += 1;
                            if let (Some(learned), Some(outlet), false) =
                                (learned.as_mut(), &item.article.outlet, item.page_lines.is_empty())
                            {
                                learned.observe(&outlet.id, &item.page_lines.iter().copied().collect());
                            }
                        }
                        InsertOutcome::Duplicate { .. } => dup += 1,
                    }
                }
            }
            self.summary.new += new;
            self.summary.already_present += dup;
            self.metrics.stored(new, dup);
            self.since_commit += new;
            self.since_cluster += new;
            let mut seen_rows = Vec::new();
            for (u, start, _len, final_url) in spans {
                let id = match results[start] {
                    InsertOutcome::New { id } | InsertOutcome::Duplicate { id } => id,
                };
                // The page's own address (rel=canonical) and where redirects led count as seen
                // too, so that a feed listing either later does not fetch the page again.
                for other in [batch[start].article.url.as_deref(), Some(final_url.as_str())].into_iter().flatten() {
                    if let (Some(k), Ok(parsed)) = (canonical_key(other), Url::parse(other))
                        && k != u.url_key
                    {
                        seen_rows.push((k, other.to_string(), host_key(&parsed), id));
                    }
                }
                outcomes.push(UrlOutcome { url_key: u.url_key, state: "done", article: Some(id), error: None });
            }
            self.store.mark_seen(&seen_rows, now_secs())?;
        }
        if !outcomes.is_empty() {
            self.store.urls_finished(&outcomes)?;
        }
        for o in &outcomes {
            self.in_flight_urls.remove(&o.url_key);
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), CrawlError> {
        self.store.commit()?;
        self.since_commit = 0;
        Ok(())
    }

    async fn cluster(&mut self) -> Result<(), CrawlError> {
        if !self.cfg().cluster || self.since_cluster == 0 {
            return Ok(());
        }
        let store = self.store.clone();
        let window = self.cfg().story_window_hours;
        let summary = tokio::task::spawn_blocking(move || cluster_pending(&store, window))
            .await
            .map_err(|e| IngestError::ClusterState(format!("clustering task failed: {e}")))??;
        tracing::info!(
            articles = summary.articles,
            new_stories = summary.new_stories,
            copies = summary.copies,
            "clustered"
        );
        self.since_cluster = 0;
        Ok(())
    }

    /// True when a `--once` run has nothing left to do now or soon.
    fn once_finished(&self) -> Result<bool, CrawlError> {
        if !self.tasks.is_empty() || !self.pending.pages.is_empty() || !self.pending.outcomes.is_empty() {
            return Ok(false);
        }
        if self.store.feeds()?.iter().any(|f| !self.polled.contains(&f.id)) {
            return Ok(false);
        }
        // Retries due within a minute are waited for; later ones are left for the next run.
        Ok(self.store.next_queued_at()?.is_none_or(|t| t > now_secs() + 60))
    }

    fn reap(&mut self, res: Result<(tokio::task::Id, Done), tokio::task::JoinError>) -> Result<(), CrawlError> {
        match res {
            Ok((id, done)) => {
                self.running.remove(&id);
                self.handle(done)
            }
            Err(e) => {
                // A panicking task loses its page, not the crawl: the URL is marked failed.
                let Some((key, host)) = self.running.remove(&e.id()) else { return Ok(()) };
                if let Some(key) = key {
                    self.release(&host);
                    if e.is_panic() {
                        self.pending.outcomes.push(UrlOutcome {
                            url_key: key,
                            state: "failed",
                            article: None,
                            error: Some("internal error while fetching (a marsad bug; please report it)".into()),
                        });
                    } else {
                        self.in_flight_urls.remove(&key);
                    }
                } else {
                    tracing::error!(task = host, "feed task failed: {e}");
                }
                Ok(())
            }
        }
    }
}

/// Runs the crawl until `stop` turns true (or, with `once`, until the work due is done).
/// Returns normally on stop, after in-flight fetches finished or were handed back to the
/// frontier and everything stored was committed.
pub async fn run(
    store: Arc<Store>,
    cfg: CrawlConfig,
    metrics: Arc<Metrics>,
    mut stop: watch::Receiver<bool>,
) -> Result<CrawlSummary, CrawlError> {
    let started = Instant::now();
    let warc = match &cfg.warc_out {
        Some(dir) => Some(
            WarcWriter::new(dir, cfg.warc_file_bytes)
                .map_err(|source| CrawlError::Warc { path: dir.clone(), source })?,
        ),
        None => None,
    };
    let mut cfg = cfg;
    cfg.polite.host_concurrency = cfg.per_host_concurrency.max(1);
    let polite = Polite::new(Fetcher::new(cfg.fetch.clone())?, cfg.polite.clone(), metrics.clone(), warc);
    let stats = RwLock::new(store.line_stats()?);
    let shared = Arc::new(Shared { polite, cfg, stats });
    let mut s = Scheduler {
        store,
        shared: shared.clone(),
        metrics: metrics.clone(),
        tasks: JoinSet::new(),
        running: HashMap::new(),
        in_flight_urls: HashSet::new(),
        in_flight_hosts: HashMap::new(),
        ready: HashMap::new(),
        ready_keys: HashSet::new(),
        ready_len: 0,
        last_refill: Instant::now(),
        polling: HashSet::new(),
        polled: HashSet::new(),
        pending: Pending::default(),
        summary: CrawlSummary::default(),
        since_commit: 0,
        since_cluster: 0,
        abandoned: false,
    };
    let mut last_commit = Instant::now();
    let mut last_cluster = Instant::now();
    let mut last_summary = Instant::now();
    let mut last_queue = Instant::now() - Duration::from_secs(5);
    let mut last_schedule = Instant::now() - Duration::from_secs(1);
    let result: Result<(), CrawlError> = async {
        loop {
            if *stop.borrow() {
                break;
            }
            if last_schedule.elapsed() >= Duration::from_millis(5) {
                s.schedule()?;
                last_schedule = Instant::now();
            }
            if s.cfg().once && s.once_finished()? {
                break;
            }
            tokio::select! {
                Some(res) = s.tasks.join_next_with_id(), if !s.tasks.is_empty() => s.reap(res)?,
                _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                _ = stop.changed() => {}
            }
            while let Some(res) = s.tasks.try_join_next_with_id() {
                s.reap(res)?;
            }
            let due = s.pending.pages.len() + s.pending.outcomes.len() >= 64
                || s.pending.since.is_some_and(|t| t.elapsed() >= Duration::from_millis(500));
            if due {
                s.flush()?;
            }
            if s.since_commit > 0 && last_commit.elapsed() >= s.cfg().commit_interval {
                s.commit()?;
                last_commit = Instant::now();
            }
            if !s.cfg().cluster_interval.is_zero() && last_cluster.elapsed() >= s.cfg().cluster_interval {
                s.flush()?;
                s.commit()?;
                s.cluster().await?;
                last_cluster = Instant::now();
            }
            if last_queue.elapsed() >= Duration::from_secs(5) {
                metrics.set_queue(s.store.frontier_stats()?);
                last_queue = Instant::now();
            }
            if last_summary.elapsed() >= s.cfg().summary_interval {
                let q = s.store.frontier_stats()?;
                metrics.set_queue(q.clone());
                tracing::info!(
                    fetches = metrics.fetches_total(),
                    errors = metrics.errors_total(),
                    new_articles = s.summary.new,
                    queued = q.queued,
                    in_flight = s.tasks.len(),
                    "crawl progress"
                );
                last_summary = Instant::now();
            }
        }
        // Stopping: take no new work; let in-flight fetches finish within the grace period.
        let deadline = tokio::time::Instant::now() + s.cfg().grace;
        while !s.tasks.is_empty() {
            match tokio::time::timeout_at(deadline, s.tasks.join_next_with_id()).await {
                Ok(Some(res)) => s.reap(res)?,
                Ok(None) => break,
                Err(_) => {
                    tracing::info!(
                        in_flight = s.tasks.len(),
                        "grace period over; handing in-flight URLs back to the queue"
                    );
                    s.tasks.abort_all();
                    s.abandoned = true;
                    while s.tasks.join_next().await.is_some() {}
                    break;
                }
            }
        }
        Ok(())
    }
    .await;
    // Whatever happened, keep what was fetched.
    let flushed = s.flush();
    let committed = s.commit();
    shared.polite.flush();
    result?;
    flushed?;
    committed?;
    s.cluster().await?;
    metrics.set_queue(s.store.frontier_stats()?);
    s.summary.seconds = started.elapsed().as_secs_f64();
    Ok(s.summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frontier_rows_are_canonical_unique_and_newest_first() {
        let t = |h: i64| Some(DateTime::<Utc>::from_timestamp(1_700_000_000 + h * 3600, 0).unwrap());
        let links = vec![
            Link { url: "https://Site.example/a?utm_source=x".into(), title: None, published: t(1) },
            Link { url: "https://site.example/a#top".into(), title: None, published: t(0) },
            Link { url: "https://site.example:8443/b".into(), title: None, published: t(2) },
            Link { url: "mailto:x@site.example".into(), title: None, published: t(3) },
        ];
        let rows = frontier_rows(&links, 10);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].2, "site.example:8443");
        assert_eq!(rows[1].0, "site.example/a");
        assert_eq!(frontier_rows(&links, 1).len(), 1);
    }
}
