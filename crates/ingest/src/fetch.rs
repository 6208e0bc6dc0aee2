//! Fetching pages politely and safely: only http(s); only globally reachable addresses unless
//! allowed (the policy is [`crate::address`]; checked on every redirect hop and at DNS
//! resolution, so a public name cannot rebind to an internal address); manual redirects with a limit and loop detection;
//! connect/read/total timeouts; a body cap that also bounds decompressed size (gzip and brotli
//! bombs); retries with exponential backoff and jitter on connection errors, 5xx and 429, with
//! `Retry-After` honoured.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

pub use crate::address::is_public;
use crate::address::non_public;
use reqwest::header::HeaderMap;
use url::Url;

/// Which non-public addresses may be fetched.
#[derive(Debug, Clone, Default)]
pub enum AllowPrivate {
    /// None (the default): public addresses only.
    #[default]
    None,
    /// Any address (local setups).
    All,
    /// Only these addresses (tests, a known local server).
    Hosts(Vec<IpAddr>),
}

impl AllowPrivate {
    fn permits(&self, ip: IpAddr) -> bool {
        is_public(ip)
            || match self {
                AllowPrivate::None => false,
                AllowPrivate::All => true,
                AllowPrivate::Hosts(list) => list.contains(&ip),
            }
    }

    /// The addresses of a DNS answer the policy lets a connection go to.
    fn filter(&self, addrs: impl IntoIterator<Item = SocketAddr>) -> Vec<SocketAddr> {
        addrs.into_iter().filter(|a| self.permits(a.ip())).collect()
    }
}

/// Fetching settings.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// User agent, with a contact URL.
    pub user_agent: String,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes.
    pub read_timeout: Duration,
    /// Longest whole request.
    pub total_timeout: Duration,
    /// Redirects followed.
    pub max_redirects: usize,
    /// Largest body kept (decompressed).
    pub max_body: usize,
    /// Attempts on retryable failures.
    pub attempts: u32,
    /// First backoff; doubled each attempt, with jitter.
    pub backoff: Duration,
    /// Longest `Retry-After` honoured.
    pub max_retry_after: Duration,
    /// Non-public addresses allowed.
    pub allow_private: AllowPrivate,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            user_agent: format!(
                "marsad/{} (+https://example.invalid/marsad; Arabic news observatory)",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_redirects: 5,
            max_body: 10 * 1024 * 1024,
            attempts: 3,
            backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(300),
            allow_private: AllowPrivate::None,
        }
    }
}

/// Why a fetch did not give a page.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum FetchError {
    /// Refused by policy before any request: scheme, private address, robots.txt.
    #[error("refused: {0}")]
    Refused(String),
    /// An HTTP error status (after retries for retryable ones).
    #[error("HTTP {status}")]
    Status {
        /// The status.
        status: u16,
        /// `Retry-After`, if the server gave one.
        retry_after: Option<Duration>,
    },
    /// The body is over the limit (possibly a decompression bomb).
    #[error("body over {0} bytes (decompressed)")]
    TooLarge(usize),
    /// Too many redirects.
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    /// A redirect back to a URL already visited.
    #[error("redirect loop at {0}")]
    RedirectLoop(String),
    /// Timed out.
    #[error("timed out")]
    Timeout,
    /// Could not connect or the connection broke.
    #[error("connection failed: {0}")]
    Connect(String),
    /// The host name could not be resolved: a wrong name, or no network (no DNS).
    #[error("could not resolve host {host} ({detail}); check the name, or whether this machine is online")]
    Resolve {
        /// The host name.
        host: String,
        /// What the resolver said.
        detail: String,
    },
    /// The network (or the host) is unreachable from here.
    #[error("network unreachable ({0}); check whether this machine is online")]
    Unreachable(String),
    /// Not a URL marsad can fetch.
    #[error("invalid URL: {0}")]
    Invalid(String),
}

impl FetchError {
    /// Short stable code for metrics and reports.
    pub fn code(&self) -> String {
        match self {
            FetchError::Refused(_) => "refused".into(),
            FetchError::Status { status, .. } => status.to_string(),
            FetchError::TooLarge(_) => "too-large".into(),
            FetchError::TooManyRedirects(_) => "redirects".into(),
            FetchError::RedirectLoop(_) => "redirect-loop".into(),
            FetchError::Timeout => "timeout".into(),
            FetchError::Connect(_) => "connect".into(),
            FetchError::Resolve { .. } => "dns".into(),
            FetchError::Unreachable(_) => "unreachable".into(),
            FetchError::Invalid(_) => "invalid".into(),
        }
    }

    /// True when trying again later may succeed.
    pub fn retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            FetchError::Timeout | FetchError::Connect(_) | FetchError::Resolve { .. } | FetchError::Unreachable(_) => {
                true
            }
            _ => false,
        }
    }
}

/// A fetched response.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    /// Status (200, or 304 for a conditional request).
    pub status: u16,
    /// `Content-Type`, lower-cased.
    pub content_type: Option<String>,
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
    /// `Cache-Control: max-age`, seconds.
    pub max_age: Option<u64>,
    /// The body (decompressed).
    pub body: Vec<u8>,
    /// The request as sent (for WARC).
    pub request_head: String,
    /// Status line and headers as received (for WARC).
    pub response_head: String,
}

/// Resolves names, dropping addresses the policy forbids, so that no connection is ever made to
/// them — whatever a redirect or a DNS answer says.
struct GuardedResolver {
    allow: AllowPrivate,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow = self.allow.clone();
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|source| NameError { host: host.clone(), source })?
                .collect();
            let allowed = allow.filter(addrs);
            if allowed.is_empty() {
                return Err(format!("{host} resolves only to non-public addresses").into());
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// A name the resolver could not resolve; found again in the error's source chain to tell a DNS
/// failure from other connection failures.
#[derive(Debug, thiserror::Error)]
#[error("cannot resolve {host}: {source}")]
struct NameError {
    host: String,
    source: std::io::Error,
}

/// Types a failed request: a name that did not resolve and an unreachable network are said as
/// such (offline, they are the usual failures), anything else is a connection failure.
fn connect_error(e: &reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    let mut src: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(inner) = src {
        if let Some(n) = inner.downcast_ref::<NameError>() {
            return FetchError::Resolve { host: n.host.clone(), detail: n.source.to_string() };
        }
        if let Some(io) = inner.downcast_ref::<std::io::Error>()
            && matches!(io.kind(), std::io::ErrorKind::NetworkUnreachable | std::io::ErrorKind::HostUnreachable)
        {
            return FetchError::Unreachable(io.to_string());
        }
        src = inner.source();
    }
    FetchError::Connect(error_chain(e))
}

/// A boxed, sendable future.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// One HTTP exchange of a fetch, as sent and received: every hop (redirects, error statuses and
/// the final response) is one, so that an archive of the crawl holds all of them.
#[derive(Debug)]
pub struct Exchange<'a> {
    /// The URL requested.
    pub url: &'a Url,
    /// The request as sent (request line and headers).
    pub request_head: &'a str,
    /// Status line and headers as received.
    pub response_head: &'a str,
    /// The body (decompressed); for redirects and error statuses only its first
    /// [`EXCHANGE_BODY_MAX`] bytes.
    pub body: &'a [u8],
    /// True when `body` is only the beginning of what the server sent.
    pub truncated: bool,
}

/// Bytes of a redirect's or error page's body kept for the archive: enough for any real error
/// page, and a 50 MB "404" costs no more.
pub const EXCHANGE_BODY_MAX: usize = 64 * 1024;

/// Called around each request of a fetch — the first (hop 0) and each redirect — to pace or
/// refuse it before, and to see (archive) the exchange after.
pub trait HopHook: Sync {
    /// Waits until the request to `url` may go, or says why it may not.
    fn before_hop<'a>(&'a self, url: &'a Url, hop: usize) -> BoxFuture<'a, Result<(), FetchError>>;

    /// Sees a completed exchange (not called when no response came, or when the body was over
    /// the size limit).
    fn after_hop(&self, _exchange: &Exchange<'_>) {}
}

struct NoHook;

impl HopHook for NoHook {
    fn before_hop<'a>(&'a self, _: &'a Url, _: usize) -> BoxFuture<'a, Result<(), FetchError>> {
        Box::pin(async { Ok(()) })
    }
}

/// The HTTP client.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    cfg: Arc<FetchConfig>,
}

fn header(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name).and_then(|v| v.to_str().ok()).map(|s| s.trim().to_string())
}

/// `Retry-After` in seconds or as an HTTP date.
fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = header(h, "retry-after")?;
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(&v).ok()?;
    let secs = (at.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(secs as u64))
}

fn max_age(h: &HeaderMap) -> Option<u64> {
    header(h, "cache-control")?.split(',').find_map(|d| d.trim().strip_prefix("max-age=").and_then(|v| v.parse().ok()))
}

impl Fetcher {
    /// Builds the client (rustls with the ring provider; no OpenSSL).
    pub fn new(cfg: FetchConfig) -> Result<Fetcher, FetchError> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(cfg.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(cfg.connect_timeout)
            .read_timeout(cfg.read_timeout)
            .timeout(cfg.total_timeout)
            .dns_resolver(Arc::new(GuardedResolver { allow: cfg.allow_private.clone() }))
            .tls_backend_rustls()
            // A proxy would resolve names itself, out of reach of the address guard.
            .no_proxy()
            .build()
            .map_err(|e| FetchError::Invalid(format!("cannot build HTTP client: {e}")))?;
        Ok(Fetcher { client, cfg: Arc::new(cfg) })
    }

    /// The settings.
    pub fn config(&self) -> &FetchConfig {
        &self.cfg
    }

    /// Checks a URL against the policy: scheme, and literal addresses (names are checked when
    /// they are resolved).
    pub fn check(&self, url: &Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Refused(format!("scheme {} (only http and https)", url.scheme())));
        }
        let ip = match url.host() {
            Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") || d.ends_with(".localhost") => {
                Some(IpAddr::from([127, 0, 0, 1]))
            }
            Some(url::Host::Domain(_)) => None,
            None => return Err(FetchError::Invalid(format!("{url} has no host"))),
        };
        if let Some(ip) = ip.filter(|ip| !self.cfg.allow_private.permits(*ip)) {
            let why = non_public(ip).map_or_else(String::new, |w| format!(": {w}"));
            return Err(FetchError::Refused(format!(
                "{ip} is not a public address{why} (use --allow-private for local setups)"
            )));
        }
        Ok(())
    }

    /// GET with retries (connection errors, 5xx, 429 — `Retry-After` honoured).
    pub async fn get(&self, url: &str, validators: Option<(&str, &str)>) -> Result<Fetched, FetchError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.get_once(url, validators).await {
                Err(e) => match self.retry_wait(&e, attempt) {
                    Some(wait) => {
                        tracing::debug!(url, attempt, ?wait, error = %e, "retrying");
                        tokio::time::sleep(wait).await;
                    }
                    None => return Err(e),
                },
                ok => return ok,
            }
        }
    }

    /// How long to wait before attempt `attempt + 1` after `e`, or `None` when it is not worth
    /// another try: `Retry-After` when the server gave one (capped), else exponential backoff
    /// with jitter so that many clients retrying do not arrive together.
    pub fn retry_wait(&self, e: &FetchError, attempt: u32) -> Option<Duration> {
        if !e.retryable() || attempt >= self.cfg.attempts {
            return None;
        }
        Some(match e {
            FetchError::Status { retry_after: Some(d), .. } => (*d).min(self.cfg.max_retry_after),
            _ => {
                let base = self.cfg.backoff * 2u32.pow(attempt.saturating_sub(1).min(16));
                base + Duration::from_millis(fastrand::u64(..=base.as_millis() as u64 / 2 + 1))
            }
        })
    }

    /// One GET without retries, following redirects by hand (each hop checked against the
    /// policy). Callers that pace requests per host retry with [`Fetcher::retry_wait`].
    pub async fn get_once(&self, start: &str, validators: Option<(&str, &str)>) -> Result<Fetched, FetchError> {
        self.get_hops(start, validators, &NoHook).await
    }

    /// [`Fetcher::get_once`], calling `before_hop` before each request (the first, then each
    /// redirect): a redirect is a request like any other, to be paced and allowed by robots.txt.
    pub async fn get_hops(
        &self,
        start: &str,
        validators: Option<(&str, &str)>,
        hooks: &dyn HopHook,
    ) -> Result<Fetched, FetchError> {
        let mut url = Url::parse(start).map_err(|e| FetchError::Invalid(format!("{start}: {e}")))?;
        let mut seen: Vec<String> = vec![url.to_string()];
        for hop in 0..=self.cfg.max_redirects {
            self.check(&url)?;
            hooks.before_hop(&url, hop).await?;
            let mut req = self
                .client
                .get(url.clone())
                .header("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5");
            if let Some((etag, lm)) = validators {
                if !etag.is_empty() {
                    req = req.header("if-none-match", etag);
                }
                if !lm.is_empty() {
                    req = req.header("if-modified-since", lm);
                }
            }
            let request_head = format!(
                "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\n",
                url.path(),
                url.host_str().unwrap_or(""),
                self.cfg.user_agent
            );
            let resp = req.send().await.map_err(|e| connect_error(&e))?;
            let status = resp.status().as_u16();
            let headers = resp.headers().clone();
            let response_head = response_head(status, &headers);
            if status >= 300 && status != 304 {
                let (body, truncated) = read_prefix(resp, EXCHANGE_BODY_MAX).await;
                hooks.after_hop(&Exchange {
                    url: &url,
                    request_head: &request_head,
                    response_head: &response_head,
                    body: &body,
                    truncated,
                });
                if status >= 400 {
                    return Err(FetchError::Status { status, retry_after: retry_after(&headers) });
                }
                let Some(loc) = header(&headers, "location") else {
                    return Err(FetchError::Status { status, retry_after: None });
                };
                let next = url.join(&loc).map_err(|e| FetchError::Invalid(format!("redirect to {loc}: {e}")))?;
                if seen.contains(&next.to_string()) {
                    return Err(FetchError::RedirectLoop(next.to_string()));
                }
                seen.push(next.to_string());
                url = next;
                continue;
            }
            let body = read_capped(resp, self.cfg.max_body).await?;
            hooks.after_hop(&Exchange {
                url: &url,
                request_head: &request_head,
                response_head: &response_head,
                body: &body,
                truncated: false,
            });
            return Ok(Fetched {
                url: url.to_string(),
                status,
                content_type: header(&headers, "content-type").map(|c| c.to_ascii_lowercase()),
                etag: header(&headers, "etag"),
                last_modified: header(&headers, "last-modified"),
                max_age: max_age(&headers),
                body,
                request_head,
                response_head,
            });
        }
        Err(FetchError::TooManyRedirects(self.cfg.max_redirects))
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

fn response_head(status: u16, headers: &HeaderMap) -> String {
    let mut s = format!("HTTP/1.1 {status}\r\n");
    for (k, v) in headers {
        // The body is stored decompressed; say so, as Common Crawl does.
        let name = match k.as_str() {
            "content-encoding" | "content-length" | "transfer-encoding" => format!("X-Crawler-{}", k.as_str()),
            other => other.to_string(),
        };
        s.push_str(&format!("{name}: {}\r\n", v.to_str().unwrap_or("")));
    }
    s
}

/// Reads a body chunk by chunk, stopping at the cap: a 50 MB page or a decompression bomb costs
/// at most `max` bytes of memory.
async fn read_capped(mut resp: reqwest::Response, max: usize) -> Result<Vec<u8>, FetchError> {
    if resp.content_length().is_some_and(|n| n as usize > max) && resp.headers().get("content-encoding").is_none() {
        return Err(FetchError::TooLarge(max));
    }
    let mut body = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > max {
                    return Err(FetchError::TooLarge(max));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) if e.is_timeout() => return Err(FetchError::Timeout),
            Err(e) => return Err(FetchError::Connect(error_chain(&e))),
        }
    }
}

/// The first `max` bytes of a body, and whether there was more; a broken or slow body ends the
/// prefix (this is only for the archive, and the status already says what happened).
async fn read_prefix(mut resp: reqwest::Response, max: usize) -> (Vec<u8>, bool) {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        if body.len() + chunk.len() > max {
            body.extend_from_slice(&chunk[..max - body.len()]);
            return (body, true);
        }
        body.extend_from_slice(&chunk);
    }
    (body, false)
}

/// `Content-Type` says HTML, or the bytes do.
pub fn is_html(f: &Fetched) -> bool {
    is_html_response(f.content_type.as_deref(), &f.body)
}

/// The HTML test for any response: a declared HTML type is trusted, a declared feed or other
/// XML type is not a page (even though feeds look like markup), and untyped or generic bodies
/// are sniffed.
pub fn is_html_response(content_type: Option<&str>, body: &[u8]) -> bool {
    let sniffed = || marsad_extract::sniff(body) == marsad_extract::Sniffed::Html;
    match content_type.map(|c| c.to_ascii_lowercase()) {
        Some(ct) if ct.contains("html") => true,
        Some(ct) if ct.contains("xml") => false,
        Some(ct) if ct.starts_with("text/plain") || ct.starts_with("application/octet-stream") || ct.is_empty() => {
            sniffed()
        }
        Some(_) => false,
        None => sniffed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::examples::{PUBLIC, REFUSED};

    fn ip_of(host: &str) -> IpAddr {
        host.trim_matches(['[', ']']).parse().unwrap()
    }

    #[test]
    fn ipv6_forms_carrying_ipv4_and_special_purpose_ranges_are_refused() {
        let f = Fetcher::new(FetchConfig::default()).unwrap();
        for host in REFUSED {
            let url = Url::parse(&format!("http://{host}/")).unwrap();
            assert!(matches!(f.check(&url), Err(FetchError::Refused(_))), "{host}: {:?}", f.check(&url));
        }
        for host in PUBLIC {
            assert!(f.check(&Url::parse(&format!("http://{host}/")).unwrap()).is_ok(), "{host}");
        }
    }

    #[test]
    fn dns_answers_pointing_at_embedded_private_addresses_are_dropped() {
        let answer: Vec<SocketAddr> = REFUSED.iter().chain(PUBLIC).map(|h| SocketAddr::new(ip_of(h), 80)).collect();
        let kept = AllowPrivate::None.filter(answer.clone());
        assert_eq!(kept, PUBLIC.iter().map(|h| SocketAddr::new(ip_of(h), 80)).collect::<Vec<_>>());
        let local = AllowPrivate::Hosts(vec![ip_of("[::7f00:1]")]).filter(answer);
        assert_eq!(local.len(), PUBLIC.len() + 1, "a listed host is allowed, and only it");
    }

    #[test]
    fn policy_checks_scheme_and_literal_addresses() {
        let f = Fetcher::new(FetchConfig::default()).unwrap();
        assert!(matches!(f.check(&Url::parse("ftp://example.org/").unwrap()), Err(FetchError::Refused(_))));
        assert!(matches!(f.check(&Url::parse("http://127.0.0.1:8080/").unwrap()), Err(FetchError::Refused(_))));
        assert!(matches!(f.check(&Url::parse("http://localhost/").unwrap()), Err(FetchError::Refused(_))));
        assert!(matches!(f.check(&Url::parse("http://[::1]/").unwrap()), Err(FetchError::Refused(_))));
        assert!(f.check(&Url::parse("https://example.org/").unwrap()).is_ok());
        let local = Fetcher::new(FetchConfig {
            allow_private: AllowPrivate::Hosts(vec!["127.0.0.1".parse().unwrap()]),
            ..Default::default()
        })
        .unwrap();
        assert!(local.check(&Url::parse("http://127.0.0.1:8080/").unwrap()).is_ok());
        assert!(local.check(&Url::parse("http://127.0.0.2:8080/").unwrap()).is_err());
    }
}
