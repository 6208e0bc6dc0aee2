//! `marsad`: the command line. Parses arguments, calls the library crates, prints results.

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

mod live;
mod output;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};
use marsad_store::{Filter, SearchRequest, Store};

/// marsad (مرصد) — an Arabic-first news observatory: ingest news pages, extract the articles,
/// search and read them.
#[derive(Parser)]
#[command(name = "marsad", version, about, long_about = None)]
struct Cli {
    /// Data directory (database and index). Default: $MARSAD_DATA, else
    /// $XDG_DATA_HOME/marsad, else ~/.local/share/marsad.
    #[arg(long, global = true, env = "MARSAD_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest files or directories (recursively): page dumps, HTML, TREC <DOC> files, JSON Lines,
    /// WARC archives such as Common Crawl's CC-NEWS (plain or gzip). The format is detected from
    /// the content.
    Ingest(IngestArgs),
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
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// The reader's public address (https://host[:port][/path]), for the absolute links in
        /// Atom feeds; without it, the address a client connected to (never its Host header).
        #[arg(long, value_name = "URL")]
        base_url: Option<marsad_web::BaseUrl>,
        /// The time zone pages show times in, as an IANA name (Asia/Riyadh, Africa/Cairo…);
        /// every time is labelled with it.
        #[arg(long, value_name = "ZONE", default_value = "UTC", env = "MARSAD_TZ")]
        tz: marsad_web::DisplayZone,
    },
    /// Rebuild the search index from the database.
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

/// Arguments of `eval stories` and `eval threads`.
#[derive(clap::Args)]
struct ClusterEval {
    /// The gold TSV.
    #[arg(long)]
    gold: PathBuf,
    /// The TREC corpus holding the gold articles.
    #[arg(long, required_unless_present = "existing")]
    corpus: Option<PathBuf>,
    /// Score the stories already in the data directory (e.g. after ingesting the whole corpus, as
    /// a live observatory sees it) instead of clustering the gold articles alone.
    #[arg(long, conflicts_with = "corpus")]
    existing: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Also write each article's gold and predicted clusters with its headline (TSV), for error
    /// analysis.
    #[arg(long, value_name = "FILE")]
    assignments: Option<PathBuf>,
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
    /// Generate an extraction gold set from a TREC corpus (e.g. ANT): real articles wrapped in
    /// realistic page furniture, as dumps and HTML.
    GenExtract {
        /// The corpus directory.
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
struct IngestArgs {
    /// Files or directories.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Do not list rejected documents, only count them.
    #[arg(long, short)]
    quiet: bool,
    /// How long a story stays open after its latest article, hours (default 72).
    #[arg(long, value_name = "HOURS")]
    story_window_hours: Option<u32>,
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
    })
}

fn open_store(data: &std::path::Path) -> Result<Store> {
    Store::open(data).with_context(|| format!("opening the marsad data directory {}", data.display()))
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
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn run() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MARSAD_LOG").unwrap_or_else(|_| "warn,marsad=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let data = cli.data.unwrap_or_else(default_data_dir);
    match cli.command {
        Command::Ingest(args) => ingest(&data, args),
        Command::Feeds(cmd) => live::feeds(&open_store(&data)?, cmd),
        Command::Run(args) => live::run(open_store(&data)?, args),
        Command::Search(args) => search(&data, args),
        Command::Show { id, json } => {
            let store = open_store(&data)?;
            let Some(a) = store.get(id)? else { bail!("no article with id {id} in {}", data.display()) };
            if json {
                outln!("{}", serde_json::to_string_pretty(&a)?)?;
            } else {
                out!("{}", output::article(&a))?;
            }
            Ok(())
        }
        Command::Stats { json } => {
            let stats = open_store(&data)?.stats()?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&stats)?)?;
            } else {
                out!("{}", output::stats(&stats))?;
            }
            Ok(())
        }
        Command::Serve { addr, base_url, tz } => {
            let store = open_store(&data)?;
            let rt = tokio::runtime::Runtime::new()?;
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind(&addr)
                    .await
                    .with_context(|| format!("cannot listen on {addr} (in use? try --addr 127.0.0.1:0)"))?;
                eprintln!("marsad: serving {} on http://{}", data.display(), listener.local_addr()?);
                let router =
                    marsad_web::router_with(store, marsad_web::RouterOptions { base_url, metrics: None, zone: tz });
                // SIGTERM too: a service manager stops the reader with it, and requests in hand
                // should finish rather than be cut.
                marsad_web::serve_until(listener, router, marsad_web::ServeOptions::default(), live::signalled()).await;
                Ok(())
            })
        }
        Command::Eval(EvalCommand::Stories(args)) => eval_clusters(&data, &args, false),
        Command::Eval(EvalCommand::Threads(args)) => eval_clusters(&data, &args, true),
        Command::Stories(args) => stories(&data, args),
        Command::Story { id, json } => {
            let store = open_store(&data)?;
            let Some(s) = store.story(id)? else { bail!("no story with id {id} in {}", data.display()) };
            if json {
                outln!("{}", serde_json::to_string_pretty(&s)?)?;
            } else {
                out!("{}", output::story(&s))?;
            }
            Ok(())
        }
        Command::Eval(EvalCommand::GenExtract { corpus, out, pages, seed }) => {
            let n = marsad_extract::eval::generate(&corpus, &out, pages, seed)
                .with_context(|| format!("generating gold pages from {}", corpus.display()))?;
            eprintln!("wrote {n} pages and their gold to {}", out.display());
            Ok(())
        }
        Command::Eval(EvalCommand::Extract { gold, json, misses }) => {
            let report = marsad_extract::eval::evaluate(&gold)
                .with_context(|| format!("evaluating against {}", gold.display()))?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&report)?)?;
            } else {
                out!("{}", output::extract_eval(&report, misses))?;
            }
            Ok(())
        }
        Command::Extract { file, json, base_date } => extract(&data, &file, json, base_date.as_deref()),
        Command::Recluster { story_window_hours } => {
            let store = open_store(&data)?;
            let s = marsad_ingest::recluster_all(&store, story_window_hours)?;
            eprintln!(
                "clustered {} articles into {} stories ({} threads, {} copies) in {:.1} s",
                s.articles, s.new_stories, s.new_threads, s.copies, s.seconds
            );
            Ok(())
        }
        Command::Reindex => {
            let store = open_store(&data)?;
            let bar = output::bar(store.count()?, "articles");
            let n = store.reindex(|done, _| bar.set_position(done))?;
            bar.finish_and_clear();
            eprintln!("reindexed {n} articles");
            Ok(())
        }
    }
}

fn ingest(data: &std::path::Path, args: IngestArgs) -> Result<()> {
    let store = open_store(data)?;
    let stop = AtomicBool::new(false);
    let bar = output::bar(0, "files");
    let mut shown = 0usize;
    const MAX_SHOWN: usize = 200;
    let mut rejected = Vec::new();
    let opts = marsad_ingest::Options { story_window_hours: args.story_window_hours, ..Default::default() };
    let summary = marsad_ingest::ingest_paths(&store, &args.paths, &opts, &stop, &mut |ev| match ev {
        marsad_ingest::Event::Files(n) => bar.set_length(n),
        marsad_ingest::Event::Progress { documents, files } => {
            bar.set_position(files);
            let rate = documents as f64 / bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{documents} documents, {rate:.0} documents/s"));
        }
        marsad_ingest::Event::Rejected(r) => {
            if args.json {
                rejected.push(r.clone());
            } else if !args.quiet {
                shown += 1;
                if shown <= MAX_SHOWN {
                    bar.suspend(|| eprintln!("rejected {}: {}", r.source, r.rejection));
                } else if shown == MAX_SHOWN + 1 {
                    bar.suspend(|| eprintln!("(further rejections are counted but not listed; use --json for all)"));
                }
            }
        }
    })?;
    bar.finish_and_clear();
    if args.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            summary: &'a marsad_ingest::Summary,
            rejections: Vec<marsad_ingest::Rejected>,
        }
        outln!("{}", serde_json::to_string_pretty(&Out { summary: &summary, rejections: rejected })?)?;
    } else {
        outln!("{}", summary.line())?;
    }
    Ok(())
}

fn search(data: &std::path::Path, args: SearchArgs) -> Result<()> {
    let store = open_store(data)?;
    let req = SearchRequest {
        query: args.query.join(" "),
        filter: filter(args.source, args.section, args.since.as_deref(), args.until.as_deref())?,
        offset: args.offset,
        limit: args.limit,
        any_term: false,
        newest_first: args.newest,
    };
    let results = store.search(&req)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&results)?)?;
    } else {
        out!("{}", output::search(&results, std::io::stdout().is_terminal()))?;
    }
    Ok(())
}

fn extract(data: &std::path::Path, file: &std::path::Path, json: bool, base_date: Option<&str>) -> Result<()> {
    let base_date = base_date.map(|d| parse_date(d, false).map(|t| t.date_naive())).transpose()?;
    let bytes = marsad_ingest::read_document(file).with_context(|| format!("cannot read {}", file.display()))?;
    // Use the outlets' line history when a data directory already exists; never create one here.
    let stats = if data.join("marsad.sqlite").exists() { Some(open_store(data)?.line_stats()?) } else { None };
    let opts = marsad_extract::Options { line_stats: stats.as_ref(), base_date, content_type: None };
    let mut extracted = marsad_extract::extract_with(&bytes, &opts);
    for a in extracted.records.iter_mut().flatten() {
        marsad_extract::finish(a);
    }
    let report = output::ExtractReport::new(file, extracted);
    if json {
        outln!("{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        out!("{}", output::extract(&report))?;
    }
    Ok(())
}

fn stories(data: &std::path::Path, args: StoriesArgs) -> Result<()> {
    let store = open_store(data)?;
    let cards = match args.trending {
        Some(hours) => store.trending(hours, args.section.as_deref(), None, args.limit)?,
        None => {
            let f = filter(None, None, args.since.as_deref(), args.until.as_deref())?;
            let sf = marsad_store::StoryFilter {
                since: f.since,
                until: f.until,
                section: args.section.clone(),
                thread: None,
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

/// Scores the stories (or threads) marsad made of the gold articles: by default it ingests exactly
/// those, in publication order, into a fresh data directory; with `--existing`, it reads the
/// assignments of the data directory as they are.
fn eval_clusters(data: &std::path::Path, args: &ClusterEval, threads: bool) -> Result<()> {
    let gold = args.gold.as_path();
    let text = std::fs::read_to_string(gold).with_context(|| format!("cannot read gold file {}", gold.display()))?;
    let mut labels: std::collections::HashMap<String, (String, String)> = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            bail!("{}:{}: expected id<TAB>story<TAB>thread", gold.display(), n + 1);
        }
        labels.insert(f[0].to_string(), (f[1].to_string(), f[2].to_string()));
    }
    let (assigned, summary) = match &args.corpus {
        Some(corpus) => {
            let work = tempfile_dir()?;
            let result = cluster_gold_alone(&labels, corpus, &work);
            let _ = std::fs::remove_dir_all(&work);
            let (assigned, summary) = result?;
            (assigned, serde_json::to_value(summary)?)
        }
        None => {
            if !data.join("marsad.sqlite").exists() {
                bail!("no marsad data in {}; ingest the corpus there first, or give --corpus", data.display());
            }
            (open_store(data)?.story_assignments()?, serde_json::Value::Null)
        }
    };
    let mut pairs = Vec::new();
    let mut rows = String::from("id\tgold_story\tstory\tgold_thread\tthread\ttitle\n");
    // A document id can come back twice (stored, then seen again as a duplicate of itself).
    let mut seen = std::collections::HashSet::new();
    for (doc_id, story, thread, title) in assigned {
        if let Some((gs, gt)) = labels.get(&doc_id)
            && seen.insert(doc_id.clone())
        {
            pairs.push(if threads { (thread, gt.clone()) } else { (story, gs.clone()) });
            let title = title.replace(['\t', '\n'], " ");
            rows.push_str(&format!("{doc_id}\t{gs}\t{story}\t{gt}\t{thread}\t{title}\n"));
        }
    }
    if let Some(path) = &args.assignments {
        std::fs::write(path, rows).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if pairs.is_empty() {
        bail!("none of the gold articles are in {}; ingest the corpus first, or give --corpus", data.display());
    }
    let missing = labels.len() - pairs.len();
    let scores = marsad_cluster::score(&pairs);
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "scores": scores, "missing": missing, "ingest": summary })
            )?
        )?;
    } else {
        let what = if threads { "threads" } else { "stories" };
        outln!(
            "{} articles ({} of the gold not found): BCubed P {:.3} R {:.3} F1 {:.3}; pairwise P {:.3} R {:.3} F1 {:.3}; {} {what} (gold {})",
            scores.items,
            missing,
            scores.bcubed_precision,
            scores.bcubed_recall,
            scores.bcubed_f1,
            scores.pairwise_precision,
            scores.pairwise_recall,
            scores.pairwise_f1,
            scores.clusters,
            scores.gold_clusters
        )?;
    }
    Ok(())
}

type Assignments = Vec<(String, i64, i64, String)>;

/// Ingests exactly the gold articles of `corpus`, oldest first, into a store under `work`, and
/// returns where they went.
fn cluster_gold_alone(
    labels: &std::collections::HashMap<String, (String, String)>,
    corpus: &std::path::Path,
    work: &std::path::Path,
) -> Result<(Assignments, marsad_ingest::Summary)> {
    let mut docs: Vec<(Option<i64>, String, String)> = Vec::new();
    let (files, _) = marsad_ingest::walk(&[corpus.to_path_buf()]);
    for f in files {
        let Ok(t) = std::fs::read_to_string(&f) else { continue };
        let mut rest = t.as_str();
        while let Some(start) = rest.find("<DOC>") {
            let Some(end) = rest[start..].find("</DOC>") else { break };
            let doc = &rest[start..start + end + 6];
            rest = &rest[start + end + 6..];
            if let Some(a) = marsad_extract::trec::parse(doc).into_iter().flatten().next()
                && let Some(id) = a.doc_id.clone().filter(|id| labels.contains_key(id))
            {
                docs.push((a.published.map(|p| p.timestamp()), id, doc.to_string()));
            }
        }
    }
    if docs.is_empty() {
        bail!("none of the gold articles were found in {}", corpus.display());
    }
    docs.sort();
    docs.dedup_by(|a, b| a.1 == b.1);
    let input = work.join("gold-articles.trec");
    std::fs::write(&input, docs.iter().map(|d| d.2.as_str()).collect::<Vec<_>>().join("\n"))?;
    let store = open_store(&work.join("data"))?;
    let summary =
        marsad_ingest::ingest_paths(&store, &[input], &Default::default(), &AtomicBool::new(false), &mut |_| {})?;
    Ok((store.story_assignments()?, summary))
}

/// A fresh directory under the system's temporary directory.
fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "marsad-eval-{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
