//! `marsad eval stories` and `eval threads`: scoring story clustering against gold labels.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::data::DataDir;
use marsad_eval::stories as gold;

/// Arguments of `eval stories` and `eval threads`.
#[derive(clap::Args)]
pub struct ClusterEval {
    /// The gold TSV.
    #[arg(long)]
    pub gold: PathBuf,
    /// The TREC corpus holding the gold articles.
    #[arg(long, required_unless_present = "existing")]
    pub corpus: Option<PathBuf>,
    /// Score the stories already in the data directory (e.g. after ingesting the whole corpus, as
    /// a live observatory sees it) instead of clustering the gold articles alone.
    #[arg(long, conflicts_with = "corpus")]
    pub existing: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write each article's gold and predicted clusters with its headline (TSV), for error
    /// analysis.
    #[arg(long, value_name = "FILE")]
    pub assignments: Option<PathBuf>,
}

/// Scores the stories (or threads) marsad made of the gold articles: by default it ingests exactly
/// those, in publication order, into a fresh data directory; with `--existing`, it reads the
/// assignments of the data directory as they are.
pub fn eval_clusters(data: &DataDir, args: &ClusterEval, threads: bool) -> Result<()> {
    let labels = gold::read_labels(&args.gold)?;
    let (assigned, summary) = match &args.corpus {
        Some(corpus) => {
            let work = gold::WorkDir::new()?;
            let (store, summary) = gold::ingest_alone(&gold::gold_docs(&labels, corpus)?, &work.0)?;
            (store.story_assignments()?, serde_json::to_value(summary)?)
        }
        None => {
            if !data.exists() {
                bail!("no marsad data in {}; ingest the corpus there first, or give --corpus", data.path().display());
            }
            (data.read()?.story_assignments()?, serde_json::Value::Null)
        }
    };
    let mut pairs = Vec::new();
    let mut rows = String::from("id\tgold_story\tstory\tgold_thread\tthread\ttitle\n");
    // A document id can come back twice (stored, then seen again as a duplicate of itself).
    let mut seen = std::collections::HashSet::new();
    for (doc_id, story, thread, title) in assigned {
        if let Some(gold::Label { story: gs, thread: gt }) = labels.get(&doc_id)
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
        bail!("none of the gold articles are in {}; ingest the corpus first, or give --corpus", data.path().display());
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
