//! `marsad`: the command line. Parses arguments, calls the library crates, prints results.

/// mimalloc, not glibc's allocator: ingest allocates many small, short-lived strings and tables
/// on every core (tokens, features, index postings), and glibc's free-list upkeep
/// (`unlink_chunk`, `malloc_consolidate`) took a fifth of a re-annotation's profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `print!` to stdout that returns the write error instead of panicking: `marsad search … | head`
/// closes the pipe early, which ends the command quietly (see [`main`]).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `println!` counterpart of [`out!`].
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

mod data;
mod eval;
mod eval_search;
mod ingest;
mod listen;
mod live;
mod ner;
mod output;
mod places;
mod progress;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};
use marsad_store::{Filter, SearchRequest};

use crate::data::DataDir;
use crate::eval::ClusterEval;
use crate::listen::ListenAddr;
use crate::progress::{Phase, grouped};

/// The exit statuses, shown after `marsad --help` (and in the README).
const EXIT_CODES: &str = "Exit status:
  0  success
  1  error: the command could not do what was asked (a one-line `error: …` on stderr says why;
     `ingest` also exits 1 when a path it was given does not exist, after ingesting the others;
     `feeds check` when a feed failed; `run --once` when every feed failed)
  2  usage error: unknown command or option, missing or invalid argument";

/// marsad (مرصد) — an Arabic-first news observatory: ingest news pages, extract the articles,
/// search and read them.
#[derive(Parser)]
#[command(name = "marsad", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    /// Data directory (database and index). Default: $MARSAD_DATA, else
    /// $XDG_DATA_HOME/marsad, else ~/.local/share/marsad.
    #[arg(long, global = true, env = "MARSAD_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    /// Open the data directory without writing anything to it (for search, show, stats,
    /// stories, story, serve). Implied when the directory is not writable; commands that write
    /// refuse to run.
    #[arg(long, global = true)]
    read_only: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest files or directories (recursively): page dumps, HTML, TREC <DOC> files, JSON Lines,
    /// WARC archives such as Common Crawl's CC-NEWS (plain or gzip). The format is detected from
    /// the content.
    Ingest(ingest::IngestArgs),
    /// Follow outlets: add, import (OPML), list, remove and check feeds and news sitemaps.
    #[command(subcommand)]
    Feeds(live::FeedsCommand),
    /// Keep the observatory up to date: poll the feeds, fetch new articles politely (robots.txt,
    /// per-host pace), store them, group them into stories; optionally serve the reader too.
    /// Stops cleanly on Ctrl-C or SIGTERM.
    Run(live::RunArgs),
    /// Search articles.
    Search(SearchArgs),
    /// Show one article.
    Show {
        /// Article id (from `search` or `stats`).
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Stories: each event with all outlets' coverage, biggest first (or trending).
    Stories(StoriesArgs),
    /// One story: coverage grouped by outlet, copies folded, its thread.
    Story {
        /// Story id (from `stories`).
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Counts by outlet, section, language and month.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Serve the reader and the JSON API.
    Serve {
        /// Address to listen on, host:port (127.0.0.1:8080 for this machine only, 0.0.0.0:8080
        /// for every network interface).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: ListenAddr,
        /// The reader's public address (https://host[:port][/path]), for the absolute links in
        /// Atom feeds; without it, the address a client connected to (never its Host header).
        #[arg(long, value_name = "URL")]
        base_url: Option<marsad_web::BaseUrl>,
        /// The time zone pages show times in, as an IANA name (Asia/Riyadh, Africa/Cairo…);
        /// every time is labelled with it.
        #[arg(long, value_name = "ZONE", default_value = "UTC", env = "MARSAD_TZ")]
        tz: marsad_web::DisplayZone,
    },
    /// Rebuild the search index from the database, and find every article's entities and
    /// quotations again.
    Reindex,
    /// Regroup every article into stories and threads from scratch (after changing the story
    /// window, or to rebuild the clustering state).
    Recluster {
        /// How long a story stays open after its latest article, hours.
        #[arg(long, value_name = "HOURS")]
        story_window_hours: Option<u32>,
    },
    /// Measure quality against labelled data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Entities (persons, places, organisations) in the stored articles whose spellings contain
    /// the query's words, most covered first: each with its id, name, kind, every spelling seen
    /// and its number of articles. Without a query, the most mentioned.
    Entities {
        /// Words of a name (any spelling).
        query: Vec<String>,
        /// How many to list.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only this kind, when listing the most mentioned: PERS, LOC, ORG or MISC.
        #[arg(long)]
        kind: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Named entities (persons, places, organisations): tag token files, retrain the recogniser.
    #[command(subcommand)]
    Ner(ner::NerCommand),
    /// Show what the extractor makes of one page: every article with its blocks and metadata,
    /// and the furniture it dropped.
    Extract {
        /// The page (dump, HTML, TREC or JSON Lines; gzip ok).
        file: PathBuf,
        /// Print JSON (field names documented in docs/extract-json.md).
        #[arg(long)]
        json: bool,
        /// The date the page is known to be from: resolves «اليوم السبت» and the like.
        #[arg(long, value_name = "DATE")]
        base_date: Option<String>,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Score extraction on a gold directory (pages beside `*.gold.json`; see docs/extract-gold.md):
    /// body precision/recall/F1, block, article-count, title, outlet and date accuracy, for marsad
    /// and the justext / trafilatura baselines.
    Extract {
        /// The gold directory.
        #[arg(long)]
        gold: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// List the pages marsad got wrong, and how.
        #[arg(long)]
        misses: bool,
    },
    /// Score story clustering on gold labels (TSV: id, story, thread): ingests exactly the gold
    /// articles from the corpus, in time order, into a fresh data directory, and prints BCubed
    /// precision/recall/F1, pairwise F1 and the number of stories.
    Stories(ClusterEval),
    /// The same, scoring threads.
    Threads(ClusterEval),
    /// Score search on gold story labels: each article's headline is a query, the other articles
    /// of its story (copies folded) are what it should find; prints MRR@10, recall@10 and the
    /// queries with no result. Also scores another system's run of the same queries.
    Search(eval_search::SearchEval),
    /// Score named-entity recognition on a `token TAG` file (ANERcorp's layout): entity-level
    /// micro-F1 by the CoNLL rule (kind and both boundaries exact), and per kind.
    Ner(ner::NerEval),
    /// Score entity linking and quotations on labelled ANT documents (ids and character offsets,
    /// see crates/eval/data/): pairwise linking precision/recall, speaker-attributed quotation
    /// precision/recall.
    Entities(ner::EntityEval),
    /// Generate an extraction gold set: real articles wrapped in realistic page furniture, as dumps
    /// and HTML — from a TREC corpus directory (e.g. ANT: the broadcasters' family) or a JSON Lines
    /// newspaper corpus, `.jsonl` or `.jsonl.gz` (e.g. SaudiNewsNet: the Gulf newspapers' family).
    GenExtract {
        /// The corpus: a TREC directory, or a JSON Lines file of newspaper articles.
        #[arg(long)]
        corpus: PathBuf,
        /// Where to write the pages and gold files.
        #[arg(long)]
        out: PathBuf,
        /// Number of pages (half dumps, half HTML).
        #[arg(long, default_value_t = 400)]
        pages: usize,
        /// Random seed (the same seed gives the same pages).
        #[arg(long, default_value_t = 2018)]
        seed: u64,
    },
}

#[derive(Args)]
struct StoriesArgs {
    /// Stories active on or after (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Stories that began on or before (a day counts whole).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only this section (world, middle-east, sport, …).
    #[arg(long, value_name = "S")]
    section: Option<String>,
    /// Only those that mention this entity: its id, or a name (the most covered entity of that
    /// name, as `marsad entities NAME` lists first).
    #[arg(long, value_name = "ID|NAME")]
    entity: Option<String>,
    /// Rank by trend (distinct outlets and articles in the last HOURS, recent first) instead of
    /// by total coverage.
    #[arg(long, value_name = "HOURS")]
    trending: Option<u32>,
    /// Number of stories.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct SearchArgs {
    /// Words (all required), "quoted phrases", -excluded words.
    #[arg(required = true)]
    query: Vec<String>,
    /// Only this outlet (id or name: bbc-arabic, BBC, بي بي سي).
    #[arg(long, value_name = "S")]
    source: Option<String>,
    /// Only this section (world, sport, … or the outlet's own label).
    #[arg(long, value_name = "S")]
    section: Option<String>,
    /// Published on or after (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Published on or before (a day counts whole).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only those that mention this entity: its id, or a name (the most covered entity of that
    /// name, as `marsad entities NAME` lists first).
    #[arg(long, value_name = "ID|NAME")]
    entity: Option<String>,
    /// Number of results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Skip this many results.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Newest matches first instead of best first.
    #[arg(long)]
    newest: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn default_data_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(x).join("marsad");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/marsad"),
        None => PathBuf::from("marsad-data"),
    }
}

/// Parses `--since`/`--until`. A bare day as `until` means the end of that day.
fn parse_date(raw: &str, end_of_day: bool) -> Result<DateTime<Utc>> {
    let d = marsad_extract::dates::parse_day(raw)
        .with_context(|| format!("cannot read date {raw:?}; use YYYY-MM-DD or RFC 3339"))?;
    let day_only = raw.trim().len() <= 10;
    Ok(if end_of_day && day_only { d + chrono::Duration::days(1) } else { d })
}

fn filter(source: Option<String>, section: Option<String>, since: Option<&str>, until: Option<&str>) -> Result<Filter> {
    Ok(Filter {
        outlet: source,
        section,
        since: since.map(|s| parse_date(s, false)).transpose()?,
        until: until.map(|s| parse_date(s, true)).transpose()?,
        entity: None,
    })
}

/// Runs the command; any failure is one line on stderr, `error: …` with its causes, and exit
/// status 1 — never a backtrace. A reader that closed our stdout early (`| head`) is not an error.
fn main() -> ExitCode {
    // Only a panic of the main thread ends the command; one in a worker (an extraction) is
    // caught and reported as that file's rejection, so it is only logged.
    std::panic::set_hook(Box::new(|info| {
        let main_thread = std::thread::current().name() == Some("main");
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        if main_thread && is_closed_stdout(&what) {
            // `marsad … | head`: the reader has what it wanted. Like `Err(BrokenPipe)` below, a
            // quiet success, not a bug report (unsafe code, which restoring SIGPIPE needs, is
            // forbidden here).
            std::process::exit(0);
        }
        if main_thread {
            eprintln!(
                "error: internal error{at}: {what} (a marsad bug; please report it with the command that caused it)"
            );
        } else {
            tracing::debug!("worker panic{at}: {what}");
        }
    }));
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// True when the error is a write to a pipe whose reader has gone.
/// True for the panic `println!` raises when standard output is a pipe whose reader has gone
/// («failed printing to stdout: Broken pipe (os error 32)»).
fn is_closed_stdout(panic: &str) -> bool {
    panic.starts_with("failed printing to stdout") && panic.contains("Broken pipe")
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn run() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            // The CRF trainer's optimiser warns when it stops at its iteration limit, which is
            // how `marsad ner train` is meant to stop.
            tracing_subscriber::EnvFilter::try_from_env("MARSAD_LOG")
                .unwrap_or_else(|_| "warn,marsad=info,liblbfgs=error".into()),
        )
        .with_writer(std::io::stderr)
        // Escape codes only for a terminal: `marsad run 2>log` writes plain text.
        .with_ansi(progress::colour(progress::stderr_is_terminal()))
        .init();
    let cli = Cli::parse();
    let data = DataDir { path: cli.data.unwrap_or_else(default_data_dir), read_only: cli.read_only };
    match cli.command {
        Command::Ingest(args) => ingest::run(&data, args),
        Command::Feeds(cmd) => {
            let store = if cmd.writes() { data.write("feeds")? } else { data.read()? };
            live::feeds(&store, cmd)
        }
        Command::Run(args) => live::run(data.write("run")?, args),
        Command::Search(args) => search(&data, args),
        Command::Show { id, json } => {
            let store = data.read()?;
            let Some(a) = store.get(id)? else { bail!("no article with id {id} in {}", data.path().display()) };
            if json {
                outln!("{}", serde_json::to_string_pretty(&a)?)?;
            } else {
                out!("{}", output::article(&a))?;
            }
            Ok(())
        }
        Command::Stats { json } => {
            let stats = data.read()?.stats()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&stats)?)?;
            } else {
                out!("{}", output::stats(&stats))?;
            }
            Ok(())
        }
        Command::Serve { addr, base_url, tz } => {
            let store = data.read()?;
            let read_only = if store.is_read_only() { " (read-only)" } else { "" };
            let rt = tokio::runtime::Runtime::new()?;
            rt.block_on(async move {
                let listener = listen::bind(&addr).await?;
                eprintln!("marsad: serving {}{read_only} on http://{}", data.path().display(), listener.local_addr()?);
                let router =
                    marsad_web::router_with(store, marsad_web::RouterOptions { base_url, metrics: None, zone: tz });
                // SIGTERM too: a service manager stops the reader with it, and requests in hand
                // should finish rather than be cut.
                marsad_web::serve_until(listener, router, marsad_web::ServeOptions::default(), live::signalled()).await;
                Ok(())
            })
        }
        Command::Eval(EvalCommand::Stories(args)) => eval::eval_clusters(&data, &args, false),
        Command::Eval(EvalCommand::Ner(args)) => ner::eval(&args),
        Command::Eval(EvalCommand::Entities(args)) => ner::eval_entities(&args),
        Command::Ner(cmd) => ner::run(cmd),
        Command::Entities { query, limit, kind, json } => {
            entities(&data, &query.join(" "), limit, kind.as_deref(), json)
        }
        Command::Eval(EvalCommand::Threads(args)) => eval::eval_clusters(&data, &args, true),
        Command::Eval(EvalCommand::Search(args)) => eval_search::run(&data, &args),
        Command::Stories(args) => stories(&data, args),
        Command::Story { id, json } => {
            let store = data.read()?;
            let Some(s) = store.story(id)? else { bail!("no story with id {id} in {}", data.path().display()) };
            if json {
                outln!("{}", serde_json::to_string_pretty(&s)?)?;
            } else {
                out!("{}", output::story(&s))?;
            }
            Ok(())
        }
        Command::Eval(EvalCommand::GenExtract { corpus, out, pages, seed }) => {
            let n = marsad_eval::generate(&corpus, &out, pages, seed)
                .with_context(|| format!("generating gold pages from {}", corpus.display()))?;
            eprintln!("wrote {n} pages and their gold to {}", out.display());
            Ok(())
        }
        Command::Eval(EvalCommand::Extract { gold, json, misses }) => {
            let report =
                marsad_eval::evaluate(&gold).with_context(|| format!("evaluating against {}", gold.display()))?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?)?;
            } else {
                out!("{}", output::extract_eval(&report, misses))?;
            }
            Ok(())
        }
        Command::Extract { file, json, base_date } => extract(&data, &file, json, base_date.as_deref()),
        Command::Recluster { story_window_hours } => {
            let store = data.write("recluster")?;
            let total = store.count()?;
            let phase = Phase::start(&format!("clustering {} articles…", grouped(total)), total, "articles");
            let s = marsad_ingest::recluster_all_with(&store, story_window_hours, &mut |done, _| {
                phase.bar().set_position(done)
            })?;
            phase.finish();
            eprintln!(
                "clustered {} articles into {} stories ({} threads, {} copies) in {:.1} s",
                s.articles, s.new_stories, s.new_threads, s.copies, s.seconds
            );
            Ok(())
        }
        Command::Reindex => {
            let store = data.write("reindex")?;
            let total = store.count()?;
            let phase = Phase::start(&format!("reindexing {} articles…", grouped(total)), total, "articles");
            let n = store.reindex(|done, _| phase.bar().set_position(done))?;
            phase.finish();
            eprintln!("reindexed {n} articles");
            let phase = Phase::start(&format!("finding who is in {} articles…", grouped(total)), total, "articles");
            let s = marsad_ingest::entities::reannotate_all(&store, &mut |done, _| phase.bar().set_position(done))?;
            phase.finish();
            let counts = store.entity_counts()?;
            eprintln!(
                "found {} entities ({} mentions, {} quotations) in {} articles in {:.1} s",
                counts["entities"], counts["mentions"], counts["quotes"], s.articles, s.seconds
            );
            Ok(())
        }
    }
}

fn entities(data: &DataDir, query: &str, limit: usize, kind: Option<&str>, json: bool) -> Result<()> {
    let kind = kind
        .map(|k| {
            marsad_entities::EntityKind::from_code(&k.to_uppercase())
                .ok_or_else(|| anyhow::anyhow!("unknown kind «{k}»: use PERS, LOC, ORG or MISC"))
        })
        .transpose()?;
    let store = data.read()?;
    let items =
        if query.trim().is_empty() { store.top_entities(kind, limit)? } else { store.search_entities(query, limit)? };
    if json {
        outln!("{}", serde_json::to_string_pretty(&items)?)?;
        return Ok(());
    }
    if items.is_empty() {
        outln!("no entity matches «{query}»")?;
    }
    for e in &items {
        let others: Vec<&str> = e.names.iter().map(String::as_str).filter(|n| *n != e.name).take(8).collect();
        let also = if others.is_empty() { String::new() } else { format!(" — {}", others.join("، ")) };
        outln!("{:>6}  {:<4} {} ({} articles, {} mentions){also}", e.id, e.kind, e.name, e.articles, e.mentions)?;
    }
    Ok(())
}

/// An entity given by id or by name: the id, or the most covered entity of that name.
fn entity_id(store: &marsad_store::Store, given: &str) -> Result<i64> {
    if let Ok(id) = given.trim().parse::<i64>() {
        return Ok(id);
    }
    match store.search_entities(given, 1)?.first() {
        Some(e) => Ok(e.id),
        None => anyhow::bail!("no entity is named «{given}»; `marsad entities` lists them"),
    }
}

fn search(data: &DataDir, args: SearchArgs) -> Result<()> {
    // Never create a data directory to search it.
    if !data.exists() {
        return Err(marsad_store::StoreError::Empty(data.path().to_path_buf()).into());
    }
    let store = data.read()?;
    let mut f = filter(args.source, args.section, args.since.as_deref(), args.until.as_deref())?;
    f.entity = args.entity.as_deref().map(|e| entity_id(&store, e)).transpose()?;
    let req = SearchRequest {
        query: args.query.join(" "),
        filter: f,
        offset: args.offset,
        limit: args.limit,
        any_term: false,
        newest_first: args.newest,
    };
    store.check_search(&req)?;
    if store.is_read_only() {
        let lag = store.index_lag()?;
        if lag > 0 {
            eprintln!(
                "note: the last {} articles stored in {} are not searchable yet, and the directory is opened \
                 read-only; run `marsad reindex` there as a user who can write to it",
                grouped(lag as u64),
                data.path().display()
            );
        }
    }
    let results = store.search(&req)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&results)?)?;
    } else {
        out!("{}", output::search(&results, progress::colour(std::io::stdout().is_terminal())))?;
    }
    Ok(())
}

fn extract(data: &DataDir, file: &std::path::Path, json: bool, base_date: Option<&str>) -> Result<()> {
    let base_date = base_date.map(|d| parse_date(d, false).map(|t| t.date_naive())).transpose()?;
    let bytes = marsad_ingest::read_document(file).with_context(|| format!("cannot read {}", file.display()))?;
    // Use the outlets' line history when a data directory already exists; never create one here.
    let stats = if data.exists() { Some(data.read()?.line_stats()?) } else { None };
    let opts = marsad_extract::Options { line_stats: stats.as_ref(), base_date, ..Default::default() };
    let extracted = marsad_extract::extract_with(&bytes, &opts);
    let report = output::ExtractReport::new(file, extracted);
    if json {
        outln!("{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        out!("{}", output::extract(&report))?;
    }
    Ok(())
}

fn stories(data: &DataDir, args: StoriesArgs) -> Result<()> {
    let store = data.read()?;
    let cards = match args.trending {
        Some(hours) => store.trending(hours, args.section.as_deref(), None, args.limit)?,
        None => {
            let f = filter(None, None, args.since.as_deref(), args.until.as_deref())?;
            let sf = marsad_store::StoryFilter {
                since: f.since,
                until: f.until,
                section: args.section.clone(),
                thread: None,
                entity: args.entity.as_deref().map(|e| entity_id(&store, e)).transpose()?,
            };
            store.stories(&sf, 0, args.limit)?.items
        }
    };
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&cards)?)?;
    } else {
        out!("{}", output::stories(&cards))?;
    }
    Ok(())
}
