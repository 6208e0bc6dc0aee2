//! `marsad feeds …` and `marsad run`: following live outlets.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use marsad_ingest::crawl::{CrawlConfig, check_feeds};
use marsad_ingest::fetch::AllowPrivate;
use marsad_ingest::metrics::Metrics;
use marsad_store::Store;

use crate::listen::{self, ListenAddr};

/// `marsad feeds …`.
#[derive(Subcommand)]
pub enum FeedsCommand {
    /// Follow feeds or sitemaps (RSS, Atom, RDF, Google News sitemaps, sitemap indexes).
    Add {
        /// Feed or sitemap URLs.
        #[arg(required = true)]
        urls: Vec<String>,
        /// The outlet's name.
        #[arg(long)]
        outlet: Option<String>,
        /// The outlet's country.
        #[arg(long)]
        country: Option<String>,
    },
    /// Follow every feed of an OPML file (as feed readers export them), e.g.
    /// feeds/arabic-outlets.opml.
    Import {
        /// The OPML file.
        file: PathBuf,
    },
    /// Write the feeds followed as OPML, for a feed reader or another marsad (`feeds import`).
    Export {
        /// Where to write (default: standard output).
        file: Option<PathBuf>,
    },
    /// The feeds followed: last poll, status, articles stored, errors.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Stop following feeds (by id or URL); URLs already found stay stored.
    Remove {
        /// Ids (from `feeds list`) or URLs.
        #[arg(required = true)]
        feeds: Vec<String>,
    },
    /// Fetch each feed once and report what it lists, storing nothing. Exits with status 1 when
    /// any feed failed.
    Check {
        /// Feeds to check (default: every feed followed).
        urls: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        fetch: FetchArgs,
    },
}

/// How marsad fetches.
#[derive(Args, Clone)]
pub struct FetchArgs {
    /// The User-Agent sent, which should say how to reach you.
    #[arg(long, value_name = "UA")]
    user_agent: Option<String>,
    /// Allow loopback, private, link-local and multicast addresses (local setups only: a feed
    /// could otherwise make marsad request internal services).
    #[arg(long)]
    allow_private: bool,
    /// Allow this one non-public address (repeatable).
    #[arg(long, value_name = "IP")]
    allow_private_host: Vec<IpAddr>,
    /// Least seconds between two requests to one host (a longer robots.txt Crawl-delay wins).
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    host_delay: f64,
    /// Requests in flight at once, all hosts.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Requests in flight at once to one host.
    #[arg(long, default_value_t = 1)]
    host_concurrency: usize,
}

/// `marsad run`.
#[derive(Args)]
pub struct RunArgs {
    /// Also serve the reader, the API and /metrics on this address (host:port, e.g.
    /// 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    serve: Option<ListenAddr>,
    /// With --serve: the reader's public address (https://host[:port][/path]), for the absolute
    /// links in Atom feeds; without it, the address a client connected to.
    #[arg(long, value_name = "URL", requires = "serve")]
    base_url: Option<marsad_web::BaseUrl>,
    /// With --serve: the time zone pages show times in, as an IANA name (Asia/Riyadh…).
    #[arg(long, value_name = "ZONE", default_value = "UTC", env = "MARSAD_TZ")]
    tz: marsad_web::DisplayZone,
    /// Archive every response as WARC (gzip, rotated at 1 GB) in this directory; replay with
    /// `marsad ingest DIR`.
    #[arg(long, value_name = "DIR")]
    warc_out: Option<PathBuf>,
    /// Poll every feed once, fetch what is due, and exit (for cron).
    #[arg(long)]
    once: bool,
    /// Minutes between polls of a feed that gives no ttl or Cache-Control hint.
    #[arg(long, default_value_t = 15, value_name = "MINUTES")]
    feed_interval: u64,
    /// How long a story stays open after its latest article, hours (default 72).
    #[arg(long, value_name = "HOURS")]
    story_window_hours: Option<u32>,
    #[command(flatten)]
    fetch: FetchArgs,
}

impl FeedsCommand {
    /// True for the subcommands that change the feeds followed (the others only read them).
    pub fn writes(&self) -> bool {
        matches!(self, FeedsCommand::Add { .. } | FeedsCommand::Import { .. } | FeedsCommand::Remove { .. })
    }
}

fn config(f: &FetchArgs) -> Result<CrawlConfig> {
    let mut cfg = CrawlConfig::default();
    if let Some(ua) = &f.user_agent {
        if ua.trim().is_empty() {
            bail!("--user-agent cannot be empty");
        }
        cfg.fetch.user_agent = ua.clone();
    }
    cfg.fetch.allow_private = if f.allow_private {
        AllowPrivate::All
    } else if !f.allow_private_host.is_empty() {
        AllowPrivate::Hosts(f.allow_private_host.clone())
    } else {
        AllowPrivate::None
    };
    if !(f.host_delay.is_finite() && f.host_delay > 0.0) {
        bail!("--host-delay must be a positive number of seconds");
    }
    cfg.polite.host_interval = Duration::from_secs_f64(f.host_delay);
    cfg.concurrency = f.concurrency.max(1);
    cfg.per_host_concurrency = f.host_concurrency.max(1);
    Ok(cfg)
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")
}

fn ago(t: Option<i64>) -> String {
    let Some(t) = t else { return "never".into() };
    let s = (chrono::Utc::now().timestamp() - t).max(0);
    match s {
        0..60 => format!("{s} s ago"),
        60..3600 => format!("{} min ago", s / 60),
        3600..86400 => format!("{} h ago", s / 3600),
        _ => format!("{} d ago", s / 86400),
    }
}

/// Runs `marsad feeds …`.
pub fn feeds(store: &Store, cmd: FeedsCommand) -> Result<()> {
    match cmd {
        FeedsCommand::Add { urls, outlet, country } => {
            for u in &urls {
                let parsed = url::Url::parse(u).with_context(|| format!("{u} is not a URL"))?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    bail!("{u}: only http and https feeds can be followed");
                }
            }
            for u in urls {
                let (id, new) = store.add_feed(&u, None, outlet.as_deref(), country.as_deref())?;
                outln!("{} feed {id}: {u}", if new { "added" } else { "updated" })?;
            }
        }
        FeedsCommand::Import { file } => import(store, &file)?,
        FeedsCommand::Export { file } => {
            let feeds: Vec<marsad_ingest::discover::OpmlFeed> = store
                .feeds()?
                .into_iter()
                .map(|f| marsad_ingest::discover::OpmlFeed {
                    url: f.url,
                    name_ar: f.outlet,
                    name_en: f.title,
                    country: f.country,
                })
                .collect();
            let xml = marsad_ingest::discover::write_opml("marsad feeds", &feeds);
            match file {
                Some(path) => {
                    std::fs::write(&path, xml).with_context(|| format!("cannot write {}", path.display()))?;
                    eprintln!("{} feeds written to {}", feeds.len(), path.display());
                }
                None => out!("{xml}")?,
            }
        }
        FeedsCommand::List { json } => {
            let feeds = store.feeds()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&feeds)?)?;
                return Ok(());
            }
            if feeds.is_empty() {
                outln!("no feeds followed; add some with `marsad feeds add URL` or `marsad feeds import FILE.opml`")?;
            }
            for f in feeds {
                let name = f.outlet.or(f.title).unwrap_or_default();
                outln!(
                    "{:>4}  {:<6} {:>12}  {:>6} articles  {}  {}",
                    f.id,
                    f.last_status.as_deref().unwrap_or("-"),
                    ago(f.last_fetch),
                    f.articles,
                    f.url,
                    name
                )?;
                if let Some(e) = f.last_error {
                    outln!("        error ({} in a row): {e}", f.failures)?;
                }
            }
        }
        FeedsCommand::Remove { feeds } => {
            for f in feeds {
                if store.remove_feed(&f)? {
                    outln!("removed {f}")?;
                } else {
                    bail!("no feed {f}; see `marsad feeds list`");
                }
            }
        }
        FeedsCommand::Check { urls, json, fetch } => {
            let urls = if urls.is_empty() { store.feeds()?.into_iter().map(|f| f.url).collect() } else { urls };
            if urls.is_empty() {
                bail!("no feeds to check; name some or add them with `marsad feeds add`");
            }
            let cfg = config(&fetch)?;
            let checks = runtime()?.block_on(check_feeds(&cfg, &urls))?;
            let failed = checks.iter().filter(|c| !c.ok).count();
            if json {
                outln!("{}", serde_json::to_string_pretty(&checks)?)?;
            } else {
                for c in &checks {
                    if c.ok {
                        let newest = c.newest.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or("-".into());
                        outln!(
                            "ok     {:<13} {:>5} links  newest {newest}  {}",
                            c.kind.as_deref().unwrap_or(""),
                            c.links,
                            c.url
                        )?;
                    } else {
                        outln!("FAILED {}: {}", c.url, c.error.as_deref().unwrap_or("unknown error"))?;
                    }
                }
                outln!("{} of {} feeds answered", checks.len() - failed, checks.len())?;
            }
            if failed > 0 {
                std::process::exit(1);
            }
        }
    }
    Ok(())
}

fn import(store: &Store, file: &Path) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let feeds = marsad_ingest::discover::parse_opml(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    if feeds.is_empty() {
        bail!("{} lists no feeds (outline elements with xmlUrl)", file.display());
    }
    let (mut new, mut updated) = (0, 0);
    for f in feeds {
        let (_, is_new) = store.add_feed(&f.url, f.name_en.as_deref(), f.name_ar.as_deref(), f.country.as_deref())?;
        if is_new {
            new += 1;
        } else {
            updated += 1;
        }
    }
    outln!("{new} feeds added, {updated} already followed (from {})", file.display())?;
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
pub(crate) async fn signalled() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// How long the exit waits for blocking work the crawl abandoned (an extraction in progress when
/// the grace period ended): long enough for one to finish its transaction, short enough that
/// SIGTERM is honoured promptly.
const ABANDONED_WORK_WAIT: Duration = Duration::from_secs(2);

/// The one-line error of a `run --once` in which no feed answered: how many, and the first
/// feed's error (often the same for all: offline).
fn every_feed_failed(store: &Store, summary: &marsad_ingest::crawl::CrawlSummary) -> anyhow::Error {
    let first = store
        .feeds()
        .ok()
        .and_then(|feeds| feeds.into_iter().find_map(|f| f.last_error.map(|e| format!("{}: {e}", f.url))))
        .map(|e| format!(" (first: {e})"))
        .unwrap_or_default();
    anyhow::anyhow!(
        "every feed failed: {} of {} polls{first}; nothing was fetched — see `marsad feeds list`",
        summary.feed_errors,
        summary.feeds_polled
    )
}

/// Runs `marsad run`.
pub fn run(store: Store, args: RunArgs) -> Result<()> {
    if store.feeds()?.is_empty() {
        bail!(
            "no feeds followed; add some with `marsad feeds add URL` or `marsad feeds import feeds/arabic-outlets.opml`"
        );
    }
    let mut cfg = config(&args.fetch)?;
    cfg.once = args.once;
    cfg.warc_out = args.warc_out;
    cfg.story_window_hours = args.story_window_hours;
    cfg.feed_interval = Duration::from_secs(args.feed_interval.max(1) * 60);
    let store = Arc::new(store);
    let metrics = Arc::new(Metrics::default());
    let rt = runtime()?;
    let result = rt.block_on(async move {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            signalled().await;
            tracing::info!("stopping: finishing the fetches in hand");
            let _ = stop_tx.send(true);
        });
        let server = match &args.serve {
            Some(addr) => {
                let listener = listen::bind(addr).await?;
                eprintln!("marsad: serving on http://{}", listener.local_addr()?);
                let m = metrics.clone();
                let options = marsad_web::RouterOptions {
                    base_url: args.base_url.clone(),
                    metrics: Some(Arc::new(move || m.render())),
                    zone: args.tz,
                };
                let router = marsad_web::router_with(store.clone(), options);
                let mut rx = stop_rx.clone();
                Some(tokio::spawn(marsad_web::serve_until(
                    listener,
                    router,
                    marsad_web::ServeOptions::default(),
                    async move {
                        let _ = rx.wait_for(|stop| *stop).await;
                    },
                )))
            }
            None => None,
        };
        let summary = marsad_ingest::crawl::run(store.clone(), cfg, metrics, stop_rx.clone()).await;
        if let Some(server) = server {
            if !args.once {
                // The crawl only returns on a signal, which stops the server too.
                let _ = server.await;
            } else {
                server.abort();
            }
        }
        let summary = summary.context("the crawl stopped")?;
        if args.once && summary.feeds_polled > 0 && summary.feed_errors == summary.feeds_polled {
            return Err(every_feed_failed(&store, &summary));
        }
        eprintln!(
            "marsad: {} feed polls ({} failed), {} pages, {} new articles, {} already present, {} skipped, {} failed, {} to retry — {:.1} s",
            summary.feeds_polled,
            summary.feed_errors,
            summary.pages,
            summary.new,
            summary.already_present,
            summary.skipped,
            summary.failed,
            summary.retried,
            summary.seconds
        );
        Ok(())
    });
    // A page whose extraction was abandoned at the end of the grace period (its URL went back to
    // the queue) may still run on the blocking pool: exit without waiting for it.
    rt.shutdown_timeout(ABANDONED_WORK_WAIT);
    result
}
