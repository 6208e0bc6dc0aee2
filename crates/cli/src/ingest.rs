//! `marsad ingest`: files and directories in, a summary out. A path that does not exist is an
//! error — named, in one line, at the end — but never a reason to lose the other paths' work.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use anyhow::{Result, anyhow};
use clap::Args;

use crate::data::DataDir;
use crate::progress::{Phase, grouped};

/// `marsad ingest` arguments.
#[derive(Args)]
pub struct IngestArgs {
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
    /// Do not look for entities and quotations now (`marsad reindex` finds them later).
    #[arg(long)]
    no_entities: bool,
}

/// At most this many rejections are listed; the rest are counted.
const MAX_SHOWN: usize = 200;

/// A path named on the command line that cannot be read at all, and why.
struct Missing {
    path: PathBuf,
    why: String,
}

/// Splits the paths into those that exist and those that do not (or cannot be looked at).
fn partition(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Missing>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(_) => found.push(p.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                missing.push(Missing { path: p.clone(), why: "no such file or directory".into() })
            }
            Err(e) => missing.push(Missing { path: p.clone(), why: e.to_string() }),
        }
    }
    (found, missing)
}

/// The one-line error for paths that were not there.
fn missing_error(missing: &[Missing], ingested_others: bool) -> anyhow::Error {
    let list: Vec<String> = missing.iter().map(|m| format!("{}: {}", m.path.display(), m.why)).collect();
    let others = if ingested_others { "; the other paths were ingested" } else { "" };
    anyhow!("cannot read {}{others}", list.join("; "))
}

/// The passes after reading (entities, stories), which run side by side: one bar for both.
#[derive(Default)]
struct AfterReading {
    /// The entity pass's (done, total), once it has begun.
    entities: Option<(u64, u64)>,
    /// Clustering's (done, total), once it has begun.
    clusters: Option<(u64, u64)>,
}

impl AfterReading {
    /// Moves the bar; `begun` when a pass has just begun, which starts a bar naming what runs.
    fn show(&self, phase: &mut Option<Phase>, begun: bool) {
        let (done, total) = [self.entities, self.clusters].iter().flatten().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        if begun {
            *phase = None;
            let articles = |n: u64| format!("{} {}", grouped(n), if n == 1 { "article" } else { "articles" });
            // A pass with nothing to do is not named.
            let begun = |p: Option<(u64, u64)>| p.filter(|&(_, total)| total > 0);
            let note = match (begun(self.entities), begun(self.clusters)) {
                (Some((_, e)), Some(_)) => format!("finding who is in {} and grouping them into stories…", articles(e)),
                (Some((_, e)), None) => format!("finding who is in {}…", articles(e)),
                (None, Some((_, c))) => format!("clustering {} into stories…", articles(c)),
                (None, None) => return,
            };
            if total > 0 {
                *phase = Some(Phase::start(&note, total, "steps"));
            }
        }
        if let Some(p) = phase {
            p.bar().set_position(done);
        }
    }
}

/// Runs `marsad ingest`.
pub fn run(data: &DataDir, args: IngestArgs) -> Result<()> {
    let (paths, missing) = partition(&args.paths);
    if paths.is_empty() {
        return Err(missing_error(&missing, false));
    }
    let store = data.write("ingest")?;
    let stop = AtomicBool::new(false);
    let mut phase: Option<Phase> = None;
    let mut after_reading = AfterReading::default();
    let mut shown = 0usize;
    let mut rejected = Vec::new();
    let opts = marsad_ingest::Options {
        story_window_hours: args.story_window_hours,
        entities: !args.no_entities,
        ..Default::default()
    };
    let summary = marsad_ingest::ingest_paths(&store, &paths, &opts, &stop, &mut |ev| match ev {
        marsad_ingest::Event::Files(n) => {
            let unit = if n == 1 { "file" } else { "files" };
            phase = Some(Phase::start(&format!("reading {} {unit}…", grouped(n)), n, "files"));
        }
        marsad_ingest::Event::Progress { documents, files } => {
            if let Some(p) = &phase {
                p.bar().set_position(files);
                let rate = documents as f64 / p.bar().elapsed().as_secs_f64().max(1e-3);
                p.bar().set_message(format!("{documents} documents, {rate:.0} documents/s"));
            }
        }
        marsad_ingest::Event::Entities { done, total } => {
            after_reading.entities = Some((done, total));
            after_reading.show(&mut phase, done == 0);
        }
        marsad_ingest::Event::Clustering { done, total } => {
            after_reading.clusters = Some((done, total));
            after_reading.show(&mut phase, done == 0);
        }
        marsad_ingest::Event::Rejected(r) => {
            if args.json {
                rejected.push(r.clone());
            } else if !args.quiet {
                shown += 1;
                let print = |line: String| match &phase {
                    Some(p) => p.bar().suspend(|| eprintln!("{line}")),
                    None => eprintln!("{line}"),
                };
                if shown <= MAX_SHOWN {
                    print(format!("rejected {}: {}", r.source, r.rejection));
                } else if shown == MAX_SHOWN + 1 {
                    print("(further rejections are counted but not listed; use --json for all)".into());
                }
            }
        }
    })?;
    drop(phase);
    if args.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            summary: &'a marsad_ingest::Summary,
            rejections: Vec<marsad_ingest::Rejected>,
            /// Paths named on the command line that do not exist.
            missing: Vec<String>,
        }
        let missing_paths = missing.iter().map(|m| m.path.display().to_string()).collect();
        let out = Out { summary: &summary, rejections: rejected, missing: missing_paths };
        outln!("{}", serde_json::to_string_pretty(&out)?)?;
    } else {
        outln!("{}", summary.line())?;
    }
    if !missing.is_empty() {
        return Err(missing_error(&missing, true));
    }
    Ok(())
}
