//! `marsad`: the command line. Parses arguments, calls the library crates, prints results.

mod output;

use std::io::IsTerminal;
use std::path::PathBuf;
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
    /// Ingest files or directories (recursively): page dumps, HTML, TREC <DOC> files, JSON Lines
    /// (plain or gzip). The format is detected from the content.
    Ingest(IngestArgs),
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
    },
    /// Rebuild the search index from the database.
    Reindex,
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

fn main() -> Result<()> {
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
        Command::Search(args) => search(&data, args),
        Command::Show { id, json } => {
            let store = open_store(&data)?;
            let Some(a) = store.get(id)? else { bail!("no article with id {id} in {}", data.display()) };
            if json {
                println!("{}", serde_json::to_string_pretty(&a)?);
            } else {
                print!("{}", output::article(&a));
            }
            Ok(())
        }
        Command::Stats { json } => {
            let stats = open_store(&data)?.stats()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                print!("{}", output::stats(&stats));
            }
            Ok(())
        }
        Command::Serve { addr } => {
            let store = open_store(&data)?;
            let rt = tokio::runtime::Runtime::new()?;
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind(&addr)
                    .await
                    .with_context(|| format!("cannot listen on {addr} (in use? try --addr 127.0.0.1:0)"))?;
                eprintln!("marsad: serving {} on http://{}", data.display(), listener.local_addr()?);
                marsad_web::serve(listener, store).await.context("server failed")
            })
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
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", output::extract_eval(&report, misses));
            }
            Ok(())
        }
        Command::Extract { file, json, base_date } => extract(&data, &file, json, base_date.as_deref()),
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
    let summary = marsad_ingest::ingest_paths(&store, &args.paths, &Default::default(), &stop, &mut |ev| match ev {
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
        println!("{}", serde_json::to_string_pretty(&Out { summary: &summary, rejections: rejected })?);
    } else {
        println!("{}", summary.line());
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
    };
    let results = store.search(&req)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print!("{}", output::search(&results, std::io::stdout().is_terminal()));
    }
    Ok(())
}

fn extract(data: &std::path::Path, file: &std::path::Path, json: bool, base_date: Option<&str>) -> Result<()> {
    let base_date = base_date.map(|d| parse_date(d, false).map(|t| t.date_naive())).transpose()?;
    let bytes = marsad_ingest::read_document(file).with_context(|| format!("cannot read {}", file.display()))?;
    // Use the outlets' line history when a data directory already exists; never create one here.
    let stats = if data.join("marsad.sqlite").exists() { Some(open_store(data)?.line_stats()?) } else { None };
    let opts = marsad_extract::Options { line_stats: stats.as_ref(), base_date };
    let mut extracted = marsad_extract::extract_with(&bytes, &opts);
    for a in extracted.records.iter_mut().flatten() {
        marsad_extract::finish(a);
    }
    let report = output::ExtractReport::new(file, extracted);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", output::extract(&report));
    }
    Ok(())
}
